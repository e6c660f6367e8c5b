// backendless-mock: command line -> Config -> App; signals; nothing else.
#include <httplib.h>
#include <pthread.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "app.h"
#include "store/fixture_loader.h"

namespace bm = backendless_mock;

namespace {

constexpr int kInvalidFixtures = 2;
constexpr int kCannotListen = 1;
// How long requests in flight get to finish once a stop signal arrives.
constexpr std::chrono::milliseconds kDrainLimit{800};

void PrintErrors(const std::vector<bm::FixtureError>& errors) {
  for (const bm::FixtureError& error : errors) {
    std::cerr << bm::FormatFixtureError(error) << '\n';
  }
}

int Check(const bm::Config& config) {
  bm::FixtureLoad load = bm::LoadFixtureDirectory(config.fixtures_dir);
  PrintErrors(load.errors);
  if (!load.set) {
    std::cerr << load.errors.size() << " error(s) in " << config.fixtures_dir
              << '\n';
    return kInvalidFixtures;
  }
  std::cout << config.fixtures_dir << ": valid (" << load.file_count
            << " files, " << load.set->message_count() << " messages, "
            << load.set->user_count() << " users, " << load.set->channel_count()
            << " channels)\n";
  return 0;
}

// Exit 0 when the server named by the config answers its health check.
int Healthcheck(const bm::Config& config) {
  std::string host = config.http.host == "0.0.0.0" || config.http.host == "::"
                         ? "127.0.0.1"
                         : config.http.host;
  httplib::Client client(host, config.http.port);
  client.set_connection_timeout(2, 0);
  client.set_read_timeout(2, 0);
  httplib::Headers headers;
  if (!config.admin_token.empty()) {
    headers.emplace("Authorization", "Bearer " + config.admin_token);
  }
  httplib::Result result = client.Get("/__admin/health", headers);
  if (result && result->status == 200) return 0;
  std::cerr << "unhealthy: "
            << (result ? "status " + std::to_string(result->status)
                       : httplib::to_string(result.error()))
            << '\n';
  return 1;
}

// The signals main() waits for, by name (strsignal is not thread-safe).
const char* SignalName(int signal_number) {
  switch (signal_number) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "signal";
  }
}

}  // namespace

int main(int argc, char** argv) {
#if defined(M_ARENA_MAX)
  // glibc gives threads up to 8 x cores malloc arenas, each keeping freed
  // memory for reuse; with event loops, admin workers, the watcher and the
  // reload thread that multiplied resident memory (bench/RESULTS.md: 151 ->
  // 1,120 MB over 10 reloads of 100,000 messages; flat with one arena). Two
  // bound that, yet the threads serving requests do not all queue on one
  // arena's lock. Set before any thread starts; a non-empty MALLOC_ARENA_MAX
  // in the environment still wins. A failure only costs memory. (No other
  // thread exists yet, so neither call races: hence the NOLINTs.)
  const char* arena_max =
      std::getenv("MALLOC_ARENA_MAX");  // NOLINT(concurrency-mt-unsafe)
  if (arena_max == nullptr || *arena_max == '\0') {
    static_cast<void>(
        mallopt(M_ARENA_MAX, 2));  // NOLINT(concurrency-mt-unsafe)
  }
#endif
  bm::CommandLine command_line = bm::ParseCommandLine(argc, argv);
  if (!command_line.config) {
    (command_line.exit_code == 0 ? std::cout : std::cerr)
        << command_line.output;
    return command_line.exit_code;
  }
  const bm::Config& config = *command_line.config;
  if (config.check_only) return Check(config);
  if (config.healthcheck) return Healthcheck(config);

  // Signals are taken by sigwait below, never by an arbitrary thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A peer that goes away mid-write must not end the process; SIG_ERR is
  // only for an invalid signal number.
  static_cast<void>(std::signal(SIGPIPE, SIG_IGN));

  bm::SystemClock clock;
  bm::RandomIdSource ids;
  std::vector<bm::FixtureError> errors;
  std::unique_ptr<bm::App> app =
      bm::App::Create(config, {clock, ids, std::cout}, errors);
  if (!app) {
    PrintErrors(errors);
    std::cerr << "backendless-mock: " << errors.size()
              << " fixture error(s); not serving\n";
    return kInvalidFixtures;
  }
  if (!app->Start()) return kCannotListen;
  std::thread([&app] { app->Run(); }).detach();
  int signal_number = 0;
  while (sigwait(&stop_signals, &signal_number) == 0 &&
         signal_number == SIGHUP) {
    app->RequestReload("SIGHUP");  // not waited for: SIGTERM stays prompt
  }
  app->logger().Info("stopping", {{"signal", SignalName(signal_number)}});
  app->Shutdown(kDrainLimit);
  if (!config.state_file.empty()) app->control().SaveState();
  app->logger().Info("stopped");
  // Every answer is written (or the drain limit passed); the event loops
  // need not be joined, so end the process now.
  std::cout.flush();
  std::_Exit(0);
}
