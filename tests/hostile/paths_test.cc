// Hostile paths, ids and headers: invalid UTF-8, bad percent-encoding and
// path traversal. Ids are opaque strings: they are looked up, echoed safely
// (invalid UTF-8 replaced by U+FFFD) and never touch the file system.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "hostile/raw_http.h"
#include "hostile/still_healthy.h"
#include "support/expected_json.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

const std::string kReplacement = "\xef\xbf\xbd";  // U+FFFD in UTF-8

TEST_CASE(
    "invalid UTF-8 in a message id is echoed with replacement characters") {
  TestServer server(TestFixturesDir("core"));
  SUBCASE("percent-encoded") {
    Answer answer = server.Get("/api/messaging/m%FF%FEx");
    CHECK(answer.status == 200);
    CHECK(answer.body ==
          Status("unknown", "m" + kReplacement + kReplacement + "x"));
  }
  SUBCASE("raw bytes in the request line") {
    RawAnswer answer = RawExchange(
        server.port(),
        "GET /api/messaging/m\xff\xfex HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(answer.status == 200);
    CHECK(answer.json ==
          Status("unknown", "m" + kReplacement + kReplacement + "x"));
  }
  SUBCASE("a cancel answers 5040") {
    Answer answer = server.Send("DELETE", "/api/messaging/%C3%28", "");
    CHECK(answer.status == 400);
    CHECK(answer.body ==
          Error(5040,
                "Can't cancel message. Already cancelled or there "
                "is no such message"));
  }
  SUBCASE("admin lookups answer 404") {
    Answer answer = server.Get("/__admin/messages/%ED%A0%80");
    CHECK(answer.status == 404);
    CHECK(answer.body == Error(404, "No message \"" + kReplacement +
                                        kReplacement + kReplacement + "\""));
  }
  CheckStillHealthy(server);
}

TEST_CASE("invalid UTF-8 in a channel name answers 5044") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      server.Send("POST", "/api/messaging/ch%FF", R"({"message":"x"})");
  CHECK(answer.status == 400);
  CHECK(answer.body == Error(5044, "Channel name contains invalid character"));
  CheckStillHealthy(server);
}

TEST_CASE("invalid UTF-8 in a user-token header answers 3064") {
  TestServer server(TestFixturesDir("core"));
  RawAnswer answer = RawExchange(server.port(),
                                 "GET /api/messaging/m1 HTTP/1.1\r\nHost: "
                                 "x\r\nuser-token: t\xff\xc3\r\n\r\n");
  CHECK(answer.status == 400);
  CHECK(answer.json ==
        Error(3064, "Not existing user token - t" + kReplacement +
                        kReplacement +
                        ". Relogin user to update your user token"));
  // The journal shows the request (token redacted) and serialises.
  Answer journal = server.Get("/__admin/requests?path=/api/messaging/m1");
  CHECK(journal.status == 200);
  REQUIRE(journal.body["requests"].size() == 1);
  CHECK(journal.body["requests"][0]["status"] == 400);
  CheckStillHealthy(server);
}

TEST_CASE("invalid UTF-8 in other headers and the origin is answered") {
  TestServer server(TestFixturesDir("core"));
  RawAnswer answer = RawExchange(server.port(),
                                 "GET /api/messaging/m1 HTTP/1.1\r\nHost: "
                                 "\xff\r\nOrigin: http://\xfe\xff\r\n"
                                 "X-Odd: \xc0\xaf\r\n\r\n");
  CHECK(answer.status == 200);
  CHECK(answer.json == Status("unknown", "m1"));
  CHECK(server.Get("/__admin/requests?path=/api/messaging/m1").status == 200);
  CheckStillHealthy(server);
}

TEST_CASE("invalid UTF-8 in an isvalidusertoken path answers false") {
  TestServer server(TestFixturesDir("core"));
  Answer answer = server.Get("/api/users/isvalidusertoken/%FF%FF");
  CHECK(answer.status == 200);
  CHECK(answer.raw_body == "false");
  CheckStillHealthy(server);
}

TEST_CASE("bad percent-encoding answers 8002 in paths and admin queries") {
  TestServer server(TestFixturesDir("core"));
  for (const std::string path :
       {"/api/messaging/%", "/api/messaging/%4", "/api/messaging/%ZZ",
        "/api/messaging/a%g0b", "/api/messaging/%%41",
        "/%E0%A4%A/api/messaging/m"}) {
    CAPTURE(path);
    Answer answer = server.Get(path);
    CHECK(answer.status == 400);
    CHECK(answer.body ==
          CannotParse("malformed percent-encoding in path " + path));
  }
  for (const std::string query : {"limit=%", "path=%2", "method=%XYZ", "%=1"}) {
    CAPTURE(query);
    Answer answer = server.Get("/__admin/requests?" + query);
    CHECK(answer.status == 400);
    CHECK(answer.body == CannotParse("malformed query string"));
  }
  CheckStillHealthy(server);
}

TEST_CASE("path-traversal ids are opaque ids that touch no file") {
  TempDir dir;
  dir.Write("fixtures/messages.json",
            R"({"messages":[{"messageId":"m1","status":"published"}]})");
  std::filesystem::path state_file = dir.path() / "state.json";
  Config config;
  config.state_file = state_file.string();
  TestServer server((dir.path() / "fixtures").string(), config);
  const std::string ids[] = {"..%2F..%2Fetc%2Fpasswd",
                             "..%2F..%2F..%2F..%2Fetc%2Fshadow",
                             "%2E%2E%2Fstate.json",
                             "..",
                             "%2e%2e",
                             "..%5C..%5Cwin.ini"};
  for (const std::string& id : ids) {
    CAPTURE(id);
    Answer status = server.Get("/api/messaging/" + id);
    CHECK(status.status == 200);
    CHECK(status.body["status"] == "unknown");
    CHECK(server.Send("DELETE", "/api/messaging/" + id, "").body["code"] ==
          5040);
    CHECK(server.Get("/__admin/messages/" + id).status == 404);
    CHECK(server.Get("/__admin/users/" + id).status == 404);
    CHECK(server.Send("DELETE", "/__admin/channels/" + id, "").status == 404);
    CHECK(server.Send("POST", "/api/messaging/push/" + id, "{}").body["code"] ==
          24003);
  }
  // Decoded "..": the id is the text, looked up like any other.
  CHECK(server.Get("/api/messaging/..%2F..%2Fetc%2Fpasswd").body ==
        Status("unknown", "../../etc/passwd"));
  // A raw "/../" is a segment like any other, not a way out of /api.
  Answer up = server.Get("/api/../__admin/health");
  CHECK(up.status == 404);
  CHECK(up.body["code"] == 404);
  // Nothing was written beside the fixtures; the state file only on request.
  CHECK_FALSE(std::filesystem::exists(state_file));
  CHECK(server.Send("POST", "/__admin/state/save", "").status == 200);
  CHECK(std::filesystem::exists(state_file));
  size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    (void)entry;
    ++entries;
  }
  CHECK(entries == 2);  // fixtures/ and state.json
  CheckStillHealthy(server);
}

TEST_CASE("a path of only slashes and dots answers 404") {
  TestServer server(TestFixturesDir("core"));
  for (const std::string path :
       {"/", "//", "/./", "/../..", "/%2F%2F", "/api", "/api/"}) {
    CAPTURE(path);
    Answer answer = server.Get(path);
    CHECK(answer.status == 404);
    CHECK(answer.body["code"] == 404);
  }
  CheckStillHealthy(server);
}

}  // namespace
}  // namespace backendless_mock::testing
