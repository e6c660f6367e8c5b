#include "http/event_loop.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "http/response_writer.h"

namespace backendless_mock {
namespace {

constexpr uint64_t kListenerId = 0;
constexpr uint64_t kWakeId = 1;
constexpr uint64_t kFirstConnectionId = 2;
constexpr int kMaxEvents = 256;
constexpr size_t kReadChunk = size_t{16} * 1024;
// Past this many unsent bytes, pipelined requests wait for the client to read.
constexpr size_t kOutHighWater = 1 << 20;
// A connection's read buffer is given back when idle and larger than this.
constexpr size_t kKeptBufferBytes = size_t{64} * 1024;
// After its last answer, how long a closing connection's unread input is
// read and dropped: closing with unread bytes would send an RST that can
// destroy the answer before the client reads it.
constexpr std::chrono::milliseconds kLingerLimit{2000};
// After Stop(), how long answers still in progress get to be written.
constexpr std::chrono::milliseconds kStopGrace{1000};
// How long accepting pauses when the process is out of descriptors.
constexpr std::chrono::milliseconds kAcceptPause{100};
constexpr auto kNever = std::chrono::steady_clock::time_point::max();
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

bool WouldBlock() { return errno == EAGAIN || errno == EWOULDBLOCK; }

}  // namespace

struct EventLoop::Connection {
  enum class Phase {
    kReading,        // reading, parsing, answering requests in order
    kWaitingWorker,  // a worker answers the current request
    kDelayed,        // the current answer waits for its send_delay
    kClosing,        // the last answer is queued: write it, then shut down
    kLingering,      // shut down for writing; dropping input until EOF
  };

  Connection(uint64_t id, int fd, const ParserLimits& limits)
      : id(id), fd(fd), parser(limits) {}

  bool OutPending() const { return sent < out.size(); }
  std::string_view Unparsed() const {
    return std::string_view(in.data() + start, in_len - start);
  }

  uint64_t id;
  int fd;
  std::string remote_addr;
  int remote_port = 0;
  Phase phase = Phase::kReading;
  bool dead = false;         // closed; freed by Bury()
  bool readable = false;     // edge-triggered: unread bytes may be waiting
  bool peer_closed = false;  // the client sent its FIN
  bool broken = false;       // closed while a worker answers: close after
  bool in_flight = false;    // Begin() called; the answer is not queued yet
  bool continue_sent = false;
  // Received bytes: [start, in_len) of `in` are not consumed yet; `in` is
  // sized to its capacity so reads never zero-fill.
  std::string in;
  size_t in_len = 0;
  size_t start = 0;
  RequestParser parser;
  // The request being answered; its views point into `in` or the parser,
  // which stay untouched until the answer is queued.
  HttpRequest request;
  size_t request_bytes = 0;  // of `in`, consumed by the request
  Clock::time_point request_started;
  HttpResponse delayed;
  // Bytes to send: [sent, out.size()).
  std::string out;
  size_t sent = 0;
  size_t unwritten = 0;  // answers in `out` not yet sent in full
  size_t served = 0;
  // Deadlines; DeadlineOf() picks the one that applies.
  Clock::time_point request_deadline = kNever;  // whole request, from byte 1
  Clock::time_point write_deadline = kNever;
  Clock::time_point idle_deadline = kNever;
  Clock::time_point delay_until = kNever;
  Clock::time_point linger_until = kNever;
  Clock::time_point timer_at = kNever;  // its entry in timers_, if any
};

EventLoop::EventLoop(const LoopSettings& settings, ExchangeHost& host)
    : settings_(settings), host_(host), next_id_(kFirstConnectionId) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (!ok()) return;
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.u64 = kWakeId;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
  WatchListener();
}

void EventLoop::WatchListener() {
  // Every loop waits on the one listening socket; EPOLLEXCLUSIVE wakes one
  // loop per new connection instead of all of them.
  epoll_event listen{};
  listen.events = EPOLLIN | EPOLLEXCLUSIVE;
  listen.data.u64 = kListenerId;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, settings_.listen_fd, &listen);
}

