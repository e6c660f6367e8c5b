#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/exchange.h"
#include "log/logger.h"

namespace httplib {
class Server;
}

namespace backendless_mock {

// Transport settings: limits every connection is held to.
struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;               // 0 picks a free port
  int threads = 0;               // worker threads; 0 picks a default
  size_t max_body_bytes = 1 << 20;
  int read_timeout_ms = 5000;    // for a request's headers and body
  int write_timeout_ms = 5000;
  int keep_alive_timeout_s = 5;
  size_t keep_alive_max_requests = 100000;
};

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;
// Sees every answered exchange, e.g. to journal it.
using ExchangeObserver = std::function<void(
    const HttpRequest&, const HttpResponse&, double duration_ms)>;

// The HTTP transport (cpp-httplib). Knows nothing of Backendless: it turns
// requests into HttpRequest, answers CORS preflights, writes one access-log
// line per request and turns transport errors and exceptions into JSON.
class HttpServer {
 public:
  HttpServer(HttpOptions options, RequestHandler handler, Logger& logger,
             ExchangeObserver observer = nullptr);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; the bound port, or nullopt on failure.
  std::optional<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  void Serve();
  // Stops accepting new connections. Safe from any thread.
  void Stop();
  // Waits until every request being processed has had its response written,
  // or `limit` passes; true when none is left. Idle keep-alive connections
  // are not waited for: the caller may then exit without joining Serve().
  bool Drain(std::chrono::milliseconds limit);

 private:
  void Install();

  HttpOptions options_;
  RequestHandler handler_;
  Logger& logger_;
  ExchangeObserver observer_;
  std::unique_ptr<httplib::Server> server_;
  // cpp-httplib ignores stop() until its accept loop runs; these close the gap.
  std::atomic<bool> serving_{false};
  std::atomic<bool> stop_requested_{false};
  std::mutex in_flight_mu_;
  std::condition_variable in_flight_done_;
  int in_flight_ = 0;  // Guarded by in_flight_mu_; requests not yet written
};

}  // namespace backendless_mock
