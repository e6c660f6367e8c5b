// Control: runtime edits of fixture entities and message histories.
#include <algorithm>

#include "admin/control.h"
#include "model/errors.h"
#include "model/fixture_json.h"
#include "store/fixture_document.h"

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
    detail +=
        (error.pointer.empty() ? "/" : error.pointer) + ": " + error.reason;
  }
  return errors::CannotParseRequest(detail);
}

}  // namespace

Expected<json> Control::List(EntityKind kind) const {
  std::shared_ptr<const FixtureSet> fixtures = parts_.fixtures.Current();
  json list = json::array();
  switch (kind) {
    case EntityKind::kMessage: {
      fixtures->messages().ForEach([&](const Message& message) {
        if (!parts_.board.Find(message.id).known) list.push_back(message);
      });
      for (const Message& message : parts_.board.All()) list.push_back(message);
      break;
    }
    case EntityKind::kUser:
      for (const auto& [id, user] : fixtures->users()) list.push_back(user);
      break;
    case EntityKind::kChannel:
      for (const auto& [name, channel] : fixtures->channels())
        list.push_back(channel);
      break;
    case EntityKind::kPushTemplate:
      for (const auto& [name, push_template] : fixtures->push_templates()) {
        list.push_back(push_template);
      }
      break;
  }
  // Hash-map order is arbitrary: sort by id so answers compare whole.
  const char* id_key = Info(kind).id_key;
  std::sort(list.begin(), list.end(), [id_key](const json& a, const json& b) {
    return a.value(id_key, "") < b.value(id_key, "");
  });
  return list;
}

Expected<json> Control::Get(EntityKind kind, const std::string& id) const {
  std::shared_ptr<const FixtureSet> fixtures = parts_.fixtures.Current();
  switch (kind) {
    case EntityKind::kMessage:
      if (auto view = parts_.messaging.Inspect(*fixtures, id)) {
        json body = view->message;
        // StatusReport has one writer, its JSON text (the hot path's).
        body["currentStatus"] = json::parse(StatusReportJson(view->status));
        return body;
      }
      break;
    case EntityKind::kUser:
      if (const User* user = fixtures->FindUserById(id)) return json(*user);
      break;
    case EntityKind::kChannel:
      if (const Channel* channel = fixtures->FindChannel(id))
        return json(*channel);
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
      const User* same_token =
          user->user_token ? fixtures->FindUserByFixtureToken(*user->user_token)
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
      removed = parts_.board.Remove(id, fixtures->FindMessage(id).has_value());
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
  std::optional<MessageView> view =
      parts_.messaging.Inspect(*fixtures, message_id);
  if (!view) return errors::EntityNotFound("message", message_id);
  return json{{"messageId", message_id}, {"transitions", view->history}};
}

}  // namespace backendless_mock
