#include "store/fixture_loader.h"

#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

namespace backendless_mock {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with its contents.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (fs::temp_directory_path() / "fixture_loader_test.XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const fs::path& path() const { return path_; }

  // Writes `text` to `relative`, creating parent directories.
  void Write(const std::string& relative, const std::string& text) const {
    fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

// The errors in their one-line form, one per line, with "<dir>/" removed
// from file names and reasons; a cross-reference error ends in
// " [cross-reference]". One string, so a failed CHECK prints it whole.
std::string Report(const std::vector<FixtureError>& errors,
                   const fs::path& dir = {}) {
  const std::string prefix = dir.empty() ? "" : dir.string() + "/";
  std::string out;
  for (const FixtureError& error : errors) {
    std::string line = FormatFixtureError(error);
    for (size_t at = line.find(prefix); !prefix.empty() && at != line.npos;
         at = line.find(prefix, at)) {
      line.erase(at, prefix.size());
    }
    out += line;
    if (error.cross_reference) out += " [cross-reference]";
    out += '\n';
  }
  return out;
}

std::string Lines(std::initializer_list<std::string> lines) {
  std::string out;
  for (const std::string& line : lines) out += line + '\n';
  return out;
}

// A document declaring one entity of every kind, always with the same ids.
std::string EveryKind() {
  return R"({
    "apps": [{"appId": "demo", "apiKeys": ["k"]}],
    "users": [{"objectId": "u1", "email": "a@x.com", "password": "p",
               "userToken": "t1"}],
    "channels": [{"name": "ops"}],
    "messages": [{"messageId": "m1", "status": "unknown"}],
    "pushTemplates": [{"name": "welcome"}]
  })";
}

}  // namespace

TEST_CASE("a valid directory loads every file and counts its entities") {
  ScratchDir dir;
  dir.Write("apps.json", R"({"apps": [{"appId": "demo", "apiKeys": ["k"]}]})");
  dir.Write("nested/deeper/messages.json",
            R"({"messages": [{"messageId": "m1", "status": "published"},
                             {"messageId": "m2", "status": "cancelled"}]})");
  dir.Write("users.json", R"({"users": [
    {"objectId": "u1", "email": "a@x.com", "password": "p", "userToken": "t"},
    {"objectId": "u2", "email": "b@x.com", "password": "p"}],
    "channels": [{"name": "ops"}]})");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) == "");
  REQUIRE(load.set != nullptr);
  CHECK(load.file_count == 3);
  CHECK(load.set->message_count() == 2);
  CHECK(load.set->user_count() == 2);
  CHECK(load.set->channel_count() == 1);
  CHECK(load.set->AcceptsApp("demo", "k"));
  REQUIRE(load.set->FindMessage("m2").has_value());
  CHECK(load.set->FindMessage("m2")->status == MessageStatus::kCancelled);
  REQUIRE(load.set->FindUserByFixtureToken("t") != nullptr);
  CHECK(load.set->FindUserByFixtureToken("t")->object_id == "u1");
}

TEST_CASE("an empty directory loads an empty set") {
  ScratchDir dir;
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) == "");
  REQUIRE(load.set != nullptr);
  CHECK(load.file_count == 0);
  CHECK_FALSE(load.set->HasApps());
}

TEST_CASE("files load in sorted path order, recursively") {
  ScratchDir dir;
  // Written neither in sorted nor in reverse order: the later path in sorted
  // order is the one reported.
  dir.Write("b.json", R"({"messages": [{"messageId": "m1", "status": "unknown"},
                                       {"messageId": "m2",
                                        "status": "unknown"}]})");
  dir.Write("a.json",
            R"({"messages": [{"messageId": "m1", "status": "unknown"}]})");
  dir.Write("c/d.json",
            R"({"messages": [{"messageId": "m2", "status": "unknown"}]})");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) ==
        Lines({"b.json: /messages/0/messageId: duplicate message id \"m1\" "
               "(first declared at a.json: /messages/0/messageId) "
               "[cross-reference]",
               "c/d.json: /messages/0/messageId: duplicate message id \"m2\" "
               "(first declared at b.json: /messages/1/messageId) "
               "[cross-reference]"}));
  REQUIRE(load.errors.size() == 2);
  CHECK(load.errors[0].file == (dir.path() / "b.json").string());
  CHECK(load.set == nullptr);
  CHECK(load.file_count == 3);
}

