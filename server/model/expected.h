#pragma once

#include <utility>
#include <variant>

#include "model/api_error.h"

namespace backendless_mock {

// A value or the ApiError that prevented it: errors travel as values.
template <typename T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Expected(ApiError error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  // REQUIRES: ok()
  const T& value() const { return std::get<T>(state_); }
  T& value() { return std::get<T>(state_); }
  // REQUIRES: !ok()
  const ApiError& error() const { return std::get<ApiError>(state_); }

 private:
  std::variant<T, ApiError> state_;
};

}  // namespace backendless_mock
