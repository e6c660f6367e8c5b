// A burst of connections, as a test suite or a load tool opens them: every
// one is accepted and answered. cpp-httplib 0.11.4 listens with a backlog of
// 5 (fixed when Debian built it), so without a larger backlog most of a
// burst is reset by the kernel before the accept loop sees it.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "hostile/raw_http.h"
#include "hostile/still_healthy.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

TEST_CASE("a burst of 1,000 connections opened at once is answered in full") {
  TestServer server(TestFixturesDir("core"));
  constexpr int kConnections = 1000;
  std::vector<std::unique_ptr<RawConnection>> connections;
  for (int i = 0; i < kConnections; ++i) {
    connections.push_back(std::make_unique<RawConnection>(server.port()));
  }
  int sent = 0;
  for (auto& connection : connections) {
    sent += connection->Send(
        "GET /api/messaging/m1 HTTP/1.1\r\nHost: x\r\nConnection: "
        "close\r\n\r\n");
  }
  int answered = 0;
  for (auto& connection : connections)
    answered += connection->Read().status == 200;
  CHECK(sent == kConnections);
  CHECK(answered == kConnections);
  CheckStillHealthy(server);
}

}  // namespace
}  // namespace backendless_mock::testing
