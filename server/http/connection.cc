// What one connection goes through, on its loop's thread: read, parse,
// answer requests in order (inline, on a worker, or after a delay), write,
// and close (lingering, so that an answer is not lost to an RST).
#include "http/connection.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "http/event_loop.h"
#include "http/response_writer.h"

namespace backendless_mock {
namespace {

constexpr size_t kReadChunk = size_t{16} * 1024;
// Past this many unsent bytes, pipelined requests wait for the client to read.
constexpr size_t kOutHighWater = 1 << 20;
// A connection's read buffer is given back when idle and larger than this.
constexpr size_t kKeptBufferBytes = size_t{64} * 1024;
// After its last answer, how long a closing connection's unread input is
// read and dropped: closing with unread bytes would send an RST that can
// destroy the answer before the client reads it.
constexpr std::chrono::milliseconds kLingerLimit{2000};
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

bool WouldBlock() { return errno == EAGAIN || errno == EWOULDBLOCK; }

}  // namespace

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
      c.linger_until = now_ + std::min(kLingerLimit, settings_.read_timeout);
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
    host_.Offload(
        [this, &c, id = c.id] { PostAnswer(id, host_.Answer(c.request)); });
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
    if (EqualsIgnoreCase(name, "Connection") &&
        EqualsIgnoreCase(value, "close")) {
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
    ssize_t n =
        send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
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

}  // namespace backendless_mock
