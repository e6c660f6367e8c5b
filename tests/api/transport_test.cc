// What every request gets whatever it asks: CORS, routing errors, limits.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/server.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

std::string HeaderOf(const Answer& answer, const std::string& name) {
  auto it = answer.headers.find(name);
  return it == answer.headers.end() ? "" : it->second;
}

// Sends raw bytes on a fresh connection; returns the first response whole
// (headers and Content-Length bytes of body), or what arrived before the
// server closed the connection.
std::string RawExchange(int port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) ==
          0);
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  CHECK(send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(bytes.size()));
  std::string received;
  char buffer[4096];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    received.append(buffer, static_cast<size_t>(n));
    size_t head_end = received.find("\r\n\r\n");
    size_t length_at = received.find("Content-Length: ");
    if (head_end == std::string::npos || length_at > head_end) continue;
    size_t length = std::stoul(received.substr(length_at + 16));
    if (received.size() >= head_end + 4 + length) break;
  }
  close(fd);
  return received;
}

std::string BodyOf(const std::string& raw_response) {
  return raw_response.substr(raw_response.find("\r\n\r\n") + 4);
}

TEST_CASE("a CORS preflight on any path answers 204 with methods and headers") {
  TestServer server(TestFixturesDir("core"));
  for (const std::string path :
       {"/api/messaging/m1", "/APP/KEY/users/login", "/x"}) {
    CAPTURE(path);
    Answer answer =
        server.Send("OPTIONS", path, "",
                    {{"Origin", "http://app.example"},
                     {"Access-Control-Request-Method", "POST"},
                     {"Access-Control-Request-Headers", "x-custom"}});
    CHECK(answer.status == 204);
    CHECK(answer.raw_body == "");
    CHECK(HeaderOf(answer, "Access-Control-Allow-Origin") ==
          "http://app.example");
    CHECK(HeaderOf(answer, "Access-Control-Allow-Methods") ==
          "GET, POST, PUT, DELETE, PATCH, OPTIONS");
    CHECK(HeaderOf(answer, "Access-Control-Allow-Headers") ==
          "Content-Type, user-token, application-id, secret-key, "
          "application-type, api-version, bl-execution-type, Authorization, "
          "x-custom");
  }
}

TEST_CASE("every response carries Access-Control-Allow-Origin") {
  TestServer server(TestFixturesDir("core"));
  CHECK(HeaderOf(server.Get("/api/messaging/m-published"),
                 "Access-Control-Allow-Origin") == "*");
  CHECK(HeaderOf(
            server.Get("/api/messaging/m-published", {{"Origin", "http://a"}}),
            "Access-Control-Allow-Origin") == "http://a");
  CHECK(HeaderOf(server.Get("/nowhere", {{"Origin", "http://a"}}),
                 "Access-Control-Allow-Origin") == "http://a");
  CHECK(HeaderOf(server.Get("/api/messaging/x", {{"user-token", "bad"}}),
                 "Access-Control-Allow-Origin") == "*");
}

TEST_CASE("an unknown route answers 404 naming method and path") {
  TestServer server(TestFixturesDir("core"));
  for (const std::string path : {"/", "/api", "/api/nothing/here", "/APP/KEY",
                                 "/APP/KEY/messaging", "/favicon.ico"}) {
    CAPTURE(path);
    Answer answer = server.Get(path);
    CHECK(answer.status == 404);
    CHECK(answer.body ==
          json{{"code", 404},
               {"message", "No emulated endpoint for GET " + path}});
  }
}

TEST_CASE("a known path with the wrong method answers 405") {
  TestServer server(TestFixturesDir("core"));
  Answer answer = server.Send("PUT", "/api/messaging/m1", "{}");
  CHECK(answer.status == 405);
  CHECK(answer.body ==
        json{{"code", 405},
             {"message", "Method PUT is not allowed on /api/messaging/m1"}});
}

