// POST messaging/<channel-name>: the publish answer, the delivery schedule,
// body validation and channel permissions, over HTTP.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

Answer Publish(TestServer& server, const std::string& channel,
               const std::string& body, const httplib::Headers& headers = {},
               const std::string& root = "/api") {
  return server.Send("POST", root + "/messaging/" + channel, body, headers);
}

Answer Publish(TestServer& server, const std::string& channel, const json& body,
               const httplib::Headers& headers = {},
               const std::string& root = "/api") {
  return Publish(server, channel, body.dump(), headers, root);
}

json StatusOf(TestServer& server, const std::string& id) {
  return server.Get("/api/messaging/" + id).body;
}

const std::string kRoots[] = {"/api", "/APP/KEY"};

TEST_CASE(
    "a publish answers scheduled with a fresh message id in both URL forms") {
  for (const std::string& root : kRoots) {
    CAPTURE(root);
    TestServer server(TestFixturesDir("lifecycle"));
    Answer answer =
        Publish(server, "default", json{{"message", "hi"}}, {}, root);
    CHECK(answer.status == 200);
    CHECK(answer.body == R"({"errorMessage":null,
        "messageId":"message:00000000-0000-4000-8000-000000000001",
        "status":"scheduled"})"_json);
    CHECK(server.Get(root + "/messaging/" + MessageId(1)).body ==
          Status("scheduled", MessageId(1)));
  }
}

TEST_CASE(
    "a message is scheduled until the delivery delay passes, then published") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(Publish(server, "default", json{{"message", "hi"}}).status == 200);
  server.clock().AdvanceMs(999);
  CHECK(StatusOf(server, MessageId(1)) == Status("scheduled", MessageId(1)));
  server.clock().AdvanceMs(1);
  CHECK(StatusOf(server, MessageId(1)) == Status("published", MessageId(1)));
}

TEST_CASE(
    "a future publishAt keeps the message scheduled until exactly publishAt") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(
      Publish(server, "default",
              json{{"message", "later"}, {"publishAt", kTestEpochMs + 5000}})
          .body == Status("scheduled", MessageId(1)));
  server.clock().AdvanceMs(4999);
  CHECK(StatusOf(server, MessageId(1)) == Status("scheduled", MessageId(1)));
  server.clock().AdvanceMs(1);
  CHECK(StatusOf(server, MessageId(1)) == Status("published", MessageId(1)));
}

TEST_CASE("a publishAt in the past answers 5030") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      Publish(server, "default",
              json{{"message", "x"}, {"publishAt", kTestEpochMs - 1}});
  CHECK(answer.status == 400);
  CHECK(answer.body == Error(5030, "Invalid publish date"));
}

TEST_CASE("a publishAt that is not an integer answers 5030") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const json& publish_at :
       {json("1767225660000"), json(1767225660000.5), json(true),
        json::object(), json(18446744073709551615ULL)}) {
    CAPTURE(publish_at.dump());
    Answer answer = Publish(server, "default",
                            json{{"message", "x"}, {"publishAt", publish_at}});
    CHECK(answer.status == 400);
    CHECK(answer.body == Error(5030, "Invalid publish date"));
  }
}

TEST_CASE("a publishAt equal to now is accepted and due at once") {
  TestServer server(TestFixturesDir("lifecycle"));
  CHECK(Publish(server, "default",
                json{{"message", "x"}, {"publishAt", kTestEpochMs}})
            .body == Status("scheduled", MessageId(1)));
  CHECK(StatusOf(server, MessageId(1)) == Status("published", MessageId(1)));
}

TEST_CASE("a repeatExpiresAt not after publishAt (or now) answers 5003") {
  TestServer server(TestFixturesDir("lifecycle"));
  const json bodies[] = {
      {{"message", "x"},
       {"publishAt", kTestEpochMs + 5000},
       {"repeatEvery", 60},
       {"repeatExpiresAt", kTestEpochMs + 5000}},
      {{"message", "x"},
       {"publishAt", kTestEpochMs + 5000},
       {"repeatEvery", 60},
       {"repeatExpiresAt", kTestEpochMs + 4999}},
      {{"message", "x"},
       {"repeatEvery", 60},
       {"repeatExpiresAt", kTestEpochMs}},
      {{"message", "x"}, {"repeatEvery", 60}, {"repeatExpiresAt", "soon"}},
  };
  for (const json& body : bodies) {
    CAPTURE(body.dump());
    Answer answer = Publish(server, "default", body);
    CHECK(answer.status == 400);
    CHECK(answer.body == Error(5003, "Invalid expiration date"));
  }
}

