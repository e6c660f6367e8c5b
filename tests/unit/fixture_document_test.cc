#include "store/fixture_document.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/fixture_stream.h"

namespace backendless_mock {
namespace {

using nlohmann::json;
using nlohmann::literals::operator""_json;

// The errors in their one-line form, one per line; a cross-reference error
// ends in " [cross-reference]". One string, so a failed CHECK prints it whole.
std::string Report(const std::vector<FixtureError>& errors) {
  std::string out;
  for (const FixtureError& error : errors) {
    out += FormatFixtureError(error);
    if (error.cross_reference) out += " [cross-reference]";
    out += '\n';
  }
  return out;
}

// The report expected for errors in f.json: each line gets the "f.json: "
// prefix FormatFixtureError writes.
std::string Errors(std::initializer_list<std::string> lines) {
  std::string out;
  for (const std::string& line : lines) out += "f.json: " + line + '\n';
  return out;
}

// How many entries a document kept, as "kept N".
std::string Kept(const FixtureDocument& document) {
  size_t kept = document.apps.size() + document.users.size() +
                document.channels.size() + document.messages.size() +
                document.push_templates.size();
  return "kept " + std::to_string(kept) + "\n";
}

// The report of reading `document` as f.json, then "kept N". The document
// is read twice, from its DOM and streamed from its text as the loader
// reads files, and both reads must agree.
std::string ReadReport(const json& document) {
  FixtureErrorSink sink("f.json");
  FixtureDocument read = ReadFixtureDocument(document, sink);
  std::string report = Report(sink.errors()) + Kept(read);
  FixtureErrorSink streamed_sink("f.json");
  std::optional<FixtureText> streamed =
      ReadFixtureText(document.dump(), streamed_sink);
  REQUIRE(streamed.has_value());
  CHECK(Report(streamed_sink.errors()) + Kept(streamed->document) == report);
  return report;
}

// The report of reading `document` as f.json.
std::string ReportFor(const json& document) {
  std::string report = ReadReport(document);
  return report.substr(0, report.rfind("kept "));
}

// The report of reading {section: [entry]}, then "kept N".
std::string ReadOne(const std::string& section, const json& entry) {
  return ReadReport(json{{section, json::array({entry})}});
}

// The report of ReadMessage(message, "/m"), which must fail when it reports.
std::string MessageReport(const json& message) {
  FixtureErrorSink sink("f.json");
  std::optional<Message> read = ReadMessage(message, "/m", sink);
  CHECK(read.has_value() == sink.errors().empty());
  return Report(sink.errors());
}

const char kBadName[] =
    " is not a valid channel name (1 to 255 letters, digits, '_', '-' or '.')";

}  // namespace

TEST_CASE("a document that is not an object is one error at the root") {
  FixtureErrorSink sink("f.json");
  FixtureDocument document = ReadFixtureDocument(R"([1, 2])"_json, sink);
  REQUIRE(sink.errors().size() == 1);
  const FixtureError& error = sink.errors()[0];
  CHECK(error.file == "f.json");
  CHECK(error.pointer == "");
  CHECK(error.reason == "expected an object, got an array");
  CHECK_FALSE(error.cross_reference);
  CHECK(FormatFixtureError(error) ==
        "f.json: /: expected an object, got an array");
  CHECK(document.messages.empty());
}

TEST_CASE("an empty document and a string $schema are accepted") {
  CHECK(ReportFor(R"({})"_json) == "");
  CHECK(ReportFor(R"({"$schema": "./schema.json"})"_json) == "");
}

TEST_CASE("a $schema that is not a string is reported") {
  CHECK(ReportFor(R"({"$schema": 7})"_json) ==
        Errors({"/$schema: expected a string, got an integer"}));
}

TEST_CASE("unknown keys are reported at every level that keeps no extras") {
  CHECK(ReportFor(R"({
    "widgets": [],
    "apps": [{"appId": "a", "apiKeys": ["k"], "secret": "s"}],
    "channels": [{
      "name": "ops", "color": "red",
      "permissions": {"PUBLISH": {"grant": ["Operator"], "allow": []}},
      "deliveryOutcome": {"status": "published", "delay": 5}
    }],
    "messages": [{"messageId": "m1", "status": "unknown", "priority": 1}]
  })"_json) ==
        Errors({"/apps/0/secret: unknown key",
                "/channels/0/permissions/PUBLISH/allow: unknown key",
                "/channels/0/deliveryOutcome/delay: unknown key",
                "/channels/0/color: unknown key",
                "/messages/0/priority: unknown key", "/widgets: unknown key"}));
}

