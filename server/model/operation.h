#pragma once

#include <optional>
#include <string_view>

namespace backendless_mock {

// A messaging operation that channel permissions govern.
enum class Operation { kGetStatus, kPublish, kCancel };

// "GET_STATUS", "PUBLISH", "CANCEL": the names used in fixture files.
std::string_view OperationName(Operation op);
std::optional<Operation> ParseOperation(std::string_view name);

}  // namespace backendless_mock
