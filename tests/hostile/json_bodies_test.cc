// Hostile JSON bodies: nesting 100,000 deep, numbers out of range, duplicate
// keys, a wrong type for every field the emulated and admin APIs read, and
// invalid UTF-8. Each answers a Backendless error naming the problem (or the
// right answer), and the server stays healthy.
#include <doctest/doctest.h>

#include <string>

#include "hostile/still_healthy.h"
#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

constexpr int kDeep = 100000;

// {"<key>": [[[ ... ]]]} with `depth` arrays, plus the other members given.
std::string DeepBody(const std::string& key, int depth,
                     const std::string& other_members = "") {
  std::string body = "{" + other_members + "\"" + key + "\":";
  body += std::string(depth, '[') + std::string(depth, ']') + "}";
  return body;
}

// The 8002 message starts so; what follows names the problem.
bool IsCannotParse(const Answer& answer) {
  return answer.status == 400 && answer.body.is_object() &&
         answer.body["code"] == 8002 &&
         answer.body["message"].get<std::string>().rfind(
             "Could not parse request with message: ", 0) == 0;
}

TEST_CASE("JSON nested 100,000 deep in a publish body answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      server.Send("POST", "/api/messaging/default", DeepBody("message", kDeep));
  CHECK(IsCannotParse(answer));
  CheckStillHealthy(server);
}

TEST_CASE("JSON nested 100,000 deep in a login body answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      server.Send("POST", "/api/users/login",
                  DeepBody("deep", kDeep,
                           R"("login":"one@example.com","password":"pw-1",)"));
  CHECK(IsCannotParse(answer));
  CheckStillHealthy(server);
}

TEST_CASE("JSON nested 100,000 deep in admin bodies answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  SUBCASE("a runtime user") {
    CHECK(IsCannotParse(server.Send(
        "POST", "/__admin/users",
        DeepBody(
            "extra", kDeep,
            R"("objectId":"u-deep","email":"deep@example.com","password":"p",)"))));
  }
  SUBCASE("a runtime message") {
    CHECK(IsCannotParse(server.Send(
        "POST", "/__admin/messages",
        DeepBody("message", kDeep,
                 R"("messageId":"m-deep","status":"published",)"))));
  }
  SUBCASE("a push template") {
    CHECK(IsCannotParse(
        server.Send("POST", "/__admin/push-templates",
                    DeepBody("ios", kDeep, R"("name":"t-deep",)"))));
  }
  SUBCASE("a fault rule") {
    CHECK(IsCannotParse(
        server.Send("POST", "/__admin/faults",
                    DeepBody("match", kDeep, R"("effect":{"close":true},)"))));
  }
  SUBCASE("a state import") {
    CHECK(IsCannotParse(server.Send(
        "PUT", "/__admin/state",
        DeepBody("messages", kDeep, R"("version":1,"removedMessages":[],)"))));
  }
  SUBCASE("a clock command") {
    CHECK(IsCannotParse(
        server.Send("POST", "/__admin/clock", DeepBody("advanceMs", kDeep))));
  }
  CheckStillHealthy(server);
}

TEST_CASE("a deep but reasonable publish body is served and listed") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      server.Send("POST", "/api/messaging/default", DeepBody("message", 64));
  CHECK(answer.status == 200);
  CHECK(answer.body == Status("scheduled", MessageId(1)));
  CHECK(server.Get("/__admin/messages").status == 200);
  CheckStillHealthy(server);
}

