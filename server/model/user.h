#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace backendless_mock {

// A Backendless user declared by a fixture.
struct User {
  std::string object_id;
  std::string email;
  std::string password;
  std::vector<std::string> roles;         // custom roles, system roles excluded
  std::optional<std::string> user_token;  // a session valid from the start
  bool enabled = true;                    // userStatus ENABLED / DISABLED
  nlohmann::json properties = nlohmann::json::object();  // everything else
};

// An application id with the API keys that may be used with it.
struct AppCredentials {
  std::string app_id;
  std::vector<std::string> api_keys;
};

}  // namespace backendless_mock

namespace backendless_mock {

// What POST users/login answers: the user's properties (never the password)
// with objectId, ownerId, ___class, userStatus, lastLogin and user-token.
struct LoggedInUser {
  const User& user;
  std::string user_token;
  int64_t last_login_ms = 0;
};

void to_json(nlohmann::json& j, const LoggedInUser& login);

}  // namespace backendless_mock
