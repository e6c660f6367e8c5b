#include "model/fixture_json.h"

namespace backendless_mock {

void to_json(nlohmann::json& j, const DeliveryOutcome& outcome) {
  j = nlohmann::json{{"status", MessageStatusName(outcome.status)}};
  if (outcome.error_message) j["errorMessage"] = *outcome.error_message;
}

void to_json(nlohmann::json& j, const Message& message) {
  j = PublishFields(message);
  j["messageId"] = message.id;
  j["status"] = MessageStatusName(message.status);
  j["channel"] = message.channel;
  if (message.error_message) j["errorMessage"] = *message.error_message;
  if (message.publish_at_ms) j["publishAt"] = *message.publish_at_ms;
  if (message.repeat_every_s) j["repeatEvery"] = *message.repeat_every_s;
  if (message.repeat_expires_at_ms) {
    j["repeatExpiresAt"] = *message.repeat_expires_at_ms;
  }
  if (message.delivery_outcome)
    j["deliveryOutcome"] = *message.delivery_outcome;
}

void to_json(nlohmann::json& j, const User& user) {
  j = user.properties;
  j["objectId"] = user.object_id;
  j["email"] = user.email;
  j["password"] = user.password;
  j["roles"] = user.roles;
  j["userStatus"] = user.enabled ? "ENABLED" : "DISABLED";
  if (user.user_token) j["userToken"] = *user.user_token;
}

void to_json(nlohmann::json& j, const Channel& channel) {
  j = nlohmann::json{{"name", channel.name}};
  if (!channel.permissions.empty()) {
    nlohmann::json permissions = nlohmann::json::object();
    for (const auto& [op, rule] : channel.permissions) {
      nlohmann::json entry = nlohmann::json::object();
      if (!rule.grant.empty()) entry["grant"] = rule.grant;
      if (!rule.deny.empty()) entry["deny"] = rule.deny;
      permissions[std::string(OperationName(op))] = entry;
    }
    j["permissions"] = permissions;
  }
  if (channel.delivery_outcome)
    j["deliveryOutcome"] = *channel.delivery_outcome;
}

void to_json(nlohmann::json& j, const PushTemplate& push_template) {
  j = push_template.content;
  j["name"] = push_template.name;
  j["channel"] = push_template.channel;
  if (push_template.delivery_outcome) {
    j["deliveryOutcome"] = *push_template.delivery_outcome;
  }
}

}  // namespace backendless_mock
