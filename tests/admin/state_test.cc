// Runtime state snapshots over HTTP: GET and PUT /__admin/state, POST
// /__admin/state/save, and a server starting from a state file.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/expected_json.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

std::string Fixtures() { return TestFixturesDir("admin/entities"); }

const std::string kLoginToken = "00000000-0000-4000-8000-000000000002";

// Publishes a message, logs in, logs the fixture token out, deletes a fixture
// message and moves the clock 5 s.
void MakeState(TestServer& server) {
  REQUIRE(server.Send("POST", "/api/messaging/default", R"({"message":"hi"})")
              .status == 200);
  REQUIRE(server
              .Send("POST", "/api/users/login",
                    R"({"login":"ann@example.com","password":"pw-ann"})")
              .body["user-token"] == kLoginToken);
  REQUIRE(
      server.Get("/api/users/logout", {{"user-token", "token-ann"}}).status ==
      200);
  REQUIRE(server.Send("DELETE", "/__admin/messages/m-sent", "").status == 200);
  REQUIRE(
      server.Send("POST", "/__admin/clock", R"({"advanceMs":5000})").status ==
      200);
}

const json kState = {
    {"version", 1},
    {"clockMs", kTestEpochMs + 5000},
    {"messages",
     {{{"messageId", MessageId(1)},
       {"status", "scheduled"},
       {"channel", "default"},
       {"message", "hi"},
       {"createdAtMs", kTestEpochMs},
       {"dueAtMs", kTestEpochMs + 1000},
       {"createdBy", "anonymous"}}}},
    {"removedMessages", {"m-sent"}},
    {"sessions",
     {{"issued", {{kLoginToken, "u-ann"}}}, {"revoked", {"token-ann"}}}}};

// Checks that `server` serves the state MakeState() made.
void CheckRestored(TestServer& server) {
  CHECK(server.Get("/__admin/clock").body["nowMs"] == kTestEpochMs + 5000);
  CHECK(server.Get("/api/messaging/" + MessageId(1)).body ==
        Status("published", MessageId(1)));
  CHECK(server.Get("/api/messaging/m-sent").body ==
        Status("unknown", "m-sent"));
  Answer with_login =
      server.Get("/api/messaging/m-later", {{"user-token", kLoginToken}});
  CHECK(with_login.status == 200);
  CHECK(server.Get("/api/users/isvalidusertoken/" + kLoginToken).raw_body ==
        "true");
  CHECK(server.Get("/api/users/isvalidusertoken/token-ann").raw_body ==
        "false");
}

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("GET /__admin/state answers the runtime state whole") {
  TestServer server(Fixtures());
  CHECK(server.Get("/__admin/state").body ==
        json{{"version", 1},
             {"clockMs", kTestEpochMs},
             {"messages", json::array()},
             {"removedMessages", json::array()},
             {"sessions",
              {{"issued", json::object()}, {"revoked", json::array()}}}});
  MakeState(server);
  CHECK(server.Get("/__admin/state").body == kState);
}

TEST_CASE("PUT /__admin/state into a fresh server restores what GET exported") {
  TestServer first(Fixtures());
  MakeState(first);
  json state = first.Get("/__admin/state").body;
  TestServer second(Fixtures());
  Answer answer = second.Send("PUT", "/__admin/state", state.dump());
  CHECK(answer.status == 200);
  CHECK(answer.body == R"({"messages":1,"removedMessages":1})"_json);
  CheckRestored(second);
  CHECK(second.Get("/__admin/state").body == kState);
}

TEST_CASE("PUT /__admin/state replaces the runtime state, not merges it") {
  TestServer server(Fixtures());
  MakeState(server);
  json empty = {
      {"version", 1},
      {"messages", json::array()},
      {"removedMessages", json::array()},
      {"sessions", {{"issued", json::object()}, {"revoked", json::array()}}}};
  REQUIRE(server.Send("PUT", "/__admin/state", empty.dump()).status == 200);
  CHECK(server.Get("/api/messaging/" + MessageId(1)).body ==
        Status("unknown", MessageId(1)));
  CHECK(server.Get("/api/messaging/m-sent").body ==
        Status("published", "m-sent"));
  CHECK(server.Get("/api/users/isvalidusertoken/token-ann").raw_body == "true");
  // Without clockMs the clock stays where it was.
  CHECK(server.Get("/__admin/clock").body["nowMs"] == kTestEpochMs + 5000);
}

