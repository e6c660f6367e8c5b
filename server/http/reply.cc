#include "http/reply.h"

namespace backendless_mock {

HttpResponse JsonResponse(const nlohmann::json& body, int status) {
  HttpResponse response;
  response.status = status;
  // Invalid UTF-8 from a client (echoed ids, tokens) must never throw here.
  response.body =
      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

HttpResponse ErrorResponse(const ApiError& error) {
  return JsonResponse(nlohmann::json(error), error.http_status);
}

}  // namespace backendless_mock
