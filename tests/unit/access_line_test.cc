#include "log/access_line.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "clock.h"
#include "log/logger.h"

namespace backendless_mock {
namespace {

constexpr int64_t kNow = 1796417259123;  // 2026-12-04T20:47:39.123Z

std::string FastLine(LogFormat format, const AccessRecord& record) {
  std::ostringstream out;
  ManualClock clock(kNow);
  Logger logger(out, format, clock);
  logger.Access(record);
  logger.Flush();
  return out.str();
}

// What the access log printed before it had a fast path: Info with fields.
std::string ReferenceLine(LogFormat format, const AccessRecord& record) {
  std::ostringstream out;
  ManualClock clock(kNow);
  Logger logger(out, format, clock);
  nlohmann::json fields = {
      {"duration_ms", std::round(record.duration_ms * 1000) / 1000},
      {"principal", std::string(record.principal)}};
  if (!record.decision.empty()) fields["decision"] = record.decision;
  logger.Info(std::string(record.method) + " " + std::string(record.path) +
                  " " + std::to_string(record.status),
              fields);
  return out.str();
}

AccessRecord Status() {
  AccessRecord record;
  record.method = "GET";
  record.path = "/api/messaging/message:6052643A";
  record.status = 200;
  record.duration_ms = 0.0123456;
  record.principal = "user:u-plain";
  return record;
}

TEST_CASE("the text access line") {
  CHECK(FastLine(LogFormat::kText, Status()) ==
        "2026-12-04T20:47:39.123Z info GET /api/messaging/message:6052643A "
        "200 duration_ms=0.012 principal=user:u-plain\n");
}

TEST_CASE("the JSON access line") {
  AccessRecord record = Status();
  record.decision = "allow";
  CHECK(FastLine(LogFormat::kJson, record) ==
        R"({"decision":"allow","duration_ms":0.012,"level":"info",)"
        R"("msg":"GET /api/messaging/message:6052643A 200",)"
        R"("principal":"user:u-plain","time":"2026-12-04T20:47:39.123Z"})"
        "\n");
}

TEST_CASE("text values are quoted only when they need it") {
  AccessRecord record = Status();
  record.principal = "a b";
  record.decision = "x=\"y\"\n";
  CHECK(FastLine(LogFormat::kText, record) ==
        "2026-12-04T20:47:39.123Z info GET /api/messaging/message:6052643A "
        "200 decision=\"x=\\\"y\\\"\\n\" duration_ms=0.012 "
        "principal=\"a b\"\n");
}

TEST_CASE("the fast line equals the Info line, field for field") {
  const char* paths[] = {"/", "/a b", "/caf\xc3\xa9", "/bad\xff", "/q\"\\"};
  const char* names[] = {"-", "user:u 1", "=", "\t", "caf\xc3\xa9"};
  for (LogFormat format : {LogFormat::kText, LogFormat::kJson}) {
    for (const char* path : paths) {
      for (const char* name : names) {
        AccessRecord record = Status();
        record.path = path;
        record.principal = name;
        record.decision = name;
        CHECK(FastLine(format, record) == ReferenceLine(format, record));
      }
    }
  }
}

TEST_CASE("durations print as nlohmann/json prints the rounded double") {
  for (long long micros = 0; micros < 200000; micros += 7) {
    for (double ms : {micros / 1000.0, micros / 1000.0 + 0.0004,
                      micros * 1013.0 / 1000.0}) {
      AccessRecord record = Status();
      record.duration_ms = ms;
      REQUIRE(FastLine(LogFormat::kText, record) ==
              ReferenceLine(LogFormat::kText, record));
    }
  }
  AccessRecord record = Status();
  for (double ms : {-1.5, 1e13, 123456789.5}) {
    record.duration_ms = ms;
    CHECK(FastLine(LogFormat::kJson, record) ==
          ReferenceLine(LogFormat::kJson, record));
  }
}

TEST_CASE("timestamps match strftime's across dates") {
  CHECK(FormatTimestamp(0) == "1970-01-01T00:00:00.000Z");
  CHECK(FormatTimestamp(-1) == "1969-12-31T23:59:59.999Z");
  CHECK(FormatTimestamp(951782400000) == "2000-02-29T00:00:00.000Z");
  CHECK(FormatTimestamp(kLatestClockMs) == "9999-12-31T23:59:59.999Z");
  CHECK(FormatTimestamp(kEarliestClockMs) == "1-01-01T00:00:00.000Z");
  CHECK(FormatTimestamp(-30610224000001) == "999-12-31T23:59:59.999Z");
  CHECK(FormatTimestamp(-30610224000000) == "1000-01-01T00:00:00.000Z");
  // Every ~3 days (and an odd millisecond) from year 1 to 9999 against
  // gmtime_r + strftime, which the formatter replaced.
  for (int64_t ms = kEarliestClockMs; ms <= kLatestClockMs; ms += 259199999LL) {
    std::time_t seconds =
        static_cast<std::time_t>((ms - ((ms % 1000) + 1000) % 1000) / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char expected[40];
    size_t n =
        std::strftime(expected, sizeof expected, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(expected + n, sizeof expected - n, ".%03dZ",
                  static_cast<int>(((ms % 1000) + 1000) % 1000));
    REQUIRE(FormatTimestamp(ms) == expected);
  }
}

}  // namespace
}  // namespace backendless_mock
