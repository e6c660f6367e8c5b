#include "policy/identity.h"

namespace backendless_mock {

std::string Identity::Describe() const {
  return authenticated ? "user:" + user_id : "anonymous";
}

Identity AnonymousIdentity() {
  Identity identity;
  identity.roles = {kNotAuthenticatedRole};
  return identity;
}

Identity UserIdentity(const User& user) {
  Identity identity;
  identity.authenticated = true;
  identity.user_id = user.object_id;
  identity.email = user.email;
  identity.roles.push_back(kAuthenticatedRole);
  identity.roles.insert(identity.roles.end(), user.roles.begin(),
                        user.roles.end());
  return identity;
}

}  // namespace backendless_mock
