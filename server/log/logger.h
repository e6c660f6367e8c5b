#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "clock.h"
#include "log/access_line.h"

namespace backendless_mock {

// One line per event, as text ("<time> <level> <message> key=value ...") or
// as a JSON object for log collectors. Thread-safe.
class Logger {
 public:
  Logger(std::ostream& out, LogFormat format, const Clock& clock);

  void Info(std::string_view message, const nlohmann::json& fields = {});
  void Warn(std::string_view message, const nlohmann::json& fields = {});
  void Error(std::string_view message, const nlohmann::json& fields = {});
  // The per-request access line: the same text as Info would print, formatted
  // without a JSON value into a buffer reused across lines.
  void Access(const AccessRecord& record);

 private:
  void Write(std::string_view level, std::string_view message,
             const nlohmann::json& fields);

  std::mutex mu_;
  std::ostream& out_;  // Guarded by mu_
  // Guarded by mu_: Access's buffers, reused so a line costs no allocation.
  std::string time_;
  std::string line_;
  LogFormat format_;
  const Clock& clock_;
};

// "2026-12-04T20:47:39.123Z"
std::string FormatTimestamp(int64_t epoch_ms);
// The same, appended to `out`.
void AppendTimestamp(std::string& out, int64_t epoch_ms);

}  // namespace backendless_mock
