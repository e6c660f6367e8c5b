// GET /__admin/messages/<id>/history and POST /__admin/reset?scope=, over
// HTTP: a message's transitions, and what each reset scope puts back.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

std::string Fixtures() { return TestFixturesDir("admin/entities"); }

json Step(const std::string& status, const json& at_ms,
          const std::string& cause) {
  return {{"status", status}, {"atMs", at_ms}, {"cause", cause}};
}

json History(TestServer& server, const std::string& id) {
  Answer answer = server.Get("/__admin/messages/" + id + "/history");
  REQUIRE(answer.status == 200);
  return answer.body;
}

Answer Reset(TestServer& server, const std::string& query) {
  return server.Send("POST", "/__admin/reset" + query, "");
}

TEST_CASE("the history of a published message shows its delivery once due") {
  TestServer server(Fixtures());
  REQUIRE(server
              .Send("POST", "/api/messaging/default", R"({"message":1})",
                    {{"user-token", "token-ann"}})
              .status == 200);
  const json published =
      Step("scheduled", kTestEpochMs, "published by user:u-ann");
  CHECK(History(server, MessageId(1)) ==
        json{{"messageId", MessageId(1)}, {"transitions", {published}}});
  server.clock().AdvanceMs(1000);
  CHECK(History(server, MessageId(1)) ==
        json{{"messageId", MessageId(1)},
             {"transitions",
              {published,
               Step("published", kTestEpochMs + 1000, "delivery due")}}});
}

TEST_CASE("the history of a cancelled message ends with the cancel") {
  TestServer server(Fixtures());
  REQUIRE(server
              .Send("POST", "/api/messaging/default",
                    R"({"message":1,"publishAt":1767225700000})")
              .status == 200);
  server.clock().AdvanceMs(10);
  REQUIRE(server.Send("DELETE", "/api/messaging/" + MessageId(1), "").status ==
          200);
  server.clock().AdvanceMs(200000);
  CHECK(
      History(server, MessageId(1)) ==
      json{{"messageId", MessageId(1)},
           {"transitions",
            {Step("scheduled", kTestEpochMs, "published by anonymous"),
             Step("cancelled", kTestEpochMs + 10, "cancelled by anonymous")}}});
}

TEST_CASE("the history of a fixture message starts with its declared status") {
  TestServer server(Fixtures());
  CHECK(History(server, "m-sent") ==
        json{{"messageId", "m-sent"},
             {"transitions",
              {Step("published", nullptr, "declared by fixture")}}});
  const json declared = Step("scheduled", nullptr, "declared by fixture");
  CHECK(History(server, "m-later") ==
        json{{"messageId", "m-later"}, {"transitions", {declared}}});
  SUBCASE("then delivered at publishAt") {
    server.clock().AdvanceMs(60000);
    CHECK(History(server, "m-later")["transitions"] ==
          json{declared, Step("published", 1767225660000, "delivery due")});
  }
  SUBCASE("or cancelled by a user") {
    server.clock().AdvanceMs(5);
    REQUIRE(server
                .Send("DELETE", "/api/messaging/m-later", "",
                      {{"user-token", "token-ann"}})
                .status == 200);
    CHECK(History(server, "m-later")["transitions"] ==
          json{declared,
               Step("cancelled", kTestEpochMs + 5, "cancelled by user:u-ann")});
  }
}

TEST_CASE(
    "the history of an admin-created message says so, and of an unknown one is "
    "404") {
  TestServer server(Fixtures());
  REQUIRE(
      server
          .Send("POST", "/__admin/messages",
                R"({"messageId":"m-new","status":"failed","errorMessage":"x"})")
          .status == 201);
  CHECK(History(server, "m-new")["transitions"] ==
        json{Step("failed", nullptr, "declared by admin")});
  Answer unknown = server.Get("/__admin/messages/m-nope/history");
  CHECK(unknown.status == 404);
  CHECK(unknown.body == Error(404, "No message \"m-nope\""));
}

// Runtime state in every scope: a publish, a cancel of a fixture message, an
// admin message, a login, a logout of the fixture token, a fault, a moved
// clock and an admin-created channel.
struct Touched {
  explicit Touched(TestServer& server) {
    REQUIRE(server.Send("POST", "/api/messaging/default", R"({"message":1})")
                .status == 200);
    REQUIRE(server
                .Send("DELETE", "/api/messaging/m-later", "",
                      {{"user-token", "token-ann"}})
                .status == 200);
    REQUIRE(server
                .Send("POST", "/__admin/messages",
                      R"({"messageId":"m-admin","status":"published"})")
                .status == 201);
    Answer login =
        server.Send("POST", "/api/users/login",
                    R"({"login":"ann@example.com","password":"pw-ann"})");
    REQUIRE(login.status == 200);
    token = login.body["user-token"];
    REQUIRE(
        server.Get("/api/users/logout", {{"user-token", "token-ann"}}).status ==
        200);
    REQUIRE(
        server
            .Send(
                "POST", "/__admin/faults",
                R"({"match":{"path":"/api/nowhere"},"effect":{"close":true}})")
            .status == 201);
    REQUIRE(
        server.Send("POST", "/__admin/clock", R"({"advanceMs":5000})").status ==
        200);
    REQUIRE(server.Send("POST", "/__admin/channels", R"({"name":"extra"})")
                .status == 201);
  }
  std::string token;  // the login's
};

