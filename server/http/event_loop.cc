#include "http/event_loop.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "http/connection.h"

namespace backendless_mock {
namespace {

constexpr uint64_t kListenerId = 0;
constexpr uint64_t kWakeId = 1;
constexpr uint64_t kFirstConnectionId = 2;
constexpr int kMaxEvents = 256;
// After Stop(), how long answers still in progress get to be written.
constexpr std::chrono::milliseconds kStopGrace{1000};
// How long accepting pauses when the process is out of descriptors.
constexpr std::chrono::milliseconds kAcceptPause{100};

}  // namespace

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
    auto connection = std::make_unique<Connection>(id, fd, settings_.limits);
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