EventLoop::~EventLoop() {
  for (auto& [id, c] : connections_) {
    if (!c->dead) close(c->fd);
  }
  if (epoll_fd_ >= 0) close(epoll_fd_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

void EventLoop::Stop() {
  stop_requested_ = true;
  uint64_t one = 1;
  ssize_t written = write(wake_fd_, &one, sizeof one);
  (void)written;  // the counter only overflows after 2^64 - 1 wake-ups
}

void EventLoop::PostAnswer(uint64_t connection, HttpResponse response) {
  bool first;
  {
    std::lock_guard<std::mutex> lock(posted_mu_);
    posted_.emplace_back(connection, std::move(response));
    first = posted_.size() == 1;
  }
  // The loop takes every posted answer per wake-up: one wake-up suffices.
  if (first) {
    uint64_t one = 1;
    ssize_t written = write(wake_fd_, &one, sizeof one);
    (void)written;
  }
}

void EventLoop::Run() {
  epoll_event events[kMaxEvents];
  for (;;) {
    int count = epoll_wait(epoll_fd_, events, kMaxEvents, WaitTimeoutMs());
    now_ = Clock::now();
    if (count < 0 && errno != EINTR) break;
    for (int i = 0; i < count; ++i) {
      uint64_t id = events[i].data.u64;
      if (id == kListenerId) {
        if (!stopping_) Accept();
      } else if (id == kWakeId) {
        OnWake();
      } else if (auto found = connections_.find(id);
                 found != connections_.end() && !found->second->dead) {
        OnEvent(*found->second, events[i].events);
      }
    }
    Expire();
    Bury();
    if (accept_paused_ && !stopping_ && now_ >= accept_resume_at_) {
      accept_paused_ = false;
      WatchListener();
    }
    if (stopping_) {
      bool busy = false;
      for (const auto& [id, c] : connections_) {
        busy = busy || c->phase == Connection::Phase::kWaitingWorker ||
               c->phase == Connection::Phase::kDelayed || c->OutPending();
      }
      if (!busy || now_ >= stop_deadline_) break;
    }
  }
  // Whatever is left is given up; a connection a worker still answers keeps
  // its buffers (the worker reads them) until the loop is destroyed.
  for (auto& [id, c] : connections_) {
    if (!c->dead && c->phase != Connection::Phase::kWaitingWorker) Close(*c);
  }
  Bury();
}

int EventLoop::WaitTimeoutMs() const {
  Clock::time_point next = timers_.empty() ? kNever : timers_.begin()->first;
  if (stopping_ && stop_deadline_ < next) next = stop_deadline_;
  if (accept_paused_ && accept_resume_at_ < next) next = accept_resume_at_;
  if (next == kNever) return -1;
  Clock::time_point now = Clock::now();
  if (next <= now) return 0;
  auto wait = std::chrono::ceil<std::chrono::milliseconds>(next - now);
  return static_cast<int>(std::min<int64_t>(wait.count(), 60000));
}

void EventLoop::Accept() {
  for (;;) {
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    int fd = accept4(settings_.listen_fd, reinterpret_cast<sockaddr*>(&peer),
                     &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
          errno == ENOMEM) {
        // Out of descriptors or memory: the listener stays readable, so
        // waiting on it would spin. Look away from it for a while.
        epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, settings_.listen_fd, nullptr);
        accept_paused_ = true;
        accept_resume_at_ = now_ + kAcceptPause;
      }
      return;  // EAGAIN: all taken (another loop may have raced us to some)
    }
    int one = 1;
    // Each answer goes out in one write; never wait for the client's ACK.
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    uint64_t id = next_id_++;
    auto connection =
        std::make_unique<Connection>(id, fd, settings_.limits);
    char text[INET6_ADDRSTRLEN] = {};
    if (peer.ss_family == AF_INET) {
      const auto& v4 = reinterpret_cast<const sockaddr_in&>(peer);
      inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
      connection->remote_port = ntohs(v4.sin_port);
    } else if (peer.ss_family == AF_INET6) {
      const auto& v6 = reinterpret_cast<const sockaddr_in6&>(peer);
      inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
      connection->remote_port = ntohs(v6.sin6_port);
    }
    connection->remote_addr = text;
    connection->idle_deadline = now_ + settings_.keep_alive_timeout;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    event.data.u64 = id;
    if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0) {
      close(fd);
      continue;
    }
    Connection& c = *connection;
    connections_.emplace(id, std::move(connection));
    UpdateTimer(c);
  }
}