TEST_CASE("every kind of id declared twice in one file is reported") {
  ScratchDir dir;
  dir.Write("all.json", R"({
    "apps": [{"appId": "demo", "apiKeys": ["k"]},
             {"appId": "demo", "apiKeys": ["k2"]}],
    "users": [
      {"objectId": "u1", "email": "a@x.com", "password": "p",
       "userToken": "t1"},
      {"objectId": "u1", "email": "b@x.com", "password": "p"},
      {"objectId": "u3", "email": "a@x.com", "password": "p"},
      {"objectId": "u4", "email": "d@x.com", "password": "p",
       "userToken": "t1"}],
    "channels": [{"name": "ops"}, {"name": "ops"}],
    "messages": [{"messageId": "m1", "status": "unknown"},
                 {"messageId": "m1", "status": "cancelled"}],
    "pushTemplates": [{"name": "welcome"}, {"name": "welcome"}]
  })");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) ==
        Lines({"all.json: /apps/1/appId: duplicate app id \"demo\" (first "
               "declared at all.json: /apps/0/appId) [cross-reference]",
               "all.json: /users/1/objectId: duplicate user objectId \"u1\" "
               "(first declared at all.json: /users/0/objectId) "
               "[cross-reference]",
               "all.json: /users/2/email: duplicate user email \"a@x.com\" "
               "(first declared at all.json: /users/0/email) "
               "[cross-reference]",
               "all.json: /users/3/userToken: duplicate user token \"t1\" "
               "(first declared at all.json: /users/0/userToken) "
               "[cross-reference]",
               "all.json: /channels/1/name: duplicate channel \"ops\" (first "
               "declared at all.json: /channels/0/name) [cross-reference]",
               "all.json: /messages/1/messageId: duplicate message id \"m1\" "
               "(first declared at all.json: /messages/0/messageId) "
               "[cross-reference]",
               "all.json: /pushTemplates/1/name: duplicate push template "
               "\"welcome\" (first declared at all.json: "
               "/pushTemplates/0/name) [cross-reference]"}));
  CHECK(load.set == nullptr);
}

TEST_CASE("every kind of id declared in two files is reported in the later") {
  ScratchDir dir;
  dir.Write("one.json", EveryKind());
  dir.Write("two.json", EveryKind());
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) ==
        Lines({"two.json: /apps/0/appId: duplicate app id \"demo\" (first "
               "declared at one.json: /apps/0/appId) [cross-reference]",
               "two.json: /users/0/objectId: duplicate user objectId \"u1\" "
               "(first declared at one.json: /users/0/objectId) "
               "[cross-reference]",
               "two.json: /users/0/email: duplicate user email \"a@x.com\" "
               "(first declared at one.json: /users/0/email) "
               "[cross-reference]",
               "two.json: /users/0/userToken: duplicate user token \"t1\" "
               "(first declared at one.json: /users/0/userToken) "
               "[cross-reference]",
               "two.json: /channels/0/name: duplicate channel \"ops\" (first "
               "declared at one.json: /channels/0/name) [cross-reference]",
               "two.json: /messages/0/messageId: duplicate message id \"m1\" "
               "(first declared at one.json: /messages/0/messageId) "
               "[cross-reference]",
               "two.json: /pushTemplates/0/name: duplicate push template "
               "\"welcome\" (first declared at one.json: "
               "/pushTemplates/0/name) [cross-reference]"}));
  CHECK(load.set == nullptr);
  CHECK(load.file_count == 2);
}

TEST_CASE("the same name in different kinds is not a duplicate") {
  ScratchDir dir;
  dir.Write("f.json", R"({"channels": [{"name": "x"}],
    "pushTemplates": [{"name": "x"}],
    "apps": [{"appId": "x", "apiKeys": ["k"]}],
    "messages": [{"messageId": "x", "status": "unknown"}],
    "users": [{"objectId": "x", "email": "x", "password": "p",
               "userToken": "x"}]
  })");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) == "");
  CHECK(load.set != nullptr);
}

TEST_CASE("line and block comments are accepted") {
  ScratchDir dir;
  dir.Write("commented.json", R"(// Leading comment.
{
  /* A block
     comment. */
  "messages": [
    {"messageId": "m1", "status": "published"}  // trailing
  ]
})");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) == "");
  REQUIRE(load.set != nullptr);
  CHECK(load.set->message_count() == 1);
}

TEST_CASE("invalid JSON is one error at the root of its file") {
  ScratchDir dir;
  dir.Write("broken.json", R"({"messages": [})");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) ==
        Lines({"broken.json: /: invalid JSON: parse error at line 1, column "
               "15: syntax error while parsing value - unexpected '}'; "
               "expected '[', '{', or a literal"}));
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].pointer == "");
  CHECK_FALSE(load.errors[0].cross_reference);
  CHECK(load.set == nullptr);
  CHECK(load.file_count == 1);
}

