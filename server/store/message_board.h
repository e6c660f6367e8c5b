#pragma once

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/message.h"

namespace backendless_mock {

// Runtime messages: those published through the API, and fixture messages
// changed through it (a cancel). They shadow the fixture snapshot and survive
// a fixture reload. Thread-safe: the ids are spread over shards, each map
// behind its own lock, so a map that rehashes as publishes pile up (a
// million of them take a stall of ~100 ms) holds up a 64th of the calls for
// a 64th of the time, not every call for all of it.
class MessageBoard {
 public:
  // What the board says of `id`: nothing (`known` false: ask the fixtures),
  // a deletion (`known`, null message), or its current immutable version.
  struct Lookup {
    bool known = false;
    std::shared_ptr<const Message> message;
  };
  Lookup Find(const std::string& id) const;
  void Add(Message message);
  // Hides `id` (a fixture message too) until Reset(); false if already gone.
  bool Remove(const std::string& id, bool in_fixtures);
  // Runs `change` on the current version of `id` (the runtime one, else a
  // copy of `fixture`) under the board's lock, and keeps the result when
  // `change` returns true. False when there is no such message or no change.
  bool Update(const std::string& id, const Message* fixture,
              const std::function<bool(Message&)>& change);
  // Forgets every runtime message.
  void Reset();
  size_t size() const;
  std::vector<Message> All() const;
  // The ids Remove() hid.
  std::vector<std::string> RemovedIds() const;
  // Replaces everything with `messages` and the `removed` tombstones.
  void Restore(std::vector<Message> messages,
               const std::vector<std::string>& removed);

 private:
  using Versions =
      std::unordered_map<std::string, std::shared_ptr<const Message>>;
  struct Shard {
    mutable std::mutex mu;
    Versions messages;  // Guarded by mu
  };
  static constexpr size_t kShards = 64;

  static size_t ShardIndex(const std::string& id);
  Shard& ShardOf(const std::string& id);
  const Shard& ShardOf(const std::string& id) const;
  // Every shard's lock, taken in shard order, for whole-board operations.
  std::vector<std::unique_lock<std::mutex>> LockAll() const;

  std::array<Shard, kShards> shards_;
};

}  // namespace backendless_mock