void EventLoop::OnWake() {
  uint64_t count = 0;
  ssize_t got = read(wake_fd_, &count, sizeof count);
  (void)got;  // nonblocking; a concurrent write is read next time
  if (stop_requested_ && !stopping_) BeginStop();
  std::vector<std::pair<uint64_t, HttpResponse>> posted;
  {
    std::lock_guard<std::mutex> lock(posted_mu_);
    posted.swap(posted_);
  }
  for (auto& [id, response] : posted) {
    auto found = connections_.find(id);
    if (found == connections_.end()) continue;
    Connection& c = *found->second;
    c.phase = Connection::Phase::kReading;
    if (c.broken) {
      host_.Record(c.request, response, 0);
      Close(c);
      continue;
    }
    Deliver(c, std::move(response));
    Advance(c);
  }
}

void EventLoop::BeginStop() {
  stopping_ = true;
  stop_deadline_ = now_ + kStopGrace;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, settings_.listen_fd, nullptr);
  // Idle connections and half-received requests end now; answers being made
  // or written finish first.
  for (auto& [id, c] : connections_) {
    if (!c->dead && c->phase != Connection::Phase::kWaitingWorker &&
        c->phase != Connection::Phase::kDelayed && !c->OutPending()) {
      Close(*c);
    }
  }
}

void EventLoop::OnEvent(Connection& c, uint32_t events) {
  if (events & (EPOLLERR | EPOLLHUP)) {
    Close(c);
    return;
  }
  if (events & (EPOLLIN | EPOLLRDHUP)) c.readable = true;
  if ((events & EPOLLOUT) && c.OutPending()) Flush(c);
  Advance(c);
}

void EventLoop::Advance(Connection& c) {
  using Phase = Connection::Phase;
  while (!c.dead) {
    if (c.phase == Phase::kReading) {
      if (c.out.size() - c.sent > kOutHighWater) break;  // wait for EPOLLOUT
      ParseResult result = c.parser.Parse(c.Unparsed());
      if (result.status == ParseStatus::kComplete) {
        StartRequest(c, result.consumed);
        continue;
      }
      if (result.status == ParseStatus::kRefused) {
        RefuseRequest(c, result.refusal);
        continue;
      }
      if (c.parser.head_parsed() && c.parser.request().expects_continue &&
          !c.continue_sent) {
        // curl and others wait for this before sending a large body.
        c.continue_sent = true;
        c.out.append(kContinue);
        Flush(c);
        continue;
      }
      if (c.in_len > c.start && c.request_deadline == kNever) {
        c.request_deadline = now_ + settings_.read_timeout;
      }
      if (c.readable && !c.peer_closed) {
        if (!Read(c)) break;
        continue;
      }
      if (c.peer_closed) {
        // Nothing more will come: finish writing, then close.
        if (c.OutPending()) {
          c.phase = Phase::kClosing;
          continue;
        }
        Close(c);
      }
      break;
    }
    if (c.phase == Phase::kClosing) {
      if (c.OutPending()) break;
      if (stopping_ || c.peer_closed) {
        Close(c);
        break;
      }
      shutdown(c.fd, SHUT_WR);
      c.phase = Phase::kLingering;
      c.linger_until =
          now_ + std::min(kLingerLimit, settings_.read_timeout);
      continue;
    }
    if (c.phase == Phase::kLingering) Discard(c);
    break;  // kWaitingWorker, kDelayed: their event will come
  }
  if (!c.dead) UpdateTimer(c);
}

bool EventLoop::Read(Connection& c) {
  // Consumed bytes are dropped before reading more; the parser re-bases its
  // views of a partial request.
  if (c.start == c.in_len) {
    c.start = c.in_len = 0;
    if (c.in.size() > kKeptBufferBytes) std::string().swap(c.in);
  } else if (c.start > 0) {
    std::memmove(c.in.data(), c.in.data() + c.start, c.in_len - c.start);
    c.in_len -= c.start;
    c.start = 0;
  }
  if (c.in.size() - c.in_len < kReadChunk) {
    c.in.resize(std::max(c.in.size() * 2, c.in_len + kReadChunk));
  }
  size_t room = c.in.size() - c.in_len;
  ssize_t n = recv(c.fd, c.in.data() + c.in_len, room, 0);
  if (n > 0) {
    c.in_len += static_cast<size_t>(n);
    // A short read drained the socket; the next byte brings a new edge.
    if (static_cast<size_t>(n) < room) c.readable = false;
    return true;
  }
  if (n == 0) {
    c.peer_closed = true;
    c.readable = false;
    return true;
  }
  if (errno == EINTR) return true;
  c.readable = false;
  if (WouldBlock()) return false;
  Close(c);
  return false;
}

