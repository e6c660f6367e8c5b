#include "store/message_board.h"

namespace backendless_mock {

std::shared_ptr<const Message> MessageBoard::Find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = messages_.find(id);
  return it == messages_.end() ? nullptr : it->second;
}

void MessageBoard::Add(Message message) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string id = message.id;
  messages_.insert_or_assign(std::move(id),
                             std::make_shared<const Message>(std::move(message)));
}

bool MessageBoard::Update(const std::string& id, const Message* fixture,
                          const std::function<bool(Message&)>& change) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = messages_.find(id);
  const Message* current = it != messages_.end() ? it->second.get() : fixture;
  if (current == nullptr) return false;
  Message next = *current;
  if (!change(next)) return false;
  messages_.insert_or_assign(id, std::make_shared<const Message>(std::move(next)));
  return true;
}

void MessageBoard::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  messages_.clear();
}

size_t MessageBoard::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return messages_.size();
}

std::vector<Message> MessageBoard::All() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Message> all;
  all.reserve(messages_.size());
  for (const auto& [id, message] : messages_) all.push_back(*message);
  return all;
}

}  // namespace backendless_mock