TEST_CASE("out-of-range publish times answer 5030 and 5003") {
  TestServer server(TestFixturesDir("lifecycle"));
  // A number beyond a double's range cannot even be parsed: the whole body
  // is refused before any field is read.
  for (const std::string value : {"1e400", "-1e400"}) {
    CAPTURE(value);
    Answer answer = server.Send("POST", "/api/messaging/default",
                                R"({"message":"x","publishAt":)" + value + "}");
    CHECK(answer.status == 400);
    CHECK(answer.body["code"] == 8002);
  }
  for (const std::string value :
       {"-1", "18446744073709551616", "18446744073709551615",
        "9223372036854775808", "-9223372036854775809", "1.5",
        "\"1767225700000\""}) {
    CAPTURE(value);
    CHECK(server
              .Send("POST", "/api/messaging/default",
                    R"({"message":"x","publishAt":)" + value + "}")
              .body == Error(5030, "Invalid publish date"));
    CHECK(server
              .Send("POST", "/api/messaging/default",
                    R"({"message":"x","repeatExpiresAt":)" + value + "}")
              .body == Error(5003, "Invalid expiration date"));
    CHECK(server
              .Send("POST", "/api/messaging/default",
                    R"({"message":"x","repeatEvery":)" + value + "}")
              .body ==
          CannotParse("\"repeatEvery\" must be a positive number of seconds"));
  }
  // The largest representable time is a valid, far-future publishAt.
  CHECK(server
            .Send("POST", "/api/messaging/default",
                  R"({"message":"x","publishAt":9223372036854775807})")
            .body == Status("scheduled", MessageId(1)));
  CheckStillHealthy(server);
}

TEST_CASE("out-of-range admin numbers answer 8002 and leave the clock alone") {
  TestServer server(TestFixturesDir("lifecycle"));
  json clock_before = server.Get("/__admin/clock").body;
  SUBCASE("clock commands") {
    for (const std::string command :
         {R"({"advanceMs":1e400})", R"({"advanceMs":18446744073709551616})",
          R"({"advanceMs":9223372036854775807})", R"({"advanceMs":-1})",
          R"({"setMs":18446744073709551615})",
          R"({"setMs":-9223372036854775808})", R"({"setMs":1e400})"}) {
      CAPTURE(command);
      CHECK(IsCannotParse(server.Send("POST", "/__admin/clock", command)));
    }
  }
  SUBCASE("a state import with a clock out of range") {
    for (const std::string clock :
         {"9223372036854775807", "-9223372036854775808", "253402300800000"}) {
      CAPTURE(clock);
      Answer answer =
          server.Send("PUT", "/__admin/state",
                      R"({"version":1,"messages":[],"removedMessages":[],)"
                      R"("sessions":{"issued":{},"revoked":[]},"clockMs":)" +
                          clock + "}");
      CHECK(IsCannotParse(answer));
    }
  }
  SUBCASE("fault rules") {
    for (
        const std::string rule :
        {R"({"match":{"times":18446744073709551616},"effect":{"close":true}})",
         R"({"match":{"times":0},"effect":{"close":true}})",
         R"({"match":{"probability":1e400},"effect":{"close":true}})",
         R"({"effect":{"delayMs":18446744073709551615}})",
         R"({"effect":{"delayMs":[5,1]}})",
         R"({"effect":{"error":{"status":4294967696,"code":1,"message":"m"}}})",
         R"({"effect":{"error":{"status":-4294966896,"code":1,"message":"m"}}})",
         R"({"effect":{"response":{"status":4294967496}}})"}) {
      CAPTURE(rule);
      CHECK(IsCannotParse(server.Send("POST", "/__admin/faults", rule)));
    }
    CHECK(server.Get("/__admin/faults").body ==
          json{{"faults", json::array()}});
  }
  CHECK(server.Get("/__admin/clock").body == clock_before);
  CheckStillHealthy(server);
}

TEST_CASE("a fault's error code outside int is refused, not wrapped") {
  TestServer server(TestFixturesDir("lifecycle"));
  CHECK(IsCannotParse(server.Send(
      "POST", "/__admin/faults",
      R"({"effect":{"error":{"status":503,"code":4294968295,"message":"m"}}})")));
  CheckStillHealthy(server);
}

