#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/dispatcher.h"
#include "http/exchange.h"
#include "log/logger.h"

namespace backendless_mock {

class EventLoop;

// Transport settings: limits every connection is held to.
struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port
  int threads = 0;  // event-loop threads; 0: one per usable CPU
  size_t max_body_bytes = 1 << 20;
  int read_timeout_ms = 5000;    // for a request's headers and body
  int write_timeout_ms = 5000;   // for a stalled write
  int keep_alive_timeout_s = 5;  // for an idle connection between requests
  size_t keep_alive_max_requests = 100000;
};

// The HTTP/1.1 transport: N epoll event loops (N = threads) sharing one
// listening socket, each answering its connections' requests inline; admin
// requests run on a small worker pool. Knows nothing of Backendless: it turns
// requests into HttpRequest, answers CORS preflights, writes one access-log
// line per request and turns transport errors and exceptions into JSON.
// (cpp-httplib's thread-per-connection server cost 36 µs of CPU a request
// and woke each idle keep-alive connection 90 times a second:
// docs/architecture.md.)
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
  // Stops accepting new connections and ends Serve(). Safe from any thread.
  void Stop();
  // Waits until every request being processed has had its response written,
  // or `limit` passes; true when none is left. Idle keep-alive connections
  // are not waited for: the caller may then exit without joining Serve().
  bool Drain(std::chrono::milliseconds limit);

 private:
  HttpOptions options_;
  Logger& logger_;
  // Declared before the dispatcher, so destroyed after it: its worker
  // threads, which post answers to the loops, are joined first.
  std::vector<std::unique_ptr<EventLoop>> loops_;
  std::unique_ptr<Dispatcher> dispatcher_;
  int listen_fd_ = -1;
};

}  // namespace backendless_mock
