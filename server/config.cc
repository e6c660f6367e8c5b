#include "config.h"

#include <CLI/CLI.hpp>
#include <cctype>
#include <charconv>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>

namespace backendless_mock {
namespace {

constexpr int kUsageError = 2;

// "--log-format" -> "BACKENDLESS_MOCK_LOG_FORMAT"
std::string EnvName(const std::string& flag) {
  std::string name = "BACKENDLESS_MOCK_";
  for (char c : flag.substr(2)) {
    name += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  }
  return name;
}

constexpr int64_t kMaxLatencyMs = 600000;

// "MIN-MAX" milliseconds, 0 <= MIN <= MAX <= kMaxLatencyMs.
std::optional<std::pair<int64_t, int64_t>> ParseLatency(std::string_view text) {
  int64_t low = -1;
  int64_t high = -1;
  const char* end = text.data() + text.size();
  auto [after_low, low_error] = std::from_chars(text.data(), end, low);
  if (low_error != std::errc() || after_low == end || *after_low != '-') {
    return std::nullopt;
  }
  auto [after_high, high_error] = std::from_chars(after_low + 1, end, high);
  if (high_error != std::errc() || after_high != end || low < 0 || high < low ||
      high > kMaxLatencyMs) {
    return std::nullopt;
  }
  return std::make_pair(low, high);
}

}  // namespace

CommandLine ParseCommandLine(int argc, const char* const* argv) {
  Config config;
  CLI::App app{
      "backendless-mock: a local emulator of the Backendless Messaging REST "
      "API, answering from fixture files.\nEvery flag can also be set "
      "through its environment variable, shown as (Env:...); the flag wins.",
      "backendless-mock"};
  app.set_version_flag(
      "--version", std::string("backendless-mock ") + BACKENDLESS_MOCK_VERSION);
  app.get_formatter()->column_width(34);

  auto add = [&app](const std::string& flag, auto& target,
                    const std::string& help) {
    return app.add_option(flag, target, help)->envname(EnvName(flag));
  };
  add("--fixtures", config.fixtures_dir,
      "Directory of fixture files (*.json, recursively)")
      ->capture_default_str();
  add("--host", config.http.host, "Address to listen on")
      ->capture_default_str();
  add("--port", config.http.port, "Port to listen on; 0 picks a free port")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  add("--threads", config.http.threads,
      "Event-loop threads, each serving any number of connections (0: one "
      "per CPU the process may use)")
      ->capture_default_str()
      ->check(CLI::Range(0, 4096));
  add("--max-body-bytes", config.http.max_body_bytes,
      "Largest request body accepted; larger ones get 413")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 30));
  add("--read-timeout-ms", config.http.read_timeout_ms,
      "How long a client may take to send a whole request (headers and body, "
      "from its first byte); slower ones get 408 and are disconnected")
      ->capture_default_str()
      ->check(CLI::Range(1, 600000));
  std::string log_format = "text";
  add("--log-format", log_format, "Log lines as text or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  add("--delivery-delay", config.delivery_delay_ms,
      "Milliseconds a publish stays scheduled before it is published")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{0}, int64_t{86400000}));
  std::string clock = "system";
  add("--clock", clock,
      "system: real time; manual: frozen at start, moved only through "
      "POST /__admin/clock")
      ->capture_default_str()
      ->check(CLI::IsMember({"system", "manual"}));
  app.add_flag("--watch,!--no-watch", config.watch,
               "Reload the fixtures when a file below --fixtures changes "
               "(polling; on by default)")
      ->envname(EnvName("--watch"));
  add("--watch-interval-ms", config.watch_interval_ms,
      "How often --watch looks at the fixture files")
      ->capture_default_str()
      ->check(CLI::Range(50, 60000));
  add("--journal-size", config.journal_size,
      "Requests the journal keeps for /__admin/requests (0 disables it)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{0}, size_t{10000000}));
  std::string latency = "0-0";
  add("--latency", latency,
      "MIN-MAX milliseconds of delay added to every emulated answer")
      ->capture_default_str()
      ->check([](const std::string& text) -> std::string {
        return ParseLatency(text) ? ""
                                  : "expected MIN-MAX milliseconds, 0 <= MIN "
                                    "<= MAX <= " +
                                        std::to_string(kMaxLatencyMs);
      });
  add("--state-file", config.state_file,
      "Load runtime state from this file at start; save it on SIGTERM and "
      "POST /__admin/state/save");
  add("--admin-token", config.admin_token,
      "Require 'Authorization: Bearer <token>' on every /__admin/ route");
  app.add_flag("--log-secrets", config.log_secrets,
               "Show user tokens and passwords in logs and the journal")
      ->envname(EnvName("--log-secrets"));
  app.add_flag(
      "--healthcheck", config.healthcheck,
      "Ask the server on 127.0.0.1:--port for /__admin/health; exit 0 "
      "when it answers 200, 1 otherwise (for container health checks)");
  app.add_flag("--check", config.check_only,
               "Validate the fixtures, print every error, and exit: 0 when "
               "valid, 2 when not")
      ->envname(EnvName("--check"));

  CommandLine result;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream out;
    std::ostringstream err;
    int code = app.exit(e, out, err);
    result.exit_code = code == 0 ? 0 : kUsageError;
    result.output = code == 0 ? out.str() : err.str();
    return result;
  }
  config.manual_clock = clock == "manual";
  config.latency_ms = ParseLatency(latency).value_or(std::make_pair(0, 0));
  config.log_format =
      log_format == "json" ? LogFormat::kJson : LogFormat::kText;
  result.config = std::move(config);
  return result;
}

}  // namespace backendless_mock
