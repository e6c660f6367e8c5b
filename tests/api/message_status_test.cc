// GET messaging/<message-id> in both URL forms, over HTTP.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

TEST_CASE("every fixture status is answered whole in both URL forms") {
  TestServer server(TestFixturesDir("core"));
  for (const std::string root : {"/api", "/APP/KEY", "/APP/OTHER-KEY"}) {
    CAPTURE(root);
    for (const std::string status :
         {"published", "scheduled", "cancelled", "unknown"}) {
      Answer answer = server.Get(root + "/messaging/m-" + status);
      CHECK(answer.status == 200);
      CHECK(answer.body == Status(status, "m-" + status));
    }
    Answer failed = server.Get(root + "/messaging/m-failed");
    CHECK(failed.status == 200);
    CHECK(failed.body == Status("failed", "m-failed", "device token expired"));
  }
}

TEST_CASE("a status answer is application/json") {
  TestServer server(TestFixturesDir("core"));
  Answer answer = server.Get("/api/messaging/m-published");
  CHECK(answer.headers.find("Content-Type")->second == "application/json");
}

TEST_CASE("an id no fixture knows is unknown with a null errorMessage") {
  TestServer server(TestFixturesDir("core"));
  Answer answer = server.Get("/api/messaging/message:NOPE");
  CHECK(answer.status == 200);
  CHECK(answer.body == Status("unknown", "message:NOPE"));
}

TEST_CASE("path segments are percent-decoded before matching") {
  TestServer server(TestFixturesDir("core"));
  SUBCASE("an encoded colon") {
    CHECK(server.Get("/api/messaging/message%3AABC").body ==
          Status("published", "message:ABC"));
    CHECK(server.Get("/api/messaging/message%3aABC").body ==
          Status("published", "message:ABC"));
  }
  SUBCASE("an encoded slash stays inside the id") {
    CHECK(server.Get("/APP/KEY/messaging/with%2Fslash").body ==
          Status("published", "with/slash"));
  }
  SUBCASE("a query string is not part of the id") {
    CHECK(server.Get("/api/messaging/message:ABC?x=1").body ==
          Status("published", "message:ABC"));
  }
  SUBCASE("doubled slashes, as a trailing slash on serverURL gives") {
    CHECK(server.Get("//APP/KEY/messaging/message:ABC").body ==
          Status("published", "message:ABC"));
  }
}

TEST_CASE("a malformed percent-escape answers 8002") {
  TestServer server(TestFixturesDir("core"));
  for (const std::string path :
       {"/api/messaging/m%ZZ", "/api/messaging/m%4", "/api/messaging/m%"}) {
    CAPTURE(path);
    Answer answer = server.Get(path);
    CHECK(answer.status == 400);
    CHECK(answer.body ==
          json{{"code", 8002},
               {"message",
                "Could not parse request with message: malformed "
                "percent-encoding in path " +
                    path}});
  }
}

TEST_CASE("an undeclared app id or API key answers 2002") {
  TestServer server(TestFixturesDir("core"));
  const json expected = {
      {"code", 2002},
      {"message",
       "Unable to find application. Check application id and/or API key."}};
  for (const std::string root : {"/OTHER/KEY", "/APP/WRONG", "/KEY/APP"}) {
    CAPTURE(root);
    Answer answer = server.Get(root + "/messaging/m-published");
    CHECK(answer.status == 400);
    CHECK(answer.body == expected);
  }
}

TEST_CASE("with no app declared, any app id and API key are accepted") {
  TestServer server(TestFixturesDir("open"));
  CHECK(server.Get("/any/thing/messaging/m1").body ==
        Status("published", "m1"));
}

}  // namespace
}  // namespace backendless_mock::testing
