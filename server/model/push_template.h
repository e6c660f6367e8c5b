#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/message.h"

namespace backendless_mock {

// A push template that POST messaging/push/<name> sends through.
struct PushTemplate {
  std::string name;
  std::string channel{kDefaultChannel};
  std::optional<DeliveryOutcome> delivery_outcome;
  nlohmann::json content = nlohmann::json::object();  // the template's data
};

}  // namespace backendless_mock
