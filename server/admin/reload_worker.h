#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "admin/reload_result.h"
#include "clock.h"

namespace backendless_mock {

// The one thread every fixture reload runs on, whatever asked for it (the
// admin API, the watcher, SIGHUP). Why one thread: glibc malloc gives each
// thread an arena, so reloads on whichever thread asked spread each new set,
// and the free of the old one, over several arenas, each keeping what was
// freed in it (bench/RESULTS.md: RSS 151 -> 1,120 MB over 10 reloads of
// 100,000 messages). Here the new set is built, the old one dropped (unless a
// request still holds it) and malloc_trim(0) called, all on this thread. It
// runs at nice +5, so serving threads win a saturated core.
//
// Reloads run one at a time, in the order asked (Post folds, see there).
// Thread-safe.
class ReloadWorker {
 public:
  // Loads the files, swaps them in and drops the set replaced. Runs on the
  // worker's thread only.
  using Reload = std::function<ReloadResult(const std::string& trigger)>;

  // Starts the thread. `clock` stamps the answer to a reload refused at
  // shutdown.
  ReloadWorker(const Clock& clock, Reload reload);
  // Lets the reload in progress finish, answers every queued one as not
  // done ("the server is stopping") and joins the thread.
  ~ReloadWorker();
  ReloadWorker(const ReloadWorker&) = delete;
  ReloadWorker& operator=(const ReloadWorker&) = delete;

  // Queues a reload; the future holds its result, or the refusal when the
  // destructor begins before the reload does.
  // REQUIRES: not called on the worker's thread (it would wait on itself).
  std::future<ReloadResult> Request(const std::string& trigger);
  // Queues a reload nobody waits for. Folded into a reload already queued
  // (of any trigger), which reads the files after this call anyway; so a
  // burst of SIGHUPs costs one reload, not one each.
  void Post(const std::string& trigger);
  // The worker's thread, on which every reload runs.
  std::thread::id thread_id() const { return thread_.get_id(); }

 private:
  struct Job {
    std::string trigger;
    std::optional<std::promise<ReloadResult>> answer;  // none for Post
  };
  void Loop();
  // reload_(trigger), with an exception turned into a failed result.
  ReloadResult RunReload(const std::string& trigger);
  ReloadResult Refused(const std::string& trigger) const;

  const Clock& clock_;
  Reload reload_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Job> queue_;  // Guarded by mu_
  bool stopping_ = false;  // Guarded by mu_
  std::thread thread_;     // last: starts once the rest is built
};

}  // namespace backendless_mock
