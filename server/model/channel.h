#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "model/message.h"
#include "model/operation.h"

namespace backendless_mock {

// Principals (role names, user objectIds, user emails) granted or denied one
// operation.
struct PermissionRule {
  std::set<std::string> grant;
  std::set<std::string> deny;
};

// A messaging channel declared by a fixture. Undeclared channels are open.
struct Channel {
  std::string name;
  std::map<Operation, PermissionRule> permissions;
  std::optional<DeliveryOutcome> delivery_outcome;  // for messages sent here
};

}  // namespace backendless_mock

namespace backendless_mock {

// Letters, digits, '_', '-' and '.', 1 to 255 of them (our reading of 5044).
bool IsValidChannelName(std::string_view name);

}  // namespace backendless_mock
