#pragma once

#include <httplib.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "app.h"
#include "clock.h"
#include "config.h"
#include "ids.h"

namespace backendless_mock::testing {

// 2026-01-01T00:00:00Z: where every test clock starts.
inline constexpr int64_t kTestEpochMs = 1767225600000;

// A stream buffer that many threads may write while a test reads it.
class LockedLog : public std::stringbuf {
 public:
  std::string Text() {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return str();
  }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return std::stringbuf::xsputn(s, n);
  }
  int_type overflow(int_type c) override {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return std::stringbuf::overflow(c);
  }

 private:
  std::recursive_mutex mu_;  // xsputn may call overflow
};

// An HTTP answer with its body parsed as JSON (null when the body is empty).
struct Answer {
  int status = 0;
  nlohmann::json body;
  std::string raw_body;
  httplib::Headers headers;
};

// The whole app, in-process, on 127.0.0.1 and a free port, with a manual
// clock. Serving from construction to destruction; no waiting needed.
class TestServer {
 public:
  explicit TestServer(const std::string& fixtures_dir, Config config = {});
  ~TestServer();

  int port() const { return port_; }
  // The clock the test drives; the app's own clock follows it.
  ManualClock& clock() { return clock_; }
  // Everything logged so far: pending access lines are written first.
  std::string Logs() {
    app_->logger().Flush();
    return log_buffer_.Text();
  }
  // Polls the fixture watcher now (Config::watch); true when it reloaded.
  bool CheckFixturesNow() { return app_->CheckFixturesNow(); }
  // The app itself, for tests that call it directly rather than over HTTP.
  App& app() { return *app_; }

  httplib::Client Client() const;
  Answer Get(const std::string& path, const httplib::Headers& headers = {});
  Answer Send(const std::string& method, const std::string& path,
              const std::string& body, const httplib::Headers& headers = {});

 private:
  ManualClock clock_{kTestEpochMs};
  SequentialIdSource ids_;
  LockedLog log_buffer_;
  std::ostream log_{&log_buffer_};
  std::unique_ptr<App> app_;
  std::thread serving_;
  int port_ = 0;
};

// Reads a fixture used by tests from tests/fixtures/<name>.
std::string TestFixturesDir(const std::string& name);

}  // namespace backendless_mock::testing
