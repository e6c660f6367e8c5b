// Hostile framing over raw sockets: huge request lines, header floods,
// bodies that never arrive, broken chunked encoding, NUL bytes. Every answer
// is a Backendless-shaped error (or the right answer), and the server stays
// healthy.
#include <doctest/doctest.h>

#include <string>

#include "hostile/raw_http.h"
#include "hostile/still_healthy.h"
#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;
using namespace std::string_literals;  // "...\0..."s keeps its NUL bytes

const json kUnknownProbe = {
    {"status", "unknown"}, {"messageId", "m1"}, {"errorMessage", nullptr}};

std::string Chunked(const std::string& path, const std::string& chunks) {
  return "POST " + path +
         " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         "Transfer-Encoding: chunked\r\n\r\n" +
         chunks;
}

TEST_CASE("a 1 MB path answers 414 with a Backendless error") {
  TestServer server(TestFixturesDir("core"));
  std::string path = "/api/messaging/" + std::string(1 << 20, 'a');
  RawAnswer answer = RawExchange(
      server.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(answer.status == 414);
  CHECK(answer.json ==
        Error(414, "Request URI is longer than the server accepts"));
  CheckStillHealthy(server);
}

TEST_CASE("10,000 headers are answered and leave the server healthy") {
  TestServer server(TestFixturesDir("core"));
  std::string request = "GET /api/messaging/m1 HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 10000; ++i) {
    request += "X-Flood-" + std::to_string(i) + ": v\r\n";
  }
  request += "Connection: close\r\n\r\n";
  RawAnswer answer = RawExchange(server.port(), request);
  // Answered as usual, or refused as too large: either way, in shape.
  if (answer.status == 431) {
    CHECK(answer.json ==
          Error(431, "Request headers are larger than the server accepts"));
  } else {
    CHECK(answer.status == 200);
    CHECK(answer.json == kUnknownProbe);
  }
  CheckStillHealthy(server);
}

TEST_CASE(
    "a journaled request keeps at most a bounded number of header bytes") {
  // 10,000 headers of 100 bytes, journaled 50 times, must not keep 50 MB.
  TestServer server(TestFixturesDir("core"));
  std::string request = "GET /api/messaging/m1 HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 10000; ++i) {
    request +=
        "X-Flood-" + std::to_string(i) + ": " + std::string(90, 'v') + "\r\n";
  }
  request += "Connection: close\r\n\r\n";
  REQUIRE(RawExchange(server.port(), request).status == 200);
  Answer journal = server.Get("/__admin/requests?limit=1");
  REQUIRE(journal.status == 200);
  REQUIRE(journal.body["requests"].size() == 1);
  // The journal cuts bodies at 8 KiB; headers deserve a bound too.
  CHECK(journal.body["requests"][0]["headers"].dump().size() <= 64 * 1024);
}

TEST_CASE(
    "a body declared far larger than the limit is refused with 413 at once") {
  TestServer server(TestFixturesDir("core"));
  for (const std::string length :
       {"1048577", "1000000000000", "99999999999999999999999"}) {
    CAPTURE(length);
    RawConnection connection(server.port());
    // Only the head: had the server waited for the body, it would answer
    // 408 when its read timeout passed, never 413.
    REQUIRE(
        connection.Send("POST /api/messaging/default HTTP/1.1\r\nHost: x\r\n"
                        "Content-Type: application/json\r\nContent-Length: " +
                        length + "\r\n\r\n"));
    RawAnswer answer = connection.Read();
    CHECK(answer.status == 413);
    CHECK(answer.json ==
          Error(413, "Request body is larger than the server accepts"));
    CHECK(RawHeader(answer, "Connection") == "close");
    CHECK(answer.closed);
  }
  CheckStillHealthy(server);
}