TEST_CASE("an unknown key containing '/' and '~' is reported escaped") {
  CHECK(ReportFor(R"({"a/b~c": 1})"_json) == Errors({"/a~1b~0c: unknown key"}));
}

TEST_CASE("a section that is not an array is reported") {
  CHECK(ReportFor(R"({"messages": {}, "users": "alice"})"_json) ==
        Errors({"/users: expected an array, got a string",
                "/messages: expected an array, got an object"}));
}

// Regression: an entry that is not an object is left out, never read through
// an empty optional.
TEST_CASE("an app entry that is not an object is reported and left out") {
  CHECK(ReadOne("apps", nullptr) ==
        Errors({"/apps/0: expected an object, got null"}) + "kept 0\n");
}

TEST_CASE("a user entry that is not an object is reported and left out") {
  CHECK(ReadOne("users", true) ==
        Errors({"/users/0: expected an object, got a boolean"}) + "kept 0\n");
}

TEST_CASE("a channel entry that is not an object is reported and left out") {
  CHECK(ReadOne("channels", "ops") ==
        Errors({"/channels/0: expected an object, got a string"}) + "kept 0\n");
}

TEST_CASE("a message entry that is not an object is reported and left out") {
  CHECK(ReadOne("messages", 1.5) ==
        Errors({"/messages/0: expected an object, got a number"}) + "kept 0\n");
}

TEST_CASE(
    "a push template entry that is not an object is reported and left out") {
  CHECK(ReadOne("pushTemplates", json::array()) ==
        Errors({"/pushTemplates/0: expected an object, got an array"}) +
            "kept 0\n");
}

TEST_CASE("a message without messageId or status reports both keys missing") {
  CHECK(ReportFor(R"({"messages": [{}]})"_json) ==
        Errors({"/messages/0: missing required key \"messageId\"",
                "/messages/0: missing required key \"status\""}));
}

TEST_CASE("a message with a mistyped or empty messageId is reported") {
  CHECK(MessageReport(R"({"messageId": 5, "status": "unknown"})"_json) ==
        Errors({"/m/messageId: expected a string, got an integer"}));
  CHECK(MessageReport(R"({"messageId": "", "status": "unknown"})"_json) ==
        Errors({"/m/messageId: must not be empty"}));
}

TEST_CASE("an unknown message status lists the allowed ones") {
  CHECK(ReportFor(
            R"({"messages": [{"messageId": "m1", "status": "sent"}]})"_json) ==
        Errors({"/messages/0/status: \"sent\" is not one of failed, published, "
                "scheduled, cancelled, unknown"}));
  CHECK(MessageReport(R"({"messageId": "m1", "status": ["failed"]})"_json) ==
        Errors({"/m/status: expected a string, got an array"}));
}

TEST_CASE("a failed message requires a non-empty errorMessage") {
  CHECK(MessageReport(R"({"messageId": "m1", "status": "failed"})"_json) ==
        Errors({"/m: missing required key \"errorMessage\""}));
  CHECK(MessageReport(R"({"messageId": "m1", "status": "failed",
                          "errorMessage": ""})"_json) ==
        Errors({"/m/errorMessage: must not be empty"}));
}

TEST_CASE("errorMessage on a message that is not failed is reported") {
  CHECK(MessageReport(R"({"messageId": "m1", "status": "published",
                          "errorMessage": "boom"})"_json) ==
        Errors({"/m/errorMessage: allowed only when status is \"failed\""}));
}

