// libFuzzer target: bytes off the socket through the HTTP/1.1 request parser
// (RequestParser), as the event loop feeds it.
//
// Input: the first byte picks how many bytes arrive per read (1-64); the
// rest is the stream. Properties: the stream parsed as it trickles in
// (each time from a fresh copy, as the connection's buffer moves) gives the
// same requests, in the same order, with the same refusal, as the stream
// parsed whole; a complete request consumed at least one byte and no more
// than it was given; no body exceeds the limit.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request_parser.h"

namespace bm = backendless_mock;

namespace {

// What a parse of the whole stream produced, comparable across runs.
struct Outcome {
  std::vector<std::string> requests;  // each request, flattened
  int refusal = 0;                    // 0: the stream ended incomplete or clean
  bool operator==(const Outcome& other) const {
    return requests == other.requests && refusal == other.refusal;
  }
};

std::string Flatten(const bm::ParsedRequest& request) {
  std::string out;
  out.append(request.method).append(" ").append(request.target);
  out.append(" 1.").append(std::to_string(request.minor_version));
  out.append(request.keep_alive ? " keep" : " close");
  for (const auto& [name, value] : request.headers) {
    out.append("\n").append(name).append(": ").append(value);
  }
  out.append("\n\n").append(request.body);
  return out;
}

constexpr size_t kMaxRequests = 64;

bm::ParserLimits SmallLimits() {
  bm::ParserLimits limits;
  // Small limits, so that inputs of a few KB reach every refusal.
  limits.max_target_bytes = 256;
  limits.max_header_line_bytes = 512;
  limits.max_header_bytes = 2048;
  limits.max_header_count = 32;
  limits.max_body_bytes = 1024;
  return limits;
}

// Feeds `stream` `step` bytes at a time (step 0: all at once).
Outcome Parse(std::string_view stream, size_t step) {
  Outcome outcome;
  bm::ParserLimits limits = SmallLimits();
  bm::RequestParser parser(limits);
  size_t start = 0;  // where the current request's bytes begin
  size_t have = step == 0 ? stream.size() : 0;
  while (outcome.requests.size() < kMaxRequests) {
    if (step != 0) have = std::min(stream.size(), have + step);
    // A fresh copy each time: the parser must not keep pointers into an
    // older buffer.
    std::string received(stream.substr(start, have - start));
    bm::ParseResult result = parser.Parse(received);
    if (result.status == bm::ParseStatus::kRefused) {
      if (result.refusal < 400 || result.refusal > 499) std::abort();
      outcome.refusal = result.refusal;
      return outcome;
    }
    if (result.status == bm::ParseStatus::kComplete) {
      if (result.consumed == 0 || result.consumed > received.size())
        std::abort();
      if (parser.request().body.size() > limits.max_body_bytes) std::abort();
      outcome.requests.push_back(Flatten(parser.request()));
      start += result.consumed;
      parser.Reset();
      if (step == 0 || have < start) have = std::max(have, start);
      continue;
    }
    if (have == stream.size()) return outcome;  // incomplete at the end
  }
  return outcome;
}

void Print(const std::string& label, const Outcome& outcome) {
  std::fprintf(stderr, "%s: %zu request(s), refusal %d\n", label.c_str(),
               outcome.requests.size(), outcome.refusal);
  for (const std::string& request : outcome.requests) {
    std::fprintf(stderr, "  [%zu bytes] %.200s\n", request.size(),
                 request.c_str());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  size_t step = 1 + data[0] % 64;
  std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
  Outcome whole = Parse(stream, 0);
  Outcome trickled = Parse(stream, step);
  if (!(whole == trickled)) {
    Print("whole", whole);
    Print("trickled " + std::to_string(step) + " bytes a read", trickled);
    std::abort();
  }
  return 0;
}
