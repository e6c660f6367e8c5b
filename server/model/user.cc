#include "model/user.h"

namespace backendless_mock {

void to_json(nlohmann::json& j, const LoggedInUser& login) {
  const User& user = login.user;
  j = user.properties;
  j["objectId"] = user.object_id;
  j["ownerId"] = user.object_id;
  j["email"] = user.email;
  j["___class"] = "Users";
  j["userStatus"] = user.enabled ? "ENABLED" : "DISABLED";
  j["lastLogin"] = login.last_login_ms;
  j["user-token"] = login.user_token;
}

}  // namespace backendless_mock
