#pragma once

// One connection of an EventLoop: its buffers, parser, the request being
// answered, and its deadlines. Internal to the transport (event_loop.cc for
// the loop around it, connection.cc for what a connection goes through).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/event_loop.h"
#include "http/exchange.h"
#include "http/request_parser.h"

namespace backendless_mock {

// No deadline.
inline constexpr auto kNever = std::chrono::steady_clock::time_point::max();

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

}  // namespace backendless_mock
