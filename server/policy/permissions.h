#pragma once

#include <string>

#include "model/channel.h"
#include "model/operation.h"
#include "policy/identity.h"

namespace backendless_mock {

// The verdict of a permission check and the rule that decided it.
struct Decision {
  bool allowed = true;
  std::string reason;  // e.g. "DENY of role NotAuthenticatedUser"
};

// May `who` perform `op` on `channel`? A null channel is an undeclared, open
// one. A rule naming the user (objectId or email) wins over rules naming
// roles; among either, DENY wins over GRANT; no matching rule grants.
Decision DecidePermission(const Channel* channel, Operation op,
                          const Identity& who);

}  // namespace backendless_mock