TEST_CASE("scheduling keys on a message that is not scheduled are reported") {
  CHECK(MessageReport(R"({"messageId": "m1", "status": "cancelled",
                          "publishAt": 1, "repeatEvery": 1,
                          "repeatExpiresAt": 1,
                          "deliveryOutcome": {"status": "published"}})"_json) ==
        Errors(
            {"/m/publishAt: allowed only when status is \"scheduled\"",
             "/m/repeatEvery: allowed only when status is \"scheduled\"",
             "/m/repeatExpiresAt: allowed only when status is \"scheduled\"",
             "/m/deliveryOutcome: allowed only when status is \"scheduled\""}));
}

TEST_CASE("scheduling integers are range- and type-checked") {
  CHECK(MessageReport(R"({"messageId": "m1", "status": "scheduled",
                          "publishAt": -1, "repeatEvery": 0,
                          "repeatExpiresAt": 1.5})"_json) ==
        Errors({"/m/publishAt: must be at least 0",
                "/m/repeatEvery: must be at least 1",
                "/m/repeatExpiresAt: expected an integer, got a number"}));
  CHECK(MessageReport(R"({"messageId": "m1", "status": "scheduled",
                          "publishAt": 9223372036854775808,
                          "repeatEvery": "60"})"_json) ==
        Errors({"/m/publishAt: 9223372036854775808 is out of range",
                "/m/repeatEvery: expected an integer, got a string"}));
  CHECK(MessageReport(R"({"messageId": "m1", "status": "scheduled",
                          "publishAt": 9223372036854775807})"_json) == "");
}

TEST_CASE("publish metadata of the wrong type is reported") {
  CHECK(MessageReport(R"({"messageId": "m1", "status": "published",
                          "publisherId": 3,
                          "headers": {"city": "Dallas", "zip": 75001,
                                      "x/y": null},
                          "publishPolicy": "EMAIL", "pushBroadcast": true,
                          "pushSinglecast": ["d1", 2],
                          "createdAt": -5})"_json) ==
        Errors({"/m/publisherId: expected a string, got an integer",
                "/m/headers/x~1y: expected a string, got null",
                "/m/headers/zip: expected a string, got an integer",
                "/m/publishPolicy: \"EMAIL\" is not one of PUSH, PUBSUB, BOTH",
                "/m/pushBroadcast: expected an integer or a string, got a "
                "boolean",
                "/m/pushSinglecast/1: expected a string, got an integer",
                "/m/createdAt: must be at least 0"}));
  CHECK(MessageReport(R"({"messageId": "m1", "status": "published",
                          "headers": ["a"], "pushSinglecast": 7})"_json) ==
        Errors({"/m/headers: expected an object, got an array",
                "/m/pushSinglecast: expected an array, got an integer"}));
}

TEST_CASE("a bad deliveryOutcome on a scheduled message is reported") {
  auto scheduled = [](const json& outcome) {
    return MessageReport(json{{"messageId", "m1"},
                              {"status", "scheduled"},
                              {"deliveryOutcome", outcome}});
  };
  CHECK(scheduled(R"({"status": "failed"})"_json) ==
        Errors({"/m/deliveryOutcome: missing required key \"errorMessage\""}));
  CHECK(scheduled(R"({"status": "published", "errorMessage": "x"})"_json) ==
        Errors({"/m/deliveryOutcome/errorMessage: allowed only when status "
                "is \"failed\""}));
  CHECK(scheduled(R"({"status": "cancelled"})"_json) ==
        Errors({"/m/deliveryOutcome/status: \"cancelled\" is not one of "
                "published, failed"}));
  CHECK(scheduled(R"({})"_json) ==
        Errors({"/m/deliveryOutcome: missing required key \"status\""}));
  CHECK(scheduled(R"("published")"_json) ==
        Errors({"/m/deliveryOutcome: expected an object, got a string"}));
}

