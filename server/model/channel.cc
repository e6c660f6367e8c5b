#include "model/channel.h"

namespace backendless_mock {

bool IsValidChannelName(std::string_view name) {
  constexpr size_t kMaxLength = 255;
  if (name.empty() || name.size() > kMaxLength) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace backendless_mock
