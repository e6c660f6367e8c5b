#include "store/fixture_stream.h"

#include <doctest/doctest.h>

#include <string>

#include "model/json_text.h"

namespace backendless_mock {
namespace {

// The error lines of streaming `text` as f.json.
std::string StreamErrors(const std::string& text) {
  FixtureErrorSink sink("f.json");
  ReadFixtureText(text, sink);
  std::string out;
  for (const FixtureError& error : sink.errors()) {
    out += FormatFixtureError(error) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("a syntax error after valid and invalid messages is the only error") {
  FixtureErrorSink sink("f.json");
  std::optional<FixtureText> read = ReadFixtureText(
      R"({"messages": [{"messageId": "m1", "status": "published"},
                       {"messageId": 7}, )",
      sink);
  CHECK_FALSE(read.has_value());
  REQUIRE(sink.errors().size() == 1);
  CHECK(sink.errors()[0].pointer == "");
  CHECK(sink.errors()[0].reason.rfind("invalid JSON: ", 0) == 0);
}

TEST_CASE("a repeated key keeps its last value, as a DOM would") {
  FixtureErrorSink sink("f.json");
  std::optional<FixtureText> read = ReadFixtureText(
      R"({"messages": [{"messageId": "m1", "status": "bogus",
                        "status": "published", "messageId": "m2"}]})",
      sink);
  REQUIRE(read.has_value());
  CHECK(sink.errors().empty());
  REQUIRE(read->document.messages.size() == 1);
  CHECK(read->document.messages[0].value.id == "m2");
  CHECK(read->document.messages[0].value.status == MessageStatus::kPublished);
}

TEST_CASE("a repeated messages section keeps only the last") {
  SUBCASE("array, then not an array") {
    CHECK(StreamErrors(R"({"messages": [{"messageId": 1}], "messages": 2})") ==
          "f.json: /messages: expected an array, got an integer\n");
  }
  SUBCASE("not an array, then an array") {
    FixtureErrorSink sink("f.json");
    std::optional<FixtureText> read = ReadFixtureText(
        R"({"messages": 2, "messages": [{"messageId": "m1",
                                         "status": "unknown"}]})",
        sink);
    REQUIRE(read.has_value());
    CHECK(sink.errors().empty());
    CHECK(read->document.messages.size() == 1);
  }
  SUBCASE("two arrays") {
    CHECK(StreamErrors(R"({"messages": [{"messageId": 1}],
                           "messages": [{}, {"messageId": 2}]})") ==
          "f.json: /messages/0: missing required key \"messageId\"\n"
          "f.json: /messages/0: missing required key \"status\"\n"
          "f.json: /messages/1/messageId: expected a string, got an integer\n"
          "f.json: /messages/1: missing required key \"status\"\n");
  }
}

TEST_CASE("nesting deeper than the limit is refused while streaming") {
  std::string deep = R"({"messages": [{"messageId": "m1", "message": )";
  deep += std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  deep += "}]}";
  CHECK(StreamErrors(deep) == "f.json: /: invalid JSON: nested deeper than " +
                                  std::to_string(kMaxJsonDepth) + " levels\n");
}

TEST_CASE("a JSON Schema is recognised and not read, fixtures never are") {
  FixtureErrorSink sink("f.json");
  std::optional<FixtureText> schema = ReadFixtureText(
      R"({"$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object"})",
      sink);
  REQUIRE(schema.has_value());
  CHECK(schema->is_schema);
  std::optional<FixtureText> fixtures = ReadFixtureText(
      R"({"$schema": "https://json-schema.org/draft/2020-12/schema",
          "messages": []})",
      sink);
  REQUIRE(fixtures.has_value());
  CHECK_FALSE(fixtures->is_schema);
  CHECK(sink.errors().empty());
}

TEST_CASE("comments are allowed around and inside streamed messages") {
  FixtureErrorSink sink("f.json");
  std::optional<FixtureText> read = ReadFixtureText(
      R"(// fixtures
         {"messages": [ /* one */ {"messageId": "m1", // id
                                   "status": "published"}]})",
      sink);
  REQUIRE(read.has_value());
  CHECK(sink.errors().empty());
  CHECK(read->document.messages.size() == 1);
}

}  // namespace backendless_mock
