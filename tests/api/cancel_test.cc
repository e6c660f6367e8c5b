// DELETE messaging/<message-id>: cancelling scheduled and repeating messages,
// the 5040 refusals, CANCEL permissions and fixture schedules, over HTTP.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

json Cancelled(const std::string& id) {
  return {{"status", "cancelled"}, {"messageId", id}};
}

const json kCannotCancel = {
    {"code", 5040},
    {"message",
     "Can't cancel message. Already cancelled or there is no such message"}};

const json kNotAllowed = {{"code", 2000},
                          {"message", "Operation is not allowed"}};

Answer Cancel(TestServer& server, const std::string& id,
              const httplib::Headers& headers = {},
              const std::string& root = "/api") {
  return server.Send("DELETE", root + "/messaging/" + id, "", headers);
}

json StatusOf(TestServer& server, const std::string& id) {
  return server.Get("/api/messaging/" + id).body;
}

// Publishes a one-shot message on `channel`; REQUIREs it was accepted.
void PublishOn(TestServer& server, const std::string& channel) {
  Answer answer =
      server.Send("POST", "/api/messaging/" + channel, R"({"message":"hi"})");
  REQUIRE(answer.status == 200);
}

TEST_CASE(
    "cancel of a freshly published message answers cancelled in both URL "
    "forms") {
  for (const std::string root : {"/api", "/APP/KEY"}) {
    CAPTURE(root);
    TestServer server(TestFixturesDir("lifecycle"));
    PublishOn(server, "default");
    Answer answer = Cancel(server, MessageId(1), {}, root);
    CHECK(answer.status == 200);
    CHECK(answer.body == Cancelled(MessageId(1)));
  }
}

TEST_CASE("a cancelled message stays cancelled after its due time passes") {
  TestServer server(TestFixturesDir("lifecycle"));
  PublishOn(server, "default");
  REQUIRE(Cancel(server, MessageId(1)).status == 200);
  CHECK(StatusOf(server, MessageId(1)) == Status("cancelled", MessageId(1)));
  server.clock().AdvanceMs(1000);
  CHECK(StatusOf(server, MessageId(1)) == Status("cancelled", MessageId(1)));
  server.clock().AdvanceMs(86400000);
  CHECK(StatusOf(server, MessageId(1)) == Status("cancelled", MessageId(1)));
}

TEST_CASE("a cancel just before the delivery delay ends still wins") {
  TestServer server(TestFixturesDir("lifecycle"));
  PublishOn(server, "doomed");
  server.clock().AdvanceMs(999);
  CHECK(Cancel(server, MessageId(1)).body == Cancelled(MessageId(1)));
  server.clock().AdvanceMs(1);
  CHECK(StatusOf(server, MessageId(1)) == Status("cancelled", MessageId(1)));
}

TEST_CASE("a second cancel of the same message answers 5040") {
  TestServer server(TestFixturesDir("lifecycle"));
  PublishOn(server, "default");
  REQUIRE(Cancel(server, MessageId(1)).status == 200);
  Answer again = Cancel(server, MessageId(1), {}, "/APP/KEY");
  CHECK(again.status == 400);
  CHECK(again.body == kCannotCancel);
}

TEST_CASE("cancel of an id nobody knows answers 5040") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string& id : {std::string("message:NOPE"), MessageId(1)}) {
    CAPTURE(id);
    Answer answer = Cancel(server, id);
    CHECK(answer.status == 400);
    CHECK(answer.body == kCannotCancel);
  }
}

TEST_CASE("cancel of a one-shot message already published answers 5040") {
  TestServer server(TestFixturesDir("lifecycle"));
  PublishOn(server, "default");
  server.clock().AdvanceMs(1000);
  Answer answer = Cancel(server, MessageId(1));
  CHECK(answer.status == 400);
  CHECK(answer.body == kCannotCancel);
  CHECK(StatusOf(server, MessageId(1)) == Status("published", MessageId(1)));
}

TEST_CASE("cancel of a message that already failed answers 5040") {
  TestServer server(TestFixturesDir("lifecycle"));
  PublishOn(server, "doomed");
  server.clock().AdvanceMs(1000);
  CHECK(Cancel(server, MessageId(1)).body == kCannotCancel);
  CHECK(StatusOf(server, MessageId(1)) ==
        Status("failed", MessageId(1), "Simulated APNs rejection"));
}

TEST_CASE(
    "cancel of the published and failed fixtures answers 5040 and changes "
    "nothing") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string id : {"fx-published", "fx-failed"}) {
    CAPTURE(id);
    Answer answer = Cancel(server, id);
    CHECK(answer.status == 400);
    CHECK(answer.body == kCannotCancel);
  }
  CHECK(StatusOf(server, "fx-published") ==
        Status("published", "fx-published"));
  CHECK(StatusOf(server, "fx-failed") == Status("failed", "fx-failed", "boom"));
}

