#include "hostile/raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace backendless_mock::testing {

RawConnection::RawConnection(int port, int timeout_ms) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) !=
      0) {
    close(fd_);
    throw std::runtime_error("connect failed");
  }
  timeval timeout{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool RawConnection::Fill() {
  if (eof_) return false;
  char chunk[16384];
  ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

RawAnswer RawConnection::Read() {
  RawAnswer answer;
  size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill()) {
      answer.closed = true;
      return answer;
    }
  }
  answer.head = buffer_.substr(0, head_end + 2);
  buffer_.erase(0, head_end + 4);
  if (answer.head.rfind("HTTP/1.", 0) == 0 && answer.head.size() > 12) {
    answer.status = std::stoi(answer.head.substr(9, 3));
  }
  std::string length = RawHeader(answer, "Content-Length");
  bool bodyless = (answer.status >= 100 && answer.status < 200) ||
                  answer.status == 204 || answer.status == 304;
  if (bodyless) {
    // No body follows, whatever the headers say (RFC 9112 6.3).
  } else if (!length.empty()) {
    size_t wanted = std::stoul(length);
    while (buffer_.size() < wanted && Fill()) {
    }
    answer.body = buffer_.substr(0, wanted);
    buffer_.erase(0, std::min(wanted, buffer_.size()));
  } else {
    while (Fill()) {
    }
    answer.body = std::move(buffer_);
    buffer_.clear();
  }
  if (!answer.body.empty()) {
    answer.json = nlohmann::json::parse(answer.body, nullptr, false);
  }
  // The server closes when it says so; a read then sees the end at once.
  if (RawHeader(answer, "Connection") == "close") {
    answer.closed = !Fill() && buffer_.empty();
  }
  return answer;
}

RawAnswer RawExchange(int port, std::string_view bytes) {
  RawConnection connection(port);
  connection.Send(bytes);  // the server may answer and close before the end
  return connection.Read();
}

std::string RawHeader(const RawAnswer& answer, std::string_view name) {
  size_t start = answer.head.find("\r\n");
  while (start != std::string::npos && start + 2 < answer.head.size()) {
    size_t line_start = start + 2;
    size_t line_end = answer.head.find("\r\n", line_start);
    if (line_end == std::string::npos) line_end = answer.head.size();
    std::string_view line(answer.head.data() + line_start,
                          line_end - line_start);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos && colon == name.size() &&
        strncasecmp(line.data(), name.data(), name.size()) == 0) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    start = line_end;
  }
  return "";
}

}  // namespace backendless_mock::testing
