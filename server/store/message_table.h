#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/message.h"

namespace backendless_mock {

// The fixture messages of a set, packed: there may be a million, and a
// Message with its strings and optionals costs about 500 bytes where these
// records cost about 190. Each message's id, error text and publish fields
// lie back to back in a string arena; the channel is an index into the
// names seen; scheduling and runtime fields, which most messages lack, live
// in side tables. Lookups rebuild a Message. Immutable once shared.
class MessageTable {
 public:
  MessageTable();
  MessageTable(MessageTable&&) noexcept;
  MessageTable& operator=(MessageTable&&) noexcept;
  ~MessageTable();

  // Adds `message` unless its id is taken; true when added.
  bool Insert(const Message& message);
  // The position of `id` in insertion order, or nullopt when absent.
  std::optional<size_t> PositionOf(std::string_view id) const;
  std::optional<Message> Find(std::string_view id) const;
  Message At(size_t position) const;
  size_t size() const { return records_.size(); }
  // Releases spare capacity once every message is in (up to a third of
  // what growth reserved).
  void Seal();
  void ForEach(const std::function<void(const Message&)>& visit) const;

 private:
  struct Record {
    const char* text = nullptr;  // id, then error message, then fields
    uint32_t id_size = 0;
    uint32_t error_size = 0;
    uint32_t fields_size = 0;
    uint32_t channel = 0;   // in channels_
    uint32_t schedule = 0;  // position + 1 in schedules_, 0 for none
    MessageStatus status = MessageStatus::kUnknown;
    bool has_error = false;
  };
  // The scheduling fields, which only scheduled messages have.
  struct Schedule {
    std::optional<int64_t> publish_at_ms;
    std::optional<int64_t> repeat_every_s;
    std::optional<int64_t> repeat_expires_at_ms;
    std::optional<DeliveryOutcome> delivery_outcome;
    std::optional<int64_t> due_at_ms;
  };
  // What calls did to a message, which fixture messages never have: kept
  // for any Message given, at no cost to those without.
  struct History {
    std::optional<int64_t> created_at_ms;
    std::optional<int64_t> cancelled_at_ms;
    std::string created_by;
    std::string cancelled_by;
  };
  class Arena;

  std::string_view IdOf(const Record& record) const;
  std::optional<size_t> PositionOf(std::string_view id, uint64_t hash) const;
  uint32_t ChannelIndex(const std::string& channel);
  void Grow();
  void Place(size_t position, uint64_t hash);

  std::vector<Record> records_;
  std::vector<Schedule> schedules_;
  std::unordered_map<uint32_t, History> histories_;  // by position
  std::unique_ptr<Arena> arena_;
  std::vector<std::string> channels_;
  std::unordered_map<std::string, uint32_t> channel_index_;
  // Open addressing, linear probing, a power of two in size and at most
  // half full. A slot holds position + 1 (0: empty) in its low 32 bits and
  // the id's hash in its high 32, so a probe that passes other ids touches
  // neither their records nor their text.
  std::vector<uint64_t> slots_;
};

}  // namespace backendless_mock
