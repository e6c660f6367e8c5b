#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "clock.h"

namespace backendless_mock {

enum class LogFormat { kText, kJson };

// One line per event, as text ("<time> <level> <message> key=value ...") or
// as a JSON object for log collectors. Thread-safe.
class Logger {
 public:
  Logger(std::ostream& out, LogFormat format, const Clock& clock);

  void Info(std::string_view message, const nlohmann::json& fields = {});
  void Warn(std::string_view message, const nlohmann::json& fields = {});
  void Error(std::string_view message, const nlohmann::json& fields = {});

 private:
  void Write(std::string_view level, std::string_view message,
             const nlohmann::json& fields);

  std::mutex mu_;
  std::ostream& out_;  // Guarded by mu_
  LogFormat format_;
  const Clock& clock_;
};

// "2026-12-04T20:47:39.123Z"
std::string FormatTimestamp(int64_t epoch_ms);

}  // namespace backendless_mock
