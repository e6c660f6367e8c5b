#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace backendless_mock {

// A Backendless-shaped error: sent as {"code": code, "message": message} with
// http_status. Build these through the catalogue in errors.h, never by hand.
struct ApiError {
  int http_status = 400;
  int code = 0;
  std::string message;
};

void to_json(nlohmann::json& j, const ApiError& error);

}  // namespace backendless_mock
