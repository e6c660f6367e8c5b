// users/login, users/logout, users/isvalidusertoken and info, over HTTP.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

const std::string kFirstToken = "00000000-0000-4000-8000-000000000001";

json UnknownToken(const std::string& token) {
  return Error(3064, "Not existing user token - " + token +
                         ". Relogin user to update your user token");
}

const json kPublished = {{"status", "published"},
                         {"messageId", "fx-published"},
                         {"errorMessage", nullptr}};

Answer Login(TestServer& server, const std::string& body,
             const httplib::Headers& headers = {},
             const std::string& root = "/api") {
  return server.Send("POST", root + "/users/login", body, headers);
}

Answer LoginOne(TestServer& server) {
  return Login(server, R"({"login":"one@example.com","password":"pw-1"})");
}

Answer Logout(TestServer& server, const httplib::Headers& headers) {
  return server.Get("/api/users/logout", headers);
}

Answer IsValid(TestServer& server, const std::string& token,
               const httplib::Headers& headers = {}) {
  return server.Get("/api/users/isvalidusertoken/" + token, headers);
}

TEST_CASE(
    "login answers the user without password or roles, with a fresh token") {
  for (const std::string root : {"/api", "/APP/KEY"}) {
    CAPTURE(root);
    TestServer server(TestFixturesDir("lifecycle"));
    Answer answer = Login(
        server, R"({"login":"one@example.com","password":"pw-1"})", {}, root);
    CHECK(answer.status == 200);
    CHECK(answer.body ==
          R"({"___class":"Users","age":41,"email":"one@example.com",
        "lastLogin":1767225600000,"name":"One","objectId":"u-1","ownerId":"u-1",
        "user-token":"00000000-0000-4000-8000-000000000001",
        "userStatus":"ENABLED"})"_json);
  }
}

TEST_CASE("lastLogin is the clock's now at login") {
  TestServer server(TestFixturesDir("lifecycle"));
  server.clock().AdvanceMs(5000);
  CHECK(LoginOne(server).body["lastLogin"] == kTestEpochMs + 5000);
}

TEST_CASE("tokens and message ids come from one sequence") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(LoginOne(server).body["user-token"] == kFirstToken);
  Answer publish =
      server.Send("POST", "/api/messaging/default", R"({"message":1})");
  CHECK(publish.body["messageId"] ==
        "message:00000000-0000-4000-8000-000000000002");
  CHECK(LoginOne(server).body["user-token"] ==
        "00000000-0000-4000-8000-000000000003");
}

TEST_CASE("the token a login returns identifies the user on messaging calls") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(LoginOne(server).status == 200);
  Answer status = server.Get("/APP/KEY/messaging/fx-published",
                             {{"user-token", kFirstToken}});
  CHECK(status.status == 200);
  CHECK(status.body == kPublished);
  Answer cancel = server.Send("DELETE", "/api/messaging/fx-locked", "",
                              {{"user-token", kFirstToken}});
  CHECK(cancel.body ==
        json{{"status", "cancelled"}, {"messageId", "fx-locked"}});
}

TEST_CASE("a wrong password or an unknown login answers 3003") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string body :
       {R"({"login":"one@example.com","password":"pw-2"})",
        R"({"login":"nobody@example.com","password":"pw-1"})",
        R"({"login":"ONE@example.com","password":"pw-1"})"}) {
    CAPTURE(body);
    Answer answer = Login(server, body);
    CHECK(answer.status == 400);
    CHECK(answer.body == Error(3003, "Invalid login or password"));
  }
}

TEST_CASE(
    "a missing, null, empty or non-string login or password answers 3006") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string body :
       {R"({"password":"pw-1"})", R"({"login":"one@example.com"})", "{}", "",
        R"({"login":null,"password":"pw-1"})",
        R"({"login":"one@example.com","password":""})",
        R"({"login":"one@example.com","password":1})",
        R"({"login":["one@example.com"],"password":"pw-1"})"}) {
    CAPTURE(body);
    Answer answer = Login(server, body);
    CHECK(answer.status == 400);
    CHECK(answer.body == Error(3006, "Login or password is missing or null"));
  }
}