TEST_CASE(
    "a repeating message stays scheduled until repeatExpiresAt, then is "
    "published") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(Publish(server, "default",
                  json{{"message", "tick"},
                       {"repeatEvery", 60},
                       {"repeatExpiresAt", kTestEpochMs + 120000}})
              .body == Status("scheduled", MessageId(1)));
  server.clock().AdvanceMs(1000);  // past the one-shot delivery delay
  CHECK(StatusOf(server, MessageId(1)) == Status("scheduled", MessageId(1)));
  server.clock().AdvanceMs(118999);
  CHECK(StatusOf(server, MessageId(1)) == Status("scheduled", MessageId(1)));
  server.clock().AdvanceMs(1);
  CHECK(StatusOf(server, MessageId(1)) == Status("published", MessageId(1)));
}

TEST_CASE("a repeating message without repeatExpiresAt stays scheduled") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(
      Publish(server, "default", json{{"message", "x"}, {"repeatEvery", 60}})
          .status == 200);
  server.clock().AdvanceMs(365LL * 86400000);
  CHECK(StatusOf(server, MessageId(1)) == Status("scheduled", MessageId(1)));
}

TEST_CASE("a mistyped delivery option answers 8002 naming it") {
  TestServer server(TestFixturesDir("lifecycle"));
  const std::pair<json, std::string> cases[] = {
      {{{"publisherId", 7}}, "\"publisherId\" must be a string"},
      {{{"headers", "ios-alert"}}, "\"headers\" must be an object of strings"},
      {{{"publishPolicy", "ALL"}},
       "\"publishPolicy\" must be one of PUSH, PUBSUB, BOTH"},
      {{{"pushSinglecast", "dev-1"}},
       "\"pushSinglecast\" must be an array of device ids"},
      {{{"repeatEvery", 0}},
       "\"repeatEvery\" must be a positive number of seconds"},
      {{{"repeatEvery", 1.5}},
       "\"repeatEvery\" must be a positive number of seconds"},
  };
  for (const auto& [fields, detail] : cases) {
    json body = fields;
    body["message"] = "x";
    CAPTURE(body.dump());
    Answer answer = Publish(server, "default", body);
    CHECK(answer.status == 400);
    CHECK(answer.body == CannotParse(detail));
  }
}

TEST_CASE(
    "a message on a channel with a failing outcome ends failed with its text") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(Publish(server, "doomed", json{{"message", "x"}}).body ==
          Status("scheduled", MessageId(1)));
  server.clock().AdvanceMs(999);
  CHECK(StatusOf(server, MessageId(1)) == Status("scheduled", MessageId(1)));
  server.clock().AdvanceMs(1);
  CHECK(StatusOf(server, MessageId(1)) ==
        Status("failed", MessageId(1), "Simulated APNs rejection"));
}

TEST_CASE(
    "a channel name with an invalid character answers 5044 in both URL forms") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string& root : kRoots) {
    for (const std::string channel :
         {"bad%20name", "a*b", "a%2Fb", "caf%C3%A9"}) {
      CAPTURE(root);
      CAPTURE(channel);
      Answer answer =
          Publish(server, channel, json{{"message", "x"}}, {}, root);
      CHECK(answer.status == 400);
      CHECK(answer.body ==
            Error(5044, "Channel name contains invalid character"));
    }
  }
}

// Regression guard: backendless-api.md section 2 names push, email,
// registrations, channels and pushtemplates as reserved first segments under
// messaging/, so POST messaging/<reserved> is never a publish to that channel.
TEST_CASE(
    "a reserved segment after messaging/ is not a channel to publish to") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string segment :
       {"push", "email", "registrations", "channels", "pushtemplates"}) {
    CAPTURE(segment);
    Answer answer = Publish(server, segment, json{{"message", "x"}});
    CHECK(answer.status == 404);
    CHECK(
        answer.body ==
        Error(404, "No emulated endpoint for POST /api/messaging/" + segment));
  }
  CHECK(StatusOf(server, MessageId(1)) == Status("unknown", MessageId(1)));
}

