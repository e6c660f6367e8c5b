#include "store/fixture_error.h"

namespace backendless_mock {

std::string FormatFixtureError(const FixtureError& error) {
  const std::string& pointer = error.pointer.empty() ? "/" : error.pointer;
  return error.file + ": " + pointer + ": " + error.reason;
}

void FixtureErrorSink::Add(std::string pointer, std::string reason) {
  errors_.push_back({file_, std::move(pointer), std::move(reason), false});
}

void FixtureErrorSink::AddCrossReference(std::string pointer,
                                         std::string reason) {
  errors_.push_back({file_, std::move(pointer), std::move(reason), true});
}

std::string PointerChild(const std::string& pointer, std::string_view key) {
  std::string out = pointer + "/";
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string PointerChild(const std::string& pointer, size_t index) {
  return pointer + "/" + std::to_string(index);
}

}  // namespace backendless_mock
