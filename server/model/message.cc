#include "model/message.h"

#include <array>
#include <utility>

#include "model/json_string.h"

namespace backendless_mock {
namespace {

constexpr std::array<std::pair<MessageStatus, std::string_view>, 5> kNames{{
    {MessageStatus::kFailed, "failed"},
    {MessageStatus::kPublished, "published"},
    {MessageStatus::kScheduled, "scheduled"},
    {MessageStatus::kCancelled, "cancelled"},
    {MessageStatus::kUnknown, "unknown"},
}};

}  // namespace

std::string_view MessageStatusName(MessageStatus status) {
  for (const auto& [value, name] : kNames) {
    if (value == status) return name;
  }
  return "unknown";
}

std::optional<MessageStatus> ParseMessageStatus(std::string_view name) {
  for (const auto& [value, candidate] : kNames) {
    if (candidate == name) return value;
  }
  return std::nullopt;
}

std::string StatusReportJson(const StatusReport& report) {
  std::string out;
  out.reserve(64 + report.message_id.size());
  out += "{\"errorMessage\":";
  if (report.error_message) {
    AppendJsonString(out, *report.error_message);
  } else {
    out += "null";
  }
  out += ",\"messageId\":";
  AppendJsonString(out, report.message_id);
  out += ",\"status\":";
  AppendJsonString(out, MessageStatusName(report.status));
  out += '}';
  return out;
}

nlohmann::json PublishFields(const Message& message) {
  if (message.publish_fields.empty()) return nlohmann::json::object();
  // Written by AppendPublishField from JSON values, so it parses.
  return nlohmann::json::parse(message.publish_fields);
}

void SetPublishFields(Message& message, const nlohmann::json& fields) {
  std::string text;
  for (const auto& [key, value] : fields.items()) {
    AppendPublishField(text, key, value);
  }
  ClosePublishFields(text);
  message.publish_fields = std::move(text);
}

void AppendPublishField(std::string& text, std::string_view key,
                        const nlohmann::json& value) {
  text += text.empty() ? '{' : ',';
  AppendJsonString(text, key);
  text += ':';
  if (value.is_string()) {
    AppendJsonString(text, value.get_ref<const std::string&>());
  } else {
    text +=
        value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

void ClosePublishFields(std::string& text) {
  if (!text.empty()) text += '}';
}

void to_json(nlohmann::json& j, const CancelReport& report) {
  j = nlohmann::json{{"status", MessageStatusName(MessageStatus::kCancelled)},
                     {"messageId", report.message_id}};
}

StatusReport UnknownMessageReport(std::string message_id) {
  return {std::move(message_id), MessageStatus::kUnknown, std::nullopt};
}

}  // namespace backendless_mock
