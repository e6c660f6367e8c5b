#include "admin/control.h"

#include "store/fixture_loader.h"

namespace backendless_mock {

void to_json(nlohmann::json& j, const ReloadResult& result) {
  j = nlohmann::json{{"ok", result.ok},
                     {"at", FormatTimestamp(result.at_ms)},
                     {"atMs", result.at_ms},
                     {"trigger", result.trigger},
                     {"errors", result.errors}};
}

void to_json(nlohmann::json& j, const HealthReport& report) {
  j = nlohmann::json{
      {"status", "ok"},
      {"version", BACKENDLESS_MOCK_VERSION},
      {"uptimeMs", report.uptime_ms},
      {"fixtures",
       {{"dir", report.fixtures_dir},
        {"messages", report.fixture_messages},
        {"users", report.users},
        {"channels", report.channels}}},
      {"runtime",
       {{"messages", report.runtime_messages},
        {"sessions", report.sessions}}},
      {"lastReload", report.last_reload}};
}

Control::Control(std::string fixtures_dir, FixtureStore& fixtures,
                 MessageBoard& board, Sessions& sessions,
                 AdjustableClock& clock, Logger& logger)
    : fixtures_dir_(std::move(fixtures_dir)),
      fixtures_(fixtures),
      board_(board),
      sessions_(sessions),
      clock_(clock),
      logger_(logger),
      started_(std::chrono::steady_clock::now()) {
  last_reload_ = {true, clock_.NowMs(), "start", {}};
}

ReloadResult Control::ReloadFixtures(const std::string& trigger) {
  std::lock_guard<std::mutex> lock(mu_);
  FixtureLoad load = LoadFixtureDirectory(fixtures_dir_);
  ReloadResult result{load.set != nullptr, clock_.NowMs(), trigger, {}};
  for (const FixtureError& error : load.errors) {
    result.errors.push_back(FormatFixtureError(error));
    logger_.Error(result.errors.back());
  }
  if (load.set) {
    logger_.Info("fixtures reloaded", {{"trigger", trigger},
                                       {"messages", load.set->message_count()},
                                       {"users", load.set->user_count()},
                                       {"channels", load.set->channel_count()}});
    fixtures_.Replace(std::move(load.set));
  } else {
    logger_.Warn("fixture reload failed; serving the last good set",
                 {{"trigger", trigger}, {"errors", result.errors.size()}});
  }
  last_reload_ = result;
  return result;
}

HealthReport Control::Health() const {
  HealthReport report;
  report.uptime_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started_)
                         .count();
  report.fixtures_dir = fixtures_dir_;
  std::shared_ptr<const FixtureSet> fixtures = fixtures_.Current();
  report.fixture_messages = fixtures->message_count();
  report.users = fixtures->user_count();
  report.channels = fixtures->channel_count();
  report.runtime_messages = board_.size();
  report.sessions = sessions_.issued_count();
  std::lock_guard<std::mutex> lock(mu_);
  report.last_reload = last_reload_;
  return report;
}

}  // namespace backendless_mock
