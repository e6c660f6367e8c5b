// libFuzzer target: a request target through the path and query decoders
// (PathSegments, ParseQuery, TargetPath, PercentDecode), as the
// gateway and the admin API run them on every request.
//
// Properties: decoded segments are never empty; a target without '%' or '+'
// decodes to its own text; percent-encoding every byte of a decoded segment
// and decoding again gives the segment back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/path.h"

namespace bm = backendless_mock;

namespace {

std::string EncodeAll(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view target(reinterpret_cast<const char*>(data), size);
  std::string_view path = bm::TargetPath(target);
  if (path.size() > target.size() || target.substr(0, path.size()) != path) {
    std::abort();
  }
  bm::PathSegments segments;
  if (segments.Decode(target)) {
    for (size_t i = 0; i < segments.size(); ++i) {
      std::string segment(segments[i]);
      if (segment.empty()) std::abort();
      std::optional<std::string> again = bm::PercentDecode(EncodeAll(segment));
      if (!again || *again != segment) std::abort();
    }
  }
  if (auto query = bm::ParseQuery(target)) {
    for (const auto& [name, value] : *query) {
      std::optional<std::string> again = bm::PercentDecode(EncodeAll(value));
      if (!again || *again != value) std::abort();
    }
  }
  std::optional<std::string> decoded = bm::PercentDecode(target);
  if (target.find('%') == std::string_view::npos &&
      (!decoded || *decoded != target)) {
    std::abort();
  }
  return 0;
}
