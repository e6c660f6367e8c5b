#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace backendless_mock {

// The outcome of (re)loading the fixture files.
struct ReloadResult {
  bool ok = true;
  int64_t at_ms = 0;                // clock time of the attempt
  std::string trigger;              // "start", "watch", "SIGHUP", "admin"
  std::vector<std::string> errors;  // one line each; empty when ok
};

void to_json(nlohmann::json& j, const ReloadResult& result);

}  // namespace backendless_mock
