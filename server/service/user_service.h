#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "clock.h"
#include "ids.h"
#include "model/expected.h"
#include "store/fixture_set.h"
#include "store/sessions.h"

namespace backendless_mock {

// Login, logout and token checks against the fixture users and live sessions.
class UserService {
 public:
  UserService(Sessions& sessions, const Clock& clock, IdSource& ids);

  // {"login": email, "password"}: the user with a fresh user-token. 3006 for
  // a missing field, 3003 for a wrong pair, 3090 for a disabled user.
  Expected<nlohmann::json> Login(const FixtureSet& fixtures,
                                 const nlohmann::json& body);
  // Ends the session of `token`. 3023 without a token.
  Expected<bool> Logout(const FixtureSet& fixtures,
                        const std::optional<std::string>& token);
  // True when `token` is a live session of an existing user.
  bool IsValidToken(const FixtureSet& fixtures, const std::string& token) const;

 private:
  Sessions& sessions_;
  const Clock& clock_;
  IdSource& ids_;
};

}  // namespace backendless_mock
