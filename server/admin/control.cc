#include "admin/control.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "admin/state_snapshot.h"
#include "model/errors.h"
#include "model/fixture_json.h"
#include "store/fixture_document.h"
#include "store/fixture_loader.h"

namespace backendless_mock {
namespace {

using nlohmann::json;

struct KindInfo {
  const char* name;    // for messages: "message"
  const char* id_key;  // the id's key in the fixture form
};

KindInfo Info(EntityKind kind) {
  switch (kind) {
    case EntityKind::kMessage:
      return {"message", "messageId"};
    case EntityKind::kUser:
      return {"user", "objectId"};
    case EntityKind::kChannel:
      return {"channel", "name"};
    case EntityKind::kPushTemplate:
      return {"push template", "name"};
  }
  return {"entity", "id"};
}

// 8002 listing every validation error of an admin request body.
ApiError InvalidBody(const std::vector<FixtureError>& errors) {
  std::string detail;
  for (const FixtureError& error : errors) {
    if (!detail.empty()) detail += "; ";
    detail += (error.pointer.empty() ? "/" : error.pointer) + ": " + error.reason;
  }
  return errors::CannotParseRequest(detail);
}

}  // namespace

void to_json(json& j, const ReloadResult& result) {
  j = json{{"ok", result.ok},
           {"at", FormatTimestamp(result.at_ms)},
           {"atMs", result.at_ms},
           {"trigger", result.trigger},
           {"errors", result.errors}};
}

void to_json(json& j, const HealthReport& report) {
  j = json{{"status", "ok"},
           {"version", BACKENDLESS_MOCK_VERSION},
           {"uptimeMs", report.uptime_ms},
           {"fixtures",
            {{"dir", report.fixtures_dir},
             {"messages", report.fixture_messages},
             {"users", report.users},
             {"channels", report.channels}}},
           {"runtime",
            {{"messages", report.runtime_messages},
             {"sessions", report.sessions}}},
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
    : parts_(std::move(parts)), started_(std::chrono::steady_clock::now()) {
  last_reload_ = {true, parts_.clock.NowMs(), "start", {}};
}

ReloadResult Control::ReloadFixtures(const std::string& trigger) {
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
    parts_.fixtures.ReplaceFiles(std::move(load.set));
  } else {
    parts_.logger.Warn("fixture reload failed; serving the last good set",
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

Expected<json> Control::List(EntityKind kind) const {
  std::shared_ptr<const FixtureSet> fixtures = parts_.fixtures.Current();
  json list = json::array();
  switch (kind) {
    case EntityKind::kMessage: {
      for (const auto& [id, message] : fixtures->messages()) {
        if (!parts_.board.Find(id).known) list.push_back(message);
      }
      for (const Message& message : parts_.board.All()) list.push_back(message);
      break;
    }
    case EntityKind::kUser:
      for (const auto& [id, user] : fixtures->users()) list.push_back(user);
      break;
    case EntityKind::kChannel:
      for (const auto& [name, channel] : fixtures->channels()) list.push_back(channel);
      break;
    case EntityKind::kPushTemplate:
      for (const auto& [name, push_template] : fixtures->push_templates()) {
        list.push_back(push_template);
      }
      break;
  }
  return list;
}

Expected<json> Control::Get(EntityKind kind, const std::string& id) const {
  std::shared_ptr<const FixtureSet> fixtures = parts_.fixtures.Current();
  switch (kind) {
    case EntityKind::kMessage:
      if (auto view = parts_.messaging.Inspect(*fixtures, id)) {
        json body = view->message;
        body["currentStatus"] = view->status;
        return body;
      }
      break;
    case EntityKind::kUser:
      if (const User* user = fixtures->FindUserById(id)) return json(*user);
      break;
    case EntityKind::kChannel:
      if (const Channel* channel = fixtures->FindChannel(id)) return json(*channel);
      break;
    case EntityKind::kPushTemplate:
      if (const PushTemplate* found = fixtures->FindPushTemplate(id)) {
        return json(*found);
      }
      break;
  }
  return errors::EntityNotFound(Info(kind).name, id);
}

Expected<json> Control::Create(EntityKind kind, const json& value) {
  return Upsert(kind, value, std::nullopt);
}

Expected<json> Control::Replace(EntityKind kind, const std::string& id,
                                const json& value) {
  return Upsert(kind, value, id);
}

Expected<json> Control::Upsert(EntityKind kind, const json& value,
                               const std::optional<std::string>& path_id) {
  KindInfo info = Info(kind);
  json entry = value;
  if (path_id && entry.is_object()) {
    auto it = entry.find(info.id_key);
    if (it == entry.end()) {
      entry[info.id_key] = *path_id;
    } else if (*it != *path_id) {
      return errors::CannotParseRequest(std::string(info.id_key) +
                                        " in the body differs from the path");
    }
  }
  FixtureErrorSink sink("request body");
  std::lock_guard<std::mutex> lock(mu_);
  std::shared_ptr<const FixtureSet> fixtures = parts_.fixtures.Current();
  auto exists = [&](const std::string& id) {
    switch (kind) {
      case EntityKind::kMessage:
        return parts_.messaging.Inspect(*fixtures, id).has_value();
      case EntityKind::kUser:
        return fixtures->FindUserById(id) != nullptr;
      case EntityKind::kChannel:
        return fixtures->FindChannel(id) != nullptr;
      case EntityKind::kPushTemplate:
        return fixtures->FindPushTemplate(id) != nullptr;
    }
    return false;
  };
  auto check = [&](const std::string& id) -> std::optional<ApiError> {
    if (!sink.errors().empty()) return InvalidBody(sink.errors());
    if (!path_id && exists(id)) return errors::EntityExists(info.name, id);
    if (path_id && !exists(id)) return errors::EntityNotFound(info.name, id);
    return std::nullopt;
  };
  switch (kind) {
    case EntityKind::kMessage: {
      std::optional<Message> message = ReadMessage(entry, "", sink);
      if (auto error = check(message ? message->id : "")) return *error;
      message->created_by = "admin";
      json body = *message;
      parts_.board.Add(std::move(*message));
      return body;
    }
    case EntityKind::kUser: {
      std::optional<User> user = ReadUser(entry, "", sink);
      if (auto error = check(user ? user->object_id : "")) return *error;
      const User* same_email = fixtures->FindUserByEmail(user->email);
      if (same_email != nullptr && same_email->object_id != user->object_id) {
        return errors::EntityExists("user with email", user->email);
      }
      const User* same_token = user->user_token
                                   ? fixtures->FindUserByFixtureToken(*user->user_token)
                                   : nullptr;
      if (same_token != nullptr && same_token->object_id != user->object_id) {
        return errors::EntityExists("user with userToken", *user->user_token);
      }
      json body = *user;
      parts_.fixtures.PutUser(std::move(*user));
      return body;
    }
    case EntityKind::kChannel: {
      std::optional<Channel> channel = ReadChannel(entry, "", sink);
      if (auto error = check(channel ? channel->name : "")) return *error;
      json body = *channel;
      parts_.fixtures.PutChannel(std::move(*channel));
      return body;
    }
    case EntityKind::kPushTemplate: {
      std::optional<PushTemplate> found = ReadPushTemplate(entry, "", sink);
      if (auto error = check(found ? found->name : "")) return *error;
      json body = *found;
      parts_.fixtures.PutPushTemplate(std::move(*found));
      return body;
    }
  }
  return errors::Internal("unknown entity kind");
}

Expected<json> Control::Delete(EntityKind kind, const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  bool removed = false;
  switch (kind) {
    case EntityKind::kMessage: {
      std::shared_ptr<const FixtureSet> fixtures = parts_.fixtures.Current();
      removed = parts_.board.Remove(id, fixtures->FindMessage(id) != nullptr);
      break;
    }
    case EntityKind::kUser:
      removed = parts_.fixtures.RemoveUser(id);
      break;
    case EntityKind::kChannel:
      removed = parts_.fixtures.RemoveChannel(id);
      break;
    case EntityKind::kPushTemplate:
      removed = parts_.fixtures.RemovePushTemplate(id);
      break;
  }
  if (!removed) return errors::EntityNotFound(Info(kind).name, id);
  return json{{"deleted", id}};
}

Expected<json> Control::History(const std::string& message_id) const {
  std::shared_ptr<const FixtureSet> fixtures = parts_.fixtures.Current();
  std::optional<MessageView> view = parts_.messaging.Inspect(*fixtures, message_id);
  if (!view) return errors::EntityNotFound("message", message_id);
  return json{{"messageId", message_id}, {"transitions", view->history}};
}

json Control::ExportState() const {
  json messages = json::array();
  for (const Message& message : parts_.board.All()) {
    messages.push_back(MessageToState(message));
  }
  return json{{"version", 1},
              {"clockMs", parts_.clock.NowMs()},
              {"messages", messages},
              {"removedMessages", parts_.board.RemovedIds()},
              {"sessions", parts_.sessions.Export()}};
}

Expected<json> Control::ImportState(const json& state) {
  if (!state.is_object() || state.value("version", 0) != 1 ||
      !state.value("messages", json()).is_array() ||
      !state.value("removedMessages", json()).is_array()) {
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
  if (state.contains("clockMs") && state["clockMs"].is_number_integer()) {
    parts_.clock.SetMs(state["clockMs"].get<int64_t>());
  }
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
  json state = json::parse(text.str(), nullptr, false);
  if (state.is_discarded()) {
    return errors::StateFileUnavailable(parts_.state_file + " is not JSON");
  }
  Expected<json> imported = ImportState(state);
  if (!imported.ok()) return imported.error();
  parts_.logger.Info("state loaded", {{"file", parts_.state_file},
                                      {"messages", imported.value()["messages"]}});
  return true;
}

}  // namespace backendless_mock
