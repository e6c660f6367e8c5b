#pragma once

#include <memory>
#include <mutex>

#include "store/fixture_set.h"

namespace backendless_mock {

// Holds the fixture snapshot being served. Readers take a reference-counted
// snapshot and keep it for the whole request; Replace() swaps atomically.
class FixtureStore {
 public:
  explicit FixtureStore(std::shared_ptr<const FixtureSet> initial)
      : current_(std::move(initial)) {}

  std::shared_ptr<const FixtureSet> Current() const {
    std::lock_guard<std::mutex> lock(mu_);
    return current_;
  }
  void Replace(std::shared_ptr<const FixtureSet> next) {
    std::lock_guard<std::mutex> lock(mu_);
    current_.swap(next);
  }  // the old snapshot is released outside the lock, by `next`

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const FixtureSet> current_;  // Guarded by mu_
};

}  // namespace backendless_mock
