#pragma once

// After a hostile request: the server must still be healthy and consistent.
#include <doctest/doctest.h>

#include "support/test_server.h"

namespace backendless_mock::testing {

// GET /__admin/health answers 200 "ok"; the journal's count agrees with the
// size health reports (the count request itself being the one in between);
// and an ordinary status request is answered as usual.
inline void CheckStillHealthy(TestServer& server) {
  Answer health = server.Get("/__admin/health");
  REQUIRE(health.status == 200);
  CHECK(health.body["status"] == "ok");
  Answer count = server.Get("/__admin/requests/count");
  REQUIRE(count.status == 200);
  Answer after = server.Get("/__admin/health");
  REQUIRE(after.status == 200);
  CHECK(after.body["journal"]["size"] == count.body["count"].get<size_t>() + 1);
  CHECK(after.body["journal"]["dropped"] == count.body["dropped"]);
  Answer status = server.Get("/api/messaging/hostile-probe");
  CHECK(status.status == 200);
  CHECK(status.body == nlohmann::json{{"status", "unknown"},
                                      {"messageId", "hostile-probe"},
                                      {"errorMessage", nullptr}});
}

}  // namespace backendless_mock::testing
