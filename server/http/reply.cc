#include "http/reply.h"

#include <utility>

namespace backendless_mock {

HttpResponse JsonResponse(const nlohmann::json& body, int status) {
  // Invalid UTF-8 from a client (echoed ids, tokens) must never throw here.
  return JsonTextResponse(
      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      status);
}

HttpResponse JsonTextResponse(std::string body, int status) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse ErrorResponse(const ApiError& error) {
  return JsonResponse(nlohmann::json(error), error.http_status);
}

}  // namespace backendless_mock
