#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/fixture_error.h"
#include "store/fixture_set.h"

namespace backendless_mock {

// The outcome of loading a fixture directory: a set, or every error found.
struct FixtureLoad {
  std::shared_ptr<const FixtureSet> set;  // null when errors is not empty
  std::vector<FixtureError> errors;
  size_t file_count = 0;
};

// Loads every *.json file below `dir`, recursively, in sorted path order.
// Comments (// and /* */) are allowed. A file whose "$schema" is a
// json-schema.org meta-schema is a JSON Schema, not a fixture, and is skipped.
// Never half-loads: any error means no set.
FixtureLoad LoadFixtureDirectory(const std::filesystem::path& dir);

// Parses one document's text, comments allowed; reports a syntax error.
std::optional<nlohmann::json> ParseFixtureText(const std::string& text,
                                               FixtureErrorSink& sink);

}  // namespace backendless_mock
