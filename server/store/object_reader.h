#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/fixture_error.h"

namespace backendless_mock {

enum class Presence { kOptional, kRequired };

// Reads the typed fields of one JSON object in a fixture document. Every
// problem goes to the sink with its pointer; reading never stops early.
class ObjectReader {
 public:
  // Reports "expected an object" when `value` is not one; valid() is then
  // false.
  ObjectReader(const nlohmann::json& value, std::string pointer,
               FixtureErrorSink& sink);

  bool valid() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string PointerOf(const std::string& key) const;
  bool Has(const std::string& key) const;

  // A non-empty string.
  std::optional<std::string> String(const std::string& key, Presence presence);
  // One of `allowed`, reported as `"x" is not one of a, b, c`.
  std::optional<std::string> Enum(
      const std::string& key, Presence presence,
      std::initializer_list<std::string_view> allowed);
  std::optional<int64_t> Integer(const std::string& key, Presence presence,
                                 int64_t minimum);
  // An array of non-empty strings.
  std::optional<std::vector<std::string>> StringArray(const std::string& key,
                                                      Presence presence);
  // A value of any type, or null when absent.
  const nlohmann::json* Any(const std::string& key, Presence presence);
  // A nested object or array, type-checked; null when absent or mistyped.
  const nlohmann::json* Object(const std::string& key, Presence presence);
  const nlohmann::json* Array(const std::string& key, Presence presence);

  // Reports a key that must not be present alongside the others.
  void Forbid(const std::string& key, const std::string& reason);
  // Reports every key no accessor above has read.
  void RejectUnreadKeys();
  // The keys no accessor has read, for objects that keep extra properties.
  std::vector<std::string> UnreadKeys() const;

 private:
  const nlohmann::json* Lookup(const std::string& key, Presence presence);
  bool CheckType(const nlohmann::json& value, const std::string& key, bool ok,
                 const char* expected);

  const nlohmann::json* object_ = nullptr;
  std::string pointer_;
  FixtureErrorSink& sink_;
  std::set<std::string> read_;
};

// "a string", "an object", ... for type mismatch messages.
std::string JsonTypeName(const nlohmann::json& value);

}  // namespace backendless_mock
