#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/fixture_error.h"

namespace backendless_mock {

enum class Presence { kOptional, kRequired };

// One member of a JSON object, as the reader sees it: the key and its value,
// owned elsewhere (a DOM object, or the loader's streamed members).
struct JsonMember {
  std::string_view key;
  const nlohmann::json* value = nullptr;
};

// Reads the typed fields of one JSON object in a fixture document. Every
// problem goes to the sink with its pointer; reading never stops early.
class ObjectReader {
 public:
  // Reports "expected an object" when `value` is not one; valid() is then
  // false.
  ObjectReader(const nlohmann::json& value, std::string pointer,
               FixtureErrorSink& sink);
  // An object the loader streamed member by member, without a DOM of it.
  // Keys are unique (a repeated key keeps its last value, as in a DOM).
  ObjectReader(std::vector<JsonMember> members, std::string pointer,
               FixtureErrorSink& sink);

  bool valid() const { return valid_; }
  const std::string& pointer() const { return pointer_; }
  std::string PointerOf(std::string_view key) const;
  bool Has(std::string_view key) const;

  // A non-empty string.
  std::optional<std::string> String(std::string_view key, Presence presence);
  // One of `allowed`, reported as `"x" is not one of a, b, c`.
  std::optional<std::string> Enum(
      std::string_view key, Presence presence,
      std::initializer_list<std::string_view> allowed);
  std::optional<int64_t> Integer(std::string_view key, Presence presence,
                                 int64_t minimum);
  // An array of non-empty strings.
  std::optional<std::vector<std::string>> StringArray(std::string_view key,
                                                      Presence presence);
  // A value of any type, or null when absent.
  const nlohmann::json* Any(std::string_view key, Presence presence);
  // The value, or null when absent, without counting it as read.
  const nlohmann::json* Peek(std::string_view key) const;
  // A nested object or array, type-checked; null when absent or mistyped.
  const nlohmann::json* Object(std::string_view key, Presence presence);
  const nlohmann::json* Array(std::string_view key, Presence presence);

  // Reports a key that must not be present alongside the others.
  void Forbid(std::string_view key, const std::string& reason);
  // Reports every key no accessor above has read.
  void RejectUnreadKeys();
  // The keys no accessor has read, for objects that keep extra properties.
  std::vector<std::string> UnreadKeys() const;

 private:
  const JsonMember* Find(std::string_view key) const;
  const nlohmann::json* Lookup(std::string_view key, Presence presence);
  bool CheckType(const nlohmann::json& value, std::string_view key, bool ok,
                 const char* expected);

  bool valid_ = false;
  // A handful of members per object: a linear scan beats a map, and a flag
  // per member marks what an accessor has read.
  std::vector<JsonMember> members_;
  std::vector<bool> read_;
  std::string pointer_;
  FixtureErrorSink& sink_;
};

// "a string", "an object", ... for type mismatch messages.
std::string JsonTypeName(const nlohmann::json& value);

}  // namespace backendless_mock
