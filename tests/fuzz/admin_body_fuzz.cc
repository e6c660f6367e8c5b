// libFuzzer target: an admin API body through everything that reads one:
// ReadFaultRule (POST /__admin/faults) and the injector; ReadMessage,
// ReadUser, ReadChannel, ReadPushTemplate and Control::Create (POST
// /__admin/<entities>); MessageFromState and Control::ImportState (PUT
// /__admin/state), then what the admin API shows afterwards (lists, health,
// the clock as a timestamp, the state export and its history).
//
// Properties: an entity the reader accepts reads back, unchanged, from its
// own fixture form; a message read from its state form reads back from
// MessageToState unchanged; every answer serialises.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "admin/control.h"
#include "admin/faults.h"
#include "admin/journal.h"
#include "admin/state_snapshot.h"
#include "api/json_body.h"
#include "clock.h"
#include "fuzz_support.h"
#include "ids.h"
#include "log/logger.h"
#include "model/fixture_json.h"
#include "service/messaging_service.h"
#include "store/fixture_document.h"
#include "store/fixture_store.h"
#include "store/message_board.h"
#include "store/sessions.h"

namespace bm = backendless_mock;

namespace {

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

[[noreturn]] void Fail(const char* what, const nlohmann::json& value) {
  std::fprintf(stderr, "%s: %s\n", what, Dump(value).c_str());
  std::abort();
}

template <typename T, typename ReadFn>
void CheckReader(const nlohmann::json& body, ReadFn read, const char* kind) {
  bm::FixtureErrorSink sink("request body");
  std::optional<T> entity = read(body, "", sink);
  if (!entity) {
    if (sink.errors().empty()) Fail(kind, body);
    return;
  }
  nlohmann::json form = *entity;
  bm::FixtureErrorSink again_sink("round-trip");
  std::optional<T> again = read(form, "", again_sink);
  if (!again || nlohmann::json(*again) != form) {
    Fail(kind, form);
  }
}

void CheckStateForm(const nlohmann::json& body) {
  std::string error;
  std::optional<bm::Message> message = bm::MessageFromState(body, error);
  if (!message) {
    if (error.empty()) Fail("state error without a reason", body);
    return;
  }
  nlohmann::json state = bm::MessageToState(*message);
  std::optional<bm::Message> again = bm::MessageFromState(state, error);
  if (!again || bm::MessageToState(*again) != state) {
    Fail("message does not read back from its state form", state);
  }
  for (int64_t now :
       {INT64_MIN, int64_t{0}, int64_t{1767225600000}, INT64_MAX}) {
    // The API's writer must give valid JSON whatever the id holds (parse
    // throws, which libFuzzer counts as a crash).
    std::string report =
        bm::StatusReportJson(bm::ReportAt(*message, std::nullopt, now));
    if (!nlohmann::json::parse(report).is_object()) {
      Fail("a status report is not a JSON object", body);
    }
    Dump(nlohmann::json(bm::HistoryAt(*message, std::nullopt, now)));
  }
}

void CheckFaultRule(const nlohmann::json& body) {
  bm::Expected<bm::FaultRule> rule = bm::ReadFaultRule(body);
  if (!rule.ok()) return;
  bm::FaultInjector faults;
  Dump(faults.Add(std::move(rule.value())));
  bm::FaultSubject subject{"GET", "/api/messaging/m1", "m1", "default",
                           "U1",  "alice@example.com"};
  for (int i = 0; i < 3; ++i) {
    if (std::optional<bm::FaultEffect> effect = faults.Match(subject)) {
      if (effect->error) {
        // What the gateway builds from it.
        const nlohmann::json& error = *effect->error;
        (void)error["status"].get<int>();
        (void)error["code"].get<int>();
        (void)error["message"].get<std::string>();
      }
    }
  }
  Dump(faults.List());
}

// The control plane over fresh state, as the app wires it.
struct ControlPlane {
  ControlPlane()
      : clock(1767225600000),
        adjustable(clock, true),
        // No flusher thread: one per input would slow the fuzzer down.
        logger(log, bm::LogFormat::kJson, adjustable,
               {64 * 1024, std::chrono::milliseconds(0)}),
        fixtures(std::make_shared<const bm::FixtureSet>()),
        messaging(board, adjustable, ids, bm::MessagingOptions{1000}),
        journal(16),
        control({"", fixtures, board, sessions, messaging, adjustable, journal,
                 faults, logger, ""}) {}

  bm::ManualClock clock;
  bm::AdjustableClock adjustable;
  std::ostringstream log;
  bm::Logger logger;
  bm::FixtureStore fixtures;
  bm::SequentialIdSource ids;
  bm::MessageBoard board;
  bm::Sessions sessions;
  bm::MessagingService messaging;
  bm::Journal journal;
  bm::FaultInjector faults;
  bm::Control control;
};

void CheckControl(const nlohmann::json& body) {
  ControlPlane plane;
  bm::Control& control = plane.control;
  for (bm::EntityKind kind :
       {bm::EntityKind::kMessage, bm::EntityKind::kUser,
        bm::EntityKind::kChannel, bm::EntityKind::kPushTemplate}) {
    bm::Expected<nlohmann::json> created = control.Create(kind, body);
    if (created.ok()) Dump(created.value());
    Dump(control.List(kind).value());
  }
  bm::Expected<nlohmann::json> imported = control.ImportState(body);
  if (imported.ok()) Dump(imported.value());
  plane.logger.Info("after import");
  Dump(nlohmann::json(control.Health()));
  Dump(control.ExportState());
  Dump(bm::FormatTimestamp(plane.adjustable.NowMs()));
  for (const bm::Message& message : plane.board.All()) {
    bm::Expected<nlohmann::json> history = control.History(message.id);
    if (history.ok()) Dump(history.value());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bm::Expected<nlohmann::json> parsed = bm::ParseJsonObjectBody(text);
  if (!parsed.ok()) return 0;
  const nlohmann::json& body = parsed.value();
  CheckFaultRule(body);
  CheckReader<bm::Message>(body, bm::fuzz::ReadMessageEntry, "message");
  CheckReader<bm::User>(body, bm::ReadUser, "user");
  CheckReader<bm::Channel>(body, bm::ReadChannel, "channel");
  CheckReader<bm::PushTemplate>(body, bm::ReadPushTemplate, "push template");
  CheckStateForm(body);
  if (body.contains("messages") && body["messages"].is_array()) {
    for (const nlohmann::json& entry : body["messages"]) CheckStateForm(entry);
  }
  CheckControl(body);
  return 0;
}