TEST_CASE("a full valid message keeps every field") {
  FixtureErrorSink sink("f.json");
  std::optional<Message> message = ReadMessage(R"({
    "messageId": "m1", "status": "scheduled", "channel": "ops-alerts",
    "publisherId": "alice", "message": {"title": "Hi"},
    "headers": {"city": "Dallas"}, "publishPolicy": "BOTH",
    "pushBroadcast": "ALL", "pushSinglecast": ["d1"], "createdAt": 17,
    "publishAt": 1924991999000, "repeatEvery": 60,
    "repeatExpiresAt": 1924999999000,
    "deliveryOutcome": {"status": "failed", "errorMessage": "no device"}
  })"_json,
                                               "/m", sink);
  CHECK(Report(sink.errors()) == "");
  REQUIRE(message.has_value());
  CHECK(message->id == "m1");
  CHECK(message->status == MessageStatus::kScheduled);
  CHECK_FALSE(message->error_message.has_value());
  CHECK(message->channel == "ops-alerts");
  CHECK(message->publish_at_ms == 1924991999000);
  CHECK(message->repeat_every_s == 60);
  CHECK(message->repeat_expires_at_ms == 1924999999000);
  REQUIRE(message->delivery_outcome.has_value());
  CHECK(message->delivery_outcome->status == MessageStatus::kFailed);
  CHECK(message->delivery_outcome->error_message == "no device");
  CHECK(PublishFields(*message) == R"({
    "publisherId": "alice", "message": {"title": "Hi"},
    "headers": {"city": "Dallas"}, "publishPolicy": "BOTH",
    "pushBroadcast": "ALL", "pushSinglecast": ["d1"], "createdAt": 17
  })"_json);
}

TEST_CASE("a minimal failed message goes to the default channel") {
  FixtureErrorSink sink("f.json");
  std::optional<Message> message = ReadMessage(
      R"({"messageId": "m2", "status": "failed", "errorMessage": "boom",
          "pushBroadcast": 3})"_json,
      "/m", sink);
  CHECK(Report(sink.errors()) == "");
  REQUIRE(message.has_value());
  CHECK(message->status == MessageStatus::kFailed);
  CHECK(message->error_message == "boom");
  CHECK(message->channel == "default");
  CHECK_FALSE(message->publish_at_ms.has_value());
  CHECK_FALSE(message->delivery_outcome.has_value());
  CHECK(message->publish_fields == R"({"pushBroadcast":3})");
}

TEST_CASE("channel names must be 1 to 255 allowed characters") {
  auto channel_report = [](const std::string& name) {
    return ReportFor(json{{"channels", {{{"name", name}}}}});
  };
  CHECK(channel_report("a/b") ==
        Errors({"/channels/0/name: \"a/b\"" + std::string(kBadName)}));
  CHECK(channel_report("") == Errors({"/channels/0/name: must not be empty"}));
  const std::string long_name(256, 'x');
  CHECK(channel_report(long_name) ==
        Errors({"/channels/0/name: \"" + long_name + "\"" + kBadName}));
  CHECK(channel_report(std::string(255, 'x')) == "");
  CHECK(channel_report("Ops_alerts-2.eu") == "");
  CHECK(MessageReport(R"({"messageId": "m1", "status": "unknown",
                          "channel": "a b"})"_json) ==
        Errors({"/m/channel: \"a b\"" + std::string(kBadName)}));
}

TEST_CASE("channel permissions are checked rule by rule") {
  FixtureErrorSink sink("f.json");
  CHECK_FALSE(ReadChannel(R"({"name": "ops", "permissions": {
    "READ": {}, "CANCEL": "x", "PUBLISH": {"grant": "Operator"},
    "GET_STATUS": {"grant": ["", 1], "deny": [true]}}})"_json,
                          "/c", sink));
  CHECK(Report(sink.errors()) ==
        Errors({"/c/permissions/CANCEL: expected an object, got a string",
                "/c/permissions/GET_STATUS/grant/0: must not be empty",
                "/c/permissions/GET_STATUS/grant/1: expected a string, got an "
                "integer",
                "/c/permissions/GET_STATUS/deny/0: expected a string, got a "
                "boolean",
                "/c/permissions/PUBLISH/grant: expected an array, got a string",
                "/c/permissions/READ: unknown operation; expected one of "
                "GET_STATUS, PUBLISH, CANCEL"}));
  CHECK(
      ReportFor(R"({"channels": [{"name": "ops", "permissions": []}]})"_json) ==
      Errors({"/channels/0/permissions: expected an object, got an array"}));
}

