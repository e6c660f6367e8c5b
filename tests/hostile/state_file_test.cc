// Hostile runtime state: PUT /__admin/state bodies and --state-file contents
// with wrongly typed or out-of-range fields. Each is refused with 8002 (over
// HTTP) or stops the binary with one line naming the file (at start); none
// becomes a 500, a wrapped number or an abort.
#include <doctest/doctest.h>

#include <string>

#include "hostile/still_healthy.h"
#include "support/expected_json.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

using nlohmann::json;

// A state export holding one message with `extra` members.
std::string StateWith(const std::string& extra) {
  return R"({"version":1,"removedMessages":[],"sessions":{"issued":{},"revoked":[]},)"
         R"("messages":[{"messageId":"m","status":"published","channel":"default",)" +
         extra + "}]}";
}

TEST_CASE(
    "a state message with a wrongly typed createdBy or cancelledBy answers "
    "8002") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string extra :
       {R"("createdBy":5)", R"("createdBy":null)", R"("createdBy":{"who":"x"})",
        R"("cancelledBy":[])", R"("cancelledBy":true)"}) {
    CAPTURE(extra);
    Answer answer = server.Send("PUT", "/__admin/state", StateWith(extra));
    CHECK(answer.status == 400);
    CHECK(answer.body ==
          CannotParse("state: message m has a field of the wrong type"));
  }
  CHECK(server.Get("/__admin/state").body["messages"] == json::array());
  CheckStillHealthy(server);
}

TEST_CASE("state message times beyond int64 are refused, not wrapped") {
  TestServer server(TestFixturesDir("lifecycle"));
  for (const std::string field : {"publishAt", "repeatEvery", "repeatExpiresAt",
                                  "createdAtMs", "dueAtMs", "cancelledAtMs"}) {
    CAPTURE(field);
    Answer answer =
        server.Send("PUT", "/__admin/state",
                    StateWith("\"" + field + "\":18446744073709551615"));
    CHECK(answer.status == 400);
    CHECK(answer.body["code"] == 8002);
  }
  CHECK(server.Get("/__admin/state").body["messages"] == json::array());
  CheckStillHealthy(server);
}

TEST_CASE(
    "a state file with a wrongly typed field stops the binary with one line") {
  TempDir dir;
  dir.Write("fixtures/a.json",
            R"({"messages":[{"messageId":"m1","status":"published"}]})");
  std::string state_file =
      dir.Write("state.json", StateWith(R"("createdBy":5)")).string();
  Subprocess server({BACKENDLESS_MOCK_BINARY, "--port", "0", "--no-watch",
                     "--fixtures", (dir.path() / "fixtures").string(),
                     "--state-file", state_file});
  std::string output = server.ReadAll();
  CAPTURE(output);
  // 1: cannot start, as for any unusable state file; never 134 (an abort).
  CHECK(server.Wait() == 1);
  CHECK(output.find(state_file) != std::string::npos);
  CHECK(output.find("terminate called") == std::string::npos);
}

}  // namespace
}  // namespace backendless_mock::testing
