#include "model/lifecycle.h"

namespace backendless_mock {

std::optional<int64_t> DeliveryDueAt(const Message& message,
                                     std::optional<int64_t> otherwise_ms) {
  if (message.repeat_every_s) return message.repeat_expires_at_ms;
  if (message.publish_at_ms) return message.publish_at_ms;
  return otherwise_ms;
}

StatusReport ReportAt(const Message& message,
                      const std::optional<DeliveryOutcome>& channel_outcome,
                      int64_t now_ms) {
  StatusReport report{message.id, message.status, message.error_message};
  bool due = message.status == MessageStatus::kScheduled && message.due_at_ms &&
             now_ms >= *message.due_at_ms;
  if (!due) return report;
  const std::optional<DeliveryOutcome>& outcome =
      message.delivery_outcome ? message.delivery_outcome : channel_outcome;
  if (outcome) {
    report.status = outcome->status;
    report.error_message = outcome->error_message;
  } else {
    report.status = MessageStatus::kPublished;
  }
  return report;
}

void to_json(nlohmann::json& j, const Transition& transition) {
  j = nlohmann::json{{"status", MessageStatusName(transition.status)},
                     {"atMs", nullptr},
                     {"cause", transition.cause}};
  if (transition.at_ms) j["atMs"] = *transition.at_ms;
}

std::vector<Transition> HistoryAt(
    const Message& message,
    const std::optional<DeliveryOutcome>& channel_outcome, int64_t now_ms) {
  std::vector<Transition> history;
  bool declared = !message.created_at_ms;
  MessageStatus first =
      message.status == MessageStatus::kCancelled && message.cancelled_at_ms
          ? MessageStatus::kScheduled
          : message.status;
  history.push_back({first, message.created_at_ms,
                     declared ? "declared by " + (message.created_by.empty()
                                                      ? std::string("fixture")
                                                      : message.created_by)
                              : "published by " + message.created_by});
  if (message.cancelled_at_ms) {
    history.push_back({MessageStatus::kCancelled, message.cancelled_at_ms,
                       "cancelled by " + message.cancelled_by});
    return history;
  }
  StatusReport now = ReportAt(message, channel_outcome, now_ms);
  if (now.status != message.status) {
    history.push_back({now.status, message.due_at_ms, "delivery due"});
  }
  return history;
}

bool IsCancellable(const Message& message,
                   const std::optional<DeliveryOutcome>& channel_outcome,
                   int64_t now_ms) {
  return ReportAt(message, channel_outcome, now_ms).status ==
         MessageStatus::kScheduled;
}

}  // namespace backendless_mock
