#pragma once

#include <optional>
#include <string_view>

#include "store/fixture_document.h"
#include "store/fixture_error.h"

namespace backendless_mock {

// One fixture file's text, read as it streams through the JSON parser.
struct FixtureText {
  // A JSON Schema (such as fixtures/schema.json) that sits among the
  // fixtures: it describes documents rather than being one, so nothing is
  // read from it. A document that declares fixtures is never a schema.
  bool is_schema = false;
  FixtureDocument document;
};

// Reads a fixture document from its text (comments allowed), reporting what
// ReadFixtureDocument reports for the same document. Messages, which may be
// millions, are validated one by one as each closes, so no DOM of the file
// is built; the few other entries are read from a small DOM. A syntax error
// (or nesting deeper than kMaxJsonDepth) is the file's only error, and then
// nothing is read: the result is nullopt.
std::optional<FixtureText> ReadFixtureText(std::string_view text,
                                           FixtureErrorSink& sink);

}  // namespace backendless_mock
