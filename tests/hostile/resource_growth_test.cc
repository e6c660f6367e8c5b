// State that a long-running server must not accumulate: what ends, ends.
// (tests/robustness/soak measures the same over millions of requests.)
#include <doctest/doctest.h>

#include <string>

#include "hostile/still_healthy.h"
#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

TEST_CASE("a login followed by its logout leaves no session state behind") {
  // Every login issues a fresh token; once logged out it can never come
  // back, so remembering it as revoked only grows memory (about 140 bytes
  // per login+logout, without bound, until reset?scope=tokens).
  TestServer server(TestFixturesDir("lifecycle"));
  for (int i = 0; i < 3; ++i) {
    Answer login =
        server.Send("POST", "/api/users/login",
                    R"({"login":"one@example.com","password":"pw-1"})");
    REQUIRE(login.status == 200);
    std::string token = login.body["user-token"].get<std::string>();
    REQUIRE(server.Get("/api/users/logout", {{"user-token", token}}).status ==
            200);
    CHECK(server.Get("/api/users/isvalidusertoken/" + token).raw_body ==
          "false");
    CHECK(server.Get("/api/messaging/m1", {{"user-token", token}}).body ==
          Error(3064, "Not existing user token - " + token +
                          ". Relogin user to update your user token"));
  }
  CHECK(server.Get("/__admin/state").body["sessions"] ==
        json{{"issued", json::object()}, {"revoked", json::array()}});
  CHECK(server.Get("/__admin/health").body["runtime"]["sessions"] == 0);
  CheckStillHealthy(server);
}

TEST_CASE(
    "a logged-out fixture token stays refused, and is the only one "
    "remembered") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer login =
      server.Send("POST", "/api/users/login",
                  R"({"login":"one@example.com","password":"pw-1"})");
  REQUIRE(login.status == 200);
  std::string issued = login.body["user-token"].get<std::string>();
  REQUIRE(server.Get("/api/users/logout", {{"user-token", issued}}).status ==
          200);
  REQUIRE(server.Get("/api/users/logout", {{"user-token", "token-1"}}).status ==
          200);
  CHECK(server.Get("/api/users/isvalidusertoken/token-1").raw_body == "false");
  CHECK(server.Get("/__admin/state").body["sessions"] ==
        json{{"issued", json::object()}, {"revoked", json{"token-1"}}});
  CheckStillHealthy(server);
}

}  // namespace
}  // namespace backendless_mock::testing
