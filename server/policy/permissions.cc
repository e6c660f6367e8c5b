#include "policy/permissions.h"

#include <vector>

namespace backendless_mock {
namespace {

// Checks `principals` (labelled `kind` in the reason) against one rule.
// Returns true when the rule names one of them, filling `decision`.
bool MatchRule(const PermissionRule& rule, const char* kind,
               const std::vector<std::string>& principals, Decision& decision) {
  for (const std::string& principal : principals) {
    if (rule.deny.count(principal) != 0) {
      decision = {false, std::string("DENY of ") + kind + " " + principal};
      return true;
    }
  }
  for (const std::string& principal : principals) {
    if (rule.grant.count(principal) != 0) {
      decision = {true, std::string("GRANT of ") + kind + " " + principal};
      return true;
    }
  }
  return false;
}

}  // namespace

Decision DecidePermission(const Channel* channel, Operation op,
                          const Identity& who) {
  if (channel == nullptr) return {true, "undeclared channel is open"};
  auto it = channel->permissions.find(op);
  if (it == channel->permissions.end()) {
    return {true, "no rule for the operation"};
  }
  Decision decision;
  if (who.authenticated &&
      MatchRule(it->second, "user", {who.user_id, who.email}, decision)) {
    return decision;
  }
  if (MatchRule(it->second, "role", who.roles, decision)) return decision;
  return {true, "no rule names the caller"};
}

}  // namespace backendless_mock
