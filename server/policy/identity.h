#pragma once

#include <string>
#include <vector>

#include "model/user.h"

namespace backendless_mock {

// System roles every request carries, per the Backendless security model.
inline constexpr const char* kNotAuthenticatedRole = "NotAuthenticatedUser";
inline constexpr const char* kAuthenticatedRole = "AuthenticatedUser";

// Who is asking: anonymous, or a user with their roles and principals.
struct Identity {
  bool authenticated = false;
  std::string user_id;  // objectId; empty when anonymous
  std::string email;    // empty when anonymous
  std::vector<std::string> roles;

  // "anonymous" or "user:<objectId>", for logs and the journal.
  std::string Describe() const;
};

Identity AnonymousIdentity();
Identity UserIdentity(const User& user);

}  // namespace backendless_mock
