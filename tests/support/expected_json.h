#pragma once

// Expected answers, written once: tests compare whole bodies against these.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace backendless_mock::testing {

// The n-th id a SequentialIdSource hands out, as a message id.
inline std::string MessageId(int n) {
  char uuid[40];
  std::snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012d", n);
  return std::string("message:") + uuid;
}

// {"status", "messageId", "errorMessage"}, as GET messaging/<id> answers.
inline nlohmann::json Status(const std::string& status, const std::string& id,
                             const nlohmann::json& error_message = nullptr) {
  return {
      {"status", status}, {"messageId", id}, {"errorMessage", error_message}};
}

// A Backendless error body.
inline nlohmann::json Error(int code, const std::string& message) {
  return {{"code", code}, {"message", message}};
}

// 8002, the catalogue's "could not parse request", with its detail.
inline nlohmann::json CannotParse(const std::string& detail) {
  return Error(8002, "Could not parse request with message: " + detail);
}

}  // namespace backendless_mock::testing
