#include "http/server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "cpus.h"
#include "http/event_loop.h"

namespace backendless_mock {
namespace {

// A non-blocking listening socket on host:port, or -1.
int Listen(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0)
    return -1;
  int fd = -1;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                a->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    // SOMAXCONN, not cpp-httplib's 5: a burst of connections is queued by
    // the kernel instead of reset.
    if (bind(fd, a->ai_addr, a->ai_addrlen) == 0 &&
        listen(fd, SOMAXCONN) == 0) {
      break;
    }
    close(fd);
    fd = -1;
  }
  freeaddrinfo(found);
  return fd;
}

int BoundPort(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return -1;
  }
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  }
  return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
}

}  // namespace

HttpServer::HttpServer(HttpOptions options, RequestHandler handler,
                       Logger& logger, ExchangeObserver observer)
    : options_(std::move(options)),
      logger_(logger),
      dispatcher_(std::make_unique<Dispatcher>(std::move(handler), logger,
                                               std::move(observer))) {}

HttpServer::~HttpServer() {
  dispatcher_.reset();  // joins the workers before the loops go
  loops_.clear();
  if (listen_fd_ >= 0) close(listen_fd_);
}

std::optional<int> HttpServer::Bind() {
  listen_fd_ = Listen(options_.host, options_.port);
  if (listen_fd_ < 0) return std::nullopt;
  int port = BoundPort(listen_fd_);
  if (port <= 0) return std::nullopt;
  LoopSettings settings;
  settings.listen_fd = listen_fd_;
  settings.local_port = port;
  settings.limits.max_body_bytes = options_.max_body_bytes;
  settings.read_timeout = std::chrono::milliseconds(options_.read_timeout_ms);
  settings.write_timeout = std::chrono::milliseconds(options_.write_timeout_ms);
  settings.keep_alive_timeout =
      std::chrono::seconds(options_.keep_alive_timeout_s);
  settings.keep_alive_max_requests = options_.keep_alive_max_requests;
  unsigned threads = options_.threads > 0
                         ? static_cast<unsigned>(options_.threads)
                         : UsableCpus();
  // Made here, not in Serve(), so that Stop() reaches them whenever it comes.
  for (unsigned i = 0; i < threads; ++i) {
    loops_.push_back(std::make_unique<EventLoop>(settings, *dispatcher_));
    if (!loops_.back()->ok()) {
      logger_.Error("cannot create an event loop");
      return std::nullopt;
    }
  }
  return port;
}

void HttpServer::Serve() {
  std::vector<std::thread> others;
  for (size_t i = 1; i < loops_.size(); ++i) {
    others.emplace_back([loop = loops_[i].get()] { loop->Run(); });
  }
  if (!loops_.empty()) loops_[0]->Run();
  for (std::thread& thread : others) thread.join();
}

void HttpServer::Stop() {
  for (auto& loop : loops_) loop->Stop();
}

bool HttpServer::Drain(std::chrono::milliseconds limit) {
  return dispatcher_->Drain(limit);
}

}  // namespace backendless_mock