TEST_CASE("an invalid state body answers 8002 and changes nothing") {
  TestServer server(Fixtures());
  MakeState(server);
  const std::string shape =
      "state must be {\"version\": 1, \"messages\": [...], "
      "\"removedMessages\": [...], "
      "\"sessions\": {...}}";
  auto with = [](const json& changes) {
    json state = kState;
    state.update(changes);
    return state.dump();
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{}", shape},
      {with({{"version", 2}}), shape},
      {with({{"version", "1"}}), shape},
      {with({{"clockMs", "soon"}}), shape},
      {with({{"clockMs", 253402300800000}}), shape},
      {with({{"messages", {"m"}}}),
       "state: a message needs string messageId, status and channel"},
      {with(
           {{"messages",
             {{{"messageId", 1}, {"status", "scheduled"}, {"channel", "c"}}}}}),
       "state: a message needs string messageId, status and channel"},
      {with({{"messages",
              {{{"messageId", "m"}, {"status", "sent"}, {"channel", "c"}}}}}),
       "state: message m has an unknown status"},
      {with({{"messages",
              {{{"messageId", "m"},
                {"status", "scheduled"},
                {"channel", "c"},
                {"dueAtMs", "soon"}}}}}),
       "state: message m has a field of the wrong type"},
      {with({{"removedMessages", {1}}}), "state: removedMessages holds ids"},
      {with({{"sessions",
              {{"issued", {{"t", 1}}}, {"revoked", json::array()}}}}),
       "state: sessions must be {\"issued\": {...}, \"revoked\": [...]}"},
      {with({{"sessions", nullptr}}),
       "state: sessions must be {\"issued\": {...}, \"revoked\": [...]}"},
      {"[1]", "body must be a JSON object"}};
  for (const auto& [body, detail] : cases) {
    // CAPTURE cannot capture a structured binding (C++17); a reference it can.
    const std::string& sent = body;
    CAPTURE(sent);
    Answer answer = server.Send("PUT", "/__admin/state", body);
    CHECK(answer.status == 400);
    CHECK(answer.body == CannotParse(detail));
  }
  CHECK(server.Get("/__admin/state").body == kState);
}

TEST_CASE("state/save without a state file answers 500") {
  TestServer server(Fixtures());
  Answer answer = server.Send("POST", "/__admin/state/save", "");
  CHECK(answer.status == 500);
  CHECK(answer.body == Error(500, "State file: no --state-file was given"));
}

TEST_CASE(
    "state/save writes the state file, and a server started on it resumes") {
  TempDir dir;
  Config config;
  config.state_file = (dir.path() / "state.json").string();
  TestServer first(Fixtures(), config);
  MakeState(first);
  Answer saved = first.Send("POST", "/__admin/state/save", "");
  CHECK(saved.status == 200);
  CHECK(saved.body == json{{"saved", config.state_file}});
  REQUIRE(std::filesystem::exists(config.state_file));
  CHECK_FALSE(std::filesystem::exists(config.state_file + ".tmp"));
  json written = json::parse(ReadText(config.state_file), nullptr, false);
  CHECK(written == kState);

  TestServer second(Fixtures(), config);
  CheckRestored(second);
  CHECK(second.Logs().find("state loaded") != std::string::npos);
}

TEST_CASE("a server whose state file does not exist yet starts empty") {
  TempDir dir;
  Config config;
  config.state_file = (dir.path() / "later.json").string();
  TestServer server(Fixtures(), config);
  CHECK(server.Get("/__admin/state").body["messages"] == json::array());
}

TEST_CASE("a corrupt state file stops the app from starting") {
  TempDir dir;
  Config config;
  config.fixtures_dir = Fixtures();
  config.http.host = "127.0.0.1";
  config.http.port = 0;
  config.state_file = (dir.path() / "state.json").string();
  SUBCASE("not JSON") {
    dir.Write("state.json", "{\"version\": 1,");
    ManualClock clock(kTestEpochMs);
    SequentialIdSource ids;
    std::ostringstream log;
    std::vector<FixtureError> errors;
    std::unique_ptr<App> app = App::Create(config, {clock, ids, log}, errors);
    REQUIRE(app != nullptr);
    CHECK_FALSE(app->Start().has_value());
    CAPTURE(log.str());
    CHECK(log.str().find("State file: " + config.state_file +
                         " is not valid JSON: ") != std::string::npos);
  }
  SUBCASE("JSON of the wrong shape") {
    dir.Write("state.json", R"({"version": 1, "messages": {}})");
    CHECK_THROWS_WITH_AS(TestServer(Fixtures(), config), "cannot bind",
                         std::runtime_error);
  }
}

}  // namespace
}  // namespace backendless_mock::testing