TEST_CASE("duplicate keys: the last one wins, everywhere alike") {
  TestServer server(TestFixturesDir("lifecycle"));
  SUBCASE("publish") {
    REQUIRE(server
                .Send("POST", "/api/messaging/default",
                      R"({"message":"first","message":"second"})")
                .status == 200);
    CHECK(server.Get("/__admin/messages/" + MessageId(1)).body["message"] ==
          "second");
  }
  SUBCASE("login") {
    CHECK(
        server
            .Send(
                "POST", "/api/users/login",
                R"({"login":"one@example.com","password":"wrong","password":"pw-1"})")
            .status == 200);
    CHECK(
        server
            .Send(
                "POST", "/api/users/login",
                R"({"login":"one@example.com","password":"pw-1","password":"wrong"})")
            .body == Error(3003, "Invalid login or password"));
  }
  SUBCASE("the journal hides every password of a login with duplicates") {
    server.Send(
        "POST", "/api/users/login",
        R"({"login":"one@example.com","password":"secret-1","password":"secret-2"})");
    std::string journal =
        server.Get("/__admin/requests?path=/api/users/login").raw_body;
    CHECK(journal.find("secret-1") == std::string::npos);
    CHECK(journal.find("secret-2") == std::string::npos);
  }
  CheckStillHealthy(server);
}

TEST_CASE(
    "the journal hides the password of a login body that is not valid JSON") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string body :
       {R"({"login":"one@example.com","password":"hunter2-secret",})",
        R"({"login":"one@example.com","password":"hunter2-secret")",
        "login=one%40example.com&password=hunter2-secret"}) {
    CAPTURE(body);
    Answer answer = server.Send("POST", "/api/users/login", body);
    CHECK(IsCannotParse(answer));
  }
  std::string journal =
      server.Get("/__admin/requests?path=/api/users/login").raw_body;
  CHECK(journal.find("hunter2-secret") == std::string::npos);
  CheckStillHealthy(server);
}

TEST_CASE("a wrong type for each publish field answers the field's error") {
  TestServer server(TestFixturesDir("lifecycle"));
  struct Case {
    std::string field_and_value;
    json expected;
  };
  const json kPublishDate = Error(5030, "Invalid publish date");
  const json kExpiration = Error(5003, "Invalid expiration date");
  for (const Case& c : std::initializer_list<Case>{
           {R"("publisherId":5)",
            CannotParse("\"publisherId\" must be a string")},
           {R"("publisherId":{})",
            CannotParse("\"publisherId\" must be a string")},
           {R"("headers":"x")",
            CannotParse("\"headers\" must be an object of strings")},
           {R"("headers":[])",
            CannotParse("\"headers\" must be an object of strings")},
           {R"("publishPolicy":1)",
            CannotParse("\"publishPolicy\" must be one of PUSH, PUBSUB, BOTH")},
           {R"("publishPolicy":"push")",
            CannotParse("\"publishPolicy\" must be one of PUSH, PUBSUB, BOTH")},
           {R"("pushBroadcast":[])",
            CannotParse("\"pushBroadcast\" must be a number or a string")},
           {R"("pushBroadcast":true)",
            CannotParse("\"pushBroadcast\" must be a number or a string")},
           {R"("pushSinglecast":"dev-1")",
            CannotParse("\"pushSinglecast\" must be an array of device ids")},
           {R"("publishAt":"tomorrow")", kPublishDate},
           {R"("publishAt":true)", kPublishDate},
           {R"("publishAt":[1])", kPublishDate},
           {R"("repeatExpiresAt":"never")", kExpiration},
           {R"("repeatExpiresAt":{})", kExpiration},
           {R"("repeatEvery":"1m")",
            CannotParse(
                "\"repeatEvery\" must be a positive number of seconds")},
           {R"("repeatEvery":0)",
            CannotParse(
                "\"repeatEvery\" must be a positive number of seconds")},
       }) {
    CAPTURE(c.field_and_value);
    Answer answer = server.Send("POST", "/api/messaging/default",
                                R"({"message":"x",)" + c.field_and_value + "}");
    CHECK(answer.status == 400);
    CHECK(answer.body == c.expected);
  }
  for (const std::string body : {"[]", "\"x\"", "5", "null", "true"}) {
    CAPTURE(body);
    CHECK(server.Send("POST", "/api/messaging/default", body).body ==
          CannotParse("body must be a JSON object"));
  }
  CHECK(server.Send("POST", "/api/messaging/default", R"({"publisherId":"p"})")
            .body == CannotParse("\"message\" is required"));
  CHECK(
      server.Get("/__admin/requests/count?path=/api/messaging/").body["count"] >
      0);
  CheckStillHealthy(server);
}

