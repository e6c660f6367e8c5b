#include "http/request_parser.h"

#include "http/exchange.h"
#include "http/path.h"

namespace backendless_mock {
namespace {

constexpr int kMalformed = 400;
constexpr int kBodyTooLarge = 413;
constexpr int kTargetTooLong = 414;
constexpr int kHeadersTooLarge = 431;
// A chunk-size line (hex digits and extensions) longer than this is refused.
constexpr size_t kMaxChunkLineBytes = 4096;
// Method and version around the target on a request line.
constexpr size_t kRequestLineSlack = 64;

bool IsTokenChar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Control characters other than tab are not allowed in a target or value.
bool HasControl(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\t') || u == 0x7f) return true;
  }
  return false;
}

std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Whether a comma-separated header value lists `token` (case-insensitive).
bool ListsToken(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    size_t comma = value.find(',');
    std::string_view item = TrimSpace(value.substr(0, comma));
    if (EqualsIgnoreCase(item, token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

// The bytes of a line still arriving (no LF yet) from `start`, without a
// trailing CR: what the line will measure if its LF comes next, so a limit
// gives the same answer however the bytes were split.
size_t PendingLineBytes(std::string_view input, size_t start) {
  size_t bytes = input.size() - start;
  if (bytes > 0 && input.back() == '\r') --bytes;
  return bytes;
}

// The line [start, end) without a trailing CR.
std::string_view LineAt(std::string_view input, size_t start, size_t end) {
  std::string_view line = input.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The refusal for a request line longer than `limit`, any valid one's
// length. It is judged on the line's first limit + 1 bytes only, so that the
// answer is the same whether the line is still arriving or whole, however
// the bytes were split: 414 when it starts like a request, else 400.
int OverlongRequestLine(std::string_view line, size_t limit) {
  line = line.substr(0, limit + 1);
  size_t space = line.find(' ');
  bool looks_like_request =
      space != std::string_view::npos && IsToken(line.substr(0, space));
  return looks_like_request ? kTargetTooLong : kMalformed;
}

}  // namespace

void RequestParser::Reset() {
  ParserLimits limits = limits_;
  std::string body = std::move(chunked_body_);
  std::vector<std::pair<std::string_view, std::string_view>> headers =
      std::move(request_.headers);
  *this = RequestParser(limits);
  // Keep the allocations for the next request on this connection.
  body.clear();
  headers.clear();
  chunked_body_ = std::move(body);
  request_.headers = std::move(headers);
}

ParseResult RequestParser::Parse(std::string_view input) {
  if (base_ != nullptr && base_ != input.data()) Rebase(base_, input.data());
  base_ = input.data();
  if (head_end_ == 0) {
    ParseResult head = ParseHead(input);
    if (head.status == ParseStatus::kRefused || head_end_ == 0) return head;
  }
  return ParseBody(input);
}

ParseResult RequestParser::ParseHead(std::string_view input) {
  while (scan_ < input.size()) {
    size_t newline = input.find('\n', scan_);
    if (newline == std::string_view::npos) {
      scan_ = input.size();
      break;
    }
    std::string_view line = LineAt(input, line_start_, newline);
    if (!request_line_seen_ &&
        line.size() > limits_.max_target_bytes + kRequestLineSlack) {
      return Refuse(OverlongRequestLine(
          line, limits_.max_target_bytes + kRequestLineSlack));
    }
    scan_ = line_start_ = newline + 1;
    if (line.empty()) {
      // Empty lines before a request are ignored (RFC 9112 2.2).
      if (!request_line_seen_) continue;
      head_end_ = newline + 1;
      if (int refusal = InterpretHead()) return Refuse(refusal);
      return {};
    }
    started_ = true;
    if (int refusal = TakeLine(line)) return Refuse(refusal);
    if (line_start_ > limits_.max_header_bytes) return Refuse(kHeadersTooLarge);
  }
  // The line still arriving must not grow past what a whole one may be.
  // (The head's total is checked per whole line, above: a check here would
  // see a line's CR before its LF and could answer differently.)
  if (input.size() > line_start_) started_ = true;
  size_t partial = PendingLineBytes(input, line_start_);
  if (!request_line_seen_) {
    if (partial > limits_.max_target_bytes + kRequestLineSlack) {
      return Refuse(
          OverlongRequestLine(input.substr(line_start_),
                              limits_.max_target_bytes + kRequestLineSlack));
    }
  } else if (partial > limits_.max_header_line_bytes) {
    return Refuse(kHeadersTooLarge);
  }
  return {};
}

int RequestParser::TakeLine(std::string_view line) {
  return request_line_seen_ ? TakeHeaderLine(line) : TakeRequestLine(line);
}

int RequestParser::TakeRequestLine(std::string_view line) {
  request_line_seen_ = true;
  size_t first = line.find(' ');
  if (first == std::string_view::npos) return kMalformed;
  size_t last = line.rfind(' ');
  std::string_view method = line.substr(0, first);
  std::string_view version = line.substr(last + 1);
  if (!IsToken(method)) return kMalformed;
  request_.method = method;
  if (last == first) return kMalformed;
  std::string_view target = line.substr(first + 1, last - first - 1);
  if (target.size() > limits_.max_target_bytes) return kTargetTooLong;
  if (target.empty() || target.find(' ') != std::string_view::npos ||
      HasControl(target)) {
    return kMalformed;
  }
  request_.target = target;
  if (version == "HTTP/1.1") {
    request_.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    request_.minor_version = 0;
  } else {
    return kMalformed;
  }
  return 0;
}

int RequestParser::TakeHeaderLine(std::string_view line) {
  if (line.size() > limits_.max_header_line_bytes) return kHeadersTooLarge;
  if (request_.headers.size() >= limits_.max_header_count) {
    return kHeadersTooLarge;
  }
  // Obsolete line folding (a line starting with white space) is refused.
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return kMalformed;
  std::string_view name = line.substr(0, colon);
  std::string_view value = TrimSpace(line.substr(colon + 1));
  if (!IsToken(name) || HasControl(value)) return kMalformed;
  request_.headers.emplace_back(name, value);
  return 0;
}

int RequestParser::InterpretHead() {
  bool has_length = false;
  bool has_encoding = false;
  bool close = false;
  bool keep_alive = false;
  bool expect_continue = false;
  for (const auto& [name, value] : request_.headers) {
    if (EqualsIgnoreCase(name, "Content-Length")) {
      if (value.empty()) return kMalformed;
      uint64_t length = 0;
      bool too_large = false;
      for (char c : value) {
        if (c < '0' || c > '9') return kMalformed;
        if (length > (UINT64_MAX - 9) / 10) too_large = true;
        if (!too_large) length = length * 10 + static_cast<uint64_t>(c - '0');
      }
      if (too_large) length = UINT64_MAX;
      // Two different lengths make the framing ambiguous (smuggling).
      if (has_length && length != content_length_) return kMalformed;
      has_length = true;
      content_length_ = length;
    } else if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
      // Only "chunked" is understood; anything else cannot be framed.
      if (has_encoding || !EqualsIgnoreCase(value, "chunked"))
        return kMalformed;
      has_encoding = true;
    } else if (EqualsIgnoreCase(name, "Connection")) {
      close = close || ListsToken(value, "close");
      keep_alive = keep_alive || ListsToken(value, "keep-alive");
    } else if (EqualsIgnoreCase(name, "Expect")) {
      expect_continue = EqualsIgnoreCase(value, "100-continue");
    }
  }
  // Both framings at once is how requests are smuggled: refuse.
  if (has_length && has_encoding) return kMalformed;
  if (has_length && content_length_ > limits_.max_body_bytes)
    return kBodyTooLarge;
  chunked_ = has_encoding;
  chunk_pos_ = head_end_;
  request_.keep_alive = !close && (request_.minor_version >= 1 || keep_alive);
  request_.expects_continue = expect_continue && request_.minor_version >= 1 &&
                              (chunked_ || content_length_ > 0);
  return 0;
}

ParseResult RequestParser::ParseBody(std::string_view input) {
  if (chunked_) return ParseChunks(input);
  if (input.size() - head_end_ < content_length_) return {};
  auto length = static_cast<size_t>(content_length_);
  request_.body = input.substr(head_end_, length);
  return {ParseStatus::kComplete, head_end_ + length, 0};
}

ParseResult RequestParser::ParseChunks(std::string_view input) {
  while (chunk_pos_ < input.size()) {
    switch (chunk_state_) {
      case ChunkState::kSize: {
        size_t newline = input.find('\n', chunk_pos_);
        if (newline == std::string_view::npos) {
          if (PendingLineBytes(input, chunk_pos_) > kMaxChunkLineBytes) {
            return Refuse(kMalformed);
          }
          return {};
        }
        std::string_view line = LineAt(input, chunk_pos_, newline);
        if (line.size() > kMaxChunkLineBytes) return Refuse(kMalformed);
        uint64_t size = 0;
        size_t digits = 0;
        while (digits < line.size() && HexValue(line[digits]) >= 0) {
          // 15 hex digits already exceed any body limit; more overflow.
          if (digits == 15) return Refuse(kMalformed);
          size = size * 16 + static_cast<uint64_t>(HexValue(line[digits]));
          ++digits;
        }
        std::string_view rest = TrimSpace(line.substr(digits));
        // Chunk extensions (";name=value") are allowed and ignored.
        if (digits == 0 || (!rest.empty() && rest.front() != ';')) {
          return Refuse(kMalformed);
        }
        if (size > limits_.max_body_bytes - chunked_body_.size()) {
          return Refuse(kBodyTooLarge);
        }
        chunk_pos_ = newline + 1;
        chunk_left_ = size;
        chunk_state_ = size == 0 ? ChunkState::kTrailer : ChunkState::kData;
        break;
      }
      case ChunkState::kData: {
        size_t available = input.size() - chunk_pos_;
        size_t take = chunk_left_ < available ? static_cast<size_t>(chunk_left_)
                                              : available;
        chunked_body_.append(input.data() + chunk_pos_, take);
        chunk_pos_ += take;
        chunk_left_ -= take;
        if (chunk_left_ == 0) chunk_state_ = ChunkState::kDataEnd;
        break;
      }
      case ChunkState::kDataEnd: {
        // The CRLF after a chunk's data (a bare LF is tolerated).
        if (input[chunk_pos_] == '\n') {
          chunk_pos_ += 1;
        } else if (input[chunk_pos_] == '\r') {
          if (chunk_pos_ + 1 >= input.size()) return {};
          if (input[chunk_pos_ + 1] != '\n') return Refuse(kMalformed);
          chunk_pos_ += 2;
        } else {
          return Refuse(kMalformed);
        }
        chunk_state_ = ChunkState::kSize;
        break;
      }
      case ChunkState::kTrailer: {
        size_t newline = input.find('\n', chunk_pos_);
        if (newline == std::string_view::npos) {
          if (PendingLineBytes(input, chunk_pos_) >
              limits_.max_header_line_bytes) {
            return Refuse(kHeadersTooLarge);
          }
          return {};
        }
        std::string_view line = LineAt(input, chunk_pos_, newline);
        trailer_bytes_ += newline + 1 - chunk_pos_;
        chunk_pos_ = newline + 1;
        if (line.empty()) {
          request_.body = chunked_body_;
          return {ParseStatus::kComplete, chunk_pos_, 0};
        }
        // Trailer fields are read past and dropped: no route uses them.
        if (line.size() > limits_.max_header_line_bytes ||
            head_end_ + trailer_bytes_ > limits_.max_header_bytes) {
          return Refuse(kHeadersTooLarge);
        }
        break;
      }
    }
  }
  return {};
}

void RequestParser::Rebase(const char* from, const char* to) {
  auto move = [from, to](std::string_view& view) {
    if (view.data() == nullptr) return;
    view = std::string_view(to + (view.data() - from), view.size());
  };
  move(request_.method);
  move(request_.target);
  for (auto& [name, value] : request_.headers) {
    move(name);
    move(value);
  }
  // A chunked body lives in chunked_body_, a Content-Length one is set only
  // when complete: neither points into the old input.
}

}  // namespace backendless_mock
