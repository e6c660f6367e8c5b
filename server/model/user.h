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
  std::vector<std::string> roles;          // custom roles, system roles excluded
  std::optional<std::string> user_token;   // a session valid from the start
  bool enabled = true;                     // userStatus ENABLED / DISABLED
  nlohmann::json properties = nlohmann::json::object();  // everything else
};

// An application id with the API keys that may be used with it.
struct AppCredentials {
  std::string app_id;
  std::vector<std::string> api_keys;
};

}  // namespace backendless_mock
