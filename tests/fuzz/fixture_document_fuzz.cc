// libFuzzer target: fixture text through ReadFixtureText and
// FixtureSetBuilder, as LoadFixtureDirectory runs them, with the DOM path
// (ParseFixtureText, ReadFixtureDocument) as the oracle. The input is one
// or two documents separated by a NUL byte (two files, so ids declared twice
// across files are exercised too).
//
// Properties beyond "no crash, no sanitizer report": the streamed read and
// the DOM read agree (both parse or neither; the same error lines and the
// same kept messages); a parsed document is no
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
#include <vector>

#include "fuzz_support.h"
#include "model/fixture_json.h"
#include "model/json_text.h"
#include "store/fixture_document.h"
#include "store/fixture_error.h"
#include "store/fixture_loader.h"
#include "store/fixture_set.h"
#include "store/fixture_stream.h"

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

// Error lines, cross-reference marks included, for comparing two reads.
std::vector<std::string> Lines(const std::vector<bm::FixtureError>& errors) {
  std::vector<std::string> lines;
  for (const bm::FixtureError& error : errors) {
    lines.push_back(bm::FormatFixtureError(error) +
                    (error.cross_reference ? " [x]" : ""));
  }
  return lines;
}

// The messages a document kept, in their fixture form, with their indexes.
std::vector<std::string> MessagesOf(const bm::FixtureDocument& document) {
  std::vector<std::string> out;
  for (const bm::IndexedMessage& message : document.messages) {
    out.push_back(
        std::to_string(message.index) + " " +
        nlohmann::json(message.value)
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return out;
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
    std::string name = "fuzz-" + std::to_string(file) + ".json";
    std::string text = input.substr(start, end - start);
    bm::FixtureErrorSink sink(name);
    std::optional<bm::FixtureText> streamed = bm::ReadFixtureText(text, sink);
    // The DOM path is the oracle: the streamed read must report the same.
    bm::FixtureErrorSink dom_sink(name);
    std::optional<nlohmann::json> document =
        bm::ParseFixtureText(text, dom_sink);
    if (document.has_value() != streamed.has_value()) std::abort();
    if (document) {
      if (bm::fuzz::Depth(*document) > bm::kMaxJsonDepth) std::abort();
      bm::FixtureDocument read = bm::ReadFixtureDocument(*document, dom_sink);
      if (!streamed->is_schema) {
        if (Lines(sink.errors()) != Lines(dom_sink.errors())) std::abort();
        if (MessagesOf(read) != MessagesOf(streamed->document)) std::abort();
      }
    }
    if (streamed && !streamed->is_schema) {
      builder.Add(std::move(streamed->document), sink);
    }
    for (const bm::FixtureError& error : sink.errors()) {
      any_error = true;
      if (bm::FormatFixtureError(error).empty()) std::abort();
    }
    start = end + 1;
  }
  std::shared_ptr<const bm::FixtureSet> set = builder.Build();
  if (any_error) return 0;
  set->messages().ForEach([](const bm::Message& message) {
    CheckRoundTrip(message, bm::fuzz::ReadMessageEntry, "message");
  });
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
