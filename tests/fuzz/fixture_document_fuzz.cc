// libFuzzer target: fixture text through ParseFixtureText, ReadFixtureDocument
// and FixtureSetBuilder, as LoadFixtureDirectory runs them. The input is one
// or two documents separated by a NUL byte (two files, so ids declared twice
// across files are exercised too).
//
// Properties beyond "no crash, no sanitizer report": a parsed document is no
// deeper than kMaxJsonDepth (the pre-parse depth scan agrees with the
// parser, comments included); every error line formats; and every entity of an
// error-free load reads back, unchanged, from its own fixture form (what GET
// /__admin/... answers and state snapshots store).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_support.h"
#include "model/fixture_json.h"
#include "model/json_text.h"
#include "store/fixture_document.h"
#include "store/fixture_error.h"
#include "store/fixture_loader.h"
#include "store/fixture_set.h"

namespace bm = backendless_mock;

namespace {

// Aborts (a libFuzzer crash) when `form` does not read back to itself.
template <typename T, typename ReadFn>
void CheckRoundTrip(const T& entity, ReadFn read, const char* kind) {
  nlohmann::json form = entity;
  bm::FixtureErrorSink sink("round-trip");
  std::optional<T> again = read(form, "", sink);
  if (!again || nlohmann::json(*again) != form) {
    std::fprintf(
        stderr, "%s does not read back from its fixture form: %s\n", kind,
        form.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            .c_str());
    for (const bm::FixtureError& error : sink.errors()) {
      std::fprintf(stderr, "  %s\n", bm::FormatFixtureError(error).c_str());
    }
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  bm::FixtureSetBuilder builder;
  bool any_error = false;
  size_t start = 0;
  for (int file = 0; file < 2 && start <= input.size(); ++file) {
    size_t end = input.find('\0', start);
    if (end == std::string::npos) end = input.size();
    bm::FixtureErrorSink sink("fuzz-" + std::to_string(file) + ".json");
    if (std::optional<nlohmann::json> document =
            bm::ParseFixtureText(input.substr(start, end - start), sink)) {
      if (bm::fuzz::Depth(*document) > bm::kMaxJsonDepth) std::abort();
      builder.Add(bm::ReadFixtureDocument(*document, sink), sink);
    }
    for (const bm::FixtureError& error : sink.errors()) {
      any_error = true;
      if (bm::FormatFixtureError(error).empty()) std::abort();
    }
    start = end + 1;
  }
  std::shared_ptr<const bm::FixtureSet> set = builder.Build();
  if (any_error) return 0;
  for (const auto& [id, message] : set->messages()) {
    CheckRoundTrip(message, bm::ReadMessage, "message");
  }
  for (const auto& [id, user] : set->users()) {
    CheckRoundTrip(user, bm::ReadUser, "user");
  }
  for (const auto& [name, channel] : set->channels()) {
    CheckRoundTrip(channel, bm::ReadChannel, "channel");
  }
  for (const auto& [name, push_template] : set->push_templates()) {
    CheckRoundTrip(push_template, bm::ReadPushTemplate, "push template");
  }
  return 0;
}
