#include "http/request_parser.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace backendless_mock {
namespace {

// A request as the parser saw it, copied out of its views.
struct Seen {
  std::string method;
  std::string target;
  int minor_version = 1;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool keep_alive = true;
  size_t consumed = 0;

  bool operator==(const Seen& other) const {
    return method == other.method && target == other.target &&
           minor_version == other.minor_version && headers == other.headers &&
           body == other.body && keep_alive == other.keep_alive &&
           consumed == other.consumed;
  }
};

Seen Copy(const RequestParser& parser, size_t consumed) {
  const ParsedRequest& request = parser.request();
  Seen seen;
  seen.method = std::string(request.method);
  seen.target = std::string(request.target);
  seen.minor_version = request.minor_version;
  for (const auto& [name, value] : request.headers) {
    seen.headers.emplace_back(std::string(name), std::string(value));
  }
  seen.body = std::string(request.body);
  seen.keep_alive = request.keep_alive;
  seen.consumed = consumed;
  return seen;
}

ParserLimits Limits(size_t max_body = 1 << 20) {
  ParserLimits limits;
  limits.max_body_bytes = max_body;
  return limits;
}

// Parses `wire` whole; the request, or fails the test.
Seen ParseWhole(const std::string& wire, ParserLimits limits = Limits()) {
  RequestParser parser(limits);
  ParseResult result = parser.Parse(wire);
  REQUIRE(result.status == ParseStatus::kComplete);
  return Copy(parser, result.consumed);
}

// The refusal status for `wire`, 0 when there is none.
int RefusalOf(const std::string& wire, ParserLimits limits = Limits()) {
  RequestParser parser(limits);
  ParseResult result = parser.Parse(wire);
  return result.status == ParseStatus::kRefused ? result.refusal : 0;
}

// Feeds `wire` as the transport would when it arrives in two reads split at
// `split`: each call sees a fresh copy (the buffer moves in memory), the
// second call the whole of it.
Seen ParseSplit(const std::string& wire, size_t split) {
  RequestParser parser(Limits());
  auto first = std::make_unique<std::string>(wire.substr(0, split));
  ParseResult early = parser.Parse(*first);
  CHECK(early.status == ParseStatus::kIncomplete);
  first.reset();  // the views of the partial request must not point here
  std::string whole = wire;
  ParseResult result = parser.Parse(whole);
  REQUIRE(result.status == ParseStatus::kComplete);
  return Copy(parser, result.consumed);
}

const std::string kGet =
    "GET /api/messaging/m1?x=1 HTTP/1.1\r\nHost: a\r\nuser-token: t\r\n\r\n";
const std::string kPost =
    "POST /api/messaging/default HTTP/1.1\r\nHost: a\r\n"
    "Content-Length: 13\r\n\r\n{\"message\":1}";
const std::string kChunked =
    "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
    "6;name=value\r\n{\"mess\r\n"
    "A\r\nage\":\"hi\"}\r\n"
    "0\r\nX-Trailer: 1\r\n\r\n";

TEST_CASE("a GET is parsed into method, target, version and headers") {
  Seen seen = ParseWhole(kGet);
  CHECK(seen.method == "GET");
  CHECK(seen.target == "/api/messaging/m1?x=1");
  CHECK(seen.minor_version == 1);
  CHECK(seen.headers == std::vector<std::pair<std::string, std::string>>{
                            {"Host", "a"}, {"user-token", "t"}});
  CHECK(seen.body.empty());
  CHECK(seen.keep_alive);
  CHECK(seen.consumed == kGet.size());
}

TEST_CASE("a Content-Length body and a chunked body are read whole") {
  CHECK(ParseWhole(kPost).body == "{\"message\":1}");
  Seen chunked = ParseWhole(kChunked);
  CHECK(chunked.body == "{\"message\":\"hi\"}");
  CHECK(chunked.consumed == kChunked.size());
  // Trailer fields are dropped, not added to the headers.
  CHECK(chunked.headers.size() == 1);
}

TEST_CASE("a request split at every byte parses the same as whole") {
  for (const std::string& wire : {kGet, kPost, kChunked}) {
    Seen whole = ParseWhole(wire);
    for (size_t split = 0; split < wire.size(); ++split) {
      CAPTURE(wire);
      CAPTURE(split);
      CHECK(ParseSplit(wire, split) == whole);
    }
  }
}

TEST_CASE("a request arriving one byte at a time parses the same as whole") {
  for (const std::string& wire : {kGet, kPost, kChunked}) {
    CAPTURE(wire);
    RequestParser parser(Limits());
    std::string buffer;
    ParseResult result;
    for (char c : wire) {
      CHECK(result.status == ParseStatus::kIncomplete);
      buffer.push_back(c);
      std::string moved = buffer;  // a new address every time
      result = parser.Parse(moved);
      if (result.status == ParseStatus::kComplete) {
        CHECK(Copy(parser, result.consumed) == ParseWhole(wire));
      }
    }
    CHECK(result.status == ParseStatus::kComplete);
  }
}

// The refusal for `wire` arriving one byte at a time (a fresh copy each
// time), 0 when it completes or stays incomplete.
int TrickledRefusalOf(const std::string& wire, ParserLimits limits = Limits()) {
  RequestParser parser(limits);
  for (size_t have = 1; have <= wire.size(); ++have) {
    std::string received = wire.substr(0, have);
    ParseResult result = parser.Parse(received);
    if (result.status == ParseStatus::kRefused) return result.refusal;
    if (result.status == ParseStatus::kComplete) return 0;
  }
  return 0;
}

// Found by tests/fuzz/request_parser_fuzz: an overlong request line whose
// target had ended (a long version instead) was 414 while arriving and 400
// whole. Judged on its first bytes now, it is the same either way.
TEST_CASE("an overlong request line gets one answer however it arrives") {
  ParserLimits limits = Limits();
  limits.max_target_bytes = 16;
  const std::string long_version =
      "GET /a\x01b " + std::string(200, 'V') + "\r\n\r\n";
  const std::string long_target =
      "GET /" + std::string(200, 'a') + " HTTP/1.1\r\n\r\n";
  const std::string not_a_request =
      std::string(200, '\x01') + " / HTTP/1.1\r\n\r\n";
  for (const std::string& wire : {long_version, long_target, not_a_request}) {
    CAPTURE(wire);
    CHECK(RefusalOf(wire, limits) == TrickledRefusalOf(wire, limits));
    CHECK(RefusalOf(wire, limits) != 0);
  }
  CHECK(RefusalOf(long_target, limits) == 414);
  CHECK(RefusalOf(not_a_request, limits) == 400);
}

// Found by tests/fuzz/request_parser_fuzz: a header or trailer line of
// exactly the limit was refused (431) when its CR had arrived but not yet
// its LF, and accepted whole.
TEST_CASE(
    "a line of exactly the limit is accepted even when its LF comes late") {
  ParserLimits limits = Limits();
  limits.max_header_line_bytes = 32;
  const std::string header = "X-Pad: " + std::string(32 - 7, 'p');  // 32 bytes
  const std::string in_head = "GET / HTTP/1.1\r\n" + header + "\r\n\r\n";
  const std::string in_trailer =
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n" +
      header + "\r\n\r\n";
  for (const std::string& wire : {in_head, in_trailer}) {
    CAPTURE(wire);
    CHECK(RefusalOf(wire, limits) == 0);
    CHECK(TrickledRefusalOf(wire, limits) == 0);
    // One byte more is refused, both ways.
    std::string longer = wire;
    longer.insert(longer.find("X-Pad: ") + 7, "p");
    CHECK(RefusalOf(longer, limits) == 431);
    CHECK(TrickledRefusalOf(longer, limits) == 431);
  }
}

TEST_CASE("pipelined requests are parsed one after the other") {
  std::string wire = kPost + kChunked + kGet;
  RequestParser parser(Limits());
  std::vector<std::string> targets;
  size_t offset = 0;
  while (offset < wire.size()) {
    ParseResult result = parser.Parse(std::string_view(wire).substr(offset));
    REQUIRE(result.status == ParseStatus::kComplete);
    targets.emplace_back(parser.request().target);
    offset += result.consumed;
    parser.Reset();
  }
  CHECK(targets == std::vector<std::string>{"/api/messaging/default", "/p",
                                            "/api/messaging/m1?x=1"});
  CHECK(parser.Parse("").status == ParseStatus::kIncomplete);
}

TEST_CASE("empty lines before a request are skipped") {
  Seen seen = ParseWhole("\r\n\r\n" + kGet);
  CHECK(seen.method == "GET");
  CHECK(seen.consumed == kGet.size() + 4);
}

TEST_CASE("keep-alive follows the version and the Connection header") {
  CHECK(ParseWhole("GET / HTTP/1.1\r\n\r\n").keep_alive);
  CHECK_FALSE(
      ParseWhole("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keep_alive);
  CHECK_FALSE(ParseWhole("GET / HTTP/1.1\r\nconnection: Upgrade, CLOSE\r\n\r\n")
                  .keep_alive);
  CHECK_FALSE(ParseWhole("GET / HTTP/1.0\r\n\r\n").keep_alive);
  Seen kept = ParseWhole("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  CHECK(kept.keep_alive);
  CHECK(kept.minor_version == 0);
}

TEST_CASE("header names are matched case-insensitively and values trimmed") {
  Seen seen = ParseWhole("POST / HTTP/1.1\r\ncontent-LENGTH:   2  \r\n\r\nab");
  CHECK(seen.body == "ab");
  CHECK(seen.headers.front().second == "2");
}

TEST_CASE("Expect: 100-continue is reported once the head is in") {
  RequestParser parser(Limits());
  std::string head =
      "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n";
  ParseResult result = parser.Parse(head);
  CHECK(result.status == ParseStatus::kIncomplete);
  CHECK(parser.head_parsed());
  CHECK(parser.request().expects_continue);
  std::string whole = head + "hello";
  result = parser.Parse(whole);
  REQUIRE(result.status == ParseStatus::kComplete);
  CHECK(parser.request().body == "hello");
}

TEST_CASE("limits: target 414, headers 431, body 413") {
  std::string long_target =
      "GET /" + std::string(8192, 'a') + " HTTP/1.1\r\n\r\n";
  CHECK(RefusalOf(long_target) == 414);
  // Refused while the line is still arriving, not after it all came.
  CHECK(RefusalOf("GET /" + std::string(9000, 'a')) == 414);
  CHECK(RefusalOf("GET /" + std::string(8000, 'a') + " HTTP/1.1\r\n\r\n") == 0);
  CHECK(RefusalOf("GET / HTTP/1.1\r\nX: " + std::string(9000, 'v') +
                  "\r\n\r\n") == 431);
  CHECK(RefusalOf("GET / HTTP/1.1\r\nX: " + std::string(9000, 'v')) == 431);
  ParserLimits few = Limits();
  few.max_header_count = 3;
  std::string four = "GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\n\r\n";
  CHECK(RefusalOf(four, few) == 431);
  few.max_header_count = 4;
  CHECK(RefusalOf(four, few) == 0);
  // A declared length over the limit is refused before any body arrives.
  std::string over = "POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n";
  CHECK(RefusalOf(over, Limits(64)) == 413);
  CHECK(RefusalOf("POST / HTTP/1.1\r\nContent-Length: 64\r\n\r\n",
                  Limits(64)) == 0);
  CHECK(RefusalOf("POST / HTTP/1.1\r\nContent-Length: "
                  "99999999999999999999999\r\n\r\n") == 413);
  // Chunks adding up past the limit: refused at the chunk that crosses it.
  std::string chunks =
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "20\r\n" +
      std::string(32, 'x') +
      "\r\n"
      "21\r\n";
  CHECK(RefusalOf(chunks, Limits(64)) == 413);
  CHECK(RefusalOf(chunks, Limits(65)) == 0);
}

TEST_CASE("malformed requests answer 400") {
  for (const std::string wire :
       {"NONSENSE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
        "GET / HTTP/1.1 extra\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n",
        "GET /a\x01 HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nNo colon\r\n\r\n",
        "GET / HTTP/1.1\r\n folded: x\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: \r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "POST / HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: "
        "chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        "FFFFFFFFFFFFFFFFFFFFFFFF\r\n",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n"}) {
    CAPTURE(wire);
    CHECK(RefusalOf(wire) == 400);
  }
}

TEST_CASE("a NUL inside a header value is refused, not cut short") {
  using namespace std::string_literals;
  CHECK(RefusalOf("GET / HTTP/1.1\r\nuser-token: tok\0en\r\n\r\n"s) == 400);
}

TEST_CASE("a chunked body short of its size waits for more") {
  RequestParser parser(Limits());
  ParseResult result = parser.Parse(
      "POST / HTTP/1.1\r\nTransfer-Encoding: "
      "chunked\r\n\r\n10\r\n{}\r\n0\r\n\r\n");
  CHECK(result.status == ParseStatus::kIncomplete);
}

TEST_CASE("Reset forgets the previous request") {
  RequestParser parser(Limits());
  REQUIRE(parser.Parse(kChunked).status == ParseStatus::kComplete);
  parser.Reset();
  CHECK_FALSE(parser.head_parsed());
  CHECK_FALSE(parser.started());
  ParseResult result = parser.Parse(kPost);
  REQUIRE(result.status == ParseStatus::kComplete);
  CHECK(parser.request().body == "{\"message\":1}");
  CHECK(parser.request().headers.size() == 2);
}

}  // namespace
}  // namespace backendless_mock
