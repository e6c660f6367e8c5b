#pragma once

// The runtime-state form of a message: the fixture form plus the fields only
// the API sets (createdAtMs, dueAtMs, cancelledAtMs, createdBy, cancelledBy).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/message.h"

namespace backendless_mock {

nlohmann::json MessageToState(const Message& message);
// nullopt, with the reason in `error`, when `state` is not such an object.
std::optional<Message> MessageFromState(const nlohmann::json& state,
                                        std::string& error);

// Writes `content` to `path` through `path`.tmp, fsync and rename, so a
// crash mid-write leaves the previous file whole. False, with `error`, on
// failure.
bool WriteFileAtomically(const std::string& path, const std::string& content,
                         std::string& error);

}  // namespace backendless_mock