TEST_CASE("ParseFixtureText accepts comments and reports syntax errors") {
  FixtureErrorSink sink("f.json");
  CHECK(ParseFixtureText("/* c */ {\"a\": 1} // d", sink) ==
        nlohmann::json{{"a", 1}});
  CHECK(ParseFixtureText("", sink) == std::nullopt);
  CHECK(ParseFixtureText("{\"a\": 1} x", sink) == std::nullopt);
  CHECK(Report(sink.errors()) ==
        Lines({"f.json: /: invalid JSON: parse error at line 1, column 1: "
               "syntax error while parsing value - unexpected end of input; "
               "expected '[', '{', or a literal",
               "f.json: /: invalid JSON: parse error at line 1, column 10: "
               "syntax error while parsing value - invalid literal; last "
               "read: '1} x'; expected end of input"}));
}

TEST_CASE("files not ending in .json are ignored") {
  ScratchDir dir;
  dir.Write("notes.txt", "not json");
  dir.Write("README.md", "# fixtures");
  dir.Write("messages.json.bak", "{broken");
  dir.Write("messages.JSON", "{broken");
  fs::create_directories(dir.path() / "folder.json");
  dir.Write("ok.json",
            R"({"messages": [{"messageId": "m1", "status": "unknown"}]})");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) == "");
  REQUIRE(load.set != nullptr);
  CHECK(load.file_count == 1);
  CHECK(load.set->message_count() == 1);
}

TEST_CASE("a JSON Schema among the fixtures is skipped") {
  ScratchDir dir;
  dir.Write("schema.json", R"({
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object", "additionalProperties": false})");
  dir.Write("schema-2020.json", R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object"})");
  dir.Write("ops.json", R"({"$schema": "./schema.json",
    "channels": [{"name": "ops"}]})");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) == "");
  REQUIRE(load.set != nullptr);
  CHECK(load.file_count == 1);
  CHECK(load.set->channel_count() == 1);
}

TEST_CASE("a missing fixture directory is reported") {
  ScratchDir dir;
  FixtureLoad load = LoadFixtureDirectory(dir.path() / "missing");
  CHECK(Report(load.errors, dir.path()) ==
        Lines({"missing: /: fixture directory does not exist or is not a "
               "directory"}));
  CHECK(load.set == nullptr);
  CHECK(load.file_count == 0);
}

TEST_CASE("a broken symlink named .json is reported") {
  ScratchDir dir;
  fs::create_symlink(dir.path() / "nowhere.json", dir.path() / "link.json");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) ==
        Lines({"link.json: /: not a regular file (a broken symlink or a "
               "special file)"}));
  CHECK(load.set == nullptr);
}

TEST_CASE("errors in several files are all reported and nothing is loaded") {
  ScratchDir dir;
  dir.Write("a.json", R"({"widgets": []})");
  dir.Write("b.json",
            R"({"messages": [{"messageId": "m1", "status": "sent"}]})");
  dir.Write("c.json",
            R"({"messages": [{"messageId": "m2", "status": "unknown"}]})");
  dir.Write("d.json", "[");
  FixtureLoad load = LoadFixtureDirectory(dir.path());
  CHECK(Report(load.errors, dir.path()) ==
        Lines({"a.json: /widgets: unknown key",
               "b.json: /messages/0/status: \"sent\" is not one of failed, "
               "published, scheduled, cancelled, unknown",
               "d.json: /: invalid JSON: parse error at line 1, column 2: "
               "syntax error while parsing value - unexpected end of input; "
               "expected '[', '{', or a literal"}));
  CHECK(load.set == nullptr);
  CHECK(load.file_count == 4);
}

TEST_CASE("the bundled fixtures are valid and cover every status") {
  FixtureLoad load = LoadFixtureDirectory(BUNDLED_FIXTURES_DIR);
  CHECK(Report(load.errors) == "");
  REQUIRE(load.set != nullptr);
  std::set<std::string> statuses;
  load.set->messages().ForEach([&](const Message& message) {
    statuses.insert(std::string(MessageStatusName(message.status)));
  });
  CHECK(statuses == std::set<std::string>{"cancelled", "failed", "published",
                                          "scheduled", "unknown"});
  CHECK(load.set->FindMessage("message:6052643A-F96C-4253-BCF0-F606A4BBB794")
            .has_value());
  const User* alice = load.set->FindUserByEmail("alice@example.com");
  const User* bob = load.set->FindUserByEmail("bob@example.com");
  REQUIRE(alice != nullptr);
  REQUIRE(bob != nullptr);
  CHECK_FALSE(alice->roles.empty());
  CHECK(bob->roles.empty());
  const Channel* ops = load.set->FindChannel("ops-alerts");
  REQUIRE(ops != nullptr);
  CHECK_FALSE(ops->permissions.empty());
}

}  // namespace backendless_mock
