#include "store/fixture_loader.h"

#include <malloc.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <future>
#include <sstream>
#include <system_error>

#include "cpus.h"
#include "model/json_text.h"
#include "store/fixture_document.h"
#include "store/fixture_stream.h"

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
  std::uintmax_t size = fs::file_size(path, ec);
  if (!in || ec) {
    sink.Add("", "cannot read file");
    return std::nullopt;
  }
  // Read in one piece at the size the file has now, then whatever it grew
  // by since: no stream copies of what may be 100 MB of messages.
  std::string text(static_cast<size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (in) {
    std::ostringstream rest;
    rest << in.rdbuf();
    text += std::move(rest).str();
  }
  if (in.bad()) {
    sink.Add("", "cannot read file");
    return std::nullopt;
  }
  return text;
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

namespace {

// One file's read: its errors, and its document unless it was unreadable,
// invalid JSON or a JSON Schema.
struct FileRead {
  FixtureErrorSink sink;
  std::optional<FixtureText> text;
};

FileRead ReadFixtureFile(const fs::path& path) {
  FileRead read{FixtureErrorSink(path.string()), std::nullopt};
  if (std::optional<std::string> text = ReadFile(path, read.sink)) {
    read.text = ReadFixtureText(*text, read.sink);
  }
  return read;
}

}  // namespace

FixtureLoad LoadFixtureDirectory(const fs::path& dir) {
  FixtureLoad load;
  FixtureErrorSink dir_sink(dir.string());
  FixtureSetBuilder builder;
  std::vector<fs::path> files = ListFixtureFiles(dir, dir_sink);
  // Files are parsed up to one per usable CPU at a time, and merged in path
  // order as each completes: the result and its errors are those of a
  // sequential load, and at most that many parsed files wait in memory.
  size_t parallel = std::max<size_t>(1, UsableCpus());
  std::deque<std::future<FileRead>> pending;
  size_t next = 0;
  auto start_next = [&] {
    pending.push_back(
        std::async(std::launch::async, ReadFixtureFile, files[next++]));
  };
  while (next < files.size() && pending.size() < parallel) start_next();
  while (!pending.empty()) {
    FileRead read = pending.front().get();
    pending.pop_front();
    if (next < files.size()) start_next();
    if (read.text && read.text->is_schema) continue;
    if (read.text) builder.Add(std::move(read.text->document), read.sink);
    ++load.file_count;
    load.errors.insert(load.errors.end(), read.sink.errors().begin(),
                       read.sink.errors().end());
  }
  load.errors.insert(load.errors.begin(), dir_sink.errors().begin(),
                     dir_sink.errors().end());
  if (load.errors.empty()) load.set = builder.Build();
#ifdef __GLIBC__
  // The files' texts and parsed messages are freed now; hand the pages back
  // (from every thread's arena) rather than keep the peak resident.
  malloc_trim(0);
#endif
  return load;
}

}  // namespace backendless_mock
