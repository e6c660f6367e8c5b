#include "http/connection_abort.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace backendless_mock {
namespace {

// The port and printable address of a socket address.
bool Describe(const sockaddr_storage& address, std::string& host, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  } else {
    return false;
  }
  host = text;
  return true;
}

bool IsConnection(int fd, std::string_view remote_addr, int remote_port,
                  int local_port) {
  sockaddr_storage local{};
  sockaddr_storage peer{};
  socklen_t local_length = sizeof local;
  socklen_t peer_length = sizeof peer;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) != 0 ||
      getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0) {
    return false;
  }
  std::string local_host, peer_host;
  int local_port_found = 0, peer_port = 0;
  return Describe(local, local_host, local_port_found) &&
         Describe(peer, peer_host, peer_port) &&
         local_port_found == local_port && peer_port == remote_port &&
         peer_host == remote_addr;
}

}  // namespace

bool AbortConnection(std::string_view remote_addr, int remote_port,
                     int local_port, ConnectionAbort how) {
  if (how == ConnectionAbort::kNone) return false;
  DIR* fds = opendir("/proc/self/fd");
  if (fds == nullptr) return false;
  int found = -1;
  while (dirent* entry = readdir(fds)) {
    int fd = std::atoi(entry->d_name);
    if (fd <= 2 || fd == dirfd(fds)) continue;
    if (IsConnection(fd, remote_addr, remote_port, local_port)) {
      found = fd;
      break;
    }
  }
  closedir(fds);
  if (found < 0) return false;
  if (how == ConnectionAbort::kReset) {
    linger immediate{1, 0};  // close() then sends RST, not FIN
    setsockopt(found, SOL_SOCKET, SO_LINGER, &immediate, sizeof immediate);
  }
  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) return false;
  // Replacing the descriptor drops the socket's last reference: it closes now.
  bool replaced = dup2(null_fd, found) == found;
  close(null_fd);
  return replaced;
}

}  // namespace backendless_mock
