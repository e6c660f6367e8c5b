#pragma once

// Turns an HttpResponse into the bytes of an HTTP/1.1 response, so that the
// transport sends status line, headers and body with a single write.
#include <string>

#include "http/exchange.h"

namespace backendless_mock {

struct ResponseFraming {
  bool close = false;          // say "Connection: close"
  bool keep_alive_10 = false;  // an HTTP/1.0 client kept alive: say so
  bool head_only = false;      // HEAD: headers as for GET, no body
};

// Appends the response to `out`: status line, Content-Type (when set),
// Content-Length (except for 1xx and 204), response.headers (framing ones
// such as Connection or Content-Length are the transport's and skipped),
// the Connection header, an empty line, and the body.
void AppendResponse(const HttpResponse& response, ResponseFraming framing,
                    std::string& out);

// "Not Found" for 404; empty for a code without a registered phrase.
const char* ReasonPhrase(int status);

}  // namespace backendless_mock
