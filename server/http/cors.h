#pragma once

#include "http/exchange.h"

namespace backendless_mock {

// Adds Access-Control-Allow-Origin (the caller's Origin, else "*") to every
// response, so browser apps on any origin can use the emulator.
void AddCorsHeaders(const HttpRequest& request, HttpResponse& response);

// The answer to a CORS preflight (OPTIONS on any path): 204 with the allowed
// methods and headers, user-token and Content-Type among them.
HttpResponse PreflightResponse(const HttpRequest& request);

}  // namespace backendless_mock