TEST_CASE("a fixture message scheduled for ever can be cancelled") {
  TestServer server(TestFixturesDir("lifecycle"));
  CHECK(StatusOf(server, "fx-scheduled-forever") ==
        Status("scheduled", "fx-scheduled-forever"));
  Answer answer = Cancel(server, "fx-scheduled-forever", {}, "/APP/KEY");
  CHECK(answer.status == 200);
  CHECK(answer.body == Cancelled("fx-scheduled-forever"));
  CHECK(StatusOf(server, "fx-scheduled-forever") ==
        Status("cancelled", "fx-scheduled-forever"));
}

TEST_CASE("a repeating fixture message can be cancelled while it repeats") {
  TestServer server(TestFixturesDir("lifecycle"));
  server.clock().AdvanceMs(60000);  // one repeat in, one to go
  CHECK(StatusOf(server, "fx-repeating") ==
        Status("scheduled", "fx-repeating"));
  CHECK(Cancel(server, "fx-repeating").body == Cancelled("fx-repeating"));
  server.clock().AdvanceMs(60000);  // past repeatExpiresAt
  CHECK(StatusOf(server, "fx-repeating") ==
        Status("cancelled", "fx-repeating"));
}

TEST_CASE("a repeating fixture message is published once its repeats expire") {
  TestServer server(TestFixturesDir("lifecycle"));
  server.clock().AdvanceMs(119999);
  CHECK(StatusOf(server, "fx-repeating") ==
        Status("scheduled", "fx-repeating"));
  server.clock().AdvanceMs(1);
  CHECK(StatusOf(server, "fx-repeating") ==
        Status("published", "fx-repeating"));
  CHECK(Cancel(server, "fx-repeating").body == kCannotCancel);
}

TEST_CASE(
    "CANCEL denied to anonymous callers answers 2000, while a user may "
    "cancel") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer denied = Cancel(server, "fx-locked");
  CHECK(denied.status == 400);
  CHECK(denied.body == kNotAllowed);
  CHECK(StatusOf(server, "fx-locked") == Status("scheduled", "fx-locked"));
  Answer allowed =
      Cancel(server, "fx-locked", {{"user-token", "token-1"}}, "/APP/KEY");
  CHECK(allowed.status == 200);
  CHECK(allowed.body == Cancelled("fx-locked"));
}

TEST_CASE("a stale user-token on cancel answers 3064 and cancels nothing") {
  TestServer server(TestFixturesDir("lifecycle"));
  Answer answer =
      Cancel(server, "fx-scheduled-forever", {{"user-token", "stale"}});
  CHECK(answer.status == 400);
  CHECK(answer.body == json{{"code", 3064},
                            {"message",
                             "Not existing user token - stale. Relogin user to "
                             "update your user token"}});
  CHECK(StatusOf(server, "fx-scheduled-forever") ==
        Status("scheduled", "fx-scheduled-forever"));
}

TEST_CASE("a percent-encoded message id is decoded before cancelling") {
  TestServer server(TestFixturesDir("lifecycle"));
  PublishOn(server, "default");
  std::string encoded = "message%3A" + MessageId(1).substr(8);
  CHECK(Cancel(server, encoded).body == Cancelled(MessageId(1)));
}

TEST_CASE("the fixture due in 60 s is published at exactly +60000 ms") {
  TestServer server(TestFixturesDir("lifecycle"));
  server.clock().AdvanceMs(59999);
  CHECK(StatusOf(server, "fx-due-in-60s") ==
        Status("scheduled", "fx-due-in-60s"));
  server.clock().AdvanceMs(1);
  CHECK(StatusOf(server, "fx-due-in-60s") ==
        Status("published", "fx-due-in-60s"));
  CHECK(Cancel(server, "fx-due-in-60s").body == kCannotCancel);
}

TEST_CASE(
    "the fixture failing in 60 s fails at exactly +60000 ms with its own "
    "text") {
  TestServer server(TestFixturesDir("lifecycle"));
  server.clock().AdvanceMs(59999);
  CHECK(StatusOf(server, "fx-fails-in-60s") ==
        Status("scheduled", "fx-fails-in-60s"));
  server.clock().AdvanceMs(1);
  CHECK(StatusOf(server, "fx-fails-in-60s") ==
        Status("failed", "fx-fails-in-60s", "Quota exceeded"));
  CHECK(Cancel(server, "fx-fails-in-60s").body == kCannotCancel);
}

}  // namespace
}  // namespace backendless_mock::testing
