#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "model/expected.h"

namespace backendless_mock {

// What a fault rule does to a matching request.
struct FaultEffect {
  std::optional<std::pair<int64_t, int64_t>> delay_ms;  // [min, max]
  std::optional<nlohmann::json> error;     // {"status", "code", "message"}
  std::optional<nlohmann::json> response;  // {"status", "headers", "body"}
  bool close = false;  // end the connection without an answer (FIN)
  bool reset = false;  // end it with a TCP reset (RST)
};

// What a request looks like to fault matching.
struct FaultSubject {
  std::string method;
  std::string path;
  std::string message_id;
  std::string channel;
  std::string user_id;
  std::string user_email;
};

// A rule as POST /__admin/faults takes it: {"match": {...}, "effect": {...}}.
struct FaultRule {
  std::string id;
  nlohmann::json definition;  // as given, for listing
  std::optional<std::string> method, path_prefix, message_id, channel, user;
  std::optional<uint64_t> times;  // the first N matches only
  std::optional<double> probability;
  FaultEffect effect;
  uint64_t hits = 0;
  // Seeded from match.seed, else from a fixed default: a mock's faults are
  // deterministic, so a rule without a seed replays the same draws too.
  std::mt19937_64 random{// NOLINT(cert-msc32-c,cert-msc51-cpp): on purpose
                         std::mt19937_64::default_seed};
};

// Reads a rule, naming the field at fault in an 8002 error.
Expected<FaultRule> ReadFaultRule(const nlohmann::json& body);

// The fault rules in force. The first matching rule applies. Thread-safe.
class FaultInjector {
 public:
  // Adds `rule` with a fresh id ("fault-1", ...); returns its listing.
  nlohmann::json Add(FaultRule rule);
  // The effect for `subject`, counting a hit, if a rule applies.
  std::optional<FaultEffect> Match(const FaultSubject& subject);
  nlohmann::json List() const;
  bool Remove(const std::string& id);
  void Clear();
  size_t size() const;

 private:
  static nlohmann::json Listing(const FaultRule& rule);

  mutable std::mutex mu_;
  std::vector<FaultRule> rules_;  // Guarded by mu_
  uint64_t next_id_ = 1;          // Guarded by mu_
};

}  // namespace backendless_mock