TEST_CASE("malformed chunked encoding answers 400 with a Backendless error") {
  TestServer server(TestFixturesDir("core"));
  const json malformed = Error(400, "Malformed HTTP request");
  SUBCASE("a chunk size that is not hex") {
    RawAnswer answer =
        RawExchange(server.port(),
                    Chunked("/api/messaging/default", "ZZ\r\n{}\r\n0\r\n\r\n"));
    CHECK(answer.status == 400);
    CHECK(answer.json == malformed);
  }
  SUBCASE("a chunk size that overflows") {
    RawAnswer answer = RawExchange(
        server.port(), Chunked("/api/messaging/default",
                               "FFFFFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"));
    CHECK(answer.status == 400);
    CHECK(answer.json == malformed);
  }
  SUBCASE("a chunk shorter than its size, then the end") {
    RawConnection connection(server.port(), 15000);
    connection.Send(Chunked("/api/messaging/default", "10\r\n{}\r\n0\r\n\r\n"));
    RawAnswer answer = connection.Read();
    CHECK((answer.status == 400 || answer.status == 408));
    CHECK(answer.json["code"] == answer.status);
  }
  SUBCASE("chunks adding up to more than the body limit answer 413") {
    std::string chunk(512 * 1024, ' ');
    std::string chunks;
    for (int i = 0; i < 3; ++i) chunks += "80000\r\n" + chunk + "\r\n";
    chunks += "0\r\n\r\n";
    RawAnswer answer =
        RawExchange(server.port(), Chunked("/api/messaging/default", chunks));
    CHECK(answer.status == 413);
    CHECK(answer.json ==
          Error(413, "Request body is larger than the server accepts"));
  }
  CheckStillHealthy(server);
}

TEST_CASE("a well-formed chunked publish is served") {
  TestServer server(TestFixturesDir("lifecycle"));
  RawAnswer answer =
      RawExchange(server.port(),
                  Chunked("/api/messaging/default",
                          "6\r\n{\"mess\r\nA\r\nage\":\"hi\"}\r\n0\r\n\r\n"));
  CHECK(answer.status == 200);
  CHECK(answer.json == R"({"errorMessage":null,
        "messageId":"message:00000000-0000-4000-8000-000000000001",
        "status":"scheduled"})"_json);
  CheckStillHealthy(server);
}

TEST_CASE("NUL bytes in the request line and headers get a clean answer") {
  TestServer server(TestFixturesDir("core"));
  SUBCASE("a raw NUL in the path") {
    RawAnswer answer = RawExchange(
        server.port(), "GET /api/messaging/m\0x HTTP/1.1\r\nHost: x\r\n\r\n"s);
    REQUIRE(answer.status != 0);
    CHECK(answer.json.is_object());
    if (answer.status == 200) {
      CHECK(answer.json == json{{"status", "unknown"},
                                {"messageId", "m\0x"s},
                                {"errorMessage", nullptr}});
    } else {
      CHECK(answer.status == 400);
      CHECK(answer.json["code"] == 400);
    }
  }
  SUBCASE("a percent-encoded NUL in the id") {
    RawAnswer answer = RawExchange(
        server.port(), "GET /api/messaging/m%00x HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(answer.status == 200);
    CHECK(answer.json == json{{"status", "unknown"},
                              {"messageId", "m\0x"s},
                              {"errorMessage", nullptr}});
  }
  SUBCASE("a NUL inside the user-token header") {
    RawAnswer answer = RawExchange(
        server.port(),
        "GET /api/messaging/m1 HTTP/1.1\r\nHost: x\r\nuser-token: tok\0en\r\n\r\n"s);
    REQUIRE(answer.status != 0);
    CHECK(answer.json.is_object());
    CHECK(answer.status == 400);
    CHECK((answer.json["code"] == 3064 || answer.json["code"] == 400));
  }
  SUBCASE("a raw NUL in the body") {
    std::string body = "{\"message\":\"a\0b\"}"s;
    RawAnswer answer =
        RawExchange(server.port(),
                    "POST /api/messaging/default HTTP/1.1\r\nHost: x\r\n"
                    "Content-Type: application/json\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body);
    CHECK(answer.status == 400);
    CHECK(answer.json["code"] == 8002);
    CHECK(answer.json["message"].get<std::string>().rfind(
              "Could not parse request with message: body is not valid JSON: ",
              0) == 0);
  }
  CheckStillHealthy(server);
}

TEST_CASE(
    "a request line that is not HTTP answers 400 and the server goes on") {
  TestServer server(TestFixturesDir("core"));
  for (const std::string& garbage :
       {"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"s,  // a TLS hello
        "GET\r\n\r\n"s, "GET / HTTP/9.9\r\n\r\n"s,
        "\xff\xfe\xfd /api HTTP/1.1\r\n\r\n"s}) {
    CAPTURE(garbage);
    RawAnswer answer = RawExchange(server.port(), garbage);
    if (answer.status != 0) {
      CHECK(answer.status >= 400);
      CHECK(answer.json["code"] == answer.status);
    }
  }
  CheckStillHealthy(server);
}

}  // namespace
}  // namespace backendless_mock::testing
