#pragma once

// One epoll event loop of the HTTP/1.1 transport: accepts connections from
// the shared listening socket, reads and parses requests, answers them
// inline (or through a worker, for slow ones), and writes the answers; all
// timeouts are deadlines, so an idle connection costs no wake-ups.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/exchange.h"
#include "http/request_parser.h"

namespace backendless_mock {

// What a loop asks of the layer above it. Answer() and Offload() may be
// called from any loop; the rest too. Implementations are thread-safe.
class ExchangeHost {
 public:
  virtual ~ExchangeHost() = default;
  // The answer to a request: handler, CORS preflight, exceptions as 500s,
  // CORS headers. Runs on a loop thread or, when Slow(), on a worker.
  virtual HttpResponse Answer(const HttpRequest& request) = 0;
  // Whether Answer() may take long enough to stall other connections.
  virtual bool Slow(const HttpRequest& request) = 0;
  // Runs `work` off the loops.
  virtual void Offload(std::function<void()> work) = 0;
  // The answer is about to be sent (or the connection aborted): access log
  // and journal.
  virtual void Record(const HttpRequest& request, const HttpResponse& response,
                      double duration_ms) = 0;
  // The transport refuses a request (400, 408, 413, 414, 431): the answer,
  // with the request as far as it was parsed.
  virtual HttpResponse Refuse(int status, const HttpRequest& partial) = 0;
  // A request arrived / its answer has been written (or given up): the
  // count Drain() waits on.
  virtual void Begin() = 0;
  virtual void End() = 0;
};

// Connection limits and timeouts, from HttpOptions.
struct LoopSettings {
  int listen_fd = -1;
  int local_port = 0;
  ParserLimits limits;
  std::chrono::milliseconds read_timeout{5000};
  std::chrono::milliseconds write_timeout{5000};
  std::chrono::milliseconds keep_alive_timeout{5000};
  size_t keep_alive_max_requests = 100000;
};

class EventLoop {
 public:
  EventLoop(const LoopSettings& settings, ExchangeHost& host);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // False when the epoll instance or eventfd could not be made.
  bool ok() const { return epoll_fd_ >= 0 && wake_fd_ >= 0; }
  // Serves until Stop(), then until the answers in progress are written (at
  // most a grace period). REQUIRES: ok().
  void Run();
  // Stops accepting and ends Run(). Any thread, also before Run().
  void Stop();
  // Hands back the answer to an offloaded request. Any thread.
  void PostAnswer(uint64_t connection, HttpResponse response);

 private:
  struct Connection;
  using Clock = std::chrono::steady_clock;

  void WatchListener();
  void Accept();
  void OnEvent(Connection& c, uint32_t events);
  void OnWake();
  void BeginStop();
  // Moves a connection as far as it can go without waiting.
  void Advance(Connection& c);
  bool Read(Connection& c);
  void Discard(Connection& c);
  // The request line and the connection's addresses, as far as parsed.
  void Describe(const Connection& c, HttpRequest& request) const;
  void StartRequest(Connection& c, size_t consumed);
  void Deliver(Connection& c, HttpResponse response);
  void Send(Connection& c, const HttpResponse& response);
  void RefuseRequest(Connection& c, int status);
  void Flush(Connection& c);
  void Abort(Connection& c, ConnectionAbort how);
  void Close(Connection& c);
  // Timers: each connection has one deadline, what it means follows from
  // its state. The set may hold an earlier entry than the deadline; it then
  // fires, finds nothing due and re-arms (so most requests touch no tree).
  Clock::time_point DeadlineOf(const Connection& c) const;
  void UpdateTimer(Connection& c);
  void Expire();
  void OnDeadline(Connection& c);
  int WaitTimeoutMs() const;
  void Bury();  // frees the connections closed since the last call

  LoopSettings settings_;
  ExchangeHost& host_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  bool stopping_ = false;
  bool accept_paused_ = false;  // out of descriptors: see Accept()
  Clock::time_point accept_resume_at_;
  Clock::time_point stop_deadline_;
  Clock::time_point now_;  // taken once per wake-up
  std::atomic<bool> stop_requested_{false};
  uint64_t next_id_;
  std::unordered_map<uint64_t, std::unique_ptr<Connection>> connections_;
  std::vector<uint64_t> closed_;
  std::set<std::pair<Clock::time_point, uint64_t>> timers_;
  std::mutex posted_mu_;
  std::vector<std::pair<uint64_t, HttpResponse>>
      posted_;  // Guarded by posted_mu_
};

}  // namespace backendless_mock
