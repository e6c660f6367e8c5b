// Fault injection over HTTP: POST/GET/DELETE /__admin/faults, every effect
// and every match key, and that faults never touch the admin API itself.
// Delays are only checked to still answer correctly, never timed.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

const json kPublished = Status("published", "fx-published");
const std::string kOneToken = "token-1";  // u-1, one@example.com

Answer AddFault(TestServer& server, const json& rule) {
  return server.Send("POST", "/__admin/faults", rule.dump());
}

// Adds `rule`, requiring it to be accepted.
void Fault(TestServer& server, const json& rule) {
  Answer answer = AddFault(server, rule);
  REQUIRE(answer.status == 201);
}

const json kTeapot = {
    {"error", {{"status", 418}, {"code", 9999}, {"message", "Teapot"}}}};

std::string HeaderOf(const Answer& answer, const std::string& name) {
  auto it = answer.headers.find(name);
  return it == answer.headers.end() ? "(none)" : it->second;
}

bool Faulted(const Answer& answer) {
  return answer.status == 418 && answer.body == Error(9999, "Teapot");
}

TEST_CASE("an error effect answers its status, code and message") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer added = AddFault(
      server,
      {{"match", {{"path", "/api/messaging/fx-"}}},
       {"effect",
        {{"error", {{"status", 503}, {"code", 1234}, {"message", "Down"}}}}}});
  CHECK(added.status == 201);
  CHECK(added.body ==
        R"({"id":"fault-1","hits":0,"match":{"path":"/api/messaging/fx-"},
      "effect":{"error":{"status":503,"code":1234,"message":"Down"}}})"_json);
  Answer answer = server.Get("/api/messaging/fx-published");
  CHECK(answer.status == 503);
  CHECK(answer.body == Error(1234, "Down"));
}

// Bug guard: the headers were read from a temporary JSON destroyed before the
// loop over them, so any response effect with headers answered 500.
TEST_CASE("a response effect answers its status, headers and body") {
  TestServer server(TestFixturesDir("lifecycle"));
  SUBCASE("a string body is text/plain unless a Content-Type says otherwise") {
    Fault(server, {{"effect",
                    {{"response",
                      {{"status", 202},
                       {"body", "a,b"},
                       {"headers", {{"X-Mock", "yes"}}}}}}}});
    Answer answer = server.Get("/api/messaging/fx-published");
    CHECK(answer.status == 202);
    CHECK(answer.raw_body == "a,b");
    CHECK(HeaderOf(answer, "X-Mock") == "yes");
    CHECK(HeaderOf(answer, "Content-Type") == "text/plain");
  }
  SUBCASE("a Content-Type header replaces the default") {
    Fault(server, {{"effect",
                    {{"response",
                      {{"status", 200},
                       {"body", "a,b"},
                       {"headers", {{"Content-Type", "text/csv"}}}}}}}});
    Answer answer = server.Get("/api/messaging/fx-published");
    CHECK(answer.raw_body == "a,b");
    CHECK(HeaderOf(answer, "Content-Type") == "text/csv");
  }
  SUBCASE("a JSON body is sent as JSON") {
    Fault(server,
          {{"effect",
            {{"response",
              {{"status", 200}, {"body", {{"ok", 1}, {"list", {1, 2}}}}}}}}});
    Answer answer = server.Get("/api/messaging/fx-published");
    CHECK(answer.status == 200);
    CHECK(answer.body == R"({"ok":1,"list":[1,2]})"_json);
    CHECK(HeaderOf(answer, "Content-Type") == "application/json");
  }
}

TEST_CASE("close and reset effects end the connection without an answer") {
  for (const std::string effect : {"close", "reset"}) {
    CAPTURE(effect);
    TestServer server(TestFixturesDir("lifecycle"));
    Fault(server, {{"match", {{"messageId", "fx-published"}}},
                   {"effect", {{effect, true}}}});
    httplib::Result result = server.Client().Get("/api/messaging/fx-published");
    CHECK_FALSE(result);
    // The server goes on serving, other requests and later ones alike.
    CHECK(server.Get("/api/messaging/fx-failed").status == 200);
    CHECK(server.Get("/__admin/faults").body["faults"][0]["hits"] == 1);
  }
}

