// Control: reloads, health, resets and runtime-state snapshots. Entity
// edits are in control_entities.cc.
#include "admin/control.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "admin/state_snapshot.h"
#include "model/errors.h"
#include "model/json_text.h"
#include "store/fixture_loader.h"

namespace backendless_mock {

using nlohmann::json;

void to_json(json& j, const ReloadResult& result) {
  j = json{{"ok", result.ok},
           {"at", FormatTimestamp(result.at_ms)},
           {"atMs", result.at_ms},
           {"trigger", result.trigger},
           {"errors", result.errors}};
}

void to_json(json& j, const HealthReport& report) {
  j = json{
      {"status", "ok"},
      {"version", BACKENDLESS_MOCK_VERSION},
      {"uptimeMs", report.uptime_ms},
      {"fixtures",
       {{"dir", report.fixtures_dir},
        {"messages", report.fixture_messages},
        {"users", report.users},
        {"channels", report.channels}}},
      {"runtime",
       {{"messages", report.runtime_messages}, {"sessions", report.sessions}}},
      {"journal",
       {{"size", report.journal_size},
        {"capacity", report.journal_capacity},
        {"dropped", report.journal_dropped}}},
      {"faults", report.faults},
      {"lastReload", report.last_reload}};
}

std::optional<ResetScope> ParseResetScope(const std::string& name) {
  if (name == "messages") return ResetScope::kMessages;
  if (name == "tokens") return ResetScope::kTokens;
  if (name == "journal") return ResetScope::kJournal;
  if (name == "faults") return ResetScope::kFaults;
  if (name == "clock") return ResetScope::kClock;
  if (name == "all" || name.empty()) return ResetScope::kAll;
  return std::nullopt;
}

Control::Control(Parts parts)
    : parts_(std::move(parts)),
      started_(std::chrono::steady_clock::now()),
      reloads_(parts_.clock, [this](const std::string& trigger) {
        return ReloadNow(trigger);
      }) {
  last_reload_ = {true, parts_.clock.NowMs(), "start", {}};
}

ReloadResult Control::ReloadFixtures(const std::string& trigger) {
  return reloads_.Request(trigger).get();
}

void Control::RequestReload(const std::string& trigger) {
  reloads_.Post(trigger);
}

ReloadResult Control::ReloadNow(const std::string& trigger) {
  // Declared before the lock, so destroyed after it is released: the set
  // replaced is freed here, on the reload thread, without blocking health
  // or edits (a request still holding it frees it when it is done).
  std::vector<std::shared_ptr<const FixtureSet>> replaced;
  std::lock_guard<std::mutex> lock(mu_);
  FixtureLoad load = LoadFixtureDirectory(parts_.fixtures_dir);
  ReloadResult result{load.set != nullptr, parts_.clock.NowMs(), trigger, {}};
  for (const FixtureError& error : load.errors) {
    result.errors.push_back(FormatFixtureError(error));
    parts_.logger.Error(result.errors.back());
  }
  if (load.set) {
    parts_.logger.Info("fixtures reloaded",
                       {{"trigger", trigger},
                        {"messages", load.set->message_count()},
                        {"users", load.set->user_count()},
                        {"channels", load.set->channel_count()}});
    replaced = parts_.fixtures.ReplaceFiles(std::move(load.set));
  } else {
    parts_.logger.Warn(
        "fixture reload failed; serving the last good set",
        {{"trigger", trigger}, {"errors", result.errors.size()}});
  }
  last_reload_ = result;
  return result;
}

HealthReport Control::Health() const {
  HealthReport report;
  report.uptime_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started_)
                         .count();
  report.fixtures_dir = parts_.fixtures_dir;
  std::shared_ptr<const FixtureSet> fixtures = parts_.fixtures.Current();
  report.fixture_messages = fixtures->message_count();
  report.users = fixtures->user_count();
  report.channels = fixtures->channel_count();
  report.runtime_messages = parts_.board.size();
  report.sessions = parts_.sessions.issued_count();
  report.journal_size = parts_.journal.size();
  report.journal_capacity = parts_.journal.capacity();
  report.journal_dropped = parts_.journal.dropped();
  report.faults = parts_.faults.size();
  std::lock_guard<std::mutex> lock(mu_);
  report.last_reload = last_reload_;
  return report;
}

