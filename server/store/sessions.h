#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "store/fixture_set.h"

namespace backendless_mock {

// Live user sessions: fixture tokens (valid from the start) and tokens issued
// by login, less those ended by logout. Only revoked fixture tokens are
// remembered, so login/logout cycles leave nothing behind. Thread-safe.
class Sessions {
 public:
  // The objectId of the user `token` belongs to, if the session is live.
  std::optional<std::string> Resolve(const std::string& token,
                                     const FixtureSet& fixtures) const;
  // Starts a session for `user_id` under `token`.
  void Issue(const std::string& token, const std::string& user_id);
  // Ends the session; false when it was not live.
  bool Revoke(const std::string& token, const FixtureSet& fixtures);
  // Forgets issued tokens and revocations: back to the fixtures' sessions.
  void Reset();
  size_t issued_count() const;
  // {"issued": {token: objectId}, "revoked": [token]}, for state snapshots.
  nlohmann::json Export() const;
  // Replaces the sessions with an Export(); false when its shape is wrong.
  bool Import(const nlohmann::json& state);

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::string> issued_;  // Guarded by mu_
  std::unordered_set<std::string> revoked_;              // Guarded by mu_
};

}  // namespace backendless_mock