TEST_CASE(
    "PUBLISH denied to anonymous callers answers 5007, while a user may "
    "publish") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer denied = Publish(server, "locked", json{{"message", "x"}});
  CHECK(denied.status == 400);
  CHECK(denied.body ==
        Error(5007, "User has no permission to publish message"));
  Answer allowed = Publish(server, "locked", json{{"message", "x"}},
                           {{"user-token", "token-1"}}, "/APP/KEY");
  CHECK(allowed.status == 200);
  CHECK(allowed.body == Status("scheduled", MessageId(1)));
}

TEST_CASE("a body that is not JSON answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = Publish(server, "default", std::string("not json"));
  CHECK(answer.status == 400);
  CHECK(answer.body ==
        CannotParse("body is not valid JSON: parse error at line 1, column 2: "
                    "syntax error while parsing value - invalid literal; "
                    "last read: 'no'"));
}

TEST_CASE("a body that is a JSON array answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      Publish(server, "default", std::string(R"([{"message":"x"}])"));
  CHECK(answer.status == 400);
  CHECK(answer.body == CannotParse("body must be a JSON object"));
}

TEST_CASE("a body without \"message\" answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string body : {R"({"publisherId":"p"})", "{}", ""}) {
    CAPTURE(body);
    Answer answer = Publish(server, "default", body);
    CHECK(answer.status == 400);
    CHECK(answer.body == CannotParse("\"message\" is required"));
  }
}

TEST_CASE("a message of every JSON type is accepted") {
  TestServer server(TestFixturesDir("lifecycle"));
  const json messages[] = {"text",
                           42,
                           1.5,
                           true,
                           json{{"foo", "123"}},
                           json::array({json{{"bar", "str"}}}),
                           nullptr};
  int n = 0;
  for (const json& message : messages) {
    CAPTURE(message.dump());
    Answer answer = Publish(server, "default", json{{"message", message}});
    CHECK(answer.status == 200);
    CHECK(answer.body == Status("scheduled", MessageId(++n)));
  }
}

TEST_CASE("pushBroadcast may be a number or a string, not a boolean") {
  TestServer server(TestFixturesDir("lifecycle"));
  CHECK(Publish(server, "default", json{{"message", "x"}, {"pushBroadcast", 7}})
            .body == Status("scheduled", MessageId(1)));
  CHECK(
      Publish(server, "default",
              json{{"message", "x"}, {"pushBroadcast", "FOR_IOS|FOR_ANDROID"}})
          .body == Status("scheduled", MessageId(2)));
  Answer answer = Publish(server, "default",
                          json{{"message", "x"}, {"pushBroadcast", true}});
  CHECK(answer.status == 400);
  CHECK(answer.body ==
        CannotParse("\"pushBroadcast\" must be a number or a string"));
}

TEST_CASE("unknown keys in a publish body are ignored") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = Publish(server, "default",
                          json{{"message", "x"},
                               {"deliveryOptions", "not-an-object"},
                               {"whatever", {{"nested", true}}}});
  CHECK(answer.status == 200);
  CHECK(answer.body == Status("scheduled", MessageId(1)));
}

TEST_CASE("a stale user-token on publish answers 3064 and publishes nothing") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = Publish(server, "default", json{{"message", "x"}},
                          {{"user-token", "stale"}});
  CHECK(answer.status == 400);
  CHECK(answer.body ==
        Error(3064,
              "Not existing user token - stale. Relogin user to update "
              "your user token"));
  CHECK(StatusOf(server, MessageId(1)) == Status("unknown", MessageId(1)));
}

TEST_CASE(
    "the SDK's full flat publish body is accepted and repeats until it "
    "expires") {
  TestServer server(TestFixturesDir("lifecycle"));
  const std::string sdk_body =
      R"({"message":{"text":"hi","n":1},"publisherId":"pub-1",)"
      R"("headers":{"ios-alert":"Alert!","android-content-title":"T"},)"
      R"("publishPolicy":"BOTH","pushSinglecast":["dev-1","dev-2"],)"
      R"("publishAt":1893456000000,"repeatEvery":60,"repeatExpiresAt":1893459600000})";
  Answer answer = Publish(server, "default", sdk_body, {}, "/APP/KEY");
  CHECK(answer.status == 200);
  CHECK(answer.body == Status("scheduled", MessageId(1)));
  server.clock().SetMs(1893459600000 - 1);
  CHECK(StatusOf(server, MessageId(1)) == Status("scheduled", MessageId(1)));
  server.clock().SetMs(1893459600000);
  CHECK(StatusOf(server, MessageId(1)) == Status("published", MessageId(1)));
}

}  // namespace
}  // namespace backendless_mock::testing