void Control::Reset(ResetScope scope) {
  bool all = scope == ResetScope::kAll;
  if (all || scope == ResetScope::kMessages) parts_.board.Reset();
  if (all || scope == ResetScope::kTokens) parts_.sessions.Reset();
  if (all || scope == ResetScope::kJournal) parts_.journal.Clear();
  if (all || scope == ResetScope::kFaults) parts_.faults.Clear();
  if (all || scope == ResetScope::kClock) parts_.clock.Reset();
  if (all) parts_.fixtures.ResetEdits();
}

json Control::ExportState() const {
  std::vector<Message> all = parts_.board.All();
  std::sort(all.begin(), all.end(),
            [](const Message& a, const Message& b) { return a.id < b.id; });
  json messages = json::array();
  for (const Message& message : all)
    messages.push_back(MessageToState(message));
  std::vector<std::string> removed = parts_.board.RemovedIds();
  std::sort(removed.begin(), removed.end());
  return json{{"version", 1},
              {"clockMs", parts_.clock.NowMs()},
              {"messages", messages},
              {"removedMessages", removed},
              {"sessions", parts_.sessions.Export()}};
}

Expected<json> Control::ImportState(const json& state) {
  auto version = state.is_object() ? state.find("version") : state.end();
  bool clock_ok = true;
  if (state.is_object() && state.contains("clockMs")) {
    const json& clock = state["clockMs"];
    clock_ok =
        clock.is_number_integer() &&
        !(clock.is_number_unsigned() &&
          clock.get<uint64_t>() > static_cast<uint64_t>(kLatestClockMs)) &&
        clock.get<int64_t>() >= kEarliestClockMs &&
        clock.get<int64_t>() <= kLatestClockMs;
  }
  if (!state.is_object() || version == state.end() || *version != 1 ||
      !version->is_number_integer() ||
      !state.value("messages", json()).is_array() ||
      !state.value("removedMessages", json()).is_array() || !clock_ok) {
    return errors::CannotParseRequest(
        "state must be {\"version\": 1, \"messages\": [...], "
        "\"removedMessages\": [...], \"sessions\": {...}}");
  }
  std::vector<Message> messages;
  for (const json& entry : state["messages"]) {
    std::string error;
    std::optional<Message> message = MessageFromState(entry, error);
    if (!message) return errors::CannotParseRequest("state: " + error);
    messages.push_back(std::move(*message));
  }
  std::vector<std::string> removed;
  for (const json& id : state["removedMessages"]) {
    if (!id.is_string()) {
      return errors::CannotParseRequest("state: removedMessages holds ids");
    }
    removed.push_back(id.get<std::string>());
  }
  if (!parts_.sessions.Import(state.value("sessions", json()))) {
    return errors::CannotParseRequest(
        "state: sessions must be {\"issued\": {...}, \"revoked\": [...]}");
  }
  parts_.board.Restore(std::move(messages), removed);
  if (state.contains("clockMs"))
    parts_.clock.SetMs(state["clockMs"].get<int64_t>());
  return json{{"messages", state["messages"].size()},
              {"removedMessages", removed.size()}};
}

Expected<json> Control::SaveState() {
  if (parts_.state_file.empty()) {
    return errors::StateFileUnavailable("no --state-file was given");
  }
  std::lock_guard<std::mutex> lock(mu_);
  std::string error;
  if (!WriteFileAtomically(parts_.state_file, ExportState().dump(2) + "\n",
                           error)) {
    parts_.logger.Error("state save failed", {{"why", error}});
    return errors::StateFileUnavailable(error);
  }
  parts_.logger.Info("state saved", {{"file", parts_.state_file}});
  return json{{"saved", parts_.state_file}};
}

Expected<bool> Control::LoadStateFile() {
  if (parts_.state_file.empty() ||
      !std::filesystem::exists(parts_.state_file)) {
    return false;
  }
  std::ifstream in(parts_.state_file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  json state = ParseJsonText(text.str(), /*allow_comments=*/false, error);
  if (state.is_discarded()) {
    return errors::StateFileUnavailable(parts_.state_file +
                                        " is not valid JSON: " + error);
  }
  Expected<json> imported = ImportState(state);
  if (!imported.ok()) {
    return errors::StateFileUnavailable(parts_.state_file + ": " +
                                        imported.error().message);
  }
  parts_.logger.Info("state loaded",
                     {{"file", parts_.state_file},
                      {"messages", imported.value()["messages"]}});
  return true;
}

}  // namespace backendless_mock
