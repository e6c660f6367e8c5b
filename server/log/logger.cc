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

Logger::Logger(std::ostream& out, LogFormat format, const Clock& clock,
               LogBatching batching)
    : format_(format), clock_(clock), batching_(batching), out_(out) {
  // Room for a batch and the line that passes the limit, so appending does
  // not reallocate; both buffers keep their capacity across swaps.
  pending_.reserve(batching_.flush_bytes + 4096);
  writing_.reserve(batching_.flush_bytes + 4096);
  if (batching_.flush_interval.count() > 0) {
    flusher_ = std::thread([this] { FlushPeriodically(); });
  }
}

Logger::~Logger() {
  if (flusher_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    wake_.notify_one();
    flusher_.join();
  }
  Flush();
}

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
  bool first = false;
  bool full = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    first = pending_.empty();
    time_.clear();
    AppendTimestamp(time_, now);
    AppendAccessLine(pending_, format_, time_, record);
    full = pending_.size() >= batching_.flush_bytes;
  }
  if (full) {
    Flush();
  } else if (first) {
    wake_.notify_one();  // the flusher starts timing this batch
  }
}

void Logger::Flush() {
  std::lock_guard<std::mutex> write_lock(write_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (pending_.empty()) return;
    writing_.swap(pending_);
  }
  out_.write(writing_.data(), static_cast<std::streamsize>(writing_.size()));
  out_.flush();
  writing_.clear();
}

void Logger::FlushPeriodically() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
    if (stopping_) break;  // the destructor writes what is pending
    wake_.wait_for(lock, batching_.flush_interval,
                   [this] { return stopping_; });
    lock.unlock();
    Flush();
    lock.lock();
  }
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
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_ += line;  // after the access lines logged before it
  }
  Flush();
}

}  // namespace backendless_mock
