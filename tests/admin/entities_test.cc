// Runtime fixtures over HTTP: list, create, get, replace and delete messages,
// users, channels and push templates under /__admin/, and what each edit
// does to the emulated API.
#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>
#include <vector>

#include "support/expected_json.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

std::string Fixtures() { return TestFixturesDir("admin/entities"); }

// A list answer sorted by `id_key`: the admin API lists in no set order.
json Sorted(json list, const std::string& id_key) {
  std::sort(list.begin(), list.end(), [&id_key](const json& a, const json& b) {
    return a[id_key] < b[id_key];
  });
  return list;
}

json List(TestServer& server, const std::string& plural,
          const std::string& id_key) {
  Answer answer = server.Get("/__admin/" + plural);
  REQUIRE(answer.status == 200);
  return Sorted(answer.body, id_key);
}

const json kSent =
    R"({"messageId":"m-sent","status":"published","channel":"default",
    "message":"hello"})"_json;
const json kLater =
    R"({"messageId":"m-later","status":"scheduled","channel":"ops",
    "publishAt":1767225660000})"_json;
const json kAnn =
    R"({"objectId":"u-ann","email":"ann@example.com","password":"pw-ann",
    "roles":["Ops"],"userStatus":"ENABLED","userToken":"token-ann","nick":"Ann"})"_json;
const json kOps =
    R"({"name":"ops","permissions":{"PUBLISH":{"deny":["NotAuthenticatedUser"]}}})"_json;
const json kGreet =
    R"({"name":"greet","channel":"default","ios":{"alert":"Hi"}})"_json;

TEST_CASE("each entity list answers the fixtures in fixture form") {
  TestServer server(Fixtures());
  CHECK(List(server, "messages", "messageId") == json{kLater, kSent});
  CHECK(List(server, "users", "objectId") == json{kAnn});
  CHECK(List(server, "channels", "name") == json{{{"name", "default"}}, kOps});
  CHECK(List(server, "push-templates", "name") == json{kGreet});
}

TEST_CASE(
    "the message list adds runtime messages and leaves out deleted ones") {
  TestServer server(Fixtures());
  REQUIRE(server.Send("POST", "/api/messaging/default", R"({"message":"x"})")
              .status == 200);
  REQUIRE(server.Send("DELETE", "/__admin/messages/m-sent", "").status == 200);
  CHECK(List(server, "messages", "messageId") ==
        json{kLater,
             {{"messageId", MessageId(1)},
              {"status", "scheduled"},
              {"channel", "default"},
              {"message", "x"}}});
}

TEST_CASE("GET of one entity answers it, a message with its current status") {
  TestServer server(Fixtures());
  json later = kLater;
  later["currentStatus"] = Status("scheduled", "m-later");
  CHECK(server.Get("/__admin/messages/m-later").body == later);
  CHECK(server.Get("/__admin/users/u-ann").body == kAnn);
  CHECK(server.Get("/__admin/channels/ops").body == kOps);
  CHECK(server.Get("/__admin/push-templates/greet").body == kGreet);
  server.clock().AdvanceMs(60000);
  later["currentStatus"] = Status("published", "m-later");
  CHECK(server.Get("/__admin/messages/m-later").body == later);
}

TEST_CASE("GET, PUT and DELETE of an unknown entity answer 404") {
  TestServer server(Fixtures());
  // A PUT body valid for each kind: an invalid one answers 8002 first.
  for (const auto& [plural, kind, body] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"messages", "message", R"({"status":"published"})"},
           {"users", "user", R"({"email":"n@example.com","password":"p"})"},
           {"channels", "channel", "{}"},
           {"push-templates", "push template", "{}"}}) {
    const std::string& shown = plural;  // CAPTURE cannot take a binding (C++17)
    CAPTURE(shown);
    const json expected = Error(404, "No " + kind + " \"nope\"");
    for (const std::string method : {"GET", "PUT", "DELETE"}) {
      Answer answer = server.Send(method, "/__admin/" + plural + "/nope",
                                  method == "PUT" ? body : "");
      CHECK(answer.status == 404);
      CHECK(answer.body == expected);
    }
  }
}

