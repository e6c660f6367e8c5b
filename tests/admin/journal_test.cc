// The request journal over HTTP: GET /__admin/requests (whole entries and
// every filter), /__admin/requests/count, DELETE, its bounds, and secrets.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

const std::string kLogin = R"({"login":"one@example.com","password":"pw-1"})";

// The headers cpp-httplib's client sends on its own, as the journal keeps them.
json ClientHeaders(TestServer& server, json extra = json::object()) {
  json headers = {{"Accept", "*/*"},
                  {"Connection", "close"},
                  {"Host", "127.0.0.1:" + std::to_string(server.port())},
                  {"User-Agent", "cpp-httplib/0.11.4"}};
  headers.update(extra);
  return headers;
}

// The journal's entries, each without durationMs (checked to be a number).
json Entries(TestServer& server, const std::string& query = "") {
  Answer answer = server.Get("/__admin/requests" + query);
  REQUIRE(answer.status == 200);
  json entries = answer.body["requests"];
  for (json& entry : entries) {
    CHECK(entry["durationMs"].is_number());
    entry.erase("durationMs");
  }
  return entries;
}

// The sequence numbers of the entries a filter selects.
json Sequences(TestServer& server, const std::string& query) {
  json sequences = json::array();
  for (const json& entry : Entries(server, query))
    sequences.push_back(entry["sequence"]);
  return sequences;
}

json Entry(uint64_t sequence, const std::string& method,
           const std::string& path, const json& headers,
           const std::string& body, const std::string& principal,
           const std::string& route, const std::string& decision,
           const std::string& message_id, int status,
           int64_t at_ms = kTestEpochMs,
           const std::string& at = "2026-01-01T00:00:00.000Z") {
  return {{"sequence", sequence},   {"at", at},
          {"atMs", at_ms},          {"method", method},
          {"path", path},           {"headers", headers},
          {"body", body},           {"bodyTruncated", false},
          {"principal", principal}, {"route", route},
          {"decision", decision},   {"messageId", message_id},
          {"status", status}};
}

TEST_CASE("the journal keeps each request whole, oldest first") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(server.Get("/api/messaging/fx-published").status == 200);
  server.clock().AdvanceMs(250);
  REQUIRE(server
              .Send("POST", "/APP/KEY/messaging/default", R"({"message":"hi"})",
                    {{"user-token", "token-1"}})
              .status == 200);
  REQUIRE(server.Get("/api/nowhere").status == 404);
  CHECK(
      Entries(server) ==
      json{Entry(1, "GET", "/api/messaging/fx-published", ClientHeaders(server),
                 "", "anonymous", "GET messaging/{messageId}",
                 "GET_STATUS on channel default: no rule for the operation",
                 "fx-published", 200),
           Entry(2, "POST", "/APP/KEY/messaging/default",
                 ClientHeaders(server, {{"Content-Length", "16"},
                                        {"Content-Type", "application/json"},
                                        {"user-token", "<redacted>"}}),
                 R"({"message":"hi"})", "user:u-1",
                 "POST messaging/{channelName}",
                 "PUBLISH on channel default: no rule for the operation",
                 MessageId(1), 200, kTestEpochMs + 250,
                 "2026-01-01T00:00:00.250Z"),
           Entry(3, "GET", "/api/nowhere", ClientHeaders(server), "", "-", "",
                 "", "", 404, kTestEpochMs + 250, "2026-01-01T00:00:00.250Z")});
  CHECK(server.Get("/__admin/requests").body["dropped"] == 0);
}

TEST_CASE("admin requests are journaled too, as the admin principal") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(server.Send("POST", "/__admin/clock", R"({"advanceMs":5})").status ==
          200);
  CHECK(
      Entries(server) ==
      json{Entry(1, "POST", "/__admin/clock",
                 ClientHeaders(server, {{"Content-Length", "15"},
                                        {"Content-Type", "application/json"}}),
                 R"({"advanceMs":5})", "admin", "POST /__admin/clock", "", "",
                 200, kTestEpochMs + 5, "2026-01-01T00:00:00.005Z")});
  // The listing itself is journaled once answered.
  CHECK(Sequences(server, "?path=/__admin/requests") == json{2});
}

