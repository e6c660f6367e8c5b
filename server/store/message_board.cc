#include "store/message_board.h"

namespace backendless_mock {

size_t MessageBoard::ShardIndex(const std::string& id) {
  return std::hash<std::string>{}(id) % kShards;
}

MessageBoard::Shard& MessageBoard::ShardOf(const std::string& id) {
  return shards_[ShardIndex(id)];
}

const MessageBoard::Shard& MessageBoard::ShardOf(const std::string& id) const {
  return shards_[ShardIndex(id)];
}

std::vector<std::unique_lock<std::mutex>> MessageBoard::LockAll() const {
  std::vector<std::unique_lock<std::mutex>> locks;
  locks.reserve(kShards);
  for (const Shard& shard : shards_) locks.emplace_back(shard.mu);
  return locks;
}

MessageBoard::Lookup MessageBoard::Find(const std::string& id) const {
  const Shard& shard = ShardOf(id);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.messages.find(id);
  if (it == shard.messages.end()) return {};
  return {true, it->second};
}

bool MessageBoard::Remove(const std::string& id, bool in_fixtures) {
  Shard& shard = ShardOf(id);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.messages.find(id);
  if (it == shard.messages.end()) {
    if (!in_fixtures) return false;
    shard.messages.emplace(id, nullptr);  // a tombstone over the fixture one
    return true;
  }
  if (it->second == nullptr) return false;
  it->second = nullptr;
  return true;
}

void MessageBoard::Add(Message message) {
  auto version = std::make_shared<const Message>(std::move(message));
  Shard& shard = ShardOf(version->id);
  std::lock_guard<std::mutex> lock(shard.mu);
  shard.messages.insert_or_assign(version->id, std::move(version));
}

bool MessageBoard::Update(const std::string& id, const Message* fixture,
                          const std::function<bool(Message&)>& change) {
  Shard& shard = ShardOf(id);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.messages.find(id);
  const Message* current =
      it != shard.messages.end() ? it->second.get() : fixture;
  if (current == nullptr) return false;  // unknown, or deleted
  Message next = *current;
  if (!change(next)) return false;
  shard.messages.insert_or_assign(
      id, std::make_shared<const Message>(std::move(next)));
  return true;
}

void MessageBoard::Reset() {
  std::array<Versions, kShards> old;  // freed after the locks are released
  auto locks = LockAll();
  for (size_t i = 0; i < kShards; ++i) old[i].swap(shards_[i].messages);
}

size_t MessageBoard::size() const {
  auto locks = LockAll();
  size_t live = 0;
  for (const Shard& shard : shards_) {
    for (const auto& [id, message] : shard.messages) live += message != nullptr;
  }
  return live;
}

std::vector<Message> MessageBoard::All() const {
  auto locks = LockAll();
  std::vector<Message> all;
  for (const Shard& shard : shards_) {
    for (const auto& [id, message] : shard.messages) {
      if (message) all.push_back(*message);
    }
  }
  return all;
}

std::vector<std::string> MessageBoard::RemovedIds() const {
  auto locks = LockAll();
  std::vector<std::string> removed;
  for (const Shard& shard : shards_) {
    for (const auto& [id, message] : shard.messages) {
      if (!message) removed.push_back(id);
    }
  }
  return removed;
}

void MessageBoard::Restore(std::vector<Message> messages,
                           const std::vector<std::string>& removed) {
  std::array<Versions, kShards> next;
  for (const std::string& id : removed)
    next[ShardIndex(id)].emplace(id, nullptr);
  for (Message& message : messages) {
    auto version = std::make_shared<const Message>(std::move(message));
    next[ShardIndex(version->id)].insert_or_assign(version->id,
                                                   std::move(version));
  }
  auto locks = LockAll();
  for (size_t i = 0; i < kShards; ++i) next[i].swap(shards_[i].messages);
}

}  // namespace backendless_mock
