#include "http/path.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace backendless_mock {
namespace {

// The segments as strings, or {"<malformed>"} when decoding fails.
std::vector<std::string> Decoded(PathSegments& segments,
                                 std::string_view target) {
  if (!segments.Decode(target)) return {"<malformed>"};
  std::vector<std::string> out;
  for (size_t i = 0; i < segments.size(); ++i) out.emplace_back(segments[i]);
  return out;
}

std::vector<std::string> Decoded(std::string_view target) {
  PathSegments segments;
  return Decoded(segments, target);
}

using Strings = std::vector<std::string>;

TEST_CASE("path segments split at slashes, skipping empty ones") {
  CHECK(Decoded("/api/messaging/m1") == Strings{"api", "messaging", "m1"});
  CHECK(Decoded("//a///b/") == Strings{"a", "b"});
  CHECK(Decoded("/") == Strings{});
  CHECK(Decoded("") == Strings{});
  CHECK(Decoded("a") == Strings{"a"});
}

TEST_CASE("the query and fragment are not part of the path") {
  CHECK(Decoded("/a/b?c=/d#e") == Strings{"a", "b"});
  CHECK(Decoded("/a#b/c") == Strings{"a"});
  CHECK(Decoded("/a/%3F?x") == Strings{"a", "?"});
}

TEST_CASE("segments with escapes are decoded, the others kept as sent") {
  CHECK(Decoded("/api/messaging/message%3AABC") ==
        Strings{"api", "messaging", "message:ABC"});
  CHECK(Decoded("/x%2Fy/plain/caf%C3%A9/a+b%20c") ==
        Strings{"x/y", "plain", "caf\xc3\xa9", "a+b c"});
  CHECK(Decoded("/%41%42/%43") == Strings{"AB", "C"});
}

TEST_CASE("a malformed escape fails the whole path") {
  for (const char* target : {"/a/%4", "/a/%ZZ/b", "/%", "/ok/%g0", "/a%2"}) {
    CAPTURE(target);
    CHECK(Decoded(target) == Strings{"<malformed>"});
  }
}

TEST_CASE("paths with more segments than fit inline keep them all") {
  std::string target;
  Strings expected;
  for (int i = 0; i < 40; ++i) {
    target += "/s" + std::to_string(i) + (i % 3 == 0 ? "%21" : "");
    expected.push_back("s" + std::to_string(i) + (i % 3 == 0 ? "!" : ""));
  }
  CHECK(Decoded(target) == expected);
}

TEST_CASE("decoding again replaces the earlier segments") {
  PathSegments segments;
  CHECK(Decoded(segments, "/a%20b/c/d/e") == Strings{"a b", "c", "d", "e"});
  CHECK(Decoded(segments, "/x") == Strings{"x"});
  CHECK(Decoded(segments, "/bad/%") == Strings{"<malformed>"});
  CHECK(Decoded(segments, "/%79/z") == Strings{"y", "z"});
}

TEST_CASE("percent-decoding a single segment") {
  CHECK(PercentDecode("message%3AABC") ==
        std::optional<std::string>("message:ABC"));
  CHECK(PercentDecode("a+b") == std::optional<std::string>("a+b"));
  CHECK(PercentDecode("%4") == std::nullopt);
  CHECK(PercentDecode("%zz") == std::nullopt);
}

}  // namespace
}  // namespace backendless_mock
