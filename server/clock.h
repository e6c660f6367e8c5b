#pragma once

#include <atomic>
#include <cstdint>

namespace backendless_mock {

// The clock stays within years 1 to 9999, where timestamps print sensibly;
// the admin API refuses to move it outside.
inline constexpr int64_t kEarliestClockMs = -62135596800000;
inline constexpr int64_t kLatestClockMs = 253402300799999;

// The source of "now" for everything the emulator decides: statuses, due
// deliveries, log timestamps. Nothing else reads the wall clock.
class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual int64_t NowMs() const = 0;
};

// Real time.
class SystemClock : public Clock {
 public:
  int64_t NowMs() const override;
};

// A clock that moves only when told: tests and --clock manual.
class ManualClock : public Clock {
 public:
  explicit ManualClock(int64_t start_ms) : now_ms_(start_ms) {}
  int64_t NowMs() const override { return now_ms_.load(); }
  void AdvanceMs(int64_t delta_ms) { now_ms_ += delta_ms; }
  void SetMs(int64_t now_ms) { now_ms_ = now_ms; }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace backendless_mock

#include <mutex>

namespace backendless_mock {

// The clock the emulator runs on: `source` time plus an offset, which tests
// and the admin API may advance, set, freeze and resume. Thread-safe.
class AdjustableClock : public Clock {
 public:
  // Starts frozen at the source's now when `frozen` (--clock manual).
  AdjustableClock(const Clock& source, bool frozen);

  int64_t NowMs() const override;
  void AdvanceMs(int64_t delta_ms);
  void SetMs(int64_t now_ms);
  void Freeze();
  void Resume();
  bool frozen() const;
  // Back to the source's time, frozen or not as at construction.
  void Reset();

 private:
  const Clock& source_;
  const bool start_frozen_;
  mutable std::mutex mu_;
  int64_t offset_ms_ = 0;     // Guarded by mu_; used while running
  bool frozen_ = false;       // Guarded by mu_
  int64_t frozen_at_ms_ = 0;  // Guarded by mu_; used while frozen
};

}  // namespace backendless_mock