TEST_CASE(
    "the journal filters on method, path prefix, messageId, user, since and "
    "limit") {
  TestServer server(TestFixturesDir("lifecycle"));
  const httplib::Headers one = {{"user-token", "token-1"}};
  server.Get("/api/messaging/fx-published");                               // 1
  server.Send("POST", "/api/messaging/default", R"({"message":1})", one);  // 2
  server.clock().AdvanceMs(100);
  server.Get("/api/messaging/" + MessageId(1), one);            // 3
  server.Send("DELETE", "/api/messaging/" + MessageId(1), "");  // 4
  server.Send("POST", "/api/users/login", kLogin);              // 5
  server.Get("/__admin/clock");                                 // 6
  SUBCASE("method") { CHECK(Sequences(server, "?method=POST") == json{2, 5}); }
  SUBCASE("path is a prefix of the raw path") {
    CHECK(Sequences(server, "?path=/api/messaging/") == json{1, 2, 3, 4});
    CHECK(Sequences(server, "?path=/api/users") == json{5});
    CHECK(Sequences(server, "?path=/__admin/c") == json{6});
  }
  SUBCASE("messageId covers the publish, status reads and the cancel") {
    CHECK(Sequences(server, "?messageId=" + MessageId(1)) == json{2, 3, 4});
    CHECK(Sequences(
              server,
              "?messageId=message%3A00000000-0000-4000-8000-000000000001") ==
          json{2, 3, 4});
    CHECK(Sequences(server, "?messageId=fx-published") == json{1});
  }
  SUBCASE("user by objectId or by email") {
    CHECK(Sequences(server, "?user=u-1") == json{2, 3});
    CHECK(Sequences(server, "?user=one@example.com") == json{2, 3});
    CHECK(Sequences(server, "?user=off@example.com") == json::array());
  }
  SUBCASE("since is inclusive, in clock milliseconds") {
    CHECK(Sequences(server, "?since=" + std::to_string(kTestEpochMs + 100)) ==
          json{3, 4, 5, 6});
    CHECK(Sequences(server, "?since=" + std::to_string(kTestEpochMs + 101)) ==
          json::array());
  }
  SUBCASE("limit keeps the newest matches") {
    CHECK(Sequences(server, "?path=/api/&limit=2") == json{4, 5});
    CHECK(Sequences(server, "?limit=0") == json::array());
  }
  SUBCASE("filters combine") {
    CHECK(Sequences(server, "?method=GET&user=u-1&path=/api/messaging/") ==
          json{3});
  }
  SUBCASE("count answers how many match, with the drop count") {
    CHECK(server.Get("/__admin/requests/count?path=/api/messaging/").body ==
          R"({"count":4,"dropped":0})"_json);
    CHECK(server.Get("/__admin/requests/count?user=one@example.com&method=GET")
              .body == R"({"count":1,"dropped":0})"_json);
  }
}

TEST_CASE("a bad journal filter answers 8002 naming it") {
  TestServer server(TestFixturesDir("lifecycle"));
  const std::string bad_number = "limit must be a non-negative integer";
  for (const auto& [query, detail] :
       std::vector<std::pair<std::string, std::string>>{
           {"?status=200",
            "unknown filter \"status\"; use method, path, messageId, user, "
            "since, limit"},
           {"?limit=-1", bad_number},
           {"?limit=ten", bad_number},
           {"?since=1.5", "since must be a non-negative integer"},
           {"?path=%ZZ", "malformed query string"}}) {
    for (const std::string route :
         {"/__admin/requests", "/__admin/requests/count"}) {
      const std::string target =
          route + query;  // CAPTURE cannot take a binding
      CAPTURE(target);
      Answer answer = server.Get(target);
      CHECK(answer.status == 400);
      CHECK(answer.body == CannotParse(detail));
    }
  }
}

