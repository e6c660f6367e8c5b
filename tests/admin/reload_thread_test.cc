// Reloads on the reload thread, through the App: many at once from several
// threads each leave a whole set in service and the last file content wins;
// an App destroyed with reloads queued or in flight stops cleanly.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr int kReloaders = 4;
constexpr int kReloadsEach = 20;
constexpr int kGenerations = 30;

// Generation g of the fixture set: 2 + g % 5 messages, each failed with
// "generation g", so a mix of two generations cannot pass as either.
size_t MessageCount(int generation) { return 2 + generation % 5; }

void WriteGeneration(const TempDir& dir, int generation) {
  json messages = json::array();
  for (size_t i = 0; i < MessageCount(generation); ++i) {
    messages.push_back(
        {{"messageId", "m-" + std::to_string(i)},
         {"status", "failed"},
         {"errorMessage", "generation " + std::to_string(generation)}});
  }
  // Written beside, then renamed: a reload never reads a half-written file.
  dir.Write("set.json.tmp", json{{"messages", messages}}.dump());
  fs::rename(dir.path() / "set.json.tmp", dir.path() / "set.json");
}

// The generation every served fixture message belongs to, or -1 when the
// set served is not exactly one whole generation.
int ServedGeneration(Control& control) {
  Expected<json> list = control.List(EntityKind::kMessage);
  if (!list.ok() || list.value().empty()) return -1;
  const std::string text = list.value()[0].value("errorMessage", "");
  const std::string prefix = "generation ";
  if (text.rfind(prefix, 0) != 0) return -1;
  int generation = std::stoi(text.substr(prefix.size()));
  if (list.value().size() != MessageCount(generation)) return -1;
  for (const json& message : list.value()) {
    if (message.value("errorMessage", "") != text) return -1;
  }
  return generation;
}

TEST_CASE(
    "reloads from several threads at once each serve a whole set, and the "
    "last file content is served at the end") {
  TempDir dir;
  WriteGeneration(dir, 0);
  Config config;
  config.watch = false;
  TestServer server(dir.path().string(), config);
  App& app = server.app();
  REQUIRE(ServedGeneration(app.control()) == 0);

  // Failures are collected per thread, then reported by the test's thread.
  std::vector<std::vector<std::string>> failures(kReloaders + 1);
  auto reload_and_check = [&app](std::vector<std::string>& failed) {
    ReloadResult result = app.ReloadFixtures("admin");
    if (!result.ok) failed.push_back("a reload failed");
    int generation = ServedGeneration(app.control());
    if (generation < 0) failed.push_back("a mixed or partial set was served");
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kReloaders; ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < kReloadsEach; ++round) {
        reload_and_check(failures[i]);
      }
    });
  }
  threads.emplace_back([&] {
    for (int generation = 1; generation <= kGenerations; ++generation) {
      WriteGeneration(dir, generation);
      reload_and_check(failures[kReloaders]);
    }
  });
  for (std::thread& thread : threads) thread.join();

  for (const auto& failed : failures) {
    for (const std::string& failure : failed) FAIL_CHECK(failure);
  }
  // Reloads run one at a time in the order asked: every reload that ended
  // after the last write's own reload also started after that write.
  CHECK(ServedGeneration(app.control()) == kGenerations);
  HealthReport health = app.control().Health();
  CHECK(health.fixture_messages == MessageCount(kGenerations));
  CHECK(health.last_reload.ok);
}

TEST_CASE("an app destroyed with reloads queued stops without hanging") {
  auto server = std::make_unique<TestServer>(TestFixturesDir("lifecycle"));
  for (int i = 0; i < 3; ++i) server->app().RequestReload("SIGHUP");
  server.reset();  // a hang fails the test by ctest's timeout
}

TEST_CASE(
    "a server stopped while admin reloads are asked for stops without "
    "hanging, and every answer that arrives is a whole reload") {
  auto server = std::make_unique<TestServer>(TestFixturesDir("lifecycle"));
  const int port = server->port();
  std::vector<int> statuses(kReloaders, 0);
  std::vector<std::thread> callers;
  for (int i = 0; i < kReloaders; ++i) {
    callers.emplace_back([port, &statuses, i] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(10, 0);
      httplib::Result result = client.Post("/__admin/fixtures/reload");
      statuses[i] = result ? result->status : -1;  // -1: no answer
    });
  }
  server.reset();  // racing the callers: some may be answered, some refused
  for (std::thread& caller : callers) caller.join();
  for (int status : statuses) {
    CHECK((status == 200 || status == -1));
  }
}

}  // namespace
}  // namespace backendless_mock::testing