TEST_CASE("a delay, fixed or in a range, still answers as usual") {
  TestServer server(TestFixturesDir("lifecycle"));
  SUBCASE("fixed") { Fault(server, {{"effect", {{"delayMs", 5}}}}); }
  SUBCASE("range") { Fault(server, {{"effect", {{"delayMs", {1, 5}}}}}); }
  SUBCASE("zero") { Fault(server, {{"effect", {{"delayMs", {0, 0}}}}}); }
  Answer answer = server.Get("/api/messaging/fx-published");
  CHECK(answer.status == 200);
  CHECK(answer.body == kPublished);
  CHECK(server.Get("/__admin/faults").body["faults"][0]["hits"] == 1);
}

TEST_CASE("a delay combines with an error") {
  TestServer server(TestFixturesDir("lifecycle"));
  json effect = kTeapot;
  effect["delayMs"] = {1, 3};
  Fault(server, {{"effect", effect}});
  CHECK(Faulted(server.Get("/api/messaging/fx-published")));
}

TEST_CASE(
    "configured latency delays emulated answers, which still arrive whole") {
  Config config;
  config.latency_ms = {1, 3};
  TestServer server(TestFixturesDir("lifecycle"), config);
  CHECK(server.Get("/api/messaging/fx-published").body == kPublished);
  CHECK(server.Get("/__admin/clock").status == 200);
}

TEST_CASE("match keys: method, path prefix and messageId") {
  TestServer server(TestFixturesDir("lifecycle"));
  SUBCASE("method") {
    Fault(server, {{"match", {{"method", "DELETE"}}}, {"effect", kTeapot}});
    CHECK(server.Get("/api/messaging/fx-scheduled-forever").status == 200);
    CHECK(Faulted(
        server.Send("DELETE", "/api/messaging/fx-scheduled-forever", "")));
  }
  SUBCASE("path is a prefix of the raw path, app root included") {
    Fault(server, {{"match", {{"path", "/APP/KEY/messaging/fx-p"}}},
                   {"effect", kTeapot}});
    CHECK(Faulted(server.Get("/APP/KEY/messaging/fx-published")));
    CHECK(server.Get("/api/messaging/fx-published").body == kPublished);
    CHECK(server.Get("/APP/KEY/messaging/fx-failed").status == 200);
  }
  SUBCASE("messageId, decoded from the path") {
    Fault(server,
          {{"match", {{"messageId", "message:X"}}}, {"effect", kTeapot}});
    CHECK(Faulted(server.Get("/api/messaging/message%3AX")));
    CHECK(Faulted(server.Send("DELETE", "/api/messaging/message:X", "")));
    CHECK(server.Get("/api/messaging/message:Y").status == 200);
  }
}

TEST_CASE(
    "match key channel: publishes to it and status reads of its messages") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer published =
      server.Send("POST", "/api/messaging/doomed", R"({"message":1})");
  REQUIRE(published.status == 200);
  Fault(server, {{"match", {{"channel", "doomed"}}}, {"effect", kTeapot}});
  CHECK(Faulted(
      server.Send("POST", "/api/messaging/doomed", R"({"message":2})")));
  CHECK(Faulted(server.Get("/api/messaging/" + MessageId(1))));
  CHECK(server.Send("POST", "/api/messaging/default", R"({"message":3})")
            .status == 200);
  CHECK(server.Get("/api/messaging/fx-published").body == kPublished);
  Fault(server, {{"match", {{"channel", "locked"}}}, {"effect", kTeapot}});
  CHECK(Faulted(server.Get("/api/messaging/fx-locked")));
}

TEST_CASE("match key user: the caller's objectId or email") {
  for (const std::string user : {"u-1", "one@example.com"}) {
    CAPTURE(user);
    TestServer server(TestFixturesDir("lifecycle"));
    Fault(server, {{"match", {{"user", user}}}, {"effect", kTeapot}});
    CHECK(Faulted(server.Get("/api/messaging/fx-published",
                             {{"user-token", kOneToken}})));
    CHECK(server.Get("/api/messaging/fx-published").body == kPublished);
  }
}

