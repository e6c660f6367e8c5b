#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace backendless_mock {

// One request as the journal keeps it.
struct JournalEntry {
  uint64_t sequence = 0;  // 1, 2, ... in arrival order
  int64_t at_ms = 0;      // clock time the answer was written
  std::string method;
  std::string path;  // raw, with the query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // cut at the body limit
  bool body_truncated = false;
  std::string principal;   // "anonymous", "user:<objectId>", "admin", ...
  std::string user_id;     // objectId when a user asked
  std::string route;       // "GET messaging/{messageId}"; empty when none
  std::string decision;    // the permission verdict, when one was made
  std::string message_id;  // the message the call was about, if any
  int status = 0;
  double duration_ms = 0;
};

void to_json(nlohmann::json& j, const JournalEntry& entry);

// What GET /__admin/requests filters on; every field optional.
struct JournalFilter {
  std::optional<std::string> method;
  std::optional<std::string> path_prefix;
  std::optional<std::string> message_id;
  std::optional<std::string> user;  // objectId or email
  std::optional<int64_t> since_ms;  // at_ms >= since_ms
  std::optional<size_t> limit;      // the newest `limit` matches
};

// The bounded request journal. When full, the oldest entry is dropped and
// counted, so a verification can tell it may have missed something.
// Capacity 0 disables it. Thread-safe.
class Journal {
 public:
  explicit Journal(size_t capacity) : capacity_(capacity) {}

  bool enabled() const { return capacity_ > 0; }
  void Record(JournalEntry entry);
  // Records an entry that `fill(JournalEntry&)` writes straight into its
  // slot. Once the journal is full the oldest entry's slot is reused, cleared
  // but with its strings' storage, so a steady stream of requests costs
  // (almost) no allocation here. `fill` runs under the journal's lock.
  template <typename Fill>
  void RecordWith(Fill&& fill) {
    if (capacity_ == 0) return;
    std::lock_guard<std::mutex> lock(mu_);
    fill(NextSlot());
  }
  // Matching entries, oldest first.
  std::vector<JournalEntry> Find(const JournalFilter& filter,
                                 const std::string& user_email_id = {}) const;
  size_t Count(const JournalFilter& filter,
               const std::string& user_email_id = {}) const;
  void Clear();  // entries and the drop count
  size_t size() const;
  uint64_t dropped() const;
  size_t capacity() const { return capacity_; }

 private:
  // The slot for the next entry, cleared, its sequence set. Needs mu_.
  JournalEntry& NextSlot();
  // The i-th entry, oldest first. Needs mu_.
  const JournalEntry& At(size_t i) const {
    return entries_[(oldest_ + i) % entries_.size()];
  }
  bool Matches(const JournalEntry& entry, const JournalFilter& filter,
               const std::string& user_email_id) const;

  const size_t capacity_;
  mutable std::mutex mu_;
  // Guarded by mu_: a ring, grown up to capacity_, then overwritten from
  // the oldest entry (at oldest_) on.
  std::vector<JournalEntry> entries_;
  size_t oldest_ = 0;           // Guarded by mu_
  uint64_t next_sequence_ = 1;  // Guarded by mu_
  uint64_t dropped_ = 0;        // Guarded by mu_
};

}  // namespace backendless_mock
