#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/expected.h"

namespace backendless_mock {

// The delivery options of a publish call, read from the flat body the SDKs
// send (message, publisherId, headers, publishPolicy, pushBroadcast,
// pushSinglecast, publishAt, repeatEvery, repeatExpiresAt; others ignored).
struct PublishRequest {
  std::optional<int64_t> publish_at_ms;
  std::optional<int64_t> repeat_every_s;
  std::optional<int64_t> repeat_expires_at_ms;
  nlohmann::json fields = nlohmann::json::object();  // the known keys, as sent
};

// Checks the body's types: 5030 for a publishAt that is not an integer, 5003
// for such a repeatExpiresAt, 8002 naming any other mistyped field.
Expected<PublishRequest> ReadPublishRequest(const nlohmann::json& body);

}  // namespace backendless_mock
