#include "service/user_service.h"

#include "model/errors.h"
#include "model/user.h"

namespace backendless_mock {

UserService::UserService(Sessions& sessions, const Clock& clock, IdSource& ids)
    : sessions_(sessions), clock_(clock), ids_(ids) {}

Expected<nlohmann::json> UserService::Login(const FixtureSet& fixtures,
                                            const nlohmann::json& body) {
  auto text = [&body](const char* key) -> const std::string* {
    auto it = body.find(key);
    if (it == body.end() || !it->is_string() ||
        it->get_ref<const std::string&>().empty()) {
      return nullptr;
    }
    return &it->get_ref<const std::string&>();
  };
  const std::string* login = text("login");
  const std::string* password = text("password");
  if (login == nullptr || password == nullptr) return errors::LoginMissing();
  const User* user = fixtures.FindUserByEmail(*login);
  if (user == nullptr || user->password != *password) {
    return errors::InvalidLogin();
  }
  if (!user->enabled) return errors::UserDisabled();
  std::string token = ids_.NextUuid();
  sessions_.Issue(token, user->object_id);
  return nlohmann::json(LoggedInUser{*user, token, clock_.NowMs()});
}

Expected<bool> UserService::Logout(const FixtureSet& fixtures,
                                   const std::optional<std::string>& token) {
  if (!token) return errors::LogoutWithoutToken();
  return sessions_.Revoke(*token, fixtures);
}

bool UserService::IsValidToken(const FixtureSet& fixtures,
                               const std::string& token) const {
  std::optional<std::string> user_id = sessions_.Resolve(token, fixtures);
  return user_id && fixtures.FindUserById(*user_id) != nullptr;
}

}  // namespace backendless_mock
