#include "http/path.h"

namespace backendless_mock {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool AppendPercentDecoded(std::string& out, std::string_view segment) {
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '%') {
      out += segment[i];
      continue;
    }
    if (i + 2 >= segment.size()) return false;
    int high = HexValue(segment[i + 1]);
    int low = HexValue(segment[i + 2]);
    if (high < 0 || low < 0) return false;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return true;
}

std::optional<std::string> PercentDecode(std::string_view segment) {
  std::string out;
  out.reserve(segment.size());
  if (!AppendPercentDecoded(out, segment)) return std::nullopt;
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

bool PathSegments::Decode(std::string_view target) {
  std::string_view path = TargetPath(target);
  size_ = 0;
  more_.clear();
  decoded_.clear();
  bool escaped = path.find('%') != std::string_view::npos;
  if (escaped) decoded_.reserve(path.size());  // decoding never lengthens
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view raw = path.substr(start, slash - start);
    start = slash + 1;
    if (raw.empty()) continue;
    if (!escaped || raw.find('%') == std::string_view::npos) {
      Add(raw);
      continue;
    }
    size_t begin = decoded_.size();
    if (!AppendPercentDecoded(decoded_, raw)) return false;
    Add(std::string_view(decoded_).substr(begin));
  }
  return true;
}

void PathSegments::Add(std::string_view segment) {
  if (size_ < kInline) {
    inline_[size_] = segment;
  } else {
    more_.push_back(segment);
  }
  ++size_;
}

}  // namespace backendless_mock
