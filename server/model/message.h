#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace backendless_mock {

// The lifecycle states a message status reports, lowercase on the wire.
enum class MessageStatus {
  kFailed,
  kPublished,
  kScheduled,
  kCancelled,
  kUnknown
};

std::string_view MessageStatusName(MessageStatus status);
std::optional<MessageStatus> ParseMessageStatus(std::string_view name);

// How a delivery ends once it is due: published, or failed with a text.
struct DeliveryOutcome {
  MessageStatus status = MessageStatus::kPublished;
  std::optional<std::string> error_message;  // set iff status is kFailed
};

// The channel a message goes to when none is named.
inline constexpr std::string_view kDefaultChannel = "default";

// A message the emulator knows, from a fixture or from a publish call.
struct Message {
  std::string id;
  MessageStatus status = MessageStatus::kScheduled;
  std::optional<std::string> error_message;  // set iff status is kFailed
  std::string channel{kDefaultChannel};
  std::optional<int64_t> publish_at_ms;
  std::optional<int64_t> repeat_every_s;
  std::optional<int64_t> repeat_expires_at_ms;
  std::optional<DeliveryOutcome> delivery_outcome;
  // When a scheduled message's delivery is due; none: it stays scheduled.
  std::optional<int64_t> due_at_ms;
  std::optional<int64_t> created_at_ms;    // when a publish call made it
  std::optional<int64_t> cancelled_at_ms;  // when a cancel call stopped it
  std::string created_by;    // "fixture", "admin", or the publishing principal
  std::string cancelled_by;  // the cancelling principal
  // What the publisher sent (message, publisherId, headers, ...), kept as
  // given for later inspection: the compact JSON text of an object, "" for
  // none. Text, not a DOM: a million fixture messages each keep one.
  std::string publish_fields;
};

// The message's publish fields as an object ({} when there are none).
nlohmann::json PublishFields(const Message& message);
// Keeps the members of `fields` (an object) as the message's publish fields.
void SetPublishFields(Message& message, const nlohmann::json& fields);
// Builds publish-fields text member by member, the one writer of that text:
// AppendPublishField for each member, then ClosePublishFields.
void AppendPublishField(std::string& text, std::string_view key,
                        const nlohmann::json& value);
void ClosePublishFields(std::string& text);

// What GET messaging/<id> answers: {"status", "messageId", "errorMessage"}.
struct StatusReport {
  std::string message_id;
  MessageStatus status = MessageStatus::kUnknown;
  std::optional<std::string> error_message;
};

// The report's JSON text,
// {"errorMessage":null|"...","messageId":"...","status":"..."} (keys sorted,
// as nlohmann/json writes objects). The one writer for StatusReport, written
// directly because every status call answers with it; there is no to_json.
std::string StatusReportJson(const StatusReport& report);

// What DELETE messaging/<id> answers: {"status": "cancelled", "messageId"}.
struct CancelReport {
  std::string message_id;
};

void to_json(nlohmann::json& j, const CancelReport& report);

// The report for an id that no fixture or publish call knows.
StatusReport UnknownMessageReport(std::string message_id);

}  // namespace backendless_mock