void EventLoop::Discard(Connection& c) {
  char sink[16 * 1024];
  while (c.readable) {
    ssize_t n = recv(c.fd, sink, sizeof sink, 0);
    if (n > 0) continue;
    if (n < 0 && errno == EINTR) continue;
    c.readable = false;
    if (n < 0 && WouldBlock()) return;
    Close(c);  // the client's EOF (or an error): the answer was read
    return;
  }
}

void EventLoop::Describe(const Connection& c, HttpRequest& request) const {
  const ParsedRequest& parsed = c.parser.request();
  request.method = parsed.method;
  request.target = parsed.target;
  request.remote_addr = c.remote_addr;
  request.remote_port = c.remote_port;
  request.local_port = settings_.local_port;
}

void EventLoop::StartRequest(Connection& c, size_t consumed) {
  const ParsedRequest& parsed = c.parser.request();
  c.request_deadline = kNever;
  c.request_bytes = consumed;
  HttpRequest& request = c.request;
  Describe(c, request);
  request.body = parsed.body;
  c.parser.SwapHeaders(request.headers);
  c.in_flight = true;
  host_.Begin();
  c.request_started = Clock::now();
  if (host_.Slow(request)) {
    c.phase = Connection::Phase::kWaitingWorker;
    // The connection is not freed while a worker answers (see Close), so
    // the request's views stay valid until the answer is posted back.
    host_.Offload([this, &c, id = c.id] {
      PostAnswer(id, host_.Answer(c.request));
    });
    return;
  }
  Deliver(c, host_.Answer(request));
}

void EventLoop::Deliver(Connection& c, HttpResponse response) {
  if (response.send_delay.count() > 0) {
    c.phase = Connection::Phase::kDelayed;
    c.delay_until = now_ + response.send_delay;
    c.delayed = std::move(response);
    return;
  }
  Send(c, response);
}

void EventLoop::Send(Connection& c, const HttpResponse& response) {
  double ms = std::chrono::duration<double, std::milli>(Clock::now() -
                                                        c.request_started)
                  .count();
  host_.Record(c.request, response, ms);
  if (response.abort != ConnectionAbort::kNone) {
    Abort(c, response.abort);
    return;
  }
  ++c.served;
  bool close = !c.parser.request().keep_alive || stopping_ ||
               c.served >= settings_.keep_alive_max_requests;
  for (const auto& [name, value] : response.headers) {
    if (EqualsIgnoreCase(name, "Connection") && EqualsIgnoreCase(value, "close")) {
      close = true;
    }
  }
  ResponseFraming framing;
  framing.close = close;
  framing.keep_alive_10 = !close && c.parser.request().minor_version == 0;
  framing.head_only = c.request.method == "HEAD";
  AppendResponse(response, framing, c.out);
  c.in_flight = false;
  ++c.unwritten;
  // The request is answered: its bytes and parse state can go.
  c.start += c.request_bytes;
  c.request_bytes = 0;
  c.request.headers.clear();
  c.parser.SwapHeaders(c.request.headers);
  c.parser.Reset();
  c.continue_sent = false;
  c.phase = close ? Connection::Phase::kClosing : Connection::Phase::kReading;
  Flush(c);
}

void EventLoop::RefuseRequest(Connection& c, int status) {
  const ParsedRequest& parsed = c.parser.request();
  HttpRequest partial;
  Describe(c, partial);
  partial.headers = parsed.headers;
  HttpResponse response = host_.Refuse(status, partial);
  ResponseFraming framing;
  framing.close = true;
  AppendResponse(response, framing, c.out);
  c.phase = Connection::Phase::kClosing;
  c.request_deadline = kNever;
  Flush(c);
}