TEST_CASE("match key times: only the first N matches are faulted") {
  TestServer server(TestFixturesDir("lifecycle"));
  Fault(server, {{"match", {{"times", 2}}}, {"effect", kTeapot}});
  CHECK(Faulted(server.Get("/api/messaging/fx-published")));
  CHECK(Faulted(server.Get("/api/messaging/fx-published")));
  CHECK(server.Get("/api/messaging/fx-published").body == kPublished);
  CHECK(server.Get("/__admin/faults").body["faults"][0]["hits"] == 2);
}

TEST_CASE("match key probability: 0 never, 1 always") {
  TestServer server(TestFixturesDir("lifecycle"));
  Fault(server, {{"match", {{"probability", 0}}}, {"effect", kTeapot}});
  for (int i = 0; i < 20; ++i) CHECK(server.Get("/api/info").status == 200);
  REQUIRE(server.Send("DELETE", "/__admin/faults", "").status == 200);
  Fault(server, {{"match", {{"probability", 1}}}, {"effect", kTeapot}});
  for (int i = 0; i < 20; ++i) CHECK(Faulted(server.Get("/api/info")));
}

// The hit (1) and miss (0) sequence of 40 requests under probability 0.5.
std::string Draws(const json& match) {
  TestServer server(TestFixturesDir("lifecycle"));
  Fault(server, {{"match", match}, {"effect", kTeapot}});
  std::string draws;
  for (int i = 0; i < 40; ++i)
    draws += Faulted(server.Get("/api/info")) ? '1' : '0';
  return draws;
}

TEST_CASE(
    "probability 0.5 with the same seed replays the same hits and misses") {
  const json match = {{"probability", 0.5}, {"seed", 42}};
  std::string first = Draws(match);
  CHECK(Draws(match) == first);
  CHECK(first.find('0') != std::string::npos);
  CHECK(first.find('1') != std::string::npos);
  CHECK(Draws({{"probability", 0.5}, {"seed", 7}}) != first);
}

TEST_CASE("the first matching rule applies") {
  TestServer server(TestFixturesDir("lifecycle"));
  Fault(server,
        {{"match", {{"path", "/api/messaging/fx-failed"}}},
         {"effect",
          {{"error", {{"status", 500}, {"code", 1}, {"message", "one"}}}}}});
  Fault(server,
        {{"match", {{"path", "/api/messaging/"}}}, {"effect", kTeapot}});
  CHECK(server.Get("/api/messaging/fx-failed").body == Error(1, "one"));
  CHECK(Faulted(server.Get("/api/messaging/fx-published")));
}

TEST_CASE(
    "GET /__admin/faults lists the rules with their hits and DELETE removes "
    "them") {
  TestServer server(TestFixturesDir("lifecycle"));
  Fault(server, {{"match", {{"method", "GET"}}}, {"effect", kTeapot}});
  Fault(server,
        {{"effect", {{"close", true}}}, {"match", {{"method", "PATCH"}}}});
  server.Get("/api/info");
  CHECK(server.Get("/__admin/faults").body ==
        json{{"faults",
              {{{"id", "fault-1"},
                {"hits", 1},
                {"match", {{"method", "GET"}}},
                {"effect", kTeapot}},
               {{"id", "fault-2"},
                {"hits", 0},
                {"match", {{"method", "PATCH"}}},
                {"effect", {{"close", true}}}}}}});
  Answer deleted = server.Send("DELETE", "/__admin/faults/fault-1", "");
  CHECK(deleted.status == 200);
  CHECK(deleted.body == R"({"deleted":"fault-1"})"_json);
  CHECK(server.Get("/api/info").status == 200);
  Answer unknown = server.Send("DELETE", "/__admin/faults/fault-1", "");
  CHECK(unknown.status == 404);
  CHECK(unknown.body == Error(404, "No fault \"fault-1\""));
  Answer cleared = server.Send("DELETE", "/__admin/faults", "");
  CHECK(cleared.body == R"({"cleared":true})"_json);
  CHECK(server.Get("/__admin/faults").body == R"({"faults":[]})"_json);
  // Ids are never reused.
  CHECK(AddFault(server, {{"effect", kTeapot}}).body["id"] == "fault-3");
}

