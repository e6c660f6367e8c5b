// Hostile fixture directories: symlinks (to a file, to a directory, a loop,
// broken), unreadable files, special files and files that are not JSON.
// Loading reports every problem, one line each, and never hangs or crashes;
// a reload that meets them keeps the last good set in service.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "hostile/still_healthy.h"
#include "store/fixture_loader.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char kMessage[] =
    R"({"messages":[{"messageId":"m1","status":"published"}]})";

std::string ErrorLines(const FixtureLoad& load) {
  std::string lines;
  for (const FixtureError& error : load.errors)
    lines += FormatFixtureError(error) + "\n";
  return lines;
}

TEST_CASE("a symlink to a fixture file is loaded like the file") {
  TempDir dir;
  fs::path real = dir.Write("elsewhere/real.json", kMessage);
  fs::create_directories(dir.path() / "fixtures");
  fs::create_symlink(real, dir.path() / "fixtures" / "link.json");
  FixtureLoad load = LoadFixtureDirectory(dir.path() / "fixtures");
  CAPTURE(ErrorLines(load));
  REQUIRE(load.set != nullptr);
  CHECK(load.set->FindMessage("m1").has_value());
}

TEST_CASE("a symlinked directory, even one looping back, is not descended") {
  TempDir dir;
  dir.Write("fixtures/a.json", kMessage);
  dir.Write("outside/b.json",
            R"({"messages":[{"messageId":"m2","status":"published"}]})");
  fs::create_directory_symlink(dir.path() / "outside",
                               dir.path() / "fixtures" / "linked");
  fs::create_directory_symlink(dir.path() / "fixtures",
                               dir.path() / "fixtures" / "loop");
  fs::create_directory_symlink(dir.path() / "fixtures",
                               dir.path() / "fixtures" / "loop.json");
  FixtureLoad load = LoadFixtureDirectory(dir.path() / "fixtures");
  CAPTURE(ErrorLines(load));
  REQUIRE(load.set != nullptr);
  CHECK(load.set->message_count() == 1);
  CHECK_FALSE(load.set->FindMessage("m2").has_value());
}

TEST_CASE("broken and looping symlinks are reported one line each") {
  TempDir dir;
  dir.Write("fixtures/a.json", kMessage);
  fs::path fixtures = dir.path() / "fixtures";
  fs::create_symlink(dir.path() / "nowhere.json", fixtures / "broken.json");
  fs::create_symlink(fixtures / "loop-b.json", fixtures / "loop-a.json");
  fs::create_symlink(fixtures / "loop-a.json", fixtures / "loop-b.json");
  FixtureLoad load = LoadFixtureDirectory(fixtures);
  CHECK(load.set == nullptr);
  CHECK(ErrorLines(load) ==
        (fixtures / "broken.json").string() +
            ": /: not a regular file (a broken symlink or a special file)\n" +
            (fixtures / "loop-a.json").string() +
            ": /: not a regular file (a broken symlink or a special file)\n" +
            (fixtures / "loop-b.json").string() +
            ": /: not a regular file (a broken symlink or a special file)\n");
}

TEST_CASE("a FIFO named like a fixture is reported, not waited on") {
  TempDir dir;
  dir.Write("fixtures/a.json", kMessage);
  fs::path fifo = dir.path() / "fixtures" / "pipe.json";
  REQUIRE(mkfifo(fifo.c_str(), 0644) == 0);
  FixtureLoad load = LoadFixtureDirectory(dir.path() / "fixtures");
  CHECK(load.set == nullptr);
  CHECK(ErrorLines(load) ==
        fifo.string() +
            ": /: not a regular file (a broken symlink or a special file)\n");
}

TEST_CASE("an unreadable fixture file is reported") {
  TempDir dir;
  fs::path file = dir.Write("fixtures/secret.json", kMessage);
  fs::permissions(file, fs::perms::none);
  if (std::ifstream(file).good()) {
    // root reads files whatever their mode: nothing to test here.
    MESSAGE("skipped: running as uid " << getuid()
                                       << ", which reads files with mode 000");
    return;
  }
  FixtureLoad load = LoadFixtureDirectory(dir.path() / "fixtures");
  CHECK(load.set == nullptr);
  CHECK(ErrorLines(load) == file.string() + ": /: cannot read file\n");
}

TEST_CASE(
    "files that are not JSON: other extensions are ignored, *.json reported") {
  TempDir dir;
  dir.Write("fixtures/a.json", kMessage);
  dir.Write("fixtures/README.md", "# not a fixture {");
  dir.Write("fixtures/binary.bin", std::string("\x7f"
                                               "ELF\0\0\xff",
                                               7));
  dir.Write("fixtures/.hidden.swp", "garbage");
  fs::path empty = dir.Write("fixtures/empty.json", "");
  fs::path binary =
      dir.Write("fixtures/zzz.json", std::string("\xff\xfe{\0}", 5));
  FixtureLoad load = LoadFixtureDirectory(dir.path() / "fixtures");
  CHECK(load.set == nullptr);
  REQUIRE(load.errors.size() == 2);
  CHECK(load.errors[0].file == empty.string());
  CHECK(load.errors[0].reason.rfind("invalid JSON: ", 0) == 0);
  CHECK(load.errors[1].file == binary.string());
  CHECK(load.errors[1].reason.rfind("invalid JSON: ", 0) == 0);
}

TEST_CASE(
    "a fixture nested 100,000 deep is reported or loaded, never a crash") {
  TempDir dir;
  std::string deep =
      R"({"messages":[{"messageId":"m1","status":"published","message":)" +
      std::string(100000, '[') + std::string(100000, ']') + "}]}";
  dir.Write("fixtures/deep.json", deep);
  FixtureLoad load = LoadFixtureDirectory(dir.path() / "fixtures");
  if (load.set == nullptr) {
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].reason.find("nest") != std::string::npos);
  }
}

TEST_CASE("a reload that meets hostile files keeps the last good set serving") {
  TempDir dir;
  dir.Write("fixtures/a.json", kMessage);
  Config config;
  config.watch = false;
  TestServer server((dir.path() / "fixtures").string(), config);
  fs::path fixtures = dir.path() / "fixtures";
  fs::create_symlink(dir.path() / "gone.json", fixtures / "broken.json");
  fs::create_symlink(fixtures / "self.json", fixtures / "self.json");
  REQUIRE(mkfifo((fixtures / "pipe.json").c_str(), 0644) == 0);
  dir.Write("fixtures/text.json", "hello, I am not JSON");
  Answer reload = server.Send("POST", "/__admin/fixtures/reload", "");
  CHECK(reload.status == 422);
  CHECK(reload.body["code"] == 422);
  CHECK(reload.body["errors"].size() == 4);
  CHECK(server.Get("/api/messaging/m1").body ==
        json{{"status", "published"},
             {"messageId", "m1"},
             {"errorMessage", nullptr}});
  Answer health = server.Get("/__admin/health");
  CHECK(health.status == 200);
  CHECK(health.body["lastReload"]["ok"] == false);
  CheckStillHealthy(server);
}

}  // namespace
}  // namespace backendless_mock::testing
