#include "store/message_table.h"

#include <cstring>
#include <functional>
#include <utility>

namespace backendless_mock {

// Strings copied into 1 MiB blocks that never move, so records can point
// into them. A string larger than a block gets a block of its own.
class MessageTable::Arena {
 public:
  const char* Store(std::string_view a, std::string_view b,
                    std::string_view c) {
    size_t size = a.size() + b.size() + c.size();
    if (size > free_) {
      size_t block = std::max(size, kBlockSize);
      blocks_.push_back(std::make_unique<char[]>(block));
      next_ = blocks_.back().get();
      free_ = block;
    }
    char* out = next_;
    std::memcpy(out, a.data(), a.size());
    std::memcpy(out + a.size(), b.data(), b.size());
    std::memcpy(out + a.size() + b.size(), c.data(), c.size());
    next_ += size;
    free_ -= size;
    return out;
  }

 private:
  static constexpr size_t kBlockSize = size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t free_ = 0;
};

MessageTable::MessageTable() : arena_(std::make_unique<Arena>()) {}
MessageTable::MessageTable(MessageTable&&) noexcept = default;
MessageTable& MessageTable::operator=(MessageTable&&) noexcept = default;
MessageTable::~MessageTable() = default;

std::string_view MessageTable::IdOf(const Record& record) const {
  return {record.text, record.id_size};
}

uint32_t MessageTable::ChannelIndex(const std::string& channel) {
  auto it = channel_index_.find(channel);
  if (it != channel_index_.end()) return it->second;
  auto index = static_cast<uint32_t>(channels_.size());
  channel_index_.emplace(channel, index);
  channels_.push_back(channel);
  return index;
}

namespace {

uint64_t HashOf(std::string_view id) {
  return std::hash<std::string_view>{}(id);
}

// The slot's content for `position` with hash `hash`.
uint64_t SlotValue(size_t position, uint64_t hash) {
  return (hash & 0xFFFFFFFF00000000u) | static_cast<uint64_t>(position + 1);
}

}  // namespace

std::optional<size_t> MessageTable::PositionOf(std::string_view id) const {
  return PositionOf(id, HashOf(id));
}

std::optional<size_t> MessageTable::PositionOf(std::string_view id,
                                               uint64_t hash) const {
  if (slots_.empty()) return std::nullopt;
  size_t mask = slots_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    uint64_t value = slots_[slot];
    if (value == 0) return std::nullopt;
    if ((value ^ hash) >> 32 != 0) continue;
    size_t position = (value & 0xFFFFFFFFu) - 1;
    if (IdOf(records_[position]) == id) return position;
  }
}

void MessageTable::Place(size_t position, uint64_t hash) {
  size_t mask = slots_.size() - 1;
  size_t slot = hash & mask;
  while (slots_[slot] != 0) slot = (slot + 1) & mask;
  slots_[slot] = SlotValue(position, hash);
}

void MessageTable::Grow() {
  std::vector<uint64_t> old = std::exchange(
      slots_, std::vector<uint64_t>(std::max<size_t>(16, slots_.size() * 2)));
  for (uint64_t value : old) {
    if (value == 0) continue;
    size_t position = (value & 0xFFFFFFFFu) - 1;
    Place(position, HashOf(IdOf(records_[position])));
  }
}

bool MessageTable::Insert(const Message& message) {
  uint64_t hash = HashOf(message.id);
  if (PositionOf(message.id, hash)) return false;
  if ((records_.size() + 1) * 2 > slots_.size()) Grow();
  Record record;
  std::string_view error;
  if (message.error_message) error = *message.error_message;
  record.text = arena_->Store(message.id, error, message.publish_fields);
  record.id_size = static_cast<uint32_t>(message.id.size());
  record.error_size = static_cast<uint32_t>(error.size());
  record.fields_size = static_cast<uint32_t>(message.publish_fields.size());
  record.has_error = message.error_message.has_value();
  record.status = message.status;
  record.channel = ChannelIndex(message.channel);
  Schedule schedule{message.publish_at_ms, message.repeat_every_s,
                    message.repeat_expires_at_ms, message.delivery_outcome,
                    message.due_at_ms};
  if (schedule.publish_at_ms || schedule.repeat_every_s ||
      schedule.repeat_expires_at_ms || schedule.delivery_outcome ||
      schedule.due_at_ms) {
    schedules_.push_back(std::move(schedule));
    record.schedule = static_cast<uint32_t>(schedules_.size());
  }
  if (message.created_at_ms || message.cancelled_at_ms ||
      !message.created_by.empty() || !message.cancelled_by.empty()) {
    histories_.emplace(static_cast<uint32_t>(records_.size()),
                       History{message.created_at_ms, message.cancelled_at_ms,
                               message.created_by, message.cancelled_by});
  }
  records_.push_back(record);
  Place(records_.size() - 1, hash);
  return true;
}

Message MessageTable::At(size_t position) const {
  const Record& record = records_[position];
  Message message;
  message.id.assign(record.text, record.id_size);
  message.status = record.status;
  if (record.has_error) {
    message.error_message.emplace(record.text + record.id_size,
                                  record.error_size);
  }
  message.channel = channels_[record.channel];
  message.publish_fields.assign(
      record.text + record.id_size + record.error_size, record.fields_size);
  if (record.schedule != 0) {
    const Schedule& schedule = schedules_[record.schedule - 1];
    message.publish_at_ms = schedule.publish_at_ms;
    message.repeat_every_s = schedule.repeat_every_s;
    message.repeat_expires_at_ms = schedule.repeat_expires_at_ms;
    message.delivery_outcome = schedule.delivery_outcome;
    message.due_at_ms = schedule.due_at_ms;
  }
  if (!histories_.empty()) {
    auto it = histories_.find(static_cast<uint32_t>(position));
    if (it != histories_.end()) {
      message.created_at_ms = it->second.created_at_ms;
      message.cancelled_at_ms = it->second.cancelled_at_ms;
      message.created_by = it->second.created_by;
      message.cancelled_by = it->second.cancelled_by;
    }
  }
  return message;
}

void MessageTable::Seal() {
  records_.shrink_to_fit();
  schedules_.shrink_to_fit();
}

std::optional<Message> MessageTable::Find(std::string_view id) const {
  std::optional<size_t> position = PositionOf(id);
  if (!position) return std::nullopt;
  return At(*position);
}

void MessageTable::ForEach(
    const std::function<void(const Message&)>& visit) const {
  for (size_t position = 0; position < records_.size(); ++position) {
    visit(At(position));
  }
}

}  // namespace backendless_mock
