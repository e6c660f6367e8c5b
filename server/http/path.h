#pragma once

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

// The decoded segments of a request target's path; the query is dropped and
// empty segments ("//") are skipped. nullopt when a segment is malformed.
std::optional<std::vector<std::string>> DecodePathSegments(
    std::string_view target);

// The query parameters of a request target, percent-decoded ('+' is a
// space); nullopt when one is malformed. A repeated name keeps its last value.
std::optional<std::map<std::string, std::string>> ParseQuery(
    std::string_view target);

// The path part of a request target, without the query string.
std::string_view TargetPath(std::string_view target);

}  // namespace backendless_mock
