#include "store/message_board.h"

namespace backendless_mock {

MessageBoard::Lookup MessageBoard::Find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = messages_.find(id);
  if (it == messages_.end()) return {};
  return {true, it->second};
}

bool MessageBoard::Remove(const std::string& id, bool in_fixtures) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = messages_.find(id);
  if (it == messages_.end()) {
    if (!in_fixtures) return false;
    messages_.emplace(id, nullptr);  // a tombstone over the fixture message
    return true;
  }
  if (it->second == nullptr) return false;
  it->second = nullptr;
  return true;
}

void MessageBoard::Add(Message message) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string id = message.id;
  messages_.insert_or_assign(
      std::move(id), std::make_shared<const Message>(std::move(message)));
}

bool MessageBoard::Update(const std::string& id, const Message* fixture,
                          const std::function<bool(Message&)>& change) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = messages_.find(id);
  const Message* current = it != messages_.end() ? it->second.get() : fixture;
  if (current == nullptr) return false;  // unknown, or deleted
  Message next = *current;
  if (!change(next)) return false;
  messages_.insert_or_assign(id,
                             std::make_shared<const Message>(std::move(next)));
  return true;
}

void MessageBoard::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  messages_.clear();
}

size_t MessageBoard::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t live = 0;
  for (const auto& [id, message] : messages_) live += message != nullptr;
  return live;
}

std::vector<Message> MessageBoard::All() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Message> all;
  all.reserve(messages_.size());
  for (const auto& [id, message] : messages_) {
    if (message) all.push_back(*message);
  }
  return all;
}

std::vector<std::string> MessageBoard::RemovedIds() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> removed;
  for (const auto& [id, message] : messages_) {
    if (!message) removed.push_back(id);
  }
  return removed;
}

void MessageBoard::Restore(std::vector<Message> messages,
                           const std::vector<std::string>& removed) {
  std::unordered_map<std::string, std::shared_ptr<const Message>> next;
  for (const std::string& id : removed) next.emplace(id, nullptr);
  for (Message& message : messages) {
    std::string id = message.id;
    next.insert_or_assign(std::move(id),
                          std::make_shared<const Message>(std::move(message)));
  }
  std::lock_guard<std::mutex> lock(mu_);
  messages_.swap(next);
}

}  // namespace backendless_mock
