#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <vector>

#include "admin/admin_api.h"
#include "admin/control.h"
#include "admin/faults.h"
#include "admin/journal.h"
#include "api/gateway.h"
#include "api/messaging_api.h"
#include "api/router.h"
#include "api/users_api.h"
#include "clock.h"
#include "config.h"
#include "http/server.h"
#include "ids.h"
#include "log/logger.h"
#include "service/messaging_service.h"
#include "service/user_service.h"
#include "store/fixture_error.h"
#include "store/fixture_store.h"
#include "store/fixture_watcher.h"
#include "store/message_board.h"
#include "store/sessions.h"

namespace backendless_mock {

// What the process provides: time, new ids, and where log lines go.
struct AppEnvironment {
  const Clock& clock;
  IdSource& ids;
  std::ostream& log;
};

// The composition root: loads the fixtures, wires store, policy, API and
// transport together, and runs the server.
class App {
 public:
  // Loads the fixtures named by `config`. nullptr, with every error in
  // `errors`, when they are invalid: the server never half-loads.
  static std::unique_ptr<App> Create(const Config& config,
                                     const AppEnvironment& environment,
                                     std::vector<FixtureError>& errors);
  ~App();

  // Binds the port and logs "listening on http://HOST:PORT"; the bound port
  // (the real one when the config says 0), or nullopt when it cannot listen.
  std::optional<int> Start();
  // Serves until Stop(). REQUIRES: Start() succeeded.
  void Run();
  // Stops accepting connections. Safe from any thread.
  void Stop();
  // Stops accepting, then waits (at most `limit`) for requests in flight to
  // be answered. Run() ends once the answers in progress are written (at
  // most a second later); the process exits without joining it.
  void Shutdown(std::chrono::milliseconds limit);

  // Loads the fixture files again, on the reload thread, and waits for the
  // result (the watcher and the admin API reload through Control the same
  // way).
  ReloadResult ReloadFixtures(const std::string& trigger) {
    return control_.ReloadFixtures(trigger);
  }
  // Queues a reload without waiting for it (SIGHUP).
  void RequestReload(const std::string& trigger) {
    control_.RequestReload(trigger);
  }
  // One poll of the fixture watcher now; true when it found a change and
  // reloaded. False with --no-watch.
  bool CheckFixturesNow() { return watcher_ && watcher_->CheckNow(); }
  Control& control() { return control_; }
  Logger& logger() { return logger_; }
  AdjustableClock& clock() { return clock_; }

 private:
  App(const Config& config, const AppEnvironment& environment,
      std::shared_ptr<const FixtureSet> fixtures, std::string fingerprint);
  // Keeps an answered exchange in the journal, secrets hidden.
  void Journalize(const HttpRequest& request, const HttpResponse& response,
                  double duration_ms);

  Config config_;
  AppEnvironment environment_;
  AdjustableClock clock_;
  Logger logger_;
  FixtureStore fixtures_;
  Sessions sessions_;
  MessageBoard board_;
  MessagingService messaging_;
  UserService users_;
  Journal journal_;
  FaultInjector faults_;
  Control control_;
  Router api_router_;
  Router admin_router_;
  MessagingApi messaging_api_;
  UsersApi users_api_;
  AdminApi admin_api_;
  Gateway gateway_;
  HttpServer http_;
  std::unique_ptr<FixtureWatcher> watcher_;  // null with --no-watch
};

}  // namespace backendless_mock
