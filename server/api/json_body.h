#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "model/expected.h"

namespace backendless_mock {

// Parses a request body that must be a JSON object; 8002 naming the problem
// otherwise. An empty body is an empty object.
Expected<nlohmann::json> ParseJsonObjectBody(std::string_view body);

}  // namespace backendless_mock
