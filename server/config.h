#pragma once

#include <optional>
#include <string>
#include <utility>

#include "http/server.h"
#include "log/logger.h"

namespace backendless_mock {

// Everything the command line and BACKENDLESS_MOCK_* variables decide.
struct Config {
  // Directory of fixture files (*.json, recursively).
  std::string fixtures_dir = BACKENDLESS_MOCK_DEFAULT_FIXTURES;
  // Listening address, port, threads and request limits.
  HttpOptions http;
  LogFormat log_format = LogFormat::kText;
  // How long a publish without publishAt stays scheduled, in milliseconds.
  int64_t delivery_delay_ms = 1000;
  // "system": real time; "manual": frozen until the admin API moves it.
  bool manual_clock = false;
  // Validate the fixtures, print any errors and exit instead of serving.
  bool check_only = false;
  // Ask a running server's /__admin/health and exit 0 when it is healthy.
  bool healthcheck = false;
  // Poll the fixture directory and reload it when a file changes.
  bool watch = true;
  int watch_interval_ms = 500;
  // Requests the journal keeps (0 disables it); older ones are dropped.
  size_t journal_size = 10000;
  // A delay in [min, max] ms added to every emulated answer.
  std::pair<int64_t, int64_t> latency_ms{0, 0};
  // Runtime state is loaded from here at start and saved on SIGTERM.
  std::string state_file;
  // When set, every /__admin/ route needs "Authorization: Bearer <token>".
  std::string admin_token;
  // Show user tokens and passwords in logs and the journal.
  bool log_secrets = false;
};

// A parsed command line, or the exit it asks for (--help, --version, or a
// usage error) with the text to print.
struct CommandLine {
  std::optional<Config> config;
  int exit_code = 0;
  std::string output;  // for stdout when exit_code is 0, stderr otherwise
};

// Flags win over their BACKENDLESS_MOCK_<FLAG> environment variables.
CommandLine ParseCommandLine(int argc, const char* const* argv);

}  // namespace backendless_mock
