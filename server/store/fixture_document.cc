#include "store/fixture_document.h"

#include "model/lifecycle.h"
#include "store/object_reader.h"

namespace backendless_mock {
namespace {

using nlohmann::json;

// A channel name, reported when it breaks the naming rule.
std::optional<std::string> ReadChannelName(ObjectReader& reader,
                                           std::string_view key,
                                           Presence presence,
                                           FixtureErrorSink& sink) {
  std::optional<std::string> name = reader.String(key, presence);
  if (name && !IsValidChannelName(*name)) {
    sink.Add(reader.PointerOf(key),
             json(*name).dump() +
                 " is not a valid channel name (1 to 255 letters, digits, "
                 "'_', '-' or '.')");
    return std::nullopt;
  }
  return name;
}

// errorMessage is required when the status is failed and forbidden otherwise.
std::optional<std::string> ReadErrorMessage(ObjectReader& reader, bool failed) {
  if (failed) return reader.String("errorMessage", Presence::kRequired);
  reader.Forbid("errorMessage", "allowed only when status is \"failed\"");
  return std::nullopt;
}

std::optional<DeliveryOutcome> ReadDeliveryOutcome(ObjectReader& parent,
                                                   FixtureErrorSink& sink) {
  const json* value = parent.Object("deliveryOutcome", Presence::kOptional);
  if (value == nullptr) return std::nullopt;
  size_t before = sink.errors().size();
  ObjectReader reader(*value, parent.PointerOf("deliveryOutcome"), sink);
  auto status =
      reader.Enum("status", Presence::kRequired, {"published", "failed"});
  DeliveryOutcome outcome;
  outcome.status =
      status ? *ParseMessageStatus(*status) : MessageStatus::kPublished;
  outcome.error_message =
      ReadErrorMessage(reader, outcome.status == MessageStatus::kFailed);
  reader.RejectUnreadKeys();
  if (sink.errors().size() != before || !status) return std::nullopt;
  return outcome;
}

std::optional<AppCredentials> ReadApp(const json& value,
                                      const std::string& pointer,
                                      FixtureErrorSink& sink) {
  size_t before = sink.errors().size();
  ObjectReader reader(value, pointer, sink);
  auto app_id = reader.String("appId", Presence::kRequired);
  auto keys = reader.StringArray("apiKeys", Presence::kRequired);
  if (keys && keys->empty()) {
    sink.Add(reader.PointerOf("apiKeys"), "must not be empty");
  }
  reader.RejectUnreadKeys();
  if (sink.errors().size() != before) return std::nullopt;
  return AppCredentials{*app_id, *keys};
}

// Runs `read` on every element of document[key], keeping the valid ones.
template <typename T, typename ReadFn>
void ReadSection(ObjectReader& top, const std::string& key,
                 FixtureErrorSink& sink, std::vector<Located<T>>& out,
                 const std::string& id_key, ReadFn read) {
  const json* array = top.Array(key, Presence::kOptional);
  if (array == nullptr) return;
  for (size_t i = 0; i < array->size(); ++i) {
    std::string pointer = PointerChild(top.PointerOf(key), i);
    std::optional<T> entity = read((*array)[i], pointer, sink);
    if (entity) {
      out.push_back({std::move(*entity), PointerChild(pointer, id_key)});
    }
  }
}

}  // namespace

std::optional<User> ReadUser(const json& value, const std::string& pointer,
                             FixtureErrorSink& sink) {
  size_t before = sink.errors().size();
  ObjectReader reader(value, pointer, sink);
  User user;
  auto object_id = reader.String("objectId", Presence::kRequired);
  auto email = reader.String("email", Presence::kRequired);
  auto password = reader.String("password", Presence::kRequired);
  auto roles = reader.StringArray("roles", Presence::kOptional);
  user.user_token = reader.String("userToken", Presence::kOptional);
  auto status =
      reader.Enum("userStatus", Presence::kOptional, {"ENABLED", "DISABLED"});
  reader.Forbid("user-token",
                "is reserved; use \"userToken\" for a token "
                "valid from the start");
  reader.Forbid("ownerId", "is reserved; the server sets it to the objectId");
  reader.Forbid("___class", "is reserved; the server sets it to \"Users\"");
  if (sink.errors().size() != before) return std::nullopt;
  for (const std::string& key : reader.UnreadKeys()) {
    user.properties[key] = value.at(key);
  }
  user.object_id = *object_id;
  user.email = *email;
  user.password = *password;
  if (roles) user.roles = *roles;
  user.enabled = !status || *status == "ENABLED";
  return user;
}

std::optional<Channel> ReadChannel(const json& value,
                                   const std::string& pointer,
                                   FixtureErrorSink& sink) {
  size_t before = sink.errors().size();
  ObjectReader reader(value, pointer, sink);
  Channel channel;
  auto name = ReadChannelName(reader, "name", Presence::kRequired, sink);
  if (const json* permissions =
          reader.Object("permissions", Presence::kOptional)) {
    std::string permissions_pointer = reader.PointerOf("permissions");
    for (const auto& item : permissions->items()) {
      std::string rule_pointer = PointerChild(permissions_pointer, item.key());
      std::optional<Operation> op = ParseOperation(item.key());
      if (!op) {
        sink.Add(rule_pointer,
                 "unknown operation; expected one of GET_STATUS, PUBLISH, "
                 "CANCEL");
        continue;
      }
      ObjectReader rule_reader(item.value(), rule_pointer, sink);
      PermissionRule rule;
      if (auto grant = rule_reader.StringArray("grant", Presence::kOptional)) {
        rule.grant.insert(grant->begin(), grant->end());
      }
      if (auto deny = rule_reader.StringArray("deny", Presence::kOptional)) {
        rule.deny.insert(deny->begin(), deny->end());
      }
      rule_reader.RejectUnreadKeys();
      channel.permissions[*op] = std::move(rule);
    }
  }
  channel.delivery_outcome = ReadDeliveryOutcome(reader, sink);
  reader.RejectUnreadKeys();
  if (sink.errors().size() != before) return std::nullopt;
  channel.name = *name;
  return channel;
}

std::optional<Message> ReadMessage(const json& value,
                                   const std::string& pointer,
                                   FixtureErrorSink& sink) {
  ObjectReader reader(value, pointer, sink);
  return ReadMessage(reader, sink);
}

std::optional<Message> ReadMessage(ObjectReader& reader,
                                   FixtureErrorSink& sink) {
  if (!reader.valid()) return std::nullopt;  // reported by the reader
  size_t before = sink.errors().size();
  Message message;
  auto id = reader.String("messageId", Presence::kRequired);
  auto status =
      reader.Enum("status", Presence::kRequired,
                  {"failed", "published", "scheduled", "cancelled", "unknown"});
  message.status =
      status ? *ParseMessageStatus(*status) : MessageStatus::kUnknown;
  if (status) {
    message.error_message =
        ReadErrorMessage(reader, message.status == MessageStatus::kFailed);
  } else {
    reader.Any("errorMessage", Presence::kOptional);  // judged with the status
  }
  if (auto channel =
          ReadChannelName(reader, "channel", Presence::kOptional, sink)) {
    message.channel = std::move(*channel);
  }
  // Publish metadata, kept as given (in key order, as a DOM would write it).
  for (const char* key : {"createdAt", "headers", "message", "publishPolicy",
                          "publisherId", "pushBroadcast", "pushSinglecast"}) {
    if (const json* field = reader.Peek(key)) {
      AppendPublishField(message.publish_fields, key, *field);
    }
  }
  ClosePublishFields(message.publish_fields);
  if (const json* publisher = reader.Any("publisherId", Presence::kOptional);
      publisher != nullptr && !publisher->is_string()) {
    sink.Add(reader.PointerOf("publisherId"),
             "expected a string, got " + JsonTypeName(*publisher));
  }
  reader.Any("message", Presence::kOptional);
  if (const json* headers = reader.Object("headers", Presence::kOptional)) {
    for (const auto& item : headers->items()) {
      if (!item.value().is_string()) {
        sink.Add(PointerChild(reader.PointerOf("headers"), item.key()),
                 "expected a string, got " + JsonTypeName(item.value()));
      }
    }
  }
  reader.Enum("publishPolicy", Presence::kOptional, {"PUSH", "PUBSUB", "BOTH"});
  if (const json* broadcast = reader.Any("pushBroadcast", Presence::kOptional);
      broadcast != nullptr && !broadcast->is_number_integer() &&
      !broadcast->is_string()) {
    sink.Add(
        reader.PointerOf("pushBroadcast"),
        "expected an integer or a string, got " + JsonTypeName(*broadcast));
  }
  if (const json* devices =
          reader.Array("pushSinglecast", Presence::kOptional)) {
    for (size_t i = 0; i < devices->size(); ++i) {
      if (!(*devices)[i].is_string()) {
        sink.Add(PointerChild(reader.PointerOf("pushSinglecast"), i),
                 "expected a string, got " + JsonTypeName((*devices)[i]));
      }
    }
  }
  reader.Integer("createdAt", Presence::kOptional, 0);
  if (!status || message.status == MessageStatus::kScheduled) {
    message.publish_at_ms = reader.Integer("publishAt", Presence::kOptional, 0);
    message.repeat_every_s =
        reader.Integer("repeatEvery", Presence::kOptional, 1);
    message.repeat_expires_at_ms =
        reader.Integer("repeatExpiresAt", Presence::kOptional, 0);
    message.delivery_outcome = ReadDeliveryOutcome(reader, sink);
    message.due_at_ms = DeliveryDueAt(message, std::nullopt);
  } else {
    for (const char* key :
         {"publishAt", "repeatEvery", "repeatExpiresAt", "deliveryOutcome"}) {
      reader.Forbid(key, "allowed only when status is \"scheduled\"");
    }
  }
  reader.RejectUnreadKeys();
  if (sink.errors().size() != before) return std::nullopt;
  message.id = std::move(*id);
  return message;
}

std::optional<PushTemplate> ReadPushTemplate(const json& value,
                                             const std::string& pointer,
                                             FixtureErrorSink& sink) {
  size_t before = sink.errors().size();
  ObjectReader reader(value, pointer, sink);
  PushTemplate push_template;
  auto name = reader.String("name", Presence::kRequired);
  if (auto channel =
          ReadChannelName(reader, "channel", Presence::kOptional, sink)) {
    push_template.channel = *channel;
  }
  push_template.delivery_outcome = ReadDeliveryOutcome(reader, sink);
  if (sink.errors().size() != before) return std::nullopt;
  for (const std::string& key : reader.UnreadKeys()) {
    push_template.content[key] = value.at(key);
  }
  push_template.name = *name;
  return push_template;
}

std::string MessageIdPointer(size_t index) {
  return PointerChild(PointerChild("/messages", index), "messageId");
}

namespace {

// Reads every section of `document`; the messages come from `streamed` when
// the loader read them already.
FixtureDocument ReadSections(const json& document, ReadMessages* streamed,
                             FixtureErrorSink& sink) {
  FixtureDocument out;
  ObjectReader top(document, "", sink);
  if (const json* schema = top.Any("$schema", Presence::kOptional);
      schema != nullptr && !schema->is_string()) {
    sink.Add(top.PointerOf("$schema"),
             "expected a string, got " + JsonTypeName(*schema));
  }
  ReadSection(top, "apps", sink, out.apps, "appId", ReadApp);
  ReadSection(top, "users", sink, out.users, "objectId", ReadUser);
  ReadSection(top, "channels", sink, out.channels, "name", ReadChannel);
  if (streamed != nullptr) {
    out.messages = std::move(streamed->messages);
    sink.errors().insert(sink.errors().end(), streamed->errors.begin(),
                         streamed->errors.end());
  } else if (const json* array = top.Array("messages", Presence::kOptional)) {
    for (size_t i = 0; i < array->size(); ++i) {
      std::optional<Message> message =
          ReadMessage((*array)[i], PointerChild("/messages", i), sink);
      if (message) out.messages.push_back({std::move(*message), i});
    }
  }
  ReadSection(top, "pushTemplates", sink, out.push_templates, "name",
              ReadPushTemplate);
  top.RejectUnreadKeys();
  return out;
}

}  // namespace

FixtureDocument ReadFixtureDocument(const json& document,
                                    FixtureErrorSink& sink) {
  return ReadSections(document, nullptr, sink);
}

FixtureDocument ReadFixtureDocument(const json& rest, ReadMessages streamed,
                                    FixtureErrorSink& sink) {
  return ReadSections(rest, &streamed, sink);
}

}  // namespace backendless_mock
