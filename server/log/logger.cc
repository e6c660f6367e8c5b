#include "log/logger.h"

#include <ctime>

namespace backendless_mock {

std::string FormatTimestamp(int64_t epoch_ms) {
  int64_t millis = ((epoch_ms % 1000) + 1000) % 1000;  // floor, for < 1970
  std::time_t seconds = static_cast<std::time_t>((epoch_ms - millis) / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[40];
  size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  int tail = std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ",
                           static_cast<int>(millis));
  return std::string(buffer, n + static_cast<size_t>(tail));
}

Logger::Logger(std::ostream& out, LogFormat format, const Clock& clock)
    : out_(out), format_(format), clock_(clock) {}

void Logger::Info(std::string_view message, const nlohmann::json& fields) {
  Write("info", message, fields);
}

void Logger::Warn(std::string_view message, const nlohmann::json& fields) {
  Write("warn", message, fields);
}

void Logger::Error(std::string_view message, const nlohmann::json& fields) {
  Write("error", message, fields);
}

void Logger::Write(std::string_view level, std::string_view message,
                   const nlohmann::json& fields) {
  std::string line;
  std::string time = FormatTimestamp(clock_.NowMs());
  if (format_ == LogFormat::kJson) {
    nlohmann::json record = {
        {"time", time}, {"level", level}, {"msg", message}};
    if (fields.is_object()) record.update(fields);
    line =
        record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    line = time + " " + std::string(level) + " " + std::string(message);
    if (fields.is_object()) {
      for (const auto& item : fields.items()) {
        // Strings print bare unless quoting is needed to keep one value.
        std::string value = item.value().dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (item.value().is_string() &&
            value.find_first_of(" =\\") == std::string::npos) {
          value = value.substr(1, value.size() - 2);
        }
        line += " " + item.key() + "=" + value;
      }
    }
  }
  line += '\n';
  std::lock_guard<std::mutex> lock(mu_);
  out_ << line << std::flush;
}

}  // namespace backendless_mock