TEST_CASE("a deleted entity of each kind answers 404 afterwards") {
  TestServer server(Fixtures());
  for (const auto& [path, kind] :
       std::vector<std::pair<std::string, std::string>>{
           {"messages/m-later", "message \"m-later\""},
           {"users/u-ann", "user \"u-ann\""},
           {"channels/ops", "channel \"ops\""},
           {"push-templates/greet", "push template \"greet\""}}) {
    const std::string& shown = path;  // CAPTURE cannot take a binding (C++17)
    CAPTURE(shown);
    std::string id = path.substr(path.find('/') + 1);
    Answer deleted = server.Send("DELETE", "/__admin/" + path, "");
    CHECK(deleted.status == 200);
    CHECK(deleted.body == json{{"deleted", id}});
    CHECK(server.Get("/__admin/" + path).body == Error(404, "No " + kind));
    CHECK(server.Send("DELETE", "/__admin/" + path, "").status == 404);
  }
}

TEST_CASE(
    "a created message answers 201 in fixture form and moves with the clock") {
  TestServer server(Fixtures());
  Answer created =
      server.Send("POST", "/__admin/messages",
                  R"({"messageId":"message:ABC","status":"scheduled",
                                   "publishAt":1767225605000,"message":"later"})");
  CHECK(created.status == 201);
  CHECK(created.body == R"({"messageId":"message:ABC","status":"scheduled",
      "channel":"default","publishAt":1767225605000,"message":"later"})"_json);
  CHECK(server.Get("/api/messaging/message:ABC").body ==
        Status("scheduled", "message:ABC"));
  server.clock().AdvanceMs(5000);
  CHECK(server.Get("/api/messaging/message:ABC").body ==
        Status("published", "message:ABC"));
  // Ids in admin paths are percent-decoded.
  CHECK(server.Get("/__admin/messages/message%3AABC").body["messageId"] ==
        "message:ABC");
  CHECK(server.Send("DELETE", "/__admin/messages/message%3AABC", "").body ==
        R"({"deleted":"message:ABC"})"_json);
  CHECK(server.Get("/api/messaging/message:ABC").body ==
        Status("unknown", "message:ABC"));
}

TEST_CASE("creating an entity whose id exists answers 409") {
  TestServer server(Fixtures());
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"messages", R"({"messageId":"m-sent","status":"published"})",
       "A message \"m-sent\" exists already"},
      {"users",
       R"({"objectId":"u-ann","email":"x@example.com","password":"p"})",
       "A user \"u-ann\" exists already"},
      {"users",
       R"({"objectId":"u-new","email":"ann@example.com","password":"p"})",
       "A user with email \"ann@example.com\" exists already"},
      {"users", R"({"objectId":"u-new","email":"x@example.com","password":"p",
                    "userToken":"token-ann"})",
       "A user with userToken \"token-ann\" exists already"},
      {"channels", R"({"name":"ops"})", "A channel \"ops\" exists already"},
      {"push-templates", R"({"name":"greet"})",
       "A push template \"greet\" exists already"}};
  for (const auto& [plural, body, message] : cases) {
    // CAPTURE cannot capture a structured binding (C++17); a reference it can.
    const std::string& sent = body;
    CAPTURE(sent);
    Answer answer = server.Send("POST", "/__admin/" + plural, body);
    CHECK(answer.status == 409);
    CHECK(answer.body == Error(409, message));
  }
  CHECK(List(server, "users", "objectId") == json{kAnn});
}

