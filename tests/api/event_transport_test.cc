// What the event-loop transport does beyond single requests: pipelining,
// 100-continue, HTTP/1.0 keep-alive, and delays that hold an answer without
// holding up anyone else. No timing is asserted.
#include <doctest/doctest.h>

#include <string>

#include "hostile/raw_http.h"
#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

std::string StatusGet(const std::string& id, const std::string& extra = "") {
  return "GET /api/messaging/" + id + " HTTP/1.1\r\nHost: x\r\n" + extra +
         "\r\n";
}

json Unknown(const std::string& id) {
  return {{"status", "unknown"}, {"messageId", id}, {"errorMessage", nullptr}};
}

TEST_CASE("pipelined requests are answered in order on one connection") {
  TestServer server(TestFixturesDir("core"));
  RawConnection connection(server.port());
  std::string body = R"({"message":"hi"})";
  REQUIRE(connection.Send(StatusGet("p1") +
                          "POST /api/messaging/default HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body +
                          StatusGet("p3") +
                          "OPTIONS /x HTTP/1.1\r\nHost: x\r\n\r\n" +
                          StatusGet("p5", "Connection: close\r\n")));
  CHECK(connection.Read().json == Unknown("p1"));
  RawAnswer publish = connection.Read();
  CHECK(publish.status == 200);
  CHECK(publish.json["status"].is_string());
  CHECK(connection.Read().json == Unknown("p3"));
  CHECK(connection.Read().status == 204);
  RawAnswer last = connection.Read();
  CHECK(last.json == Unknown("p5"));
  CHECK(last.closed);
}

TEST_CASE("Expect: 100-continue gets 100 Continue before the body is sent") {
  TestServer server(TestFixturesDir("core"));
  RawConnection connection(server.port());
  std::string body = R"({"message":"hi"})";
  REQUIRE(connection.Send(
      "POST /api/messaging/default HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nExpect: 100-continue\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n"));
  CHECK(connection.Read().status == 100);
  REQUIRE(connection.Send(body));
  CHECK(connection.Read().status == 200);
}

TEST_CASE("HTTP/1.0 closes after the answer unless it asks to keep alive") {
  TestServer server(TestFixturesDir("core"));
  RawAnswer closed =
      RawExchange(server.port(), "GET /api/messaging/a HTTP/1.0\r\n\r\n");
  CHECK(closed.json == Unknown("a"));
  CHECK(RawHeader(closed, "Connection") == "close");
  CHECK(closed.closed);
  RawConnection kept(server.port());
  REQUIRE(kept.Send(
      "GET /api/messaging/b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  RawAnswer first = kept.Read();
  CHECK(first.json == Unknown("b"));
  CHECK(RawHeader(first, "Connection") == "keep-alive");
  REQUIRE(kept.Send("GET /api/messaging/c HTTP/1.0\r\n\r\n"));
  CHECK(kept.Read().json == Unknown("c"));
}

TEST_CASE("a delayed answer holds up no other connection on its loop") {
  Config config;
  config.http.threads = 1;  // every connection on the one loop
  TestServer server(TestFixturesDir("lifecycle"), config);
  // Ten minutes: were a thread sleeping it out, the loop would be stuck.
  REQUIRE(server
              .Send("POST", "/__admin/faults",
                    R"({"match":{"messageId":"fx-published"},
                          "effect":{"delayMs":600000}})")
              .status == 201);
  RawConnection delayed(server.port());
  REQUIRE(delayed.Send(StatusGet("fx-published")));
  // Answered while the delayed one waits; its effect (the hit) is counted.
  Answer other = server.Get("/api/messaging/fx-failed");
  CHECK(other.status == 200);
  CHECK(server.Get("/__admin/faults").body["faults"][0]["hits"] == 1);
}

TEST_CASE("a HEAD is answered with the headers a GET would have, no body") {
  TestServer server(TestFixturesDir("core"));
  // The router knows no HEAD routes (405, as before the event loop).
  RawAnswer head = RawExchange(server.port(),
                               "HEAD /api/messaging/m1 HTTP/1.1\r\nHost: "
                               "x\r\nConnection: close\r\n\r\n");
  CHECK(head.status == 405);
  CHECK(std::stoul(RawHeader(head, "Content-Length")) > 0);
  CHECK(head.body.empty());  // nothing came before the close
  CHECK(head.closed);
}

}  // namespace
}  // namespace backendless_mock::testing
