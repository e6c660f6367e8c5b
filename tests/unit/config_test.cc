// The command line as main() sees it: flags and their errors, no process.
#include "config.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

namespace backendless_mock::testing {
namespace {

CommandLine Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "backendless-mock");
  return ParseCommandLine(static_cast<int>(args.size()), args.data());
}

TEST_CASE("--latency takes MIN-MAX milliseconds") {
  CHECK(Parse({}).config->latency_ms == std::make_pair<int64_t, int64_t>(0, 0));
  CHECK(Parse({"--latency", "5-20"}).config->latency_ms ==
        std::make_pair<int64_t, int64_t>(5, 20));
  CHECK(Parse({"--latency", "7-7"}).config->latency_ms ==
        std::make_pair<int64_t, int64_t>(7, 7));
  CHECK(Parse({"--latency", "0-600000"}).config->latency_ms ==
        std::make_pair<int64_t, int64_t>(0, 600000));
}

TEST_CASE("a malformed --latency is a usage error naming the expected form") {
  for (const char* bad :
       {"5", "5-", "-5", "20-5", "5-20x", "5-20-30", "a-b", "0-600001", "-1-5",
        "5 - 20", "99999999999999999999-1"}) {
    CAPTURE(bad);
    CommandLine result = Parse({"--latency", bad});
    CHECK_FALSE(result.config.has_value());
    CHECK(result.exit_code == 2);
    CHECK(result.output.find("expected MIN-MAX milliseconds") !=
          std::string::npos);
  }
}

}  // namespace
}  // namespace backendless_mock::testing
