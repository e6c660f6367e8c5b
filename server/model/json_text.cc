#include "model/json_text.h"

namespace backendless_mock {
namespace {

// The deepest nesting of arrays and objects, ignoring brackets in strings
// (and, when allowed, in comments). Stops counting past `limit`.
size_t NestingDepth(std::string_view text, bool allow_comments, size_t limit) {
  size_t depth = 0, deepest = 0;
  for (size_t i = 0; i < text.size() && deepest <= limit; ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (allow_comments && c == '/' && i + 1 < text.size() &&
               text[i + 1] == '/') {
      i = text.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (allow_comments && c == '/' && i + 1 < text.size() &&
               text[i + 1] == '*') {
      i = text.find("*/", i + 2);
      if (i == std::string_view::npos) break;
      ++i;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

nlohmann::json ParseJsonText(std::string_view text, bool allow_comments,
                             std::string& error) {
  if (NestingDepth(text, allow_comments, kMaxJsonDepth) > kMaxJsonDepth) {
    error = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return nlohmann::json::value_t::discarded;
  }
  try {
    return nlohmann::json::parse(text, nullptr, true, allow_comments);
  } catch (const nlohmann::json::exception& e) {
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    auto bracket = what.find("] ");
    error = bracket == std::string::npos ? what : what.substr(bracket + 2);
    return nlohmann::json::value_t::discarded;
  }
}

}  // namespace backendless_mock
