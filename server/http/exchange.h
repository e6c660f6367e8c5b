#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backendless_mock {

// How a fault ends a connection without answering: kClose sends a FIN,
// kReset a TCP reset.
enum class ConnectionAbort { kNone, kClose, kReset };

// One HTTP request as the layers above the socket see it. The views point
// into the transport's buffers and live as long as the request.
struct HttpRequest {
  std::string_view method;
  std::string_view target;  // raw, still percent-encoded, with the query
  std::string_view body;
  std::string_view remote_addr;
  int remote_port = 0;
  int local_port = 0;
  std::vector<std::pair<std::string_view, std::string_view>> headers;

  // The first header with this name, compared case-insensitively.
  std::optional<std::string_view> Header(std::string_view name) const;
};

// What to send back, plus what the access log should say about it.
struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string principal = "-";  // who asked, for the access log
  std::string user_id;          // the asking user's objectId, if any
  std::string decision;         // the policy decision, when one was made
  std::string route;            // the matched route, "GET messaging/{id}"
  std::string message_id;       // the message the call was about, if any
  std::string log_path;         // the path as logs show it; empty: as sent
  ConnectionAbort abort = ConnectionAbort::kNone;  // a fault: answer nothing
  // Latency and delay faults: the transport holds the answer (or the abort)
  // this long before sending it, without blocking a thread.
  std::chrono::milliseconds send_delay{0};
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace backendless_mock
