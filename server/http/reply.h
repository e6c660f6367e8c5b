#pragma once

#include <nlohmann/json.hpp>

#include "http/exchange.h"
#include "model/api_error.h"

namespace backendless_mock {

// A 200 (or `status`) response carrying `body` as JSON.
HttpResponse JsonResponse(const nlohmann::json& body, int status = 200);
// A Backendless-shaped error: {"code", "message"} with the error's status.
HttpResponse ErrorResponse(const ApiError& error);

}  // namespace backendless_mock
