#pragma once

// Raw HTTP over a socket, for hostile requests httplib::Client refuses to
// send (NUL bytes, broken framing, 10,000 headers, bodies that never come).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace backendless_mock::testing {

// One response as it came off the wire.
struct RawAnswer {
  int status = 0;       // 0: no status line arrived before the connection ended
  std::string head;     // status line and headers
  std::string body;     // Content-Length bytes, or what came before the close
  nlohmann::json json;  // body parsed; discarded when it is not JSON
  bool closed = false;  // the server ended the connection after answering
};

// A client connection to 127.0.0.1:port. Receives time out after
// `timeout_ms`, so a server that never answers fails the test, not the run.
class RawConnection {
 public:
  explicit RawConnection(int port, int timeout_ms = 10000);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends every byte; false when the server closed or reset first.
  bool Send(std::string_view bytes);
  // Reads one response: the head, then Content-Length bytes of body (or up
  // to the close when there is no Content-Length; none for 1xx, 204, 304).
  RawAnswer Read();

 private:
  bool Fill();  // one recv into buffer_; false at close, reset or timeout

  int fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
};

// Sends `bytes` on a fresh connection and reads the answer.
RawAnswer RawExchange(int port, std::string_view bytes);

// The value of header `name` (case-insensitive) in a raw head, or "".
std::string RawHeader(const RawAnswer& answer, std::string_view name);

}  // namespace backendless_mock::testing
