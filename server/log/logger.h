#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

#include "clock.h"
#include "log/access_line.h"

namespace backendless_mock {

// When batched access lines reach the stream.
struct LogBatching {
  // Pending access lines are written once they pass this many bytes.
  size_t flush_bytes = size_t{64} * 1024;
  // ...and at the latest this long after the first of them was buffered, so
  // a developer tailing the log sees a request within a blink. Zero: no
  // flusher thread; lines wait for the size, a Flush() or Info/Warn/Error.
  std::chrono::milliseconds flush_interval{100};
};

// One line per event, as text ("<time> <level> <message> key=value ...") or
// as a JSON object for log collectors. Thread-safe.
//
// Access lines are batched: one write(2) per batch instead of one per
// request. Info, Warn and Error write the pending access lines and then
// their own line at once, so the log keeps its order and a line above a
// warning has always reached the stream. The destructor writes what is left.
class Logger {
 public:
  Logger(std::ostream& out, LogFormat format, const Clock& clock,
         LogBatching batching = {});
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  void Info(std::string_view message, const nlohmann::json& fields = {});
  void Warn(std::string_view message, const nlohmann::json& fields = {});
  void Error(std::string_view message, const nlohmann::json& fields = {});
  // The per-request access line: the same text as Info would print, formatted
  // without a JSON value and appended to the pending batch.
  void Access(const AccessRecord& record);
  // Writes the pending lines and flushes the stream. When it returns, every
  // line logged before the call has reached the stream.
  void Flush();

 private:
  void Write(std::string_view level, std::string_view message,
             const nlohmann::json& fields);
  // The flusher thread: waits for a first pending line, lets a batch gather
  // for flush_interval, writes it; until the destructor says stop.
  void FlushPeriodically();

  const LogFormat format_;
  const Clock& clock_;
  const LogBatching batching_;

  // Taken before mu_ by whoever writes, so batches reach the stream in the
  // order they were taken from pending_.
  std::mutex write_mu_;
  std::ostream& out_;    // Guarded by write_mu_
  std::string writing_;  // Guarded by write_mu_: the batch being written

  std::mutex mu_;
  std::condition_variable wake_;  // pending_ got its first line, or stopping_
  // Guarded by mu_: the lines not yet written, and Access's timestamp
  // buffer; both reused, so an access line costs no allocation.
  std::string pending_;
  std::string time_;
  bool stopping_ = false;  // Guarded by mu_
  std::thread flusher_;    // not started when flush_interval is zero
};

// "2026-12-04T20:47:39.123Z"
std::string FormatTimestamp(int64_t epoch_ms);
// The same, appended to `out`.
void AppendTimestamp(std::string& out, int64_t epoch_ms);

}  // namespace backendless_mock
