// GET /__admin/health, POST /__admin/fixtures/reload and the fixture watcher,
// over HTTP: what a reload serves, what it keeps, and what a bad edit does.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "support/expected_json.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

// A watcher interval no test outlives: the tests poll with CheckFixturesNow()
// instead of waiting for the watcher's thread on real time.
constexpr int kNeverByItself = 3'600'000;

using nlohmann::json;
namespace fs = std::filesystem;

// The lifecycle fixtures, copied so a test may edit them.
class FixtureCopy {
 public:
  FixtureCopy() {
    fs::copy(TestFixturesDir("lifecycle"), dir_.path(),
             fs::copy_options::recursive);
  }
  std::string dir() const { return dir_.path().string(); }
  std::string file(const std::string& name) const {
    return (dir_.path() / name).string();
  }
  void Write(const std::string& name, const std::string& content) const {
    dir_.Write(name, content);
  }
  void Remove(const std::string& name) const { fs::remove(dir_.path() / name); }

 private:
  TempDir dir_;
};

// What GET /__admin/health answers, less uptimeMs (checked apart: it varies).
json HealthWithoutUptime(TestServer& server) {
  Answer answer = server.Get("/__admin/health");
  REQUIRE(answer.status == 200);
  REQUIRE(answer.body.contains("uptimeMs"));
  CHECK(answer.body["uptimeMs"].is_number_integer());
  CHECK(answer.body["uptimeMs"].get<int64_t>() >= 0);
  answer.body.erase("uptimeMs");
  return answer.body;
}

json Reload(const std::string& trigger, int64_t at_ms, const std::string& at,
            const json& errors = json::array(), bool ok = true) {
  return {{"ok", ok},
          {"at", at},
          {"atMs", at_ms},
          {"trigger", trigger},
          {"errors", errors}};
}

const json kPublished = Status("published", "fx-published");

TEST_CASE(
    "health answers the fixture counts, runtime state and the start reload") {
  FixtureCopy fixtures;
  TestServer server(fixtures.dir());
  CHECK(HealthWithoutUptime(server) ==
        json{{"status", "ok"},
             {"version", BACKENDLESS_MOCK_VERSION},
             {"fixtures",
              {{"dir", fixtures.dir()},
               {"messages", 7},
               {"users", 2},
               {"channels", 3}}},
             {"runtime", {{"messages", 0}, {"sessions", 0}}},
             {"journal", {{"size", 0}, {"capacity", 10000}, {"dropped", 0}}},
             {"faults", 0},
             {"lastReload",
              Reload("start", kTestEpochMs, "2026-01-01T00:00:00.000Z")}});
}

TEST_CASE(
    "health counts published messages, sessions, journal entries and faults") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(server.Send("POST", "/api/messaging/default", R"({"message":"hi"})")
              .status == 200);
  REQUIRE(server
              .Send("POST", "/api/users/login",
                    R"({"login":"one@example.com","password":"pw-1"})")
              .status == 200);
  REQUIRE(server
              .Send("POST", "/__admin/faults",
                    R"({"match":{"path":"/nowhere"},"effect":{"close":true}})")
              .status == 201);
  json health = HealthWithoutUptime(server);
  CHECK(health["runtime"] == R"({"messages":1,"sessions":1})"_json);
  CHECK(health["journal"] == R"({"size":3,"capacity":10000,"dropped":0})"_json);
  CHECK(health["faults"] == 1);
}

TEST_CASE("a reload answers its result and serves the edited files") {
  FixtureCopy fixtures;
  TestServer server(fixtures.dir());
  fixtures.Write("added.json",
                 R"({"messages":[{"messageId":"fx-added","status":"failed",
                                  "errorMessage":"late"}]})");
  server.clock().AdvanceMs(1500);
  Answer answer = server.Send("POST", "/__admin/fixtures/reload", "");
  CHECK(answer.status == 200);
  CHECK(answer.body ==
        Reload("admin", kTestEpochMs + 1500, "2026-01-01T00:00:01.500Z"));
  CHECK(server.Get("/api/messaging/fx-added").body ==
        Status("failed", "fx-added", "late"));
  CHECK(HealthWithoutUptime(server)["lastReload"] == answer.body);
  CHECK(HealthWithoutUptime(server)["fixtures"]["messages"] == 8);
}

