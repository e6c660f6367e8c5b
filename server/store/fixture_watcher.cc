#include "store/fixture_watcher.h"

#include <algorithm>
#include <system_error>

namespace backendless_mock {
namespace fs = std::filesystem;

std::string FixtureFingerprint(const fs::path& dir) {
  std::vector<std::string> entries;
  std::error_code ec;
  fs::recursive_directory_iterator it(
      dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().extension() != ".json") continue;
    std::error_code entry_ec;
    auto size = fs::file_size(it->path(), entry_ec);
    auto time = fs::last_write_time(it->path(), entry_ec);
    entries.push_back(it->path().string() + '\0' + std::to_string(size) + '\0' +
                      std::to_string(time.time_since_epoch().count()));
  }
  if (ec) entries.push_back("error:" + ec.message());
  std::sort(entries.begin(), entries.end());
  std::string fingerprint;
  for (const std::string& entry : entries) fingerprint += entry + '\n';
  return fingerprint;
}

FixtureWatcher::FixtureWatcher(fs::path dir, std::chrono::milliseconds interval,
                               std::string loaded,
                               std::function<void()> on_change)
    : dir_(std::move(dir)),
      interval_(interval),
      on_change_(std::move(on_change)),
      last_(std::move(loaded)),
      thread_([this] { Poll(); }) {}

FixtureWatcher::~FixtureWatcher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool FixtureWatcher::CheckNow() {
  std::lock_guard<std::mutex> lock(check_mu_);
  std::string now = FixtureFingerprint(dir_);
  if (now == last_) return false;
  last_ = std::move(now);
  on_change_();
  return true;
}

void FixtureWatcher::Poll() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    CheckNow();
    lock.lock();
  }
}

}  // namespace backendless_mock
