// The backendless-mock binary: flags, --check, start-up line, signals.
#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace backendless_mock::testing {
namespace {

const std::string kBinary = BACKENDLESS_MOCK_BINARY;

// The port from a "listening on http://127.0.0.1:PORT" line.
int PortFrom(const std::string& line) {
  std::smatch match;
  REQUIRE(std::regex_search(
      line, match, std::regex(R"(listening on http://127\.0\.0\.1:(\d+))")));
  return std::stoi(match[1]);
}

TEST_CASE("--check accepts the bundled fixtures with exit status 0") {
  Subprocess check({kBinary, "--check", "--fixtures", BUNDLED_FIXTURES_DIR});
  std::string output = check.ReadAll();
  CHECK(check.Wait() == 0);
  CHECK(output.find(": valid (5 files, 6 messages, 3 users, 3 channels)") !=
        std::string::npos);
}

TEST_CASE("--check prints every error as one line and exits 2") {
  TempDir dir;
  dir.Write("a.json",
            R"({"messages": [{"messageId": "m1", "status": "sent"}]})");
  dir.Write("b/c.json", R"({"messages": [{"status": "failed"}], "extra": 1})");
  Subprocess check({kBinary, "--check", "--fixtures", dir.path().string()});
  std::string output = check.ReadAll();
  CHECK(check.Wait() == 2);
  const std::string root = dir.path().string();
  CHECK(output ==
        root +
            "/a.json: /messages/0/status: \"sent\" is not one of failed, "
            "published, scheduled, cancelled, unknown\n" +
            root +
            "/b/c.json: /messages/0: missing required key \"messageId\"\n" +
            root +
            "/b/c.json: /messages/0: missing required key \"errorMessage\"\n" +
            root + "/b/c.json: /extra: unknown key\n" + "4 error(s) in " +
            root + "\n");
}

TEST_CASE("invalid fixtures stop the server before it listens, exit 2") {
  TempDir dir;
  dir.Write("bad.json", "{ not json");
  Subprocess server(
      {kBinary, "--port", "0", "--fixtures", dir.path().string()});
  std::string output = server.ReadAll();
  CHECK(server.Wait() == 2);
  CHECK(output.find(dir.path().string() + "/bad.json: /: invalid JSON: ") == 0);
  CHECK(output.find("listening") == std::string::npos);
  CHECK(output.find("1 fixture error(s); not serving") != std::string::npos);
}

TEST_CASE("the server announces its real port and answers on it") {
  Subprocess server(
      {kBinary, "--port", "0", "--fixtures", BUNDLED_FIXTURES_DIR});
  std::optional<std::string> line = server.ReadLineContaining("listening on");
  REQUIRE(line);
  CHECK(line->find("messages=6 users=3") != std::string::npos);
  httplib::Client client("127.0.0.1", PortFrom(*line));
  auto answer =
      client.Get("/api/messaging/message:6052643A-F96C-4253-BCF0-F606A4BBB794");
  REQUIRE(answer);
  CHECK(nlohmann::json::parse(answer->body) ==
        nlohmann::json{
            {"status", "published"},
            {"messageId", "message:6052643A-F96C-4253-BCF0-F606A4BBB794"},
            {"errorMessage", nullptr}});
  server.Signal(SIGTERM);
  CHECK(server.Wait() == 0);
}

TEST_CASE(
    "SIGINT and SIGTERM stop the server with exit status 0, idle keep-alive "
    "included") {
  for (int signal_number : {SIGINT, SIGTERM}) {
    CAPTURE(signal_number);
    Subprocess server({kBinary, "--port", "0"});
    std::optional<std::string> line = server.ReadLineContaining("listening on");
    REQUIRE(line);
    // A keep-alive connection left open must not hold the exit back.
    httplib::Client client("127.0.0.1", PortFrom(*line));
    client.set_keep_alive(true);
    REQUIRE(client.Get("/api/messaging/x"));
    server.Signal(signal_number);
    CHECK(server.Wait() == 0);
    CHECK(server.ReadAll().find("stopping") != std::string::npos);
  }
}

TEST_CASE("flags fall back to BACKENDLESS_MOCK_* variables, and flags win") {
  SUBCASE("a variable alone") {
    Subprocess server({kBinary}, {"BACKENDLESS_MOCK_PORT=0",
                                  "BACKENDLESS_MOCK_LOG_FORMAT=json"});
    std::optional<std::string> line = server.ReadLineContaining("listening on");
    REQUIRE(line);
    nlohmann::json record = nlohmann::json::parse(*line);
    CHECK(record["level"] == "info");
    CHECK(record["messages"] == 6);
    server.Signal(SIGTERM);
    CHECK(server.Wait() == 0);
  }
  SUBCASE("the flag wins over the variable") {
    Subprocess check({kBinary, "--check", "--fixtures", BUNDLED_FIXTURES_DIR},
                     {"BACKENDLESS_MOCK_FIXTURES=/nonexistent"});
    check.ReadAll();
    CHECK(check.Wait() == 0);
  }
}

TEST_CASE("--help and --version exit 0, and a bad flag exits 2 naming it") {
  Subprocess help({kBinary, "--help"});
  CHECK(help.ReadAll().find("--fixtures") != std::string::npos);
  CHECK(help.Wait() == 0);
  Subprocess version({kBinary, "--version"});
  CHECK(version.ReadAll() == "backendless-mock " BACKENDLESS_MOCK_VERSION "\n");
  CHECK(version.Wait() == 0);
  Subprocess bad({kBinary, "--port", "70000"});
  CHECK(bad.ReadAll().find("--port") != std::string::npos);
  CHECK(bad.Wait() == 2);
  Subprocess unknown({kBinary, "--frobnicate"});
  CHECK(unknown.ReadAll().find("frobnicate") != std::string::npos);
  CHECK(unknown.Wait() == 2);
}

}  // namespace
}  // namespace backendless_mock::testing
