#pragma once

#include <nlohmann/json.hpp>

#include "http/exchange.h"
#include "model/api_error.h"

namespace backendless_mock {

// A 200 (or `status`) response carrying `body` as JSON.
HttpResponse JsonResponse(const nlohmann::json& body, int status = 200);
// The same for a body already written as JSON text.
HttpResponse JsonTextResponse(std::string body, int status = 200);
// A Backendless-shaped error: {"code", "message"} with the error's status.
HttpResponse ErrorResponse(const ApiError& error);

}  // namespace backendless_mock

#include "model/expected.h"
#include "model/message.h"

namespace backendless_mock {

// A reply's 200 response: the value through its to_json, or through the
// type's own JSON writer where it has one (the non-template overloads win).
template <typename T>
HttpResponse ValueResponse(const T& value) {
  return JsonResponse(nlohmann::json(value));
}
inline HttpResponse ValueResponse(const StatusReport& report) {
  return JsonTextResponse(StatusReportJson(report));
}

// The value as JSON (200), or its error; `decision` goes to the access log.
template <typename T>
HttpResponse ReplyWith(const Expected<T>& result, std::string decision = {}) {
  HttpResponse response = result.ok() ? ValueResponse(result.value())
                                      : ErrorResponse(result.error());
  response.decision = std::move(decision);
  return response;
}

}  // namespace backendless_mock
