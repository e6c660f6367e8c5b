#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backendless_mock {

// The value of one hex digit, or -1 when `c` is not one (percent escapes,
// chunk sizes).
int HexValue(char c);

// Percent-decodes one path segment ("message%3AABC" -> "message:ABC").
// nullopt for a malformed escape ("%4", "%ZZ"). '+' stays '+'.
std::optional<std::string> PercentDecode(std::string_view segment);

// Appends the percent-decoding of `segment` to `out`; false (with `out`
// partly appended) for a malformed escape. PercentDecode's rules.
bool AppendPercentDecoded(std::string& out, std::string_view segment);

// The decoded segments of a request target's path; the query is dropped and
// empty segments ("//") are skipped. Decoding allocates nothing in the
// common case: a segment without '%' is a view into the target, and one with
// escapes is decoded into this object's own buffer. Not copyable: the views
// may point into it. The target must outlive the views.
class PathSegments {
 public:
  PathSegments() = default;
  PathSegments(const PathSegments&) = delete;
  PathSegments& operator=(const PathSegments&) = delete;

  // Replaces the segments with those of `target`. False when a segment is
  // malformed; the segments are then unspecified.
  bool Decode(std::string_view target);

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // REQUIRES: i < size().
  std::string_view operator[](size_t i) const {
    return i < kInline ? inline_[i] : more_[i - kInline];
  }

 private:
  void Add(std::string_view segment);

  static constexpr size_t kInline = 16;  // more than any route has
  std::array<std::string_view, kInline> inline_;
  std::vector<std::string_view> more_;  // segments past kInline
  size_t size_ = 0;
  // The escaped segments' decoded text. Reserved to the path's length
  // before decoding, so appending never moves the text the views see.
  std::string decoded_;
};

// The query parameters of a request target, percent-decoded ('+' is a
// space); nullopt when one is malformed. A repeated name keeps its last value.
std::optional<std::map<std::string, std::string>> ParseQuery(
    std::string_view target);

// The path part of a request target, without the query string.
std::string_view TargetPath(std::string_view target);

}  // namespace backendless_mock
