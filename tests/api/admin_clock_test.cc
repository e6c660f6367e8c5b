// GET and POST /__admin/clock: reading, moving, freezing and resuming the
// app's clock, and what that does to message statuses, over HTTP.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

json Clock(int64_t now_ms, const std::string& now, bool frozen = false) {
  return {{"frozen", frozen}, {"now", now}, {"nowMs", now_ms}};
}

Answer MoveClock(TestServer& server, const std::string& body) {
  return server.Send("POST", "/__admin/clock", body);
}

int64_t AppNow(TestServer& server) {
  return server.Get("/__admin/clock").body["nowMs"].get<int64_t>();
}

TEST_CASE("the admin clock starts at the test epoch and runs") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = server.Get("/__admin/clock");
  CHECK(answer.status == 200);
  CHECK(
      answer.body ==
      R"({"frozen":false,"now":"2026-01-01T00:00:00.000Z","nowMs":1767225600000})"_json);
}

TEST_CASE("the app clock follows the test's manual clock") {
  TestServer server(TestFixturesDir("lifecycle"));
  server.clock().AdvanceMs(250);
  CHECK(server.Get("/__admin/clock").body ==
        Clock(kTestEpochMs + 250, "2026-01-01T00:00:00.250Z"));
}

TEST_CASE("advanceMs moves the clock and answers the new time") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = MoveClock(server, R"({"advanceMs":1500})");
  CHECK(answer.status == 200);
  CHECK(answer.body == Clock(kTestEpochMs + 1500, "2026-01-01T00:00:01.500Z"));
  CHECK(server.Get("/__admin/clock").body ==
        Clock(kTestEpochMs + 1500, "2026-01-01T00:00:01.500Z"));
  CHECK(MoveClock(server, R"({"advanceMs":0})").body ==
        Clock(kTestEpochMs + 1500, "2026-01-01T00:00:01.500Z"));
}

TEST_CASE("setMs sets the clock, forwards or back, and it keeps following") {
  TestServer server(TestFixturesDir("lifecycle"));
  CHECK(MoveClock(server, R"({"setMs":1767312000000})").body ==
        Clock(1767312000000, "2026-01-02T00:00:00.000Z"));
  server.clock().AdvanceMs(10);
  CHECK(AppNow(server) == 1767312000010);
  CHECK(MoveClock(server, R"({"setMs":1767225599000})").body ==
        Clock(1767225599000, "2025-12-31T23:59:59.000Z"));
}

// Bug guard: FormatTimestamp truncates toward zero, so -1 ms printed as
// "1970-01-01T00:00:00.-01Z" instead of the real instant.
TEST_CASE("a clock set before the Unix epoch reports a well-formed time") {
  TestServer server(TestFixturesDir("lifecycle"));
  CHECK(MoveClock(server, R"({"setMs":-1})").body ==
        Clock(-1, "1969-12-31T23:59:59.999Z"));
  CHECK(MoveClock(server, R"({"setMs":-1500})").body ==
        Clock(-1500, "1969-12-31T23:59:58.500Z"));
}

// Bug guard: advanceMs added to the clock unchecked, so a huge step overflowed
// int64 (undefined behaviour) and wrapped the clock to year -292274998.
TEST_CASE(
    "an advanceMs that would overflow the clock answers 8002 and leaves it") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer = MoveClock(server, R"({"advanceMs":9223372036854775807})");
  CHECK(answer.status == 400);
  CHECK(answer.body ==
        CannotParse("\"advanceMs\" would move the clock past the year 9999"));
  CHECK(AppNow(server) == kTestEpochMs);
}

TEST_CASE("a frozen clock ignores the test clock until it resumes") {
  TestServer server(TestFixturesDir("lifecycle"));
  CHECK(MoveClock(server, R"({"freeze":true})").body ==
        Clock(kTestEpochMs, "2026-01-01T00:00:00.000Z", true));
  server.clock().AdvanceMs(5000);
  CHECK(server.Get("/__admin/clock").body ==
        Clock(kTestEpochMs, "2026-01-01T00:00:00.000Z", true));
  SUBCASE("advanceMs still moves a frozen clock") {
    CHECK(MoveClock(server, R"({"advanceMs":300})").body ==
          Clock(kTestEpochMs + 300, "2026-01-01T00:00:00.300Z", true));
  }
  SUBCASE("a second freeze changes nothing") {
    CHECK(MoveClock(server, R"({"freeze":true})").body ==
          Clock(kTestEpochMs, "2026-01-01T00:00:00.000Z", true));
  }
  SUBCASE("resume continues from the frozen time") {
    CHECK(MoveClock(server, R"({"resume":true})").body ==
          Clock(kTestEpochMs, "2026-01-01T00:00:00.000Z"));
    server.clock().AdvanceMs(40);
    CHECK(server.Get("/__admin/clock").body ==
          Clock(kTestEpochMs + 40, "2026-01-01T00:00:00.040Z"));
  }
}

