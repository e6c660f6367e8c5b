// The admin token (Config.admin_token, --admin-token): every /__admin/ route
// needs "Authorization: Bearer <token>"; the emulated API never does.
#include <doctest/doctest.h>

#include "support/expected_json.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

const json kRefused =
    R"({"code":401,"message":"The admin API needs 'Authorization: Bearer <admin token>'"})"_json;

struct AdminRoute {
  std::string method;
  std::string path;
};

// Every route AdminApi::Register adds (server/admin/admin_api.cc), with its
// placeholders filled in. The OpenAPI route test checks this list is whole.
std::vector<AdminRoute> AllAdminRoutes() {
  std::vector<AdminRoute> routes = {
      {"GET", "/__admin/health"},
      {"POST", "/__admin/fixtures/reload"},
      {"POST", "/__admin/reset"},
      {"GET", "/__admin/clock"},
      {"POST", "/__admin/clock"},
      {"GET", "/__admin/requests/count"},
      {"GET", "/__admin/requests"},
      {"DELETE", "/__admin/requests"},
      {"POST", "/__admin/faults"},
      {"GET", "/__admin/faults"},
      {"DELETE", "/__admin/faults/fault-1"},
      {"DELETE", "/__admin/faults"},
      {"GET", "/__admin/messages/fx-published/history"},
      {"GET", "/__admin/state"},
      {"PUT", "/__admin/state"},
      {"POST", "/__admin/state/save"},
  };
  for (const auto& [plural, id] :
       std::vector<std::pair<std::string, std::string>>{
           {"messages", "fx-published"},
           {"users", "u-1"},
           {"channels", "default"},
           {"push-templates", "welcome"}}) {
    routes.push_back({"GET", "/__admin/" + plural});
    routes.push_back({"POST", "/__admin/" + plural});
    routes.push_back({"GET", "/__admin/" + plural + "/" + id});
    routes.push_back({"PUT", "/__admin/" + plural + "/" + id});
    routes.push_back({"DELETE", "/__admin/" + plural + "/" + id});
  }
  return routes;
}

Config WithAdminToken() {
  Config config;
  config.admin_token = "s3cret";
  return config;
}

std::string HeaderOf(const Answer& answer, const std::string& name) {
  auto it = answer.headers.find(name);
  return it == answer.headers.end() ? "(none)" : it->second;
}

TEST_CASE(
    "every admin route answers 401 without the admin token or with a wrong "
    "one") {
  TestServer server(TestFixturesDir("lifecycle"), WithAdminToken());
  const std::vector<httplib::Headers> refused = {
      {},
      {{"Authorization", "Bearer wrong"}},
      {{"Authorization", "s3cret"}},
      {{"Authorization", "bearer s3cret"}},
      {{"Authorization", "Basic czNjcmV0"}}};
  const std::vector<AdminRoute> routes = AllAdminRoutes();
  REQUIRE(routes.size() == 36);
  for (const AdminRoute& route : routes) {
    for (const httplib::Headers& headers : refused) {
      std::string sent = headers.empty() ? "(none)" : headers.begin()->second;
      CAPTURE(route.method + " " + route.path + " with " + sent);
      Answer answer = server.Send(route.method, route.path, "", headers);
      CHECK(answer.status == 401);
      CHECK(answer.body == kRefused);
      CHECK(HeaderOf(answer, "WWW-Authenticate") == "Bearer");
    }
  }
}

TEST_CASE("every admin route answers with the right admin token") {
  TestServer server(TestFixturesDir("lifecycle"), WithAdminToken());
  for (const AdminRoute& route : AllAdminRoutes()) {
    CAPTURE(route.method + " " + route.path);
    Answer answer = server.Send(route.method, route.path, "",
                                {{"Authorization", "Bearer s3cret"}});
    CHECK(answer.status != 401);
    CHECK(answer.status != 405);
    CHECK(answer.body != kRefused);
  }
}

TEST_CASE(
    "a refused admin request changes nothing and is journaled as refused") {
  TestServer server(TestFixturesDir("lifecycle"), WithAdminToken());
  const httplib::Headers admin = {{"Authorization", "Bearer s3cret"}};
  REQUIRE(server.Send("POST", "/__admin/clock", R"({"advanceMs":5})").status ==
          401);
  REQUIRE(server.Send("DELETE", "/__admin/requests", "").status == 401);
  CHECK(server.Get("/__admin/clock", admin).body["nowMs"] == kTestEpochMs);
  Answer journal = server.Get("/__admin/requests?method=DELETE", admin);
  REQUIRE(journal.body["requests"].size() == 1);
  const json& entry = journal.body["requests"][0];
  CHECK(entry["principal"] == "admin-refused");
  CHECK(entry["status"] == 401);
  CHECK(entry["route"] == "");
}

TEST_CASE("the emulated API needs no admin token") {
  TestServer server(TestFixturesDir("lifecycle"), WithAdminToken());
  CHECK(server.Get("/api/messaging/fx-published").body ==
        Status("published", "fx-published"));
  CHECK(server
            .Get("/APP/KEY/messaging/fx-published",
                 {{"Authorization", "Bearer wrong"}})
            .status == 200);
  CHECK(server
            .Send("POST", "/api/users/login",
                  R"({"login":"one@example.com","password":"pw-1"})")
            .status == 200);
}

TEST_CASE("a CORS preflight of an admin route needs no admin token") {
  TestServer server(TestFixturesDir("lifecycle"), WithAdminToken());
  Answer answer = server.Send("OPTIONS", "/__admin/clock", "",
                              {{"Origin", "http://localhost:3000"},
                               {"Access-Control-Request-Method", "POST"}});
  CHECK(answer.status == 204);
  CHECK(HeaderOf(answer, "Access-Control-Allow-Origin") ==
        "http://localhost:3000");
}

TEST_CASE("without an admin token the admin API is open") {
  TestServer server(TestFixturesDir("lifecycle"));
  CHECK(server.Get("/__admin/clock").status == 200);
  CHECK(server.Get("/__admin/clock", {{"Authorization", "Bearer anything"}})
            .status == 200);
}

}  // namespace
}  // namespace backendless_mock::testing
