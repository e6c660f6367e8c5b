#include "service/messaging_service.h"

#include "model/channel.h"
#include "model/errors.h"
#include "model/lifecycle.h"
#include "policy/permissions.h"
#include "service/publish_request.h"

namespace backendless_mock {
namespace {

const std::optional<DeliveryOutcome> kNoOutcome;

const std::optional<DeliveryOutcome>& ChannelOutcome(
    const FixtureSet& fixtures, const std::string& channel) {
  const Channel* declared = fixtures.FindChannel(channel);
  return declared != nullptr ? declared->delivery_outcome : kNoOutcome;
}

// Checks `op` on `channel`; records the verdict in `decision`.
bool Permitted(const FixtureSet& fixtures, const std::string& channel,
               Operation op, const Identity& who, std::string& decision) {
  Decision verdict = DecidePermission(fixtures.FindChannel(channel), op, who);
  decision = std::string(OperationName(op)) + " on channel " + channel + ": " +
             verdict.reason;
  return verdict.allowed;
}

}  // namespace

MessagingService::Current MessagingService::Find(const FixtureSet& fixtures,
                                                 const std::string& id) const {
  MessageBoard::Lookup lookup = board_.Find(id);
  if (lookup.known) return {lookup.message, std::nullopt};
  return {nullptr, fixtures.FindMessage(id)};
}

MessagingService::MessagingService(MessageBoard& board, const Clock& clock,
                                   IdSource& ids, MessagingOptions options)
    : board_(board), clock_(clock), ids_(ids), options_(options) {}

Expected<StatusReport> MessagingService::GetStatus(
    const FixtureSet& fixtures, const Identity& who, const std::string& id,
    std::string& decision) const {
  Current current = Find(fixtures, id);
  const Message* message = current.message();
  if (message == nullptr) return UnknownMessageReport(id);
  if (!Permitted(fixtures, message->channel, Operation::kGetStatus, who,
                 decision)) {
    return errors::PermissionDenied(Operation::kGetStatus);
  }
  return ReportAt(*message, ChannelOutcome(fixtures, message->channel),
                  clock_.NowMs());
}

Expected<StatusReport> MessagingService::Publish(const FixtureSet& fixtures,
                                                 const Identity& who,
                                                 const std::string& channel,
                                                 const nlohmann::json& body,
                                                 std::string& decision) {
  if (!IsValidChannelName(channel)) return errors::InvalidChannelName();
  if (!Permitted(fixtures, channel, Operation::kPublish, who, decision)) {
    return errors::PermissionDenied(Operation::kPublish);
  }
  Expected<PublishRequest> request = ReadPublishRequest(body);
  if (!request.ok()) return request.error();
  int64_t now = clock_.NowMs();
  const PublishRequest& options = request.value();
  if (options.publish_at_ms && *options.publish_at_ms < now) {
    return errors::InvalidPublishDate();
  }
  if (options.repeat_expires_at_ms &&
      *options.repeat_expires_at_ms <= options.publish_at_ms.value_or(now)) {
    return errors::InvalidExpirationDate();
  }
  Message message;
  message.channel = channel;
  message.publish_at_ms = options.publish_at_ms;
  message.repeat_every_s = options.repeat_every_s;
  message.repeat_expires_at_ms = options.repeat_expires_at_ms;
  message.delivery_outcome = ChannelOutcome(fixtures, channel);
  SetPublishFields(message, options.fields);
  message.created_by = who.Describe();
  return Store(std::move(message));
}

Expected<StatusReport> MessagingService::PushWithTemplate(
    const FixtureSet& fixtures, const Identity& who, const std::string& name,
    const nlohmann::json& body, std::string& decision) {
  const PushTemplate* push_template = fixtures.FindPushTemplate(name);
  if (push_template == nullptr) return errors::PushTemplateNotFound(name);
  auto values = body.find("templateValues");
  if (values != body.end() && !values->is_object() && !values->is_null()) {
    return errors::CannotParseRequest("\"templateValues\" must be an object");
  }
  if (!Permitted(fixtures, push_template->channel, Operation::kPublish, who,
                 decision)) {
    return errors::PermissionDenied(Operation::kPublish);
  }
  Message message;
  message.channel = push_template->channel;
  message.delivery_outcome =
      push_template->delivery_outcome
          ? push_template->delivery_outcome
          : ChannelOutcome(fixtures, push_template->channel);
  nlohmann::json fields = {{"pushTemplate", name}};
  if (values != body.end()) fields["templateValues"] = *values;
  SetPublishFields(message, fields);
  message.created_by = who.Describe();
  return Store(std::move(message));
}

StatusReport MessagingService::Store(Message message) {
  int64_t now = clock_.NowMs();
  message.id = "message:" + ids_.NextUuid();
  message.status = MessageStatus::kScheduled;
  message.created_at_ms = now;
  message.due_at_ms = DeliveryDueAt(message, now + options_.delivery_delay_ms);
  StatusReport report{message.id, MessageStatus::kScheduled, std::nullopt};
  board_.Add(std::move(message));
  return report;
}

Expected<CancelReport> MessagingService::Cancel(const FixtureSet& fixtures,
                                                const Identity& who,
                                                const std::string& id,
                                                std::string& decision) {
  Current found = Find(fixtures, id);
  const Message* current = found.message();
  const Message* fixture = found.fixture ? &*found.fixture : nullptr;
  if (current == nullptr) return errors::CannotCancel();
  if (!Permitted(fixtures, current->channel, Operation::kCancel, who,
                 decision)) {
    return errors::PermissionDenied(Operation::kCancel);
  }
  int64_t now = clock_.NowMs();
  const std::optional<DeliveryOutcome>& outcome =
      ChannelOutcome(fixtures, current->channel);
  bool cancelled = board_.Update(id, fixture, [&](Message& message) {
    if (!IsCancellable(message, outcome, now)) return false;
    message.status = MessageStatus::kCancelled;
    message.cancelled_at_ms = now;
    message.cancelled_by = who.Describe();
    return true;
  });
  if (!cancelled) return errors::CannotCancel();
  return CancelReport{id};
}

std::optional<MessageView> MessagingService::Inspect(
    const FixtureSet& fixtures, const std::string& id) const {
  Current current = Find(fixtures, id);
  if (current.message() == nullptr) return std::nullopt;
  const std::optional<DeliveryOutcome>& outcome =
      ChannelOutcome(fixtures, current.message()->channel);
  int64_t now = clock_.NowMs();
  return MessageView{*current.message(),
                     ReportAt(*current.message(), outcome, now),
                     HistoryAt(*current.message(), outcome, now)};
}

std::string MessagingService::ChannelOf(const FixtureSet& fixtures,
                                        const std::string& id) const {
  Current current = Find(fixtures, id);
  return current.message() != nullptr ? current.message()->channel : "";
}

}  // namespace backendless_mock
