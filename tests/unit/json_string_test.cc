#include "model/json_string.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace backendless_mock {
namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

std::string NlohmannQuoted(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST_CASE("quotes and backslashes are escaped") {
  CHECK(Quoted(R"(a"b\c)") == R"("a\"b\\c")");
  CHECK(Quoted("") == R"("")");
  CHECK(Quoted("/api/x") == R"("/api/x")");  // '/' stays as it is
}

TEST_CASE("control characters get short escapes or \\u00xx") {
  CHECK(Quoted("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  CHECK(Quoted(std::string_view("\x00\x01\x1f", 3)) ==
        R"("\u0000\u0001\u001f")");
  CHECK(Quoted("\x7f") == "\"\x7f\"");  // DEL is not escaped
}

TEST_CASE("UTF-8 passes through; invalid UTF-8 becomes U+FFFD") {
  CHECK(Quoted("caf\xc3\xa9 \xe2\x82\xac") == "\"caf\xc3\xa9 \xe2\x82\xac\"");
  CHECK(Quoted("a\xff"
               "b") ==
        "\"a\xef\xbf\xbd"
        "b\"");
}

TEST_CASE("every single byte is written as nlohmann/json writes it") {
  for (int c = 0; c < 256; ++c) {
    std::string text = "x" + std::string(1, static_cast<char>(c)) + "y";
    CHECK(Quoted(text) == NlohmannQuoted(text));
  }
}

}  // namespace
}  // namespace backendless_mock