TEST_CASE("publish rejects header values and device ids that fixtures reject") {
  // A published message must be expressible as a fixture (GET /__admin/messages
  // output is the fixture form), so its types follow the fixture rules.
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string field :
       {R"("headers":{"city":5})", R"("headers":{"city":null})",
        R"("pushSinglecast":[1,2])", R"("pushSinglecast":[{}])"}) {
    CAPTURE(field);
    Answer answer = server.Send("POST", "/api/messaging/default",
                                R"({"message":"x",)" + field + "}");
    CHECK(IsCannotParse(answer));
  }
  CheckStillHealthy(server);
}

TEST_CASE("a wrong type for each login field answers 3006") {
  TestServer server(TestFixturesDir("lifecycle"));
  const json missing = Error(3006, "Login or password is missing or null");
  for (const std::string body :
       {R"({"login":5,"password":"pw-1"})",
        R"({"login":["one@example.com"],"password":"pw-1"})",
        R"({"login":"one@example.com","password":1})",
        R"({"login":"one@example.com","password":{"x":1}})",
        R"({"login":null,"password":null})",
        R"({"login":true,"password":false})"}) {
    CAPTURE(body);
    Answer answer = server.Send("POST", "/api/users/login", body);
    CHECK(answer.status == 400);
    CHECK(answer.body == missing);
  }
  CHECK(server.Send("POST", "/api/users/login", "[]").body ==
        CannotParse("body must be a JSON object"));
  CheckStillHealthy(server);
}

