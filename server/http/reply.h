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

#include "model/expected.h"

namespace backendless_mock {

// The value as JSON (200), or its error; `decision` goes to the access log.
template <typename T>
HttpResponse ReplyWith(const Expected<T>& result, std::string decision = {}) {
  HttpResponse response = result.ok()
                              ? JsonResponse(nlohmann::json(result.value()))
                              : ErrorResponse(result.error());
  response.decision = std::move(decision);
  return response;
}

}  // namespace backendless_mock