TEST_CASE("a body over the limit answers 413 and the server stays healthy") {
  Config config;
  config.http.max_body_bytes = 64;
  TestServer server(TestFixturesDir("core"), config);
  Answer answer =
      server.Send("POST", "/api/messaging/default", std::string(1000, 'x'));
  CHECK(answer.status == 413);
  CHECK(answer.body ==
        json{{"code", 413},
             {"message", "Request body is larger than the server accepts"}});
  CHECK(server.Get("/api/messaging/m-published").status == 200);
}

TEST_CASE("a huge declared body that never arrives is cut off with 413") {
  Config config;
  config.http.max_body_bytes = 1024;
  TestServer server(TestFixturesDir("core"), config);
  std::string response = RawExchange(
      server.port(),
      "POST /api/messaging/default HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: 999999999999\r\n\r\n");
  CHECK(response.rfind("HTTP/1.1 413", 0) == 0);
  CHECK(json::parse(BodyOf(response))["code"] == 413);
}

TEST_CASE("a URI over the limit answers 414") {
  TestServer server(TestFixturesDir("core"));
  std::string response = RawExchange(
      server.port(), "GET /api/messaging/" + std::string(9000, 'a') +
                         " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(response.rfind("HTTP/1.1 414", 0) == 0);
  CHECK(json::parse(BodyOf(response)) ==
        json{{"code", 414},
             {"message", "Request URI is longer than the server accepts"}});
  CHECK(server.Get("/api/messaging/m-published").status == 200);
}

TEST_CASE("a malformed request line answers 400 with a JSON error") {
  TestServer server(TestFixturesDir("core"));
  std::string response = RawExchange(server.port(), "NONSENSE\r\n\r\n");
  CHECK(response.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(json::parse(BodyOf(response)) ==
        json{{"code", 400}, {"message", "Malformed HTTP request"}});
}

TEST_CASE("a client too slow to send its request is disconnected") {
  Config config;
  config.http.read_timeout_ms = 200;
  TestServer server(TestFixturesDir("core"), config);
  // Half a request line, then silence: the server must give up on its own.
  std::string response = RawExchange(server.port(), "GET /api/messag");
  CHECK(response.find("200 OK") == std::string::npos);
  CHECK(server.Get("/api/messaging/m-published").status == 200);
}

TEST_CASE("an exception in a handler becomes a 500 JSON error and a log line") {
  std::ostringstream log;
  ManualClock clock(kTestEpochMs);
  Logger logger(log, LogFormat::kText, clock);
  HttpOptions options;
  options.port = 0;
  options.threads = 2;
  HttpServer http(
      options,
      [](const HttpRequest&) -> HttpResponse {
        throw std::runtime_error("boom");
      },
      logger);
  std::optional<int> port = http.Bind();
  REQUIRE(port);
  std::thread serving([&http] { http.Serve(); });
  httplib::Client client("127.0.0.1", *port);
  auto first = client.Get("/api/messaging/x");
  auto second = client.Get("/api/messaging/y");  // the server lives on
  http.Stop();
  serving.join();
  REQUIRE(first);
  CHECK(first->status == 500);
  CHECK(json::parse(first->body) ==
        json{{"code", 500},
             {"message", "Internal error in backendless-mock: boom"}});
  REQUIRE(second);
  CHECK(second->status == 500);
  CHECK(
      log.str().find("error handler failed path=/api/messaging/x what=boom") !=
      std::string::npos);
}

TEST_CASE("each request writes one access-log line") {
  TestServer server(TestFixturesDir("core"));
  server.Get("/api/messaging/m-members", {{"user-token", "token-plain"}});
  std::string logs = server.Logs();
  CHECK(logs.find("info GET /api/messaging/m-members 200 decision=") !=
        std::string::npos);
  CHECK(logs.find("principal=user:u-plain") != std::string::npos);
  CHECK(logs.find("duration_ms=") != std::string::npos);
}

}  // namespace
}  // namespace backendless_mock::testing
