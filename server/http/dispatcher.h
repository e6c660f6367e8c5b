#pragma once

// What the transport does with every request above the bytes: runs the
// handler (slow admin work on a worker pool), answers CORS preflights, turns
// exceptions and transport refusals into Backendless-shaped JSON, writes one
// access-log line per request, tells the observer, and counts the requests
// in flight for Drain().
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "http/event_loop.h"
#include "http/exchange.h"
#include "http/worker_pool.h"
#include "log/logger.h"

namespace backendless_mock {

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;
// Sees every answered exchange, e.g. to journal it.
using ExchangeObserver = std::function<void(
    const HttpRequest&, const HttpResponse&, double duration_ms)>;

class Dispatcher : public ExchangeHost {
 public:
  Dispatcher(RequestHandler handler, Logger& logger, ExchangeObserver observer);

  HttpResponse Answer(const HttpRequest& request) override;
  bool Slow(const HttpRequest& request) override;
  void Offload(std::function<void()> work) override;
  void Record(const HttpRequest& request, const HttpResponse& response,
              double duration_ms) override;
  HttpResponse Refuse(int status, const HttpRequest& partial) override;
  void Begin() override;
  void End() override;

  // Waits until no request is in flight, or `limit` passes.
  bool Drain(std::chrono::milliseconds limit);

 private:
  RequestHandler handler_;
  Logger& logger_;
  ExchangeObserver observer_;
  std::atomic<int> in_flight_{0};
  std::mutex drained_mu_;  // orders End()'s notify after Drain()'s check
  std::condition_variable drained_;
  // Control-plane work (/__admin/): reloads may take seconds; two threads so
  // that one slow call does not hold up the health check.
  WorkerPool workers_{2};
};

}  // namespace backendless_mock
