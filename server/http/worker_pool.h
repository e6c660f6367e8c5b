#pragma once

// A few threads for work too slow to run on an event loop (the admin API:
// reloading a million fixture messages must not stall API traffic).
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace backendless_mock {

class WorkerPool {
 public:
  explicit WorkerPool(size_t threads);
  // Finishes the task each thread is running; queued ones are dropped.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs `task` on one of the threads, in submission order. Any thread.
  void Submit(std::function<void()> task);

 private:
  void Work();

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;  // Guarded by mu_
  bool stopping_ = false;                    // Guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace backendless_mock