void EventLoop::Flush(Connection& c) {
  bool progress = false;
  while (c.sent < c.out.size()) {
    ssize_t n = send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent,
                     MSG_NOSIGNAL);
    if (n > 0) {
      c.sent += static_cast<size_t>(n);
      progress = true;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && WouldBlock()) {
      // EPOLLOUT (edge-triggered, registered once) says when to go on.
      if (progress || c.write_deadline == kNever) {
        c.write_deadline = now_ + settings_.write_timeout;
      }
      return;
    }
    Close(c);  // the client is gone
    return;
  }
  c.out.clear();
  c.sent = 0;
  c.write_deadline = kNever;
  for (; c.unwritten > 0; --c.unwritten) host_.End();
  c.idle_deadline = now_ + settings_.keep_alive_timeout;
}

void EventLoop::Abort(Connection& c, ConnectionAbort how) {
  if (how == ConnectionAbort::kReset) {
    linger immediate{1, 0};  // close() then sends an RST, not a FIN
    setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &immediate, sizeof immediate);
  } else {
    shutdown(c.fd, SHUT_WR);  // a FIN with no answer before it
  }
  Close(c);
}

void EventLoop::Close(Connection& c) {
  if (c.dead) return;
  if (c.phase == Connection::Phase::kWaitingWorker) {
    // A worker still reads c.request: close once its answer is back.
    c.broken = true;
    return;
  }
  c.dead = true;
  close(c.fd);  // also takes it out of the epoll set
  if (c.in_flight) host_.End();
  c.in_flight = false;
  for (; c.unwritten > 0; --c.unwritten) host_.End();
  closed_.push_back(c.id);
}

void EventLoop::Bury() {
  for (uint64_t id : closed_) {
    auto found = connections_.find(id);
    if (found == connections_.end()) continue;
    if (found->second->timer_at != kNever) {
      timers_.erase({found->second->timer_at, id});
    }
    connections_.erase(found);
  }
  closed_.clear();
}

EventLoop::Clock::time_point EventLoop::DeadlineOf(const Connection& c) const {
  using Phase = Connection::Phase;
  switch (c.phase) {
    case Phase::kWaitingWorker:
      return kNever;
    case Phase::kDelayed:
      return c.delay_until;
    case Phase::kLingering:
      return c.linger_until;
    case Phase::kClosing:
      return c.write_deadline;
    case Phase::kReading:
      break;
  }
  if (c.OutPending()) return c.write_deadline;
  if (c.in_len > c.start || c.parser.started()) return c.request_deadline;
  return c.idle_deadline;
}

void EventLoop::UpdateTimer(Connection& c) {
  Clock::time_point deadline = DeadlineOf(c);
  if (deadline == kNever || c.timer_at <= deadline) return;
  if (c.timer_at != kNever) timers_.erase({c.timer_at, c.id});
  timers_.emplace(deadline, c.id);
  c.timer_at = deadline;
}

void EventLoop::Expire() {
  while (!timers_.empty() && timers_.begin()->first <= now_) {
    uint64_t id = timers_.begin()->second;
    timers_.erase(timers_.begin());
    auto found = connections_.find(id);
    if (found == connections_.end() || found->second->dead) continue;
    Connection& c = *found->second;
    c.timer_at = kNever;
    if (DeadlineOf(c) <= now_) {
      OnDeadline(c);
    } else {
      UpdateTimer(c);  // the deadline moved on since the entry was made
    }
  }
}

void EventLoop::OnDeadline(Connection& c) {
  using Phase = Connection::Phase;
  switch (c.phase) {
    case Phase::kDelayed: {
      c.phase = Phase::kReading;
      HttpResponse response = std::move(c.delayed);
      c.delayed = HttpResponse();
      c.delay_until = kNever;
      Send(c, response);
      Advance(c);
      return;
    }
    case Phase::kReading:
      if (!c.OutPending() && (c.in_len > c.start || c.parser.started()) &&
          !c.continue_sent) {
        // Too slow to send its request (slowloris): say so, then close.
        RefuseRequest(c, 408);
        Advance(c);
        return;
      }
      Close(c);  // idle too long, or a write stalled
      return;
    case Phase::kWaitingWorker:
    case Phase::kClosing:
    case Phase::kLingering:
      Close(c);
      return;
  }
}

}  // namespace backendless_mock
