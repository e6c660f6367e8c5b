// Several clients hammer the emulated API while another thread reloads the
// fixtures (by the admin API and by rewriting a watched file), moves the
// clock and adds and removes a channel and a user. Every request must get
// its expected answer, and the journal must hold every one of them.
//
// The outcome is deterministic: clients only touch what the admin thread
// leaves alone (their own messages, published far in the future; fixture
// users and messages that every reload keeps), so each answer is known.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <thread>

#include "support/expected_json.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr int kClients = 4;
constexpr int kRoundsPerClient = 60;  // 5 requests each: 300 per client
constexpr int kAdminRounds = 40;
constexpr int64_t kFarFutureMs = kTestEpochMs + 10LL * 24 * 3600 * 1000;

const std::string kExtraPublished =
    R"({"messages":[{"messageId":"fx-extra","status":"published"}]})";
const std::string kExtraFailed =
    R"({"messages":[{"messageId":"fx-extra","status":"failed","errorMessage":"flip"}]})";

// Sends requests and keeps a line for each answer that was not as expected.
class Caller {
 public:
  Caller(TestServer& server, std::atomic<int>& sent)
      : client_(server.Client()), sent_(sent) {}

  // Sends; when the answer is not `status` or fails `check`, notes why.
  json Call(const std::string& method, const std::string& path,
            const std::string& body, int status,
            const std::function<bool(const json&)>& check = nullptr,
            const httplib::Headers& headers = {}) {
    httplib::Request request;
    request.method = method;
    request.path = path;
    request.headers = headers;
    request.body = body;
    if (!body.empty())
      request.headers.emplace("Content-Type", "application/json");
    httplib::Result result = client_.send(request);
    ++sent_;
    std::string what = method + " " + path + ": ";
    if (!result) {
      failures_.push_back(what + "transport error " +
                          httplib::to_string(result.error()));
      return nullptr;
    }
    json answer = json::parse(result->body, nullptr, false);
    if (result->status != status || (check && !check(answer))) {
      failures_.push_back(what + std::to_string(result->status) + " " +
                          result->body);
    }
    return answer;
  }

  const std::vector<std::string>& failures() const { return failures_; }

 private:
  httplib::Client client_;
  std::atomic<int>& sent_;
  std::vector<std::string> failures_;
};

void RunClient(Caller& caller, int client) {
  const httplib::Headers as_one = {{"user-token", "token-1"}};
  for (int round = 0; round < kRoundsPerClient; ++round) {
    // Every other publish is by a user, through a fixture token.
    const httplib::Headers who = round % 2 == 0 ? as_one : httplib::Headers{};
    json published = caller.Call(
        "POST", "/api/messaging/default",
        json{{"message", client * 1000 + round}, {"publishAt", kFarFutureMs}}
            .dump(),
        200, [](const json& body) { return body["status"] == "scheduled"; },
        who);
    std::string id =
        published.is_object() ? published.value("messageId", "") : "";
    caller.Call(
        "GET", "/api/messaging/" + id, "", 200,
        [&id](const json& body) { return body == Status("scheduled", id); },
        who);
    caller.Call(
        "DELETE", "/api/messaging/" + id, "", 200, [&id](const json& body) {
          return body == json{{"status", "cancelled"}, {"messageId", id}};
        });
    caller.Call("POST", "/api/users/login",
                R"({"login":"one@example.com","password":"pw-1"})", 200,
                [](const json& body) { return body["objectId"] == "u-1"; });
    caller.Call("GET", "/APP/KEY/messaging/fx-extra", "", 200,
                [](const json& body) {
                  return body == Status("published", "fx-extra") ||
                         body == Status("failed", "fx-extra", "flip");
                });
  }
}

void RunAdmin(Caller& caller, const TempDir& dir) {
  auto created = [](const std::string& key, const std::string& id) {
    return [key, id](const json& body) { return body[key] == id; };
  };
  for (int round = 0; round < kAdminRounds; ++round) {
    // Written beside, then renamed: the watcher never reads half a file.
    dir.Write("extra.json.tmp",
              round % 2 == 0 ? kExtraFailed : kExtraPublished);
    fs::rename(dir.path() / "extra.json.tmp", dir.path() / "extra.json");
    caller.Call("POST", "/__admin/fixtures/reload", "", 200,
                [](const json& body) { return body["ok"] == true; });
    caller.Call("POST", "/__admin/clock", R"({"advanceMs":1000})", 200);
    caller.Call(
        "POST", "/__admin/channels",
        R"({"name":"churn","permissions":{"PUBLISH":{"deny":["AuthenticatedUser"]}}})",
        201, created("name", "churn"));
    caller.Call(
        "POST", "/__admin/users",
        R"({"objectId":"u-churn","email":"churn@example.com","password":"p"})",
        201, created("objectId", "u-churn"));
    caller.Call("DELETE", "/__admin/channels/churn", "", 200,
                created("deleted", "churn"));
    caller.Call("DELETE", "/__admin/users/u-churn", "", 200,
                created("deleted", "u-churn"));
  }
}

TEST_CASE("reloads, clock moves and admin edits under load fail no request") {
  TempDir dir;
  fs::copy(TestFixturesDir("lifecycle"), dir.path(),
           fs::copy_options::recursive);
  dir.Write("extra.json", kExtraPublished);
  Config config;
  config.watch = true;
  config.watch_interval_ms = 10;
  config.journal_size = 100000;
  TestServer server(dir.path().string(), config);

  std::atomic<int> sent{0};
  std::vector<std::unique_ptr<Caller>> callers;
  for (int i = 0; i <= kClients; ++i)
    callers.push_back(std::make_unique<Caller>(server, sent));
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&callers, i] { RunClient(*callers[i], i); });
  }
  threads.emplace_back([&callers, &dir] { RunAdmin(*callers[kClients], dir); });
  for (std::thread& thread : threads) thread.join();

  for (const auto& caller : callers) {
    for (const std::string& failure : caller->failures()) FAIL_CHECK(failure);
  }
  CHECK(sent == kClients * kRoundsPerClient * 5 + kAdminRounds * 6);
  CHECK(server.Get("/__admin/requests/count").body ==
        json{{"count", sent.load()}, {"dropped", 0}});
  CHECK(server.Get("/__admin/requests/count?path=/api/").body["count"] ==
        kClients * kRoundsPerClient * 5 - kClients * kRoundsPerClient);
}

}  // namespace
}  // namespace backendless_mock::testing
