// POST messaging/push/<template-name>: sending through a fixture push
// template, its delivery outcome, permissions and errors, over HTTP.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

Answer Push(TestServer& server, const std::string& name,
            const std::string& body, const httplib::Headers& headers = {},
            const std::string& root = "/api") {
  return server.Send("POST", root + "/messaging/push/" + name, body, headers);
}

json StatusOf(TestServer& server, const std::string& id) {
  return server.Get("/api/messaging/" + id).body;
}

// Checks the message is scheduled for the whole delivery delay and then
// reports `final_status` (with `error_message`).
void ExpectDeliveredAs(TestServer& server, const std::string& id,
                       const std::string& final_status,
                       const json& error_message = nullptr) {
  server.clock().AdvanceMs(999);
  CHECK(StatusOf(server, id) == Status("scheduled", id));
  server.clock().AdvanceMs(1);
  CHECK(StatusOf(server, id) == Status(final_status, id, error_message));
}

TEST_CASE("a push with a template and no values is scheduled, then published") {
  for (const std::string root : {"/api", "/APP/KEY"}) {
    CAPTURE(root);
    TestServer server(TestFixturesDir("lifecycle"));
    Answer answer = Push(server, "welcome", "{}", {}, root);
    CHECK(answer.status == 200);
    CHECK(answer.body == R"({"errorMessage":null,
        "messageId":"message:00000000-0000-4000-8000-000000000001",
        "status":"scheduled"})"_json);
    ExpectDeliveredAs(server, MessageId(1), "published");
  }
}

TEST_CASE("a push with templateValues is scheduled, then published") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      Push(server, "welcome", R"({"templateValues":{"name":"Ann"}})");
  CHECK(answer.status == 200);
  CHECK(answer.body == Status("scheduled", MessageId(1)));
  ExpectDeliveredAs(server, MessageId(1), "published");
}

TEST_CASE("the bodies other SDKs send for a push without values are accepted") {
  TestServer server(TestFixturesDir("lifecycle"));
  int n = 0;
  for (const std::string body : {R"({"templateValues":{}})", ""}) {
    CAPTURE(body);
    Answer answer = Push(server, "welcome", body);
    CHECK(answer.status == 200);
    CHECK(answer.body == Status("scheduled", MessageId(++n)));
  }
}

TEST_CASE("a template with a failing outcome ends failed with its text") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(Push(server, "broken", "{}").body ==
          Status("scheduled", MessageId(1)));
  ExpectDeliveredAs(server, MessageId(1), "failed", "Template has no platform");
}

TEST_CASE("a template without its own outcome takes its channel's") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(Push(server, "to-doomed", "{}").body ==
          Status("scheduled", MessageId(1)));
  ExpectDeliveredAs(server, MessageId(1), "failed", "Simulated APNs rejection");
}

TEST_CASE("an unknown push template answers 24003 in both URL forms") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string root : {"/api", "/APP/KEY"}) {
    CAPTURE(root);
    Answer answer = Push(server, "nope", "{}", {}, root);
    CHECK(answer.status == 400);
    CHECK(answer.body ==
          Error(24003, "Push Template with name 'nope' doesn't exist."));
  }
}

TEST_CASE("templateValues that is not an object answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string values : {R"("Ann")", "[1]", "3", "true"}) {
    CAPTURE(values);
    Answer answer =
        Push(server, "welcome", R"({"templateValues":)" + values + "}");
    CHECK(answer.status == 400);
    CHECK(answer.body == Error(8002,
                               "Could not parse request with message: "
                               "\"templateValues\" must be an object"));
  }
  CHECK(StatusOf(server, MessageId(1)) == Status("unknown", MessageId(1)));
}

TEST_CASE("a push body that is not a JSON object answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = Push(server, "welcome", R"(["Ann"])");
  CHECK(answer.status == 400);
  CHECK(answer.body == Error(8002,
                             "Could not parse request with message: "
                             "body must be a JSON object"));
}

TEST_CASE(
    "a template on a channel denying PUBLISH to anonymous callers answers "
    "5007") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer denied = Push(server, "to-locked", "{}");
  CHECK(denied.status == 400);
  CHECK(denied.body ==
        Error(5007, "User has no permission to publish message"));
  Answer allowed = Push(server, "to-locked", "{}", {{"user-token", "token-1"}});
  CHECK(allowed.status == 200);
  CHECK(allowed.body == Status("scheduled", MessageId(1)));
}

TEST_CASE("a stale user-token on a push answers 3064") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = Push(server, "welcome", "{}", {{"user-token", "stale"}});
  CHECK(answer.status == 400);
  CHECK(answer.body == Error(3064,
                             "Not existing user token - stale. Relogin "
                             "user to update your user token"));
}

TEST_CASE("a push message can be cancelled and stays cancelled") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(Push(server, "welcome", "{}").status == 200);
  Answer cancel =
      server.Send("DELETE", "/APP/KEY/messaging/" + MessageId(1), "");
  CHECK(cancel.status == 200);
  CHECK(cancel.body ==
        json{{"status", "cancelled"}, {"messageId", MessageId(1)}});
  server.clock().AdvanceMs(1000);
  CHECK(StatusOf(server, MessageId(1)) == Status("cancelled", MessageId(1)));
}

}  // namespace
}  // namespace backendless_mock::testing
