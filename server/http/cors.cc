#include "http/cors.h"

#include <string>

namespace backendless_mock {

void AddCorsHeaders(const HttpRequest& request, HttpResponse& response) {
  std::optional<std::string_view> origin = request.Header("Origin");
  if (origin && !origin->empty()) {
    response.headers.emplace_back("Access-Control-Allow-Origin",
                                  std::string(*origin));
    response.headers.emplace_back("Vary", "Origin");
    response.headers.emplace_back("Access-Control-Allow-Credentials", "true");
  } else {
    response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  }
}

HttpResponse PreflightResponse(const HttpRequest& request) {
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  response.headers.emplace_back("Access-Control-Allow-Methods",
                                "GET, POST, PUT, DELETE, PATCH, OPTIONS");
  // The headers the Backendless SDKs send, plus whatever the browser asks for.
  std::string allowed =
      "Content-Type, user-token, application-id, secret-key, "
      "application-type, api-version, bl-execution-type, Authorization";
  if (auto asked = request.Header("Access-Control-Request-Headers");
      asked && !asked->empty()) {
    allowed += ", " + std::string(*asked);
  }
  response.headers.emplace_back("Access-Control-Allow-Headers", allowed);
  response.headers.emplace_back("Access-Control-Max-Age", "86400");
  return response;
}

}  // namespace backendless_mock
