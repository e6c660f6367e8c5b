#pragma once

// The fixture-file form of each fixture entity: what the admin API answers
// for a GET and what state snapshots store. Reading the same form back is
// store/fixture_document.cc's job.
#include <nlohmann/json.hpp>

#include "model/channel.h"
#include "model/message.h"
#include "model/push_template.h"
#include "model/user.h"

namespace backendless_mock {

void to_json(nlohmann::json& j, const DeliveryOutcome& outcome);
void to_json(nlohmann::json& j, const Message& message);
void to_json(nlohmann::json& j, const User& user);
void to_json(nlohmann::json& j, const Channel& channel);
void to_json(nlohmann::json& j, const PushTemplate& push_template);

}  // namespace backendless_mock
