#include "log/logger.h"

#include <ctime>

namespace backendless_mock {

namespace {

// strftime's form of the timestamp, for years outside 1000..9999.
std::string FormatTimestampSlowly(int64_t epoch_ms) {
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

void AppendDigits(std::string& out, int64_t value, int width) {
  char digits[4];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

}  // namespace

std::string FormatTimestamp(int64_t epoch_ms) {
  std::string out;
  AppendTimestamp(out, epoch_ms);
  return out;
}

void AppendTimestamp(std::string& out, int64_t epoch_ms) {
  int64_t millis = ((epoch_ms % 1000) + 1000) % 1000;  // floor, for < 1970
  int64_t seconds = (epoch_ms - millis) / 1000;
  int64_t second_of_day = ((seconds % 86400) + 86400) % 86400;
  int64_t days = (seconds - second_of_day) / 86400;
  // Civil date from days since 1970-01-01 (H. Hinnant's civil_from_days),
  // instead of gmtime_r + strftime + snprintf on every log line.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t day_of_era = z - era * 146097;
  int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
                         day_of_era / 146096) /
                        365;
  int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t mp = (5 * day_of_year + 2) / 153;
  int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) {
    out += FormatTimestampSlowly(epoch_ms);  // strftime's unpadded years
    return;
  }
  AppendDigits(out, year, 4);
  out += '-';
  AppendDigits(out, month, 2);
  out += '-';
  AppendDigits(out, day, 2);
  out += 'T';
  AppendDigits(out, second_of_day / 3600, 2);
  out += ':';
  AppendDigits(out, second_of_day / 60 % 60, 2);
  out += ':';
  AppendDigits(out, second_of_day % 60, 2);
  out += '.';
  AppendDigits(out, millis, 3);
  out += 'Z';
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

void Logger::Access(const AccessRecord& record) {
  int64_t now = clock_.NowMs();
  std::lock_guard<std::mutex> lock(mu_);
  time_.clear();
  AppendTimestamp(time_, now);
  line_.clear();
  AppendAccessLine(line_, format_, time_, record);
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  out_.flush();
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
