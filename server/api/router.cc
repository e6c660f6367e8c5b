#include "api/router.h"

namespace backendless_mock {
namespace {

std::vector<std::string> Split(const std::string& pattern) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= pattern.size()) {
    size_t slash = pattern.find('/', start);
    if (slash == std::string::npos) slash = pattern.size();
    parts.push_back(pattern.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

bool IsPlaceholder(const std::string& part) {
  return part.size() >= 2 && part.front() == '{' && part.back() == '}';
}

}  // namespace

void Router::Add(Route route) {
  patterns_.push_back(Split(route.pattern));
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(std::string_view method,
                           const PathSegments& segments, size_t offset) const {
  Match match;
  size_t length = segments.size() - std::min(offset, segments.size());
  for (size_t r = 0; r < routes_.size(); ++r) {
    const std::vector<std::string>& pattern = patterns_[r];
    if (pattern.size() != length) continue;
    bool fits = true;
    for (size_t i = 0; i < length && fits; ++i) {
      fits = IsPlaceholder(pattern[i]) || pattern[i] == segments[offset + i];
    }
    if (!fits) continue;
    match.path_exists = true;
    if (routes_[r].method != method) continue;
    // Copied only for the route that answers: a route tried first with
    // the same shape but another method costs no allocation.
    match.route = &routes_[r];
    for (size_t i = 0; i < length; ++i) {
      if (IsPlaceholder(pattern[i])) {
        match.params.emplace_back(segments[offset + i]);
      }
    }
    return match;
  }
  return match;
}

}  // namespace backendless_mock
