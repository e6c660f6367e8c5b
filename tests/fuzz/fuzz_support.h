// Helpers the libFuzzer targets share.
#pragma once

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>

namespace backendless_mock::fuzz {

// The nesting depth of a parsed value (a scalar is 0): the targets check
// that nothing the parsers accept is deeper than kMaxJsonDepth.
inline size_t Depth(const nlohmann::json& value) {
  if (!value.is_structured()) return 0;
  size_t deepest = 0;
  for (const nlohmann::json& child : value)
    deepest = std::max(deepest, Depth(child));
  return deepest + 1;
}

}  // namespace backendless_mock::fuzz
