#pragma once

#include <string_view>

namespace backendless_mock {

// How a fault ends a connection without answering.
enum class ConnectionAbort { kNone, kClose, kReset };

// Ends the accepted connection from remote_addr:remote_port to local_port:
// a FIN for kClose, a TCP reset for kReset. The transport keeps a harmless
// /dev/null in the socket's place, so it writes nothing and closes it as
// usual. REQUIRES: called on the thread serving that connection. False when
// the socket was not found.
bool AbortConnection(std::string_view remote_addr, int remote_port,
                     int local_port, ConnectionAbort how);

}  // namespace backendless_mock