TEST_CASE("a clock command that is not exactly one known key answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  const json expected =
      CannotParse("expected exactly one of advanceMs, setMs, freeze, resume");
  for (const std::string body :
       {R"({"advanceMs":1,"setMs":2})", "{}", "", R"({"rewind":5})",
        R"({"freeze":true,"resume":true})"}) {
    CAPTURE(body);
    Answer answer = MoveClock(server, body);
    CHECK(answer.status == 400);
    CHECK(answer.body == expected);
  }
  CHECK(AppNow(server) == kTestEpochMs);
}

TEST_CASE("advanceMs that is not a non-negative integer answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string value : {"-1", "1.5", R"("10")", "null", "true"}) {
    CAPTURE(value);
    Answer answer = MoveClock(server, R"({"advanceMs":)" + value + "}");
    CHECK(answer.status == 400);
    CHECK(answer.body ==
          CannotParse("\"advanceMs\" must be a non-negative integer"));
  }
  CHECK(AppNow(server) == kTestEpochMs);
}

TEST_CASE("setMs that is not an integer answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string value :
       {"1767225600000.5", R"("1767225600000")", "null"}) {
    CAPTURE(value);
    Answer answer = MoveClock(server, R"({"setMs":)" + value + "}");
    CHECK(answer.status == 400);
    CHECK(
        answer.body ==
        CannotParse("\"setMs\" must be an integer between -62135596800000 and "
                    "253402300799999"));
  }
  CHECK(AppNow(server) == kTestEpochMs);
}

TEST_CASE("a clock body that is not a JSON object answers 8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer not_json = MoveClock(server, "advance");
  CHECK(not_json.status == 400);
  CHECK(not_json.body ==
        CannotParse("body is not valid JSON: parse error at line 1, column 1: "
                    "syntax error while parsing value - invalid literal; "
                    "last read: 'a'"));
  Answer array = MoveClock(server, R"([{"advanceMs":1}])");
  CHECK(array.status == 400);
  CHECK(array.body == CannotParse("body must be a JSON object"));
}

TEST_CASE("the admin clock ignores a stale user-token") {
  TestServer server(TestFixturesDir("lifecycle"));
  CHECK(server.Get("/__admin/clock", {{"user-token", "stale"}}).status == 200);
  Answer moved = server.Send("POST", "/__admin/clock", R"({"advanceMs":1})",
                             {{"user-token", "stale"}});
  CHECK(moved.status == 200);
}

TEST_CASE("moving the clock through the admin API delivers a due message") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(server.Send("POST", "/api/messaging/default", R"({"message":"hi"})")
              .status == 200);
  const std::string id = "message:00000000-0000-4000-8000-000000000001";
  REQUIRE(MoveClock(server, R"({"advanceMs":999})").status == 200);
  CHECK(server.Get("/api/messaging/" + id).body ==
        json{{"status", "scheduled"},
             {"messageId", id},
             {"errorMessage", nullptr}});
  REQUIRE(MoveClock(server, R"({"advanceMs":1})").status == 200);
  CHECK(server.Get("/api/messaging/" + id).body ==
        json{{"status", "published"},
             {"messageId", id},
             {"errorMessage", nullptr}});
}

TEST_CASE("setting the admin clock to a fixture's publishAt delivers it") {
  TestServer server(TestFixturesDir("lifecycle"));
  REQUIRE(MoveClock(server, R"({"setMs":1767225660000})").status == 200);
  CHECK(server.Get("/api/messaging/fx-fails-in-60s").body ==
        json{{"status", "failed"},
             {"messageId", "fx-fails-in-60s"},
             {"errorMessage", "Quota exceeded"}});
}

}  // namespace
}  // namespace backendless_mock::testing
