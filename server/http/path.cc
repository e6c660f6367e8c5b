#include "http/path.h"

namespace backendless_mock {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> PercentDecode(std::string_view segment) {
  std::string out;
  out.reserve(segment.size());
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '%') {
      out += segment[i];
      continue;
    }
    if (i + 2 >= segment.size()) return std::nullopt;
    int high = HexValue(segment[i + 1]);
    int low = HexValue(segment[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::optional<std::map<std::string, std::string>> ParseQuery(
    std::string_view target) {
  std::map<std::string, std::string> query;
  size_t question = target.find('?');
  if (question == std::string_view::npos) return query;
  std::string_view rest = target.substr(question + 1);
  rest = rest.substr(0, rest.find('#'));
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? "" : rest.substr(amp + 1);
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    std::string raw_name(pair.substr(0, equals));
    std::string raw_value(
        equals == std::string_view::npos ? "" : pair.substr(equals + 1));
    for (std::string* part : {&raw_name, &raw_value}) {
      for (char& c : *part) {
        if (c == '+') c = ' ';
      }
    }
    std::optional<std::string> name = PercentDecode(raw_name);
    std::optional<std::string> value = PercentDecode(raw_value);
    if (!name || !value) return std::nullopt;
    query[*name] = *value;
  }
  return query;
}

std::string_view TargetPath(std::string_view target) {
  // A plain loop: find_first_of("?#") calls memchr once per character, and
  // this runs several times per request.
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == '?' || target[i] == '#') return target.substr(0, i);
  }
  return target;
}

std::optional<std::vector<std::string>> DecodePathSegments(
    std::string_view target) {
  std::string_view path = TargetPath(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view raw = path.substr(start, slash - start);
    if (!raw.empty()) {
      std::optional<std::string> decoded = PercentDecode(raw);
      if (!decoded) return std::nullopt;
      segments.push_back(std::move(*decoded));
    }
    start = slash + 1;
  }
  return segments;
}

}  // namespace backendless_mock
