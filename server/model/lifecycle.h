#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/message.h"

namespace backendless_mock {

// When a scheduled message's delivery falls due. A repeating message
// (repeatEvery set) is due once its repeats expire, never without
// repeatExpiresAt; a one-shot message at publishAt, else at `otherwise_ms`.
std::optional<int64_t> DeliveryDueAt(const Message& message,
                                     std::optional<int64_t> otherwise_ms);

// The status `message` reports at `now_ms`. Statuses are computed from the
// clock when read, so a reader never races a background timer: a scheduled
// message whose delivery is due reports its outcome (its own, else
// `channel_outcome`, else published).
StatusReport ReportAt(const Message& message,
                      const std::optional<DeliveryOutcome>& channel_outcome,
                      int64_t now_ms);

// One step of a message's life, for GET /__admin/messages/<id>/history.
struct Transition {
  MessageStatus status = MessageStatus::kScheduled;
  std::optional<int64_t> at_ms;  // none for a fixture's declared status
  std::string cause;
};

void to_json(nlohmann::json& j, const Transition& transition);

// Every transition of `message` up to `now_ms`, in order.
std::vector<Transition> HistoryAt(
    const Message& message,
    const std::optional<DeliveryOutcome>& channel_outcome, int64_t now_ms);

// True while a cancel can still stop the message.
bool IsCancellable(const Message& message,
                   const std::optional<DeliveryOutcome>& channel_outcome,
                   int64_t now_ms);

}  // namespace backendless_mock
