#include "app.h"

#include "model/json_text.h"
#include "store/fixture_loader.h"

namespace backendless_mock {

std::unique_ptr<App> App::Create(const Config& config,
                                 const AppEnvironment& environment,
                                 std::vector<FixtureError>& errors) {
  std::string fingerprint = FixtureFingerprint(config.fixtures_dir);
  FixtureLoad load = LoadFixtureDirectory(config.fixtures_dir);
  if (!load.set) {
    errors = std::move(load.errors);
    return nullptr;
  }
  return std::unique_ptr<App>(new App(config, environment, std::move(load.set),
                                      std::move(fingerprint)));
}

App::App(const Config& config, const AppEnvironment& environment,
         std::shared_ptr<const FixtureSet> fixtures, std::string fingerprint)
    : config_(config),
      environment_(environment),
      clock_(environment.clock, config.manual_clock),
      logger_(environment.log, config.log_format, clock_),
      fixtures_(std::move(fixtures)),
      messaging_(board_, clock_, environment.ids,
                 MessagingOptions{config.delivery_delay_ms}),
      users_(sessions_, clock_, environment.ids),
      journal_(config.journal_size),
      control_({config.fixtures_dir, fixtures_, board_, sessions_, messaging_,
                clock_, journal_, faults_, logger_, config.state_file}),
      messaging_api_(messaging_),
      users_api_(users_),
      admin_api_(control_),
      gateway_(api_router_, admin_router_, fixtures_, sessions_, faults_,
               [this](const FixtureSet& fixtures, const std::string& id) {
                 return messaging_.ChannelOf(fixtures, id);
               },
               {config.latency_ms, config.admin_token, config.log_secrets}),
      http_(
          config.http,
          [this](const HttpRequest& request) {
            return gateway_.Handle(request);
          },
          logger_,
          [this](const HttpRequest& request, const HttpResponse& response,
                 double duration_ms) {
            Journalize(request, response, duration_ms);
          }) {
  messaging_api_.Register(api_router_);
  users_api_.Register(api_router_);
  admin_api_.Register(admin_router_);
  if (config.watch) {
    watcher_ = std::make_unique<FixtureWatcher>(
        config.fixtures_dir,
        std::chrono::milliseconds(config.watch_interval_ms),
        std::move(fingerprint),
        // Waits for the reload: CheckNow() answers once it is served, and
        // the watcher never queues more than one.
        [this] { control_.ReloadFixtures("watch"); });
  }
}

App::~App() { watcher_.reset(); }

void App::Journalize(const HttpRequest& request, const HttpResponse& response,
                     double duration_ms) {
  if (!journal_.enabled()) return;
  constexpr size_t kBodyLimit = 8192;
  // Written into the journal's slot: a full journal reuses its oldest
  // entry's storage instead of allocating a new entry per request.
  journal_.RecordWith([&](JournalEntry& entry) {
    entry.at_ms = clock_.NowMs();
    entry.method.assign(request.method);
    entry.path.assign(response.log_path.empty()
                          ? request.target
                          : std::string_view(response.log_path));
    constexpr size_t kHeaderBytesLimit = 16384;
    size_t header_bytes = 0;
    for (const auto& [name, value] : request.headers) {
      header_bytes += name.size() + value.size();
      if (header_bytes > kHeaderBytesLimit) {
        entry.headers.emplace_back("X-Backendless-Mock-Truncated",
                                   "further headers were not journaled");
        break;
      }
      bool secret = EqualsIgnoreCase(name, "user-token") ||
                    EqualsIgnoreCase(name, "Authorization");
      entry.headers.emplace_back(
          name, secret && !config_.log_secrets ? "<redacted>" : value);
    }
    entry.body.assign(request.body.substr(0, kBodyLimit));
    entry.body_truncated = request.body.size() > kBodyLimit;
    if (!config_.log_secrets && response.route == "POST users/login") {
      std::string error;
      nlohmann::json login = ParseJsonText(request.body, false, error);
      if (!login.is_object()) {
        entry.body = "<redacted: not a JSON object>";  // it may hold a password
      } else if (login.contains("password")) {
        login["password"] = "<redacted>";
        entry.body = login.dump(-1, ' ', false,
                                nlohmann::json::error_handler_t::replace);
      }
    }
    entry.principal = response.principal;
    entry.user_id = response.user_id;
    entry.route = response.route;
    entry.decision = response.decision;
    entry.message_id = response.message_id;
    entry.status = response.status;
    entry.duration_ms = duration_ms;
  });
}

std::optional<int> App::Start() {
  Expected<bool> state = control_.LoadStateFile();
  if (!state.ok()) {
    logger_.Error(state.error().message);
    return std::nullopt;
  }
  std::optional<int> port = http_.Bind();
  if (!port) {
    logger_.Error("cannot listen on " + config_.http.host + ":" +
                  std::to_string(config_.http.port));
    return std::nullopt;
  }
  std::shared_ptr<const FixtureSet> fixtures = fixtures_.Current();
  logger_.Info("backendless-mock " BACKENDLESS_MOCK_VERSION
               " listening on http://" +
                   config_.http.host + ":" + std::to_string(*port),
               {{"fixtures", config_.fixtures_dir},
                {"messages", fixtures->message_count()},
                {"users", fixtures->user_count()},
                {"channels", fixtures->channel_count()}});
  return port;
}

void App::Run() { http_.Serve(); }

void App::Stop() { http_.Stop(); }

void App::Shutdown(std::chrono::milliseconds limit) {
  http_.Stop();
  if (!http_.Drain(limit)) {
    logger_.Warn("requests still in flight at exit");
  }
}

}  // namespace backendless_mock
