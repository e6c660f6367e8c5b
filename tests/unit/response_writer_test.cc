#include "http/response_writer.h"

#include <doctest/doctest.h>

#include <string>

namespace backendless_mock {
namespace {

std::string Written(const HttpResponse& response,
                    ResponseFraming framing = {}) {
  std::string out;
  AppendResponse(response, framing, out);
  return out;
}

TEST_CASE("a response is status line, headers, empty line and body") {
  HttpResponse response;
  response.body = R"({"a":1})";
  response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  CHECK(Written(response) ==
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        "Content-Length: 7\r\nAccess-Control-Allow-Origin: *\r\n\r\n{\"a\":1}");
}

TEST_CASE("the transport's framing headers win over the handler's") {
  HttpResponse response;
  response.status = 413;
  response.body = "x";
  response.headers.emplace_back("Connection", "close");
  response.headers.emplace_back("content-length", "99");
  response.headers.emplace_back("Transfer-Encoding", "chunked");
  ResponseFraming framing;
  framing.close = true;
  CHECK(Written(response, framing) ==
        "HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
        "Content-Length: 1\r\nConnection: close\r\n\r\nx");
}

TEST_CASE("204 has no Content-Length and no body; HEAD has no body") {
  HttpResponse preflight;
  preflight.status = 204;
  preflight.content_type.clear();
  preflight.body = "ignored";
  CHECK(Written(preflight) == "HTTP/1.1 204 No Content\r\n\r\n");
  HttpResponse response;
  response.body = "abc";
  ResponseFraming head;
  head.head_only = true;
  head.keep_alive_10 = true;
  CHECK(Written(response, head) ==
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        "Content-Length: 3\r\nConnection: keep-alive\r\n\r\n");
}

TEST_CASE("a status without a registered phrase is still written") {
  HttpResponse response;
  response.status = 299;
  response.content_type = "text/plain";
  CHECK(
      Written(response) ==
      "HTTP/1.1 299 \r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n");
  CHECK(std::string(ReasonPhrase(418)) == "I'm a teapot");
}

TEST_CASE("answers are appended, so pipelined ones share one buffer") {
  HttpResponse response;
  std::string out;
  AppendResponse(response, {}, out);
  size_t one = out.size();
  AppendResponse(response, {}, out);
  CHECK(out.size() == 2 * one);
}

}  // namespace
}  // namespace backendless_mock
