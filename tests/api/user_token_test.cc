// user-token identities and channel permissions on GET messaging/<id>.
#include <doctest/doctest.h>

#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

const json kPublished(const std::string& id) {
  return {
      {"status", "published"}, {"messageId", id}, {"errorMessage", nullptr}};
}

const json kDenied = {{"code", 2000}, {"message", "Operation is not allowed"}};

json UnknownToken(const std::string& token) {
  return {{"code", 3064},
          {"message", "Not existing user token - " + token +
                          ". Relogin user to update your user token"}};
}

TEST_CASE("a user-token that matches nothing answers 3064 on any endpoint") {
  TestServer server(TestFixturesDir("core"));
  for (const std::string path :
       {"/api/messaging/m-published", "/api/messaging/never-existed",
        "/APP/KEY/messaging/m-failed"}) {
    CAPTURE(path);
    Answer answer = server.Get(path, {{"user-token", "stale"}});
    CHECK(answer.status == 400);
    CHECK(answer.body == UnknownToken("stale"));
  }
}

TEST_CASE("the user-token header name is case-insensitive") {
  TestServer server(TestFixturesDir("core"));
  CHECK(server.Get("/api/messaging/m-members", {{"User-Token", "token-plain"}})
            .body == kPublished("m-members"));
  CHECK(
      server.Get("/api/messaging/m-members", {{"USER-TOKEN", "bogus"}}).body ==
      UnknownToken("bogus"));
}

TEST_CASE("GET_STATUS permissions decide by user, then by role") {
  TestServer server(TestFixturesDir("core"));
  struct Case {
    const char* message;
    const char* token;  // nullptr: no header
    bool allowed;
  };
  const Case cases[] = {
      // DENY NotAuthenticatedUser: anonymous denied, any user granted.
      {"m-members", nullptr, false},
      {"m-members", "token-plain", true},
      // DENY of a role loses to GRANT of the user by email.
      {"m-staff", "token-admin", false},
      {"m-staff", "token-vip", true},
      {"m-staff", "token-plain", true},  // no rule names plain: granted
      {"m-staff", nullptr, false},
      // DENY of the user by objectId beats a GRANT of their role.
      {"m-quarantine", "token-plain", false},
      {"m-quarantine", "token-admin", true},
      // Rules for other operations leave GET_STATUS open.
      {"m-publish-only", nullptr, true},
      // A channel no fixture declares is open.
      {"m-undeclared-channel", nullptr, true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    CAPTURE(c.token ? c.token : "(anonymous)");
    httplib::Headers headers;
    if (c.token) headers.emplace("user-token", c.token);
    Answer answer =
        server.Get(std::string("/api/messaging/") + c.message, headers);
    if (c.allowed) {
      CHECK(answer.status == 200);
      CHECK(answer.body == kPublished(c.message));
    } else {
      CHECK(answer.status == 400);
      CHECK(answer.body == kDenied);
    }
  }
}

TEST_CASE("a denial is logged with the rule and the principal it matched") {
  TestServer server(TestFixturesDir("core"));
  server.Get("/api/messaging/m-staff", {{"user-token", "token-admin"}});
  std::string logs = server.Logs();
  CHECK(logs.find("GET /api/messaging/m-staff 400") != std::string::npos);
  CHECK(logs.find(
            "decision=\"GET_STATUS on channel staff: DENY of role Admin\"") !=
        std::string::npos);
  CHECK(logs.find("principal=user:u-admin") != std::string::npos);
}

TEST_CASE(
    "an unknown id with a valid token is unknown, with an invalid one 3064") {
  TestServer server(TestFixturesDir("core"));
  CHECK(
      server.Get("/api/messaging/zzz", {{"user-token", "token-plain"}}).body ==
      json{{"status", "unknown"},
           {"messageId", "zzz"},
           {"errorMessage", nullptr}});
  CHECK(server.Get("/api/messaging/zzz", {{"user-token", "nope"}}).body ==
        UnknownToken("nope"));
}

}  // namespace
}  // namespace backendless_mock::testing