TEST_CASE("a valid channel keeps its permissions and delivery outcome") {
  FixtureErrorSink sink("f.json");
  std::optional<Channel> channel = ReadChannel(R"({"name": "ops",
    "permissions": {"PUBLISH": {},
      "GET_STATUS": {"grant": ["Operator"], "deny": ["NotAuthenticatedUser"]}},
    "deliveryOutcome": {"status": "failed", "errorMessage": "offline"}})"_json,
                                               "", sink);
  CHECK(Report(sink.errors()) == "");
  REQUIRE(channel.has_value());
  CHECK(channel->name == "ops");
  REQUIRE(channel->permissions.size() == 2);
  const PermissionRule& rule = channel->permissions.at(Operation::kGetStatus);
  CHECK(rule.grant == std::set<std::string>{"Operator"});
  CHECK(rule.deny == std::set<std::string>{"NotAuthenticatedUser"});
  CHECK(channel->permissions.at(Operation::kPublish).grant.empty());
  CHECK(channel->permissions.at(Operation::kPublish).deny.empty());
  REQUIRE(channel->delivery_outcome.has_value());
  CHECK(channel->delivery_outcome->status == MessageStatus::kFailed);
  CHECK(channel->delivery_outcome->error_message == "offline");
}

TEST_CASE("a user needs objectId, email and password as non-empty strings") {
  CHECK(ReportFor(R"({"users": [{}, {"objectId": "", "email": 1,
                                     "password": "p", "roles": "Operator",
                                     "userStatus": "ACTIVE"}]})"_json) ==
        Errors({"/users/0: missing required key \"objectId\"",
                "/users/0: missing required key \"email\"",
                "/users/0: missing required key \"password\"",
                "/users/1/objectId: must not be empty",
                "/users/1/email: expected a string, got an integer",
                "/users/1/roles: expected an array, got a string",
                "/users/1/userStatus: \"ACTIVE\" is not one of ENABLED, "
                "DISABLED"}));
}

TEST_CASE("reserved user keys are reported with what to use instead") {
  FixtureErrorSink sink("f.json");
  CHECK_FALSE(ReadUser(R"({"objectId": "u1", "email": "a@x.com",
                           "password": "p", "user-token": "t",
                           "ownerId": "u1", "___class": "Users"})"_json,
                       "/u", sink));
  CHECK(Report(sink.errors()) ==
        Errors({"/u/user-token: is reserved; use \"userToken\" for a token "
                "valid from the start",
                "/u/ownerId: is reserved; the server sets it to the objectId",
                "/u/___class: is reserved; the server sets it to \"Users\""}));
}

TEST_CASE("a valid user keeps roles, token, status and extra properties") {
  FixtureErrorSink sink("f.json");
  std::optional<User> user = ReadUser(R"({"objectId": "u1",
    "email": "alice@example.com", "password": "secret",
    "roles": ["Operator", "Auditor"], "userToken": "tok-1",
    "userStatus": "DISABLED", "name": "Alice", "age": 41})"_json,
                                      "/u", sink);
  CHECK(Report(sink.errors()) == "");
  REQUIRE(user.has_value());
  CHECK(user->object_id == "u1");
  CHECK(user->email == "alice@example.com");
  CHECK(user->password == "secret");
  CHECK(user->roles == std::vector<std::string>{"Operator", "Auditor"});
  CHECK(user->user_token == "tok-1");
  CHECK_FALSE(user->enabled);
  CHECK(user->properties == R"({"name": "Alice", "age": 41})"_json);
}

TEST_CASE("a user without optional keys is enabled with no roles or token") {
  FixtureErrorSink sink("f.json");
  std::optional<User> user = ReadUser(
      R"({"objectId": "u2", "email": "b@x.com", "password": "p",
          "userStatus": "ENABLED"})"_json,
      "", sink);
  CHECK(Report(sink.errors()) == "");
  REQUIRE(user.has_value());
  CHECK(user->roles.empty());
  CHECK_FALSE(user->user_token.has_value());
  CHECK(user->enabled);
  CHECK(user->properties == json::object());
}

