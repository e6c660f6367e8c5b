#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "model/message.h"

namespace backendless_mock {
namespace {

// How the report was written before it had its own writer.
std::string ViaNlohmann(const StatusReport& report) {
  nlohmann::json j{{"status", MessageStatusName(report.status)},
                   {"messageId", report.message_id},
                   {"errorMessage", nullptr}};
  if (report.error_message) j["errorMessage"] = *report.error_message;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST_CASE("a status report's JSON has sorted keys and null for no error") {
  StatusReport report{"message:6052643A-F96C-4253-BCF0-F606A4BBB794",
                      MessageStatus::kPublished, std::nullopt};
  CHECK(StatusReportJson(report) ==
        R"({"errorMessage":null,)"
        R"("messageId":"message:6052643A-F96C-4253-BCF0-F606A4BBB794",)"
        R"("status":"published"})");
}

TEST_CASE("a status report's strings are escaped as nlohmann/json escapes") {
  const char* texts[] = {"", "quote\" back\\slash", "line\nfeed\x01",
                         "caf\xc3\xa9", "bad\xff utf8"};
  for (const char* id : texts) {
    for (const char* error : texts) {
      StatusReport report{id, MessageStatus::kFailed, std::string(error)};
      CHECK(StatusReportJson(report) == ViaNlohmann(report));
      report.error_message.reset();
      report.status = MessageStatus::kUnknown;
      CHECK(StatusReportJson(report) == ViaNlohmann(report));
    }
  }
}

}  // namespace
}  // namespace backendless_mock