TEST_CASE(
    "a reload of invalid files answers 422 with every error and keeps the old "
    "set") {
  FixtureCopy fixtures;
  TestServer server(fixtures.dir());
  fixtures.Write("bad.json", R"({
    "messages": [{"messageId": "fx-new", "status": "sent"}, {"status": "published"}],
    "extra": 1
  })");
  fixtures.Write("worse.json", "{not json");
  fixtures.Write(
      "zz-valid.json",
      R"({"messages":[{"messageId":"fx-valid","status":"published"}]})");
  Answer answer = server.Send("POST", "/__admin/fixtures/reload", "");
  CHECK(answer.status == 422);
  json errors = {
      fixtures.file("bad.json") +
          ": /messages/0/status: \"sent\" is not one of failed, published, "
          "scheduled, cancelled, unknown",
      fixtures.file("bad.json") +
          ": /messages/1: missing required key \"messageId\"",
      fixtures.file("bad.json") + ": /extra: unknown key",
      fixtures.file("worse.json") +
          ": /: invalid JSON: parse error at line 1, column 3: syntax error "
          "while parsing object key - invalid literal; last read: '{no'; "
          "expected string literal"};
  json expected =
      Reload("admin", kTestEpochMs, "2026-01-01T00:00:00.000Z", errors, false);
  expected["code"] = 422;
  expected["message"] =
      "Fixture reload failed with 4 error(s); serving the last good set";
  CHECK(answer.body == expected);
  // The old set is still served: nothing of the new files is.
  CHECK(server.Get("/api/messaging/fx-published").body == kPublished);
  CHECK(server.Get("/api/messaging/fx-valid").body ==
        Status("unknown", "fx-valid"));
  json health = HealthWithoutUptime(server);
  CHECK(health["fixtures"]["messages"] == 7);
  expected.erase("code");
  expected.erase("message");
  CHECK(health["lastReload"] == expected);
  SUBCASE("fixing the files makes the next reload succeed") {
    fixtures.Remove("bad.json");
    fixtures.Remove("worse.json");
    CHECK(server.Send("POST", "/__admin/fixtures/reload", "").status == 200);
    CHECK(server.Get("/api/messaging/fx-valid").body ==
          Status("published", "fx-valid"));
  }
}

TEST_CASE("published messages and login sessions survive a reload") {
  FixtureCopy fixtures;
  TestServer server(fixtures.dir());
  Answer login =
      server.Send("POST", "/api/users/login",
                  R"({"login":"one@example.com","password":"pw-1"})");
  REQUIRE(login.status == 200);
  const std::string token = login.body["user-token"];
  Answer publish =
      server.Send("POST", "/api/messaging/default", R"({"message":"hi"})");
  REQUIRE(publish.status == 200);
  const std::string id = publish.body["messageId"];
  REQUIRE(
      server.Send("DELETE", "/api/messaging/fx-scheduled-forever", "").status ==
      200);
  fixtures.Write("messages.json", R"({"messages":[
      {"messageId":"fx-scheduled-forever","status":"scheduled"},
      {"messageId":"fx-other","status":"published"}]})");
  REQUIRE(server.Send("POST", "/__admin/fixtures/reload", "").status == 200);

  CHECK(server.Get("/api/messaging/" + id).body == Status("scheduled", id));
  CHECK(server.Get("/api/users/isvalidusertoken/" + token).raw_body == "true");
  CHECK(server.Get("/api/messaging/" + id, {{"user-token", token}}).status ==
        200);
  // A cancel made through the API shadows the reloaded fixture.
  CHECK(server.Get("/api/messaging/fx-scheduled-forever").body ==
        Status("cancelled", "fx-scheduled-forever"));
  // The files' own changes are served.
  CHECK(server.Get("/api/messaging/fx-other").body ==
        Status("published", "fx-other"));
  CHECK(server.Get("/api/messaging/fx-published").body ==
        Status("unknown", "fx-published"));
}

// Bug guard: the watcher took its first fingerprint on its own thread, after
// start-up, so an edit made just after the server started was never served.
TEST_CASE("the watcher serves an edited fixture file without a reload call") {
  FixtureCopy fixtures;
  Config config;
  config.watch = true;
  config.watch_interval_ms = kNeverByItself;
  TestServer server(fixtures.dir(), config);
  REQUIRE(server.Get("/api/messaging/fx-watched").body ==
          Status("unknown", "fx-watched"));
  // Written beside, then renamed: the watcher never sees a half-written file.
  fixtures.Write("users.json.tmp", R"({"users":[], "messages":[
      {"messageId":"fx-watched","status":"failed","errorMessage":"seen"}]})");
  fs::rename(fixtures.file("users.json.tmp"), fixtures.file("users.json"));
  REQUIRE(server.CheckFixturesNow());
  CHECK(server.Get("/api/messaging/fx-watched").body ==
        Status("failed", "fx-watched", "seen"));
  CHECK_FALSE(server.CheckFixturesNow());  // nothing new since
  json health = HealthWithoutUptime(server);
  CHECK(health["lastReload"] ==
        Reload("watch", kTestEpochMs, "2026-01-01T00:00:00.000Z"));
  CHECK(health["fixtures"]["users"] == 0);
}

TEST_CASE("the watcher keeps the last good set when an edit is invalid") {
  FixtureCopy fixtures;
  Config config;
  config.watch = true;
  config.watch_interval_ms = kNeverByItself;
  TestServer server(fixtures.dir(), config);
  fixtures.Write("broken.json.tmp", R"({"messages":[{"messageId":"fx-x"}]})");
  fs::rename(fixtures.file("broken.json.tmp"), fixtures.file("broken.json"));
  REQUIRE(server.CheckFixturesNow());
  CHECK(HealthWithoutUptime(server)["lastReload"] ==
        Reload("watch", kTestEpochMs, "2026-01-01T00:00:00.000Z",
               {fixtures.file("broken.json") +
                ": /messages/0: missing required key \"status\""},
               false));
  CHECK(server.Get("/api/messaging/fx-published").body == kPublished);
}

}  // namespace
}  // namespace backendless_mock::testing