// What each part of Touched looks like now, as a compact description.
json Observe(TestServer& server, const std::string& token) {
  auto status = [&server](const std::string& id) {
    return server.Get("/api/messaging/" + id).body["status"];
  };
  auto valid = [&server](const std::string& t) {
    return server.Get("/api/users/isvalidusertoken/" + t).raw_body == "true";
  };
  return {{"published", status(MessageId(1))},
          {"m-later", status("m-later")},
          {"m-admin", status("m-admin")},
          {"login", valid(token)},
          {"fixtureToken", valid("token-ann")},
          {"faults", server.Get("/__admin/faults").body["faults"].size()},
          {"clockMs", server.Get("/__admin/clock").body["nowMs"]},
          {"extraChannel", server.Get("/__admin/channels/extra").status == 200},
          {"journal",
           server.Get("/__admin/requests/count?path=/api/").body["count"]}};
}

TEST_CASE("each reset scope puts back only its own part") {
  TestServer server(Fixtures());
  Touched touched(server);
  const json before = {{"published", "published"},
                       {"m-later", "cancelled"},
                       {"m-admin", "published"},
                       {"login", true},
                       {"fixtureToken", false},
                       {"faults", 1},
                       {"clockMs", kTestEpochMs + 5000},
                       {"extraChannel", true},
                       {"journal", 9}};
  // Touched sent 4 /api/ requests; Observe() adds 5 before it counts.
  REQUIRE(Observe(server, touched.token) == before);
  json after = before;
  after["journal"] = 14;
  std::string scope;
  SUBCASE("messages") {
    scope = "messages";
    after["published"] = "unknown";
    after["m-later"] = "scheduled";
    after["m-admin"] = "unknown";
  }
  SUBCASE("tokens") {
    scope = "tokens";
    after["login"] = false;
    after["fixtureToken"] = true;
  }
  SUBCASE("journal") {
    scope = "journal";
    after["journal"] = 5;
  }
  SUBCASE("faults") {
    scope = "faults";
    after["faults"] = 0;
  }
  SUBCASE("clock") {
    scope = "clock";
    after["clockMs"] = kTestEpochMs;
    // Back to the test clock's time, on which delivery is not yet due.
    after["published"] = "scheduled";
  }
  Answer answer = Reset(server, "?scope=" + scope);
  CHECK(answer.status == 200);
  CHECK(answer.body == json{{"reset", scope}});
  CHECK(Observe(server, touched.token) == after);
}

TEST_CASE(
    "reset with scope all, or none, puts back everything, admin edits "
    "included") {
  for (const std::string query : {"?scope=all", ""}) {
    CAPTURE(query);
    TestServer server(Fixtures());
    Touched touched(server);
    Answer answer = Reset(server, query);
    CHECK(answer.status == 200);
    CHECK(answer.body == R"({"reset":"all"})"_json);
    CHECK(Observe(server, touched.token) == json{{"published", "unknown"},
                                                 {"m-later", "scheduled"},
                                                 {"m-admin", "unknown"},
                                                 {"login", false},
                                                 {"fixtureToken", true},
                                                 {"faults", 0},
                                                 {"clockMs", kTestEpochMs},
                                                 {"extraChannel", false},
                                                 {"journal", 5}});
  }
}

TEST_CASE("a reset with an unknown scope answers 8002 and resets nothing") {
  TestServer server(Fixtures());
  REQUIRE(server.Send("POST", "/__admin/clock", R"({"advanceMs":5})").status ==
          200);
  Answer answer = Reset(server, "?scope=everything");
  CHECK(answer.status == 400);
  CHECK(answer.body == CannotParse("scope must be one of messages, tokens, "
                                   "journal, faults, clock, all"));
  CHECK(server.Get("/__admin/clock").body["nowMs"] == kTestEpochMs + 5);
}

TEST_CASE("admin edits survive a fixture reload") {
  TestServer server(Fixtures());
  REQUIRE(
      server.Send("POST", "/__admin/channels", R"({"name":"extra"})").status ==
      201);
  REQUIRE(server.Send("DELETE", "/__admin/users/u-ann", "").status == 200);
  REQUIRE(server.Send("POST", "/__admin/fixtures/reload", "").status == 200);
  CHECK(server.Get("/__admin/channels/extra").status == 200);
  CHECK(server.Get("/__admin/users/u-ann").status == 404);
}

}  // namespace
}  // namespace backendless_mock::testing