TEST_CASE("a login body that is not a JSON object answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = Login(server, R"(["one@example.com","pw-1"])");
  CHECK(answer.status == 400);
  CHECK(answer.body == Error(8002,
                             "Could not parse request with message: "
                             "body must be a JSON object"));
}

TEST_CASE("login of a disabled user answers 3090") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      Login(server, R"({"login":"off@example.com","password":"pw-off"})");
  CHECK(answer.status == 400);
  CHECK(answer.body == Error(3090, "User account is disabled"));
}

TEST_CASE("login ignores a stale user-token header") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      Login(server, R"({"login":"one@example.com","password":"pw-1"})",
            {{"user-token", "stale"}});
  CHECK(answer.status == 200);
  CHECK(answer.body["user-token"] == kFirstToken);
}

TEST_CASE("logout answers 200 with an empty body and ends the session") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(LoginOne(server).status == 200);
  Answer logout = Logout(server, {{"user-token", kFirstToken}});
  CHECK(logout.status == 200);
  CHECK(logout.raw_body == "");
  Answer after = server.Get("/api/messaging/x", {{"user-token", kFirstToken}});
  CHECK(after.status == 400);
  CHECK(after.body == UnknownToken(kFirstToken));
}

TEST_CASE("logout of a fixture token ends that session too") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(server.Get("/api/messaging/x", {{"user-token", "token-1"}}).status ==
          200);
  Answer logout =
      server.Get("/APP/KEY/users/logout", {{"user-token", "token-1"}});
  CHECK(logout.status == 200);
  CHECK(logout.raw_body == "");
  CHECK(server.Get("/api/messaging/x", {{"user-token", "token-1"}}).body ==
        UnknownToken("token-1"));
  CHECK(LoginOne(server).status == 200);  // the user may log in again
}

TEST_CASE("logout without a user-token answers 3023") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = Logout(server, {});
  CHECK(answer.status == 400);
  CHECK(
      answer.body ==
      Error(3023, "Unable to logout user due to error: no user-token header"));
}

TEST_CASE("logout with an unknown or already logged-out token answers 3064") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer unknown = Logout(server, {{"user-token", "nope"}});
  CHECK(unknown.status == 400);
  CHECK(unknown.body == UnknownToken("nope"));
  REQUIRE(Logout(server, {{"user-token", "token-1"}}).status == 200);
  Answer again = Logout(server, {{"user-token", "token-1"}});
  CHECK(again.status == 400);
  CHECK(again.body == UnknownToken("token-1"));
}

TEST_CASE("isvalidusertoken answers a bare true for a live token") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(LoginOne(server).status == 200);
  for (const std::string token : {"token-1", kFirstToken.c_str()}) {
    CAPTURE(token);
    Answer answer = IsValid(server, token, {{"user-token", token}});
    CHECK(answer.status == 200);
    CHECK(answer.raw_body == "true");
  }
}

TEST_CASE(
    "isvalidusertoken answers a bare false for a bad token, even in the "
    "header") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(LoginOne(server).status == 200);
  REQUIRE(Logout(server, {{"user-token", kFirstToken}}).status == 200);
  for (const std::string token : {"nope", kFirstToken.c_str()}) {
    CAPTURE(token);
    for (const httplib::Headers& headers :
         {httplib::Headers{}, httplib::Headers{{"user-token", token}}}) {
      Answer answer = IsValid(server, token, headers);
      CHECK(answer.status == 200);
      CHECK(answer.raw_body == "false");
    }
  }
}

TEST_CASE("info names the emulator and its version") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string root : {"/api", "/APP/KEY"}) {
    CAPTURE(root);
    Answer answer = server.Get(root + "/info");
    CHECK(answer.status == 200);
    CHECK(answer.body == json{{"emulator", "backendless-mock"},
                              {"version", BACKENDLESS_MOCK_VERSION}});
  }
}

}  // namespace
}  // namespace backendless_mock::testing