TEST_CASE(
    "an invalid entity body answers 8002 with the fixture files' reasons") {
  TestServer server(Fixtures());
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"messages", R"({"messageId":"m-x","status":"sent"})",
       "/status: \"sent\" is not one of failed, published, scheduled, "
       "cancelled, unknown"},
      {"messages", R"({"messageId":"m-x","status":"failed","color":1})",
       "/: missing required key \"errorMessage\"; /color: unknown key"},
      {"messages", R"({"messageId":"m-x","status":"published","publishAt":1})",
       "/publishAt: allowed only when status is \"scheduled\""},
      {"users", R"({"objectId":"u-x","email":7})",
       "/email: expected a string, got an integer; /: missing required key "
       "\"password\""},
      {"users",
       R"({"objectId":"u-x","email":"x@e.com","password":"p","ownerId":"o"})",
       "/ownerId: is reserved; the server sets it to the objectId"},
      {"channels", R"({"name":"a/b"})",
       "/name: \"a/b\" is not a valid channel name (1 to 255 letters, digits, "
       "'_', '-' or '.')"},
      {"channels", R"({"name":"c","permissions":{"DELETE":{}}})",
       "/permissions/DELETE: unknown operation; expected one of GET_STATUS, "
       "PUBLISH, CANCEL"},
      {"push-templates", R"({"channel":"x"})",
       "/: missing required key \"name\""},
      {"push-templates", "[]", "body must be a JSON object"}};
  for (const auto& [plural, body, detail] : cases) {
    // CAPTURE cannot capture a structured binding (C++17); a reference it can.
    const std::string& sent = body;
    CAPTURE(sent);
    Answer answer = server.Send("POST", "/__admin/" + plural, body);
    CHECK(answer.status == 400);
    CHECK(answer.body == CannotParse(detail));
  }
}

TEST_CASE("an admin body and a fixture file entry get the same reasons") {
  TempDir dir;
  dir.Write("empty.json", "{}");
  TestServer server(dir.path().string());
  const std::string entry =
      R"({"messageId":"m-x","status":"scheduled","repeatEvery":0})";
  Answer admin = server.Send("POST", "/__admin/messages", entry);
  CHECK(admin.body == CannotParse("/repeatEvery: must be at least 1"));
  dir.Write("bad.json", R"({"messages":[)" + entry + "]}");
  Answer reload = server.Send("POST", "/__admin/fixtures/reload", "");
  CHECK(reload.body["errors"] ==
        json{(dir.path() / "bad.json").string() +
             ": /messages/0/repeatEvery: must be at least 1"});
}

TEST_CASE("PUT replaces an entity, taking its id from the path when absent") {
  TestServer server(Fixtures());
  Answer replaced = server.Send("PUT", "/__admin/messages/m-sent",
                                R"({"status":"failed","errorMessage":"gone"})");
  CHECK(replaced.status == 200);
  CHECK(replaced.body ==
        R"({"messageId":"m-sent","status":"failed","channel":"default",
      "errorMessage":"gone"})"_json);
  CHECK(server.Get("/api/messaging/m-sent").body ==
        Status("failed", "m-sent", "gone"));
  Answer same_id =
      server.Send("PUT", "/__admin/channels/ops", R"({"name":"ops"})");
  CHECK(same_id.body == R"({"name":"ops"})"_json);
  // ops no longer denies anonymous publishes.
  CHECK(server.Send("POST", "/api/messaging/ops", R"({"message":1})").status ==
        200);
}

TEST_CASE(
    "PUT with a different id in the body answers 8002 and changes nothing") {
  TestServer server(Fixtures());
  using Case = std::tuple<std::string, std::string, std::string>;
  for (const auto& [path, body, key] : std::vector<Case>{
           {"messages/m-sent",
            R"({"messageId":"m-other","status":"published"})", "messageId"},
           {"users/u-ann",
            R"({"objectId":"u-other","email":"a@b.c","password":"p"})",
            "objectId"},
           {"channels/ops", R"({"name":"other"})", "name"},
           {"push-templates/greet", R"({"name":"other"})", "name"}}) {
    const std::string& shown = path;  // CAPTURE cannot take a binding (C++17)
    CAPTURE(shown);
    Answer answer = server.Send("PUT", "/__admin/" + path, body);
    CHECK(answer.status == 400);
    CHECK(answer.body ==
          CannotParse(key + " in the body differs from the path"));
  }
  CHECK(server.Get("/__admin/channels/ops").body == kOps);
}

TEST_CASE("a deleted fixture message is unknown and can no longer be fetched") {
  TestServer server(Fixtures());
  Answer deleted = server.Send("DELETE", "/__admin/messages/m-sent", "");
  CHECK(deleted.status == 200);
  CHECK(deleted.body == R"({"deleted":"m-sent"})"_json);
  CHECK(server.Get("/api/messaging/m-sent").body ==
        Status("unknown", "m-sent"));
  CHECK(server.Get("/__admin/messages/m-sent").body ==
        Error(404, "No message \"m-sent\""));
  CHECK(server.Send("DELETE", "/__admin/messages/m-sent", "").status == 404);
  // It may be created again.
  CHECK(server
            .Send("POST", "/__admin/messages",
                  R"({"messageId":"m-sent","status":"cancelled"})")
            .status == 201);
  CHECK(server.Get("/api/messaging/m-sent").body ==
        Status("cancelled", "m-sent"));
}

