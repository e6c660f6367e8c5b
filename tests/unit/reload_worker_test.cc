// ReloadWorker: every reload runs on its one thread, in the order asked;
// posted reloads fold into one already queued; a worker destroyed with
// reloads queued answers them as not done and stops.
#include "admin/reload_worker.h"

#include <doctest/doctest.h>

#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "clock.h"

namespace backendless_mock::testing {
namespace {

constexpr int64_t kNowMs = 1767225600000;

// A reload function that records each trigger with the thread it ran on. A
// reload of "hold" says it started and waits until Release().
class Recorder {
 public:
  ReloadWorker::Reload Function() {
    return [this](const std::string& trigger) { return Reload(trigger); };
  }
  void WaitUntilHeld() { started_future_.wait(); }
  void Release() { release_.set_value(); }
  std::vector<std::string> triggers() {
    std::lock_guard<std::mutex> lock(mu_);
    return triggers_;
  }
  std::vector<std::thread::id> threads() {
    std::lock_guard<std::mutex> lock(mu_);
    return threads_;
  }

 private:
  ReloadResult Reload(const std::string& trigger) {
    if (trigger == "hold") {
      started_.set_value();
      release_future_.wait();
    }
    if (trigger == "throw") throw std::runtime_error("disk gone");
    std::lock_guard<std::mutex> lock(mu_);
    triggers_.push_back(trigger);
    threads_.push_back(std::this_thread::get_id());
    return {true, kNowMs, trigger, {}};
  }

  std::promise<void> started_;
  std::future<void> started_future_ = started_.get_future();
  std::promise<void> release_;
  std::shared_future<void> release_future_ = release_.get_future().share();
  std::mutex mu_;
  std::vector<std::string> triggers_;     // Guarded by mu_
  std::vector<std::thread::id> threads_;  // Guarded by mu_
};

TEST_CASE("a reload runs on the worker's thread, never on the caller's") {
  ManualClock clock(kNowMs);
  Recorder recorder;
  ReloadWorker worker(clock, recorder.Function());
  worker.Post("SIGHUP");
  ReloadResult result = worker.Request("admin").get();
  CHECK(result.ok);
  CHECK(result.trigger == "admin");
  CHECK(recorder.triggers() == std::vector<std::string>{"SIGHUP", "admin"});
  REQUIRE(worker.thread_id() != std::this_thread::get_id());
  for (std::thread::id thread : recorder.threads()) {
    CHECK(thread == worker.thread_id());
  }
}

TEST_CASE("posted reloads fold into one queued reload; requests never fold") {
  ManualClock clock(kNowMs);
  Recorder recorder;
  ReloadWorker worker(clock, recorder.Function());
  std::future<ReloadResult> held = worker.Request("hold");
  recorder.WaitUntilHeld();
  worker.Post("SIGHUP");
  worker.Post("watch");  // folded into the queued SIGHUP
  std::future<ReloadResult> first = worker.Request("admin");
  std::future<ReloadResult> second = worker.Request("admin");
  worker.Post("SIGHUP");  // folded: reloads are queued
  recorder.Release();
  CHECK(second.get().ok);
  CHECK(first.get().ok);
  CHECK(held.get().ok);
  CHECK(recorder.triggers() ==
        std::vector<std::string>{"hold", "SIGHUP", "admin", "admin"});
}

TEST_CASE("a reload that throws answers a failed result; the next one runs") {
  ManualClock clock(kNowMs);
  Recorder recorder;
  ReloadWorker worker(clock, recorder.Function());
  ReloadResult failed = worker.Request("throw").get();
  CHECK_FALSE(failed.ok);
  CHECK(failed.at_ms == kNowMs);
  CHECK(failed.trigger == "throw");
  CHECK(failed.errors == std::vector<std::string>{"reload failed: disk gone"});
  CHECK(worker.Request("admin").get().ok);
}

TEST_CASE(
    "a worker destroyed with a reload queued answers it as not done and "
    "stops after the reload in progress") {
  ManualClock clock(kNowMs);
  Recorder recorder;
  auto worker = std::make_unique<ReloadWorker>(clock, recorder.Function());
  std::future<ReloadResult> held = worker->Request("hold");
  recorder.WaitUntilHeld();
  std::future<ReloadResult> queued = worker->Request("admin");
  worker->Post("SIGHUP");
  std::thread destroyer([&worker] { worker.reset(); });
  // Ready only through the destructor: the worker's thread is still held.
  ReloadResult refused = queued.get();
  CHECK_FALSE(refused.ok);
  CHECK(refused.at_ms == kNowMs);
  CHECK(refused.trigger == "admin");
  CHECK(refused.errors ==
        std::vector<std::string>{"not reloaded: the server is stopping"});
  recorder.Release();
  destroyer.join();
  CHECK(held.get().ok);
  CHECK(recorder.triggers() == std::vector<std::string>{"hold"});
}

}  // namespace
}  // namespace backendless_mock::testing