TEST_CASE("DELETE /__admin/requests empties the journal and its drop count") {
  Config config;
  config.journal_size = 2;
  TestServer server(TestFixturesDir("lifecycle"), config);
  for (int i = 0; i < 3; ++i) server.Get("/api/messaging/fx-published");
  REQUIRE(server.Get("/__admin/requests/count").body ==
          R"({"count":2,"dropped":1})"_json);
  Answer cleared = server.Send("DELETE", "/__admin/requests", "");
  CHECK(cleared.status == 200);
  CHECK(cleared.body == R"({"cleared":true})"_json);
  // Only the DELETE, journaled after it answered; sequences keep counting.
  CHECK(server.Get("/__admin/requests/count").body ==
        R"({"count":1,"dropped":0})"_json);
  CHECK(Sequences(server, "") == json{5, 6});
}

TEST_CASE("a full journal drops the oldest entries and counts them") {
  Config config;
  config.journal_size = 2;
  TestServer server(TestFixturesDir("lifecycle"), config);
  for (const std::string id :
       {"fx-published", "fx-failed", "fx-locked", "fx-repeating"}) {
    server.Get("/api/messaging/" + id);
  }
  Answer answer = server.Get("/__admin/requests");
  CHECK(answer.body["dropped"] == 2);
  CHECK(Sequences(server, "") == json{4, 5});
  CHECK(Entries(server, "?messageId=fx-repeating").size() == 0);
  CHECK(server.Get("/__admin/requests/count").body ==
        R"({"count":2,"dropped":5})"_json);
}

TEST_CASE("journal_size 0 disables the journal") {
  Config config;
  config.journal_size = 0;
  TestServer server(TestFixturesDir("lifecycle"), config);
  server.Get("/api/messaging/fx-published");
  server.Send("POST", "/api/users/login", kLogin);
  CHECK(server.Get("/__admin/requests").body ==
        R"({"requests":[],"dropped":0})"_json);
  CHECK(server.Get("/__admin/requests/count").body ==
        R"({"count":0,"dropped":0})"_json);
  CHECK(server.Get("/__admin/health").body["journal"] ==
        R"({"size":0,"capacity":0,"dropped":0})"_json);
}

TEST_CASE(
    "user tokens, Authorization, tokens in paths and login passwords are "
    "<redacted>") {
  TestServer server(TestFixturesDir("lifecycle"));
  server.Get("/api/messaging/fx-published",
             {{"user-token", "token-1"}, {"Authorization", "Bearer xyz"}});
  server.Send("POST", "/api/users/login", kLogin, {{"USER-TOKEN", "stale"}});
  server.Get("/APP/KEY/users/isvalidusertoken/token-1?x=1");
  json entries = Entries(server);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0]["headers"] ==
        ClientHeaders(server, {{"Authorization", "<redacted>"},
                               {"user-token", "<redacted>"}}));
  CHECK(entries[1]["headers"]["USER-TOKEN"] == "<redacted>");
  CHECK(entries[1]["body"] ==
        R"({"login":"one@example.com","password":"<redacted>"})");
  CHECK(entries[2]["path"] == "/APP/KEY/users/isvalidusertoken/<redacted>");
  CHECK(server.Logs().find("pw-1") == std::string::npos);
  CHECK(server.Logs().find("token-1") == std::string::npos);
}

TEST_CASE("a login body that is not a JSON object is journaled as <redacted>") {
  TestServer server(TestFixturesDir("lifecycle"));
  server.Send("POST", "/api/users/login",
              R"({"login":"one@example.com","password":"pw-1")");
  json entries = Entries(server);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0]["body"] == "<redacted: not a JSON object>");
  CHECK(entries[0]["status"] == 400);
}

TEST_CASE("log_secrets journals tokens and passwords as sent") {
  Config config;
  config.log_secrets = true;
  TestServer server(TestFixturesDir("lifecycle"), config);
  server.Get("/api/messaging/fx-published",
             {{"user-token", "token-1"}, {"Authorization", "Bearer xyz"}});
  server.Send("POST", "/api/users/login", kLogin);
  server.Get("/api/users/isvalidusertoken/token-1");
  json entries = Entries(server);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0]["headers"] ==
        ClientHeaders(server, {{"Authorization", "Bearer xyz"},
                               {"user-token", "token-1"}}));
  CHECK(entries[1]["body"] == kLogin);
  CHECK(entries[2]["path"] == "/api/users/isvalidusertoken/token-1");
}

}  // namespace
}  // namespace backendless_mock::testing