TEST_CASE("a wrong type for each admin field answers 8002 naming it") {
  TestServer server(TestFixturesDir("lifecycle"));
  struct Case {
    std::string method, path, body, expected_message;
  };
  for (
      const Case& c : std::initializer_list<Case>{
          {"POST", "/__admin/clock", R"({"advanceMs":"5"})",
           "\"advanceMs\" must be a non-negative integer"},
          {"POST", "/__admin/clock", R"({"freeze":"yes"})",
           "expected exactly one of advanceMs, setMs, freeze, resume"},
          {"POST", "/__admin/faults", R"({"match":[],"effect":{"close":true}})",
           "fault rule: \"match\" must be an object"},
          {"POST", "/__admin/faults",
           R"({"match":{"method":1},"effect":{"close":true}})",
           "fault rule: match.method must be a string"},
          {"POST", "/__admin/faults",
           R"({"match":{"seed":"x"},"effect":{"close":true}})",
           "fault rule: match.seed must be an integer"},
          {"POST", "/__admin/faults", R"({"effect":[]})",
           "fault rule: \"effect\" must be a non-empty object"},
          {"POST", "/__admin/faults", R"({"effect":{"close":"yes"}})",
           "fault rule: unknown effect \"close\""},
          {"POST", "/__admin/faults",
           R"({"effect":{"error":{"status":"503","code":1,"message":"m"}}})",
           "fault rule: effect.error needs integer status and code and a "
           "string message"},
          {"POST", "/__admin/faults",
           R"({"effect":{"response":{"status":200,"headers":{"a":1}}}})",
           "fault rule: effect.response.headers values must be strings"},
          {"POST", "/__admin/users",
           R"({"objectId":5,"email":"e@x","password":"p"})",
           "/objectId: expected a string, got an integer"},
          {"POST", "/__admin/users",
           R"({"objectId":"u","email":"e@x","password":"p","roles":"Admin"})",
           "/roles: expected an array, got a string"},
          {"POST", "/__admin/channels", R"({"name":["ops"]})",
           "/name: expected a string, got an array"},
          {"POST", "/__admin/channels",
           R"({"name":"ops","permissions":{"PUBLISH":{"deny":"x"}}})",
           "/permissions/PUBLISH/deny: expected an array, got a string"},
          {"POST", "/__admin/messages", R"({"messageId":"m","status":1})",
           "/status: expected a string, got an integer"},
          {"POST", "/__admin/messages",
           R"({"messageId":"m","status":"scheduled","publishAt":"x"})",
           "/publishAt: expected an integer, got a string"},
          {"POST", "/__admin/push-templates", R"({"name":{}})",
           "/name: expected a string, got an object"},
          {"PUT", "/__admin/state",
           R"({"version":"1","messages":[],"removedMessages":[]})",
           "state must be {\"version\": 1, \"messages\": [...], "
           "\"removedMessages\": [...], \"sessions\": {...}}"},
          {"PUT", "/__admin/state",
           R"({"version":1,"messages":[{"messageId":"m","status":"published","channel":"default","dueAtMs":"x"}],"removedMessages":[],"sessions":{"issued":{},"revoked":[]}})",
           "state: message m has a field of the wrong type"},
          {"PUT", "/__admin/state",
           R"({"version":1,"messages":[],"removedMessages":[5],"sessions":{"issued":{},"revoked":[]}})",
           "state: removedMessages holds ids"},
          {"PUT", "/__admin/state",
           R"({"version":1,"messages":[],"removedMessages":[],"sessions":{"issued":{"t":5},"revoked":[]}})",
           "state: sessions must be {\"issued\": {...}, \"revoked\": [...]}"},
      }) {
    CAPTURE(c.method);
    CAPTURE(c.path);
    CAPTURE(c.body);
    Answer answer = server.Send(c.method, c.path, c.body);
    CHECK(answer.status == 400);
    CHECK(answer.body == CannotParse(c.expected_message));
  }
  CHECK(server.Get("/__admin/faults").body == json{{"faults", json::array()}});
  CheckStillHealthy(server);
}

TEST_CASE(
    "a state import carrying a wrongly typed clock leaves the clock alone") {
  TestServer server(TestFixturesDir("lifecycle"));
  json clock_before = server.Get("/__admin/clock").body;
  for (const std::string clock : {"\"soon\"", "1.5", "null", "[]"}) {
    CAPTURE(clock);
    Answer answer =
        server.Send("PUT", "/__admin/state",
                    R"({"version":1,"messages":[],"removedMessages":[],)"
                    R"("sessions":{"issued":{},"revoked":[]},"clockMs":)" +
                        clock + "}");
    CHECK(IsCannotParse(answer));
  }
  CHECK(server.Get("/__admin/clock").body == clock_before);
  CheckStillHealthy(server);
}

TEST_CASE("invalid UTF-8 in a body answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string body :
       {"{\"message\":\"\xff\xfe\"}", "{\"message\":\"\xc3\"}",
        "{\"message\":\"\xed\xa0\x80\"}",  // an encoded surrogate
        "{\"message\":\"\\ud800\"}",       // a lone escaped surrogate
        "{\"\xff\":1,\"message\":\"x\"}"}) {
    CAPTURE(body);
    CHECK(IsCannotParse(server.Send("POST", "/api/messaging/default", body)));
    CHECK(IsCannotParse(server.Send("POST", "/api/users/login", body)));
    CHECK(IsCannotParse(server.Send("POST", "/__admin/faults", body)));
  }
  CheckStillHealthy(server);
}

}  // namespace
}  // namespace backendless_mock::testing
