#pragma once

// An incremental HTTP/1.1 request parser: pure, no sockets. The transport
// hands it the bytes received so far for the current request, again and
// again as more arrive, until it answers "complete" or "refuse with status".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backendless_mock {

// What one request may be. Refusals name the HTTP status to answer.
struct ParserLimits {
  size_t max_target_bytes = 8192;       // longer: 414 (cpp-httplib's limit)
  size_t max_header_line_bytes = 8192;  // one header line; longer: 431
  size_t max_header_bytes = 2 << 20;    // the whole head; larger: 431
  size_t max_header_count = 16384;      // more: 431
  size_t max_body_bytes = 1 << 20;      // declared or received; larger: 413
};

enum class ParseStatus {
  kIncomplete,  // more bytes are needed
  kComplete,    // request() is whole; `consumed` bytes of the input were its
  kRefused,     // answer `refusal` and close the connection
};

struct ParseResult {
  ParseStatus status = ParseStatus::kIncomplete;
  size_t consumed = 0;  // kComplete: bytes of the input this request took
  int refusal = 0;      // kRefused: 400, 413, 414 or 431
};

// The parsed request. Views point into the input last given to Parse() (or,
// for a chunked body, into the parser), so they live until the next Parse()
// or Reset().
struct ParsedRequest {
  std::string_view method;  // set once the request line is parsed
  std::string_view target;
  int minor_version = 1;  // HTTP/1.<minor_version>
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;
  bool keep_alive = true;         // what version and Connection header ask
  bool expects_continue = false;  // Expect: 100-continue with a body to come
};

class RequestParser {
 public:
  explicit RequestParser(const ParserLimits& limits) : limits_(limits) {}

  // `input` is every byte received since the start of this request (earlier
  // calls saw a prefix of it; it may have moved in memory since).
  ParseResult Parse(std::string_view input);
  // Forgets the request, ready for the next one.
  void Reset();

  const ParsedRequest& request() const { return request_; }
  // Exchanges the parsed headers with `other`, so that a complete request's
  // headers move to an HttpRequest without allocating.
  void SwapHeaders(
      std::vector<std::pair<std::string_view, std::string_view>>& other) {
    request_.headers.swap(other);
  }
  // The head (request line and headers) has been parsed; a body may follow.
  bool head_parsed() const { return head_end_ != 0; }
  // Some byte of a request (beyond leading empty lines) has been seen.
  bool started() const { return started_; }

 private:
  enum class ChunkState { kSize, kData, kDataEnd, kTrailer };

  ParseResult ParseHead(std::string_view input);
  ParseResult ParseBody(std::string_view input);
  ParseResult ParseChunks(std::string_view input);
  // One line of the head, without its line end; 0 or a refusal status.
  int TakeLine(std::string_view line);
  int TakeRequestLine(std::string_view line);
  int TakeHeaderLine(std::string_view line);
  // Reads framing and connection headers once the head is whole.
  int InterpretHead();
  // Moves every view into the old input to the same place in the new one.
  void Rebase(const char* from, const char* to);

  static ParseResult Refuse(int status) {
    return {ParseStatus::kRefused, 0, status};
  }

  ParserLimits limits_;
  ParsedRequest request_;
  const char* base_ = nullptr;  // input.data() at the last call
  bool started_ = false;
  bool request_line_seen_ = false;
  size_t scan_ = 0;        // head: bytes already looked at
  size_t line_start_ = 0;  // head: where the current line starts
  size_t head_end_ = 0;    // offset just past the head's empty line; 0: not yet
  // Body framing, known once the head is whole.
  bool chunked_ = false;
  uint64_t content_length_ = 0;
  // Chunked decoding: where it stands in the input and what it has so far.
  ChunkState chunk_state_ = ChunkState::kSize;
  size_t chunk_pos_ = 0;
  uint64_t chunk_left_ = 0;
  size_t trailer_bytes_ = 0;
  std::string chunked_body_;
};

}  // namespace backendless_mock