TEST_CASE("an invalid fault rule answers 8002 with what is wrong") {
  TestServer server(TestFixturesDir("lifecycle"));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{}", "\"effect\" is required"},
      {R"({"effect":{"close":true},"when":1})", "unknown key \"when\""},
      {R"({"match":[],"effect":{"close":true}})",
       "\"match\" must be an object"},
      {R"({"match":{"method":1},"effect":{"close":true}})",
       "match.method must be a string"},
      {R"({"match":{"user":null},"effect":{"close":true}})",
       "match.user must be a string"},
      {R"({"match":{"times":0},"effect":{"close":true}})",
       "match.times must be a positive integer"},
      {R"({"match":{"probability":1.5},"effect":{"close":true}})",
       "match.probability must be a number from 0 to 1"},
      {R"({"match":{"seed":"x"},"effect":{"close":true}})",
       "match.seed must be an integer"},
      {R"({"match":{"status":200},"effect":{"close":true}})",
       "unknown match key \"status\""},
      {R"({"effect":{}})", "\"effect\" must be a non-empty object"},
      {R"({"effect":"close"})", "\"effect\" must be a non-empty object"},
      {R"({"effect":{"delayMs":-1}})",
       "effect.delayMs must be N or [MIN, MAX] milliseconds"},
      {R"({"effect":{"delayMs":[5,1]}})",
       "effect.delayMs must be N or [MIN, MAX] milliseconds"},
      {R"({"effect":{"delayMs":600001}})",
       "effect.delayMs must be at most 600000"},
      {R"({"effect":{"error":{"status":500,"code":1}}})",
       "effect.error needs integer status and code and a string message"},
      {R"({"effect":{"error":{"status":99,"code":1,"message":"m"}}})",
       "effect.error.status must be 100-599"},
      {R"({"effect":{"response":{"body":"x"}}})",
       "effect.response needs an integer status"},
      {R"({"effect":{"response":{"status":600}}})",
       "effect.response.status must be 100-599"},
      {R"({"effect":{"response":{"status":200,"headers":[]}}})",
       "effect.response.headers must be an object"},
      {R"({"effect":{"response":{"status":200,"headers":{"X":1}}}})",
       "effect.response.headers values must be strings"},
      {R"({"effect":{"explode":true}})", "unknown effect \"explode\""},
      {R"({"effect":{"close":true,"reset":true}})",
       "effect may combine delayMs with one other effect only"},
  };
  // Not a structured binding: CAPTURE's lambda cannot capture one in C++17.
  for (const auto& item : cases) {
    const std::string& body = item.first;
    CAPTURE(body);
    Answer answer = server.Send("POST", "/__admin/faults", body);
    CHECK(answer.status == 400);
    CHECK(answer.body == CannotParse("fault rule: " + item.second));
  }
  Answer not_json = server.Send("POST", "/__admin/faults", "[1]");
  CHECK(not_json.status == 400);
  CHECK(not_json.body == CannotParse("body must be a JSON object"));
  CHECK(server.Get("/__admin/faults").body == R"({"faults":[]})"_json);
}

TEST_CASE("faults never apply to the admin API") {
  TestServer server(TestFixturesDir("lifecycle"));
  Fault(server, {{"effect", {{"close", true}}}});
  Fault(server,
        {{"match", {{"path", "/__admin"}}}, {"effect", {{"reset", true}}}});
  CHECK(server.Get("/__admin/clock").status == 200);
  CHECK(server.Get("/__admin/health").status == 200);
  Answer listed = server.Get("/__admin/faults");
  CHECK(listed.body["faults"][0]["hits"] == 0);
  CHECK(listed.body["faults"][1]["hits"] == 0);
  CHECK_FALSE(server.Client().Get("/api/info"));
}

}  // namespace
}  // namespace backendless_mock::testing