TEST_CASE("apps need an appId and a non-empty list of API keys") {
  CHECK(ReportFor(R"({"apps": [{"appId": "a", "apiKeys": []},
                               {"appId": "", "apiKeys": ["k", ""]},
                               {"apiKeys": "k"}]})"_json) ==
        Errors({"/apps/0/apiKeys: must not be empty",
                "/apps/1/appId: must not be empty",
                "/apps/1/apiKeys/1: must not be empty",
                "/apps/2: missing required key \"appId\"",
                "/apps/2/apiKeys: expected an array, got a string"}));
}

TEST_CASE(
    "a push template keeps extra keys as content on the default channel") {
  FixtureErrorSink sink("f.json");
  std::optional<PushTemplate> push_template = ReadPushTemplate(
      R"({"name": "welcome", "title": "Hi", "body": {"lines": [1, 2]}})"_json,
      "/p", sink);
  CHECK(Report(sink.errors()) == "");
  REQUIRE(push_template.has_value());
  CHECK(push_template->name == "welcome");
  CHECK(push_template->channel == "default");
  CHECK_FALSE(push_template->delivery_outcome.has_value());
  CHECK(push_template->content ==
        R"({"title": "Hi", "body": {"lines": [1, 2]}})"_json);
}

TEST_CASE("a push template with a bad name, channel or outcome is reported") {
  CHECK(ReportFor(R"({"pushTemplates": [{"title": "Hi"},
    {"name": "t", "channel": "#ops", "deliveryOutcome": {"status": "failed"}}
  ]})"_json) ==
        Errors({"/pushTemplates/0: missing required key \"name\"",
                "/pushTemplates/1/channel: \"#ops\"" + std::string(kBadName),
                "/pushTemplates/1/deliveryOutcome: missing required key "
                "\"errorMessage\""}));
}

TEST_CASE("every error of a document is reported and valid entries are kept") {
  FixtureErrorSink sink("f.json");
  FixtureDocument document = ReadFixtureDocument(R"({
    "$schema": false,
    "apps": [{"appId": "demo", "apiKeys": ["k"]}, {"appId": "x"}],
    "users": [{"objectId": "u1", "email": "a@x.com", "password": "p"},
              {"objectId": "u2", "email": "b@x.com", "password": "p",
               "ownerId": "u2"}],
    "channels": [{"name": "ops"}, {"name": "a/b"}],
    "messages": [{"messageId": "m1", "status": "sent"},
                 {"messageId": "m2", "status": "unknown"}],
    "pushTemplates": [{"name": "welcome"}, {"name": 1}],
    "extra": 1
  })"_json,
                                                 sink);
  CHECK(Report(sink.errors()) ==
        Errors({"/$schema: expected a string, got a boolean",
                "/apps/1: missing required key \"apiKeys\"",
                "/users/1/ownerId: is reserved; the server sets it to the "
                "objectId",
                "/channels/1/name: \"a/b\"" + std::string(kBadName),
                "/messages/0/status: \"sent\" is not one of failed, published, "
                "scheduled, cancelled, unknown",
                "/pushTemplates/1/name: expected a string, got an integer",
                "/extra: unknown key"}));
  REQUIRE(document.apps.size() == 1);
  CHECK(document.apps[0].value.app_id == "demo");
  CHECK(document.apps[0].pointer == "/apps/0/appId");
  REQUIRE(document.users.size() == 1);
  CHECK(document.users[0].pointer == "/users/0/objectId");
  REQUIRE(document.channels.size() == 1);
  CHECK(document.channels[0].pointer == "/channels/0/name");
  REQUIRE(document.messages.size() == 1);
  CHECK(document.messages[0].value.id == "m2");
  CHECK(document.messages[0].index == 1);
  CHECK(MessageIdPointer(document.messages[0].index) ==
        "/messages/1/messageId");
  REQUIRE(document.push_templates.size() == 1);
  CHECK(document.push_templates[0].pointer == "/pushTemplates/0/name");
}

}  // namespace backendless_mock
