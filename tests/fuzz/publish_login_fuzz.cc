// libFuzzer target: a request body as POST messaging/<channel> and POST
// users/login read it: ParseJsonObjectBody, then ReadPublishRequest and
// MessagingService::Publish (due times, stored message, status report), and
// UserService::Login against a small FixtureSet.
//
// Properties: a body the parser accepts is an object no deeper than
// kMaxJsonDepth; every answer, value or error, serialises; an error is a
// Backendless error (4xx, a code, a text); a token from a login is valid
// until its logout.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/json_body.h"
#include "clock.h"
#include "fuzz_support.h"
#include "ids.h"
#include "model/errors.h"
#include "model/json_text.h"
#include "policy/identity.h"
#include "service/messaging_service.h"
#include "service/publish_request.h"
#include "service/user_service.h"
#include "store/fixture_document.h"
#include "store/fixture_loader.h"
#include "store/fixture_set.h"
#include "store/message_board.h"
#include "store/sessions.h"

namespace bm = backendless_mock;

namespace {

constexpr const char* kFixtures = R"({
  "users": [
    {"objectId": "U1", "email": "alice@example.com", "password": "alice-password",
     "roles": ["Operator"], "name": "Alice"},
    {"objectId": "U2", "email": "dora@example.com", "password": "dora-password",
     "userStatus": "DISABLED"}
  ],
  "channels": [
    {"name": "ops", "permissions": {"PUBLISH": {"deny": ["NotAuthenticatedUser"]}}},
    {"name": "flaky", "deliveryOutcome": {"status": "failed", "errorMessage": "no"}}
  ]
})";

std::shared_ptr<const bm::FixtureSet> BuildFixtures() {
  bm::FixtureErrorSink sink("fuzz-fixtures.json");
  std::optional<nlohmann::json> document =
      bm::ParseFixtureText(kFixtures, sink);
  bm::FixtureSetBuilder builder;
  builder.Add(bm::ReadFixtureDocument(*document, sink), sink);
  if (!sink.errors().empty()) std::abort();
  return builder.Build();
}

void CheckError(const bm::ApiError& error) {
  if (error.http_status < 400 || error.http_status > 499 || error.code == 0 ||
      error.message.empty()) {
    std::abort();
  }
}

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A status report as the API writes it: it must be valid JSON (parse throws,
// and libFuzzer counts an uncaught exception as a crash).
void CheckReport(const bm::StatusReport& report) {
  nlohmann::json parsed = nlohmann::json::parse(bm::StatusReportJson(report));
  if (!parsed.is_object() || parsed.size() != 3) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::shared_ptr<const bm::FixtureSet> fixtures = BuildFixtures();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bm::Expected<nlohmann::json> body = bm::ParseJsonObjectBody(text);
  if (!body.ok()) {
    CheckError(body.error());
    return 0;
  }
  if (!body.value().is_object() ||
      bm::fuzz::Depth(body.value()) > bm::kMaxJsonDepth) {
    std::abort();
  }

  bm::Expected<bm::PublishRequest> request =
      bm::ReadPublishRequest(body.value());
  if (request.ok()) {
    Dump(request.value().fields);
  } else {
    CheckError(request.error());
  }

  bm::ManualClock clock(1767225600000);
  bm::SequentialIdSource ids;
  bm::MessageBoard board;
  bm::MessagingService messaging(board, clock, ids, bm::MessagingOptions{1000});
  const bm::User* alice = fixtures->FindUserById("U1");
  for (const bm::Identity& who :
       {bm::AnonymousIdentity(), bm::UserIdentity(*alice)}) {
    for (const char* channel : {"default", "ops", "flaky"}) {
      std::string decision;
      bm::Expected<bm::StatusReport> published =
          messaging.Publish(*fixtures, who, channel, body.value(), decision);
      if (!published.ok()) {
        CheckError(published.error());
        continue;
      }
      const std::string& id = published.value().message_id;
      CheckReport(published.value());
      for (int64_t step : {int64_t{0}, int64_t{1000}, int64_t{86400000}}) {
        clock.AdvanceMs(step);
        std::optional<bm::MessageView> view = messaging.Inspect(*fixtures, id);
        if (!view) std::abort();
        CheckReport(view->status);
        Dump(nlohmann::json(view->history));
      }
      clock.SetMs(1767225600000);
      bm::Expected<bm::CancelReport> cancelled =
          messaging.Cancel(*fixtures, who, id, decision);
      if (!cancelled.ok()) CheckError(cancelled.error());
    }
  }

  bm::Sessions sessions;
  bm::UserService users(sessions, clock, ids);
  bm::Expected<nlohmann::json> login = users.Login(*fixtures, body.value());
  if (login.ok()) {
    const nlohmann::json& user = login.value();
    if (!user.is_object() || !user.contains("user-token")) std::abort();
    std::string token = user["user-token"].get<std::string>();
    if (!users.IsValidToken(*fixtures, token)) std::abort();
    if (!users.Logout(*fixtures, token).ok()) std::abort();
    if (users.IsValidToken(*fixtures, token)) std::abort();
  } else {
    CheckError(login.error());
  }
  return 0;
}
