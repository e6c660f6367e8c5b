#include "admin/journal.h"

#include "log/logger.h"

namespace backendless_mock {

void to_json(nlohmann::json& j, const JournalEntry& entry) {
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [name, value] : entry.headers) headers[name] = value;
  j = nlohmann::json{
      {"sequence", entry.sequence},   {"at", FormatTimestamp(entry.at_ms)},
      {"atMs", entry.at_ms},          {"method", entry.method},
      {"path", entry.path},           {"headers", headers},
      {"body", entry.body},           {"bodyTruncated", entry.body_truncated},
      {"principal", entry.principal}, {"route", entry.route},
      {"decision", entry.decision},   {"messageId", entry.message_id},
      {"status", entry.status},       {"durationMs", entry.duration_ms}};
}

void Journal::Record(JournalEntry entry) {
  RecordWith([&entry](JournalEntry& slot) {
    uint64_t sequence = slot.sequence;
    slot = std::move(entry);
    slot.sequence = sequence;
  });
}

JournalEntry& Journal::NextSlot() {
  if (entries_.size() < capacity_) {
    entries_.emplace_back();
    entries_.back().sequence = next_sequence_++;
    return entries_.back();
  }
  JournalEntry& slot = entries_[oldest_];
  oldest_ = (oldest_ + 1) % entries_.size();
  ++dropped_;
  // Cleared field by field: clear() keeps each string's storage for reuse.
  slot.sequence = next_sequence_++;
  slot.at_ms = 0;
  slot.method.clear();
  slot.path.clear();
  slot.headers.clear();
  slot.body.clear();
  slot.body_truncated = false;
  slot.principal.clear();
  slot.user_id.clear();
  slot.route.clear();
  slot.decision.clear();
  slot.message_id.clear();
  slot.status = 0;
  slot.duration_ms = 0;
  return slot;
}

bool Journal::Matches(const JournalEntry& entry, const JournalFilter& filter,
                      const std::string& user_email_id) const {
  if (filter.method && entry.method != *filter.method) return false;
  if (filter.path_prefix && entry.path.rfind(*filter.path_prefix, 0) != 0) {
    return false;
  }
  if (filter.message_id && entry.message_id != *filter.message_id) return false;
  if (filter.user && entry.user_id != *filter.user &&
      (user_email_id.empty() || entry.user_id != user_email_id)) {
    return false;
  }
  if (filter.since_ms && entry.at_ms < *filter.since_ms) return false;
  return true;
}

std::vector<JournalEntry> Journal::Find(
    const JournalFilter& filter, const std::string& user_email_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<JournalEntry> found;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (Matches(At(i), filter, user_email_id)) found.push_back(At(i));
  }
  if (filter.limit && found.size() > *filter.limit) {
    found.erase(found.begin(),
                found.end() - static_cast<std::ptrdiff_t>(*filter.limit));
  }
  return found;
}

size_t Journal::Count(const JournalFilter& filter,
                      const std::string& user_email_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t count = 0;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (Matches(At(i), filter, user_email_id)) ++count;
  }
  return count;
}

void Journal::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  oldest_ = 0;
  dropped_ = 0;
}

size_t Journal::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

uint64_t Journal::dropped() const {
  std::lock_guard<std::mutex> lock(mu_);
  return dropped_;
}

}  // namespace backendless_mock
