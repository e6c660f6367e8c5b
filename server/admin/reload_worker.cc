#include "admin/reload_worker.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <utility>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace backendless_mock {
namespace {

// How much nicer than the process the reload thread runs: serving threads
// win a saturated core, yet a reload still finishes under load (SCHED_IDLE
// could starve it indefinitely).
constexpr int kNiceIncrement = 5;

// Lowers the calling thread's priority. On Linux a nice value belongs to a
// thread (its tid), not to the whole process. Failure only costs fairness.
void LowerThisThreadsPriority() {
  auto tid = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;
  int nice_now = getpriority(PRIO_PROCESS, tid);
  if (nice_now == -1 && errno != 0) return;
  static_cast<void>(setpriority(PRIO_PROCESS, tid, nice_now + kNiceIncrement));
}

// Returns the memory the last reload freed to the system.
void TrimFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace

ReloadWorker::ReloadWorker(const Clock& clock, Reload reload)
    : clock_(clock), reload_(std::move(reload)), thread_([this] { Loop(); }) {}

ReloadWorker::~ReloadWorker() {
  std::deque<Job> abandoned;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    abandoned.swap(queue_);
  }
  wake_.notify_all();
  for (Job& job : abandoned) {
    if (job.answer) job.answer->set_value(Refused(job.trigger));
  }
  thread_.join();
}

std::future<ReloadResult> ReloadWorker::Request(const std::string& trigger) {
  std::promise<ReloadResult> answer;
  std::future<ReloadResult> result = answer.get_future();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      queue_.push_back({trigger, std::move(answer)});
      wake_.notify_one();
      return result;
    }
  }
  answer.set_value(Refused(trigger));
  return result;
}

void ReloadWorker::Post(const std::string& trigger) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_ || !queue_.empty()) return;
  queue_.push_back({trigger, std::nullopt});
  wake_.notify_one();
}

ReloadResult ReloadWorker::RunReload(const std::string& trigger) {
  // An exception must not end the thread (that would end the process); it
  // becomes a failed reload like any other, and the last good set stays.
  try {
    return reload_(trigger);
  } catch (const std::exception& error) {
    return {false,
            clock_.NowMs(),
            trigger,
            {std::string("reload failed: ") + error.what()}};
  }
}

ReloadResult ReloadWorker::Refused(const std::string& trigger) const {
  return {
      false, clock_.NowMs(), trigger, {"not reloaded: the server is stopping"}};
}

void ReloadWorker::Loop() {
  LowerThisThreadsPriority();
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    Job job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    ReloadResult result = RunReload(job.trigger);
    TrimFreedMemory();
    if (job.answer) job.answer->set_value(std::move(result));
    lock.lock();
  }
}

}  // namespace backendless_mock
