#include "log/logger.h"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "clock.h"

namespace backendless_mock {
namespace {

constexpr int64_t kNow = 1796417259123;  // 2026-12-04T20:47:39.123Z

// A stream buffer that counts how often it is written (sputn) and flushed,
// and lets a test wait for a flush made by another thread.
class CountingLog : public std::stringbuf {
 public:
  int writes() {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return writes_;
  }
  int flushes() {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return flushes_;
  }
  std::string Text() {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return str();
  }
  // True once the stream was flushed; false after `limit` without one.
  bool WaitForFlush(std::chrono::seconds limit) {
    std::unique_lock<std::recursive_mutex> lock(mu_);
    return flushed_.wait_for(lock, limit, [this] { return flushes_ > 0; });
  }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    ++writes_;
    return std::stringbuf::xsputn(s, n);
  }
  int_type overflow(int_type c) override {  // also called by xsputn
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return std::stringbuf::overflow(c);
  }
  int sync() override {
    {
      std::lock_guard<std::recursive_mutex> lock(mu_);
      ++flushes_;
    }
    flushed_.notify_all();
    return 0;
  }

 private:
  std::recursive_mutex mu_;  // xsputn may call overflow
  std::condition_variable_any flushed_;
  int writes_ = 0;   // Guarded by mu_
  int flushes_ = 0;  // Guarded by mu_
};

// Where a test's Logger writes, and its clock.
struct Sink {
  CountingLog buffer;
  std::ostream out{&buffer};
  ManualClock clock{kNow};
};

AccessRecord Record(const std::string& path) {
  AccessRecord record;
  record.method = "GET";
  record.path = path;
  record.status = 200;
  record.duration_ms = 0.0123456;
  record.principal = "user:u-plain";
  return record;
}

// The text line Access prints for Record(path).
std::string Line(const std::string& path) {
  return "2026-12-04T20:47:39.123Z info GET " + path +
         " 200 duration_ms=0.012 principal=user:u-plain\n";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  return lines;
}

// No flusher thread: only the size, Flush, Info/Warn/Error and the
// destructor write, so counts are exact.
constexpr LogBatching kNoTimer{4096, std::chrono::milliseconds(0)};

TEST_CASE("access lines reach the stream in batches, not one write each") {
  Sink sink;
  CountingLog& buffer = sink.buffer;
  Logger logger(sink.out, LogFormat::kText, sink.clock, kNoTimer);
  logger.Access(Record("/first"));
  CHECK(buffer.writes() == 0);  // below the size: still pending
  std::string expected = Line("/first");
  constexpr int kLines = 1000;
  for (int i = 0; i < kLines; ++i) {
    std::string path = "/api/messaging/" + std::to_string(i);
    logger.Access(Record(path));
    expected += Line(path);
  }
  // ~90 bytes a line, 4 KiB a batch: a write per ~45 lines, not per line.
  CHECK(buffer.writes() > 0);
  CHECK(buffer.writes() < kLines / 20);
  CHECK(buffer.flushes() == buffer.writes());
  logger.Flush();
  CHECK(buffer.Text() == expected);
  int writes = buffer.writes();
  logger.Flush();  // nothing pending: no write
  CHECK(buffer.writes() == writes);
}

TEST_CASE("an Info after access lines is written after them, at once") {
  Sink sink;
  CountingLog& buffer = sink.buffer;
  Logger logger(sink.out, LogFormat::kText, sink.clock, kNoTimer);
  logger.Access(Record("/a"));
  logger.Access(Record("/b"));
  logger.Warn("careful", {{"why", "test"}});
  logger.Access(Record("/c"));
  CHECK(buffer.Text() ==
        Line("/a") + Line("/b") +
            "2026-12-04T20:47:39.123Z warn careful why=test\n");
  logger.Error("broken");
  CHECK(buffer.Text() ==
        Line("/a") + Line("/b") +
            "2026-12-04T20:47:39.123Z warn careful why=test\n" + Line("/c") +
            "2026-12-04T20:47:39.123Z error broken\n");
}

TEST_CASE("the destructor writes the lines still pending") {
  Sink sink;
  CountingLog& buffer = sink.buffer;
  SUBCASE("without a flusher thread") {
    {
      Logger(sink.out, LogFormat::kText, sink.clock, kNoTimer)
          .Access(Record("/x"));
    }
  }
  SUBCASE("with a flusher thread that has not run yet") {
    LogBatching hourly{4096, std::chrono::hours(1)};
    {
      Logger(sink.out, LogFormat::kText, sink.clock, hourly)
          .Access(Record("/x"));
    }
  }
  CHECK(buffer.Text() == Line("/x"));
  CHECK(buffer.flushes() == 1);
}

TEST_CASE("the flusher thread writes a lone line without being asked") {
  Sink sink;
  CountingLog& buffer = sink.buffer;
  Logger logger(sink.out, LogFormat::kText, sink.clock,
                {64 * 1024, std::chrono::milliseconds(1)});
  logger.Access(Record("/lone"));
  // Waits for the flusher's write; the limit only turns a hang into a failure.
  REQUIRE(buffer.WaitForFlush(std::chrono::seconds(60)));
  CHECK(buffer.Text() == Line("/lone"));
}

TEST_CASE("concurrent access lines are neither lost nor split") {
  Sink sink;
  CountingLog& buffer = sink.buffer;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 2000;
  {
    // Small batches and a busy flusher, so writes race with appends.
    Logger logger(sink.out, LogFormat::kText, sink.clock,
                  {1024, std::chrono::milliseconds(1)});
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&logger, t] {
        for (int i = 0; i < kPerThread; ++i) {
          logger.Access(
              Record("/t" + std::to_string(t) + "/" + std::to_string(i)));
          if (i % 500 == 0) logger.Info("thread " + std::to_string(t));
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  // Each thread's lines, whole and in the order it logged them.
  std::map<int, int> next;  // thread -> the index its next line must have
  int infos = 0;
  for (const std::string& line : Lines(buffer.Text())) {
    if (line.find(" info thread ") != std::string::npos) {
      ++infos;
      continue;
    }
    size_t slash = line.find("/t");
    REQUIRE(slash != std::string::npos);
    int t = std::stoi(line.substr(slash + 2));
    std::string path =
        "/t" + std::to_string(t) + "/" + std::to_string(next[t]++);
    REQUIRE(line == Line(path));
  }
  CHECK(infos == kThreads * (kPerThread / 500));
  for (int t = 0; t < kThreads; ++t) CHECK(next[t] == kPerThread);
  CHECK(buffer.writes() < kThreads * kPerThread);
}

}  // namespace
}  // namespace backendless_mock
