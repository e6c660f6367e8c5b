#include "ids.h"

#include <cstdio>

namespace backendless_mock {
namespace {

std::string FormatUuid(uint64_t high, uint64_t low) {
  char buffer[37];
  int length = std::snprintf(
      buffer, sizeof buffer, "%08X-%04X-%04X-%04X-%012llX",
      static_cast<unsigned>(high >> 32),
      static_cast<unsigned>((high >> 16) & 0xFFFF),
      static_cast<unsigned>(high & 0xFFFF), static_cast<unsigned>(low >> 48),
      static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return std::string(buffer, static_cast<size_t>(length));
}

}  // namespace

RandomIdSource::RandomIdSource() : engine_(std::random_device{}()) {}

std::string RandomIdSource::NextUuid() {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t high = engine_();
  uint64_t low = engine_();
  high = (high & ~0xF000ULL) | 0x4000ULL;                // version 4
  low = (low & ~(0xC000ULL << 48)) | (0x8000ULL << 48);  // variant 1
  return FormatUuid(high, low);
}

std::string SequentialIdSource::NextUuid() {
  std::lock_guard<std::mutex> lock(mu_);
  return FormatUuid(0x4000ULL, (0x8000ULL << 48) | next_++);
}

}  // namespace backendless_mock
