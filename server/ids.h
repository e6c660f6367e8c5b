#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace backendless_mock {

// Where new message ids and user tokens come from.
class IdSource {
 public:
  virtual ~IdSource() = default;
  // An uppercase UUID ("6ED94D19-172B-48AE-BB2C-7AA8E305CD31").
  virtual std::string NextUuid() = 0;
};

// Random version-4 UUIDs, for production. Thread-safe.
class RandomIdSource : public IdSource {
 public:
  RandomIdSource();
  std::string NextUuid() override;

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;  // Guarded by mu_
};

// 00000000-0000-4000-8000-000000000001, ...002, ...: for tests. Thread-safe.
class SequentialIdSource : public IdSource {
 public:
  std::string NextUuid() override;

 private:
  std::mutex mu_;
  uint64_t next_ = 1;  // Guarded by mu_
};

}  // namespace backendless_mock
