#include "clock.h"

#include <chrono>

namespace backendless_mock {

int64_t SystemClock::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace backendless_mock

namespace backendless_mock {

AdjustableClock::AdjustableClock(const Clock& source, bool frozen)
    : source_(source), start_frozen_(frozen) {
  Reset();
}

int64_t AdjustableClock::NowMs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return frozen_ ? frozen_at_ms_ : source_.NowMs() + offset_ms_;
}

void AdjustableClock::AdvanceMs(int64_t delta_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (frozen_) {
    frozen_at_ms_ += delta_ms;
  } else {
    offset_ms_ += delta_ms;
  }
}

void AdjustableClock::SetMs(int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (frozen_) {
    frozen_at_ms_ = now_ms;
  } else {
    offset_ms_ = now_ms - source_.NowMs();
  }
}

void AdjustableClock::Freeze() {
  std::lock_guard<std::mutex> lock(mu_);
  if (frozen_) return;
  frozen_at_ms_ = source_.NowMs() + offset_ms_;
  frozen_ = true;
}

void AdjustableClock::Resume() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!frozen_) return;
  offset_ms_ = frozen_at_ms_ - source_.NowMs();
  frozen_ = false;
}

bool AdjustableClock::frozen() const {
  std::lock_guard<std::mutex> lock(mu_);
  return frozen_;
}

void AdjustableClock::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  offset_ms_ = 0;
  frozen_ = start_frozen_;
  frozen_at_ms_ = source_.NowMs();
}

}  // namespace backendless_mock
