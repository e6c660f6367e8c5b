// Helpers the libFuzzer targets share.
#pragma once

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/fixture_document.h"

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

// ReadMessage for a DOM entry, as one function (ReadMessage is overloaded
// for streamed members), to hand to the round-trip checks.
inline std::optional<Message> ReadMessageEntry(const nlohmann::json& value,
                                               const std::string& pointer,
                                               FixtureErrorSink& sink) {
  return ReadMessage(value, pointer, sink);
}

}  // namespace backendless_mock::fuzz
