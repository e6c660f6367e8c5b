#include "model/operation.h"

namespace backendless_mock {

std::string_view OperationName(Operation op) {
  switch (op) {
    case Operation::kGetStatus:
      return "GET_STATUS";
    case Operation::kPublish:
      return "PUBLISH";
    case Operation::kCancel:
      return "CANCEL";
  }
  return "UNKNOWN";
}

std::optional<Operation> ParseOperation(std::string_view name) {
  for (Operation op :
       {Operation::kGetStatus, Operation::kPublish, Operation::kCancel}) {
    if (OperationName(op) == name) return op;
  }
  return std::nullopt;
}

}  // namespace backendless_mock
