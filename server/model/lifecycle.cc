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
  bool due = message.status == MessageStatus::kScheduled &&
             message.due_at_ms && now_ms >= *message.due_at_ms;
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

bool IsCancellable(const Message& message,
                   const std::optional<DeliveryOutcome>& channel_outcome,
                   int64_t now_ms) {
  return ReportAt(message, channel_outcome, now_ms).status ==
         MessageStatus::kScheduled;
}

}  // namespace backendless_mock