TEST_CASE(
    "a created user can log in, and once deleted can neither log in nor use "
    "its token") {
  TestServer server(Fixtures());
  Answer created = server.Send("POST", "/__admin/users",
                               R"({"objectId":"u-bob","email":"bob@example.com",
                                   "password":"pw-bob","userToken":"token-bob"})");
  CHECK(created.status == 201);
  CHECK(created.body ==
        R"({"objectId":"u-bob","email":"bob@example.com","password":"pw-bob",
      "roles":[],"userStatus":"ENABLED","userToken":"token-bob"})"_json);
  const std::string login =
      R"({"login":"bob@example.com","password":"pw-bob"})";
  Answer logged_in = server.Send("POST", "/api/users/login", login);
  CHECK(logged_in.status == 200);
  CHECK(logged_in.body["objectId"] == "u-bob");
  CHECK(server.Get("/api/messaging/m-sent", {{"user-token", "token-bob"}})
            .status == 200);
  REQUIRE(server.Send("DELETE", "/__admin/users/u-bob", "").status == 200);
  Answer refused = server.Send("POST", "/api/users/login", login);
  CHECK(refused.status == 400);
  CHECK(refused.body == Error(3003, "Invalid login or password"));
  Answer stale =
      server.Get("/api/messaging/m-sent", {{"user-token", "token-bob"}});
  CHECK(stale.body ==
        Error(3064,
              "Not existing user token - token-bob. Relogin user to "
              "update your user token"));
}

TEST_CASE("a created channel's permissions apply at once") {
  TestServer server(Fixtures());
  Answer created = server.Send(
      "POST", "/__admin/channels",
      R"({"name":"vault","permissions":{"GET_STATUS":{"deny":["NotAuthenticatedUser"]}},
          "deliveryOutcome":{"status":"failed","errorMessage":"sealed"}})");
  CHECK(created.status == 201);
  CHECK(created.body == R"({"name":"vault","permissions":{"GET_STATUS":
      {"deny":["NotAuthenticatedUser"]}},"deliveryOutcome":{"status":"failed",
      "errorMessage":"sealed"}})"_json);
  REQUIRE(
      server.Send("POST", "/api/messaging/vault", R"({"message":1})").status ==
      200);
  Answer denied = server.Get("/api/messaging/" + MessageId(1));
  CHECK(denied.status == 400);
  CHECK(denied.body == Error(2000, "Operation is not allowed"));
  server.clock().AdvanceMs(1000);
  CHECK(
      server
          .Get("/api/messaging/" + MessageId(1), {{"user-token", "token-ann"}})
          .body == Status("failed", MessageId(1), "sealed"));
  REQUIRE(server.Send("DELETE", "/__admin/channels/vault", "").status == 200);
  CHECK(server.Get("/api/messaging/" + MessageId(1)).status == 200);
}

TEST_CASE("a created push template sends through POST messaging/push/<name>") {
  TestServer server(Fixtures());
  Answer created = server.Send(
      "POST", "/__admin/push-templates",
      R"({"name":"bye","channel":"ops","android":{"title":"Bye"}})");
  CHECK(created.status == 201);
  CHECK(created.body ==
        R"({"name":"bye","channel":"ops","android":{"title":"Bye"}})"_json);
  Answer sent = server.Send("POST", "/api/messaging/push/bye", "{}",
                            {{"user-token", "token-ann"}});
  CHECK(sent.body == Status("scheduled", MessageId(1)));
  Answer anonymous = server.Send("POST", "/api/messaging/push/bye", "{}");
  CHECK(anonymous.body ==
        Error(5007, "User has no permission to publish message"));
  REQUIRE(server.Send("DELETE", "/__admin/push-templates/bye", "").status ==
          200);
  CHECK(server.Send("POST", "/api/messaging/push/bye", "{}").body ==
        Error(24003, "Push Template with name 'bye' doesn't exist."));
}

}  // namespace
}  // namespace backendless_mock::testing
