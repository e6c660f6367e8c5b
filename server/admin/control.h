#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "clock.h"
#include "log/logger.h"
#include "store/fixture_store.h"
#include "store/message_board.h"
#include "store/sessions.h"

namespace backendless_mock {

// The outcome of (re)loading the fixture files.
struct ReloadResult {
  bool ok = true;
  int64_t at_ms = 0;     // clock time of the attempt
  std::string trigger;   // "start", "watch", "SIGHUP", "admin"
  std::vector<std::string> errors;  // one line each; empty when ok
};

void to_json(nlohmann::json& j, const ReloadResult& result);

// What GET /__admin/health reports.
struct HealthReport {
  int64_t uptime_ms = 0;
  std::string fixtures_dir;
  size_t fixture_messages = 0, users = 0, channels = 0;
  size_t runtime_messages = 0, sessions = 0;
  ReloadResult last_reload;
};

void to_json(nlohmann::json& j, const HealthReport& report);

// The one facade the admin routes call: every control-plane operation on the
// running emulator goes through here. Thread-safe.
class Control {
 public:
  Control(std::string fixtures_dir, FixtureStore& fixtures,
          MessageBoard& board, Sessions& sessions, AdjustableClock& clock,
          Logger& logger);

  // Loads the fixture files again and swaps them in atomically; on errors the
  // last good set stays and every error line is logged. Runtime state
  // (published messages, sessions) is kept either way.
  ReloadResult ReloadFixtures(const std::string& trigger);
  HealthReport Health() const;
  AdjustableClock& clock() { return clock_; }

 private:
  const std::string fixtures_dir_;
  FixtureStore& fixtures_;
  MessageBoard& board_;
  Sessions& sessions_;
  AdjustableClock& clock_;
  Logger& logger_;
  const std::chrono::steady_clock::time_point started_;
  mutable std::mutex mu_;    // serialises reloads
  ReloadResult last_reload_;  // Guarded by mu_
};

}  // namespace backendless_mock
