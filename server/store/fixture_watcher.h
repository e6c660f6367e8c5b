#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace backendless_mock {

// What a fixture directory holds, cheaply compared: each *.json file's path,
// size and modification time.
std::string FixtureFingerprint(const std::filesystem::path& dir);

// Polls a fixture directory and calls `on_change` when its fingerprint
// changes. Polling, not inotify: events may never cross a Docker bind mount.
class FixtureWatcher {
 public:
  // `loaded` is the fingerprint taken before the served set was loaded, so
  // a change made while loading is not missed.
  FixtureWatcher(std::filesystem::path dir, std::chrono::milliseconds interval,
                 std::string loaded, std::function<void()> on_change);
  ~FixtureWatcher();  // stops and joins the polling thread
  FixtureWatcher(const FixtureWatcher&) = delete;
  FixtureWatcher& operator=(const FixtureWatcher&) = delete;

  // One poll: when the directory's fingerprint differs from the last one
  // seen, calls on_change and returns true. The polling thread calls it
  // every interval; tests call it to poll at a moment of their choosing.
  bool CheckNow();

 private:
  void Poll();

  std::filesystem::path dir_;
  std::chrono::milliseconds interval_;
  std::function<void()> on_change_;
  std::mutex check_mu_;  // one CheckNow at a time
  std::string last_;     // Guarded by check_mu_
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mu_
  std::thread thread_;
};

}  // namespace backendless_mock
