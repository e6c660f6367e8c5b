#include "store/fixture_loader.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "model/json_text.h"
#include "store/fixture_document.h"

namespace backendless_mock {
namespace fs = std::filesystem;

namespace {

// Every regular *.json file below dir, sorted; unlistable entries are errors.
std::vector<fs::path> ListFixtureFiles(const fs::path& dir,
                                       FixtureErrorSink& sink) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    sink.Add("", "fixture directory does not exist or is not a directory");
    return files;
  }
  fs::recursive_directory_iterator it(
      dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    if (path.extension() != ".json") continue;
    std::error_code type_ec;
    if (it->is_directory(type_ec)) continue;
    files.push_back(path);
  }
  if (ec) sink.Add("", "cannot list fixture directory: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<std::string> ReadFile(const fs::path& path,
                                    FixtureErrorSink& sink) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    sink.Add("", "not a regular file (a broken symlink or a special file)");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink.Add("", "cannot read file");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    sink.Add("", "cannot read file");
    return std::nullopt;
  }
  return std::move(text).str();
}

// A JSON Schema (such as fixtures/schema.json) may sit among the fixtures:
// it describes documents rather than being one. A document that declares
// fixtures is never taken for a schema.
bool IsJsonSchema(const nlohmann::json& document) {
  if (!document.is_object()) return false;
  for (const char* key :
       {"apps", "users", "channels", "messages", "pushTemplates"}) {
    if (document.contains(key)) return false;
  }
  auto it = document.find("$schema");
  if (it == document.end() || !it->is_string()) return false;
  const auto& uri = it->get_ref<const std::string&>();
  return uri.rfind("http://json-schema.org/", 0) == 0 ||
         uri.rfind("https://json-schema.org/", 0) == 0;
}

}  // namespace

std::optional<nlohmann::json> ParseFixtureText(const std::string& text,
                                               FixtureErrorSink& sink) {
  std::string error;
  nlohmann::json document = ParseJsonText(text, /*allow_comments=*/true, error);
  if (document.is_discarded()) {
    sink.Add("", "invalid JSON: " + error);
    return std::nullopt;
  }
  return document;
}

FixtureLoad LoadFixtureDirectory(const fs::path& dir) {
  FixtureLoad load;
  FixtureErrorSink dir_sink(dir.string());
  FixtureSetBuilder builder;
  for (const fs::path& path : ListFixtureFiles(dir, dir_sink)) {
    FixtureErrorSink sink(path.string());
    if (std::optional<std::string> text = ReadFile(path, sink)) {
      std::optional<nlohmann::json> document = ParseFixtureText(*text, sink);
      if (document && IsJsonSchema(*document)) continue;
      if (document) builder.Add(ReadFixtureDocument(*document, sink), sink);
    }
    ++load.file_count;
    load.errors.insert(load.errors.end(), sink.errors().begin(),
                       sink.errors().end());
  }
  load.errors.insert(load.errors.begin(), dir_sink.errors().begin(),
                     dir_sink.errors().end());
  if (load.errors.empty()) load.set = builder.Build();
  return load;
}

}  // namespace backendless_mock
