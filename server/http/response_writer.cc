#include "http/response_writer.h"

#include <charconv>

namespace backendless_mock {
namespace {

void AppendNumber(uint64_t value, std::string& out) {
  char digits[24];
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  (void)error;  // 24 digits always suffice
  out.append(digits, end);
}

void AppendHeader(std::string_view name, std::string_view value,
                  std::string& out) {
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

// Headers the transport writes itself from the framing it chose.
bool IsFramingHeader(std::string_view name) {
  return EqualsIgnoreCase(name, "Content-Length") ||
         EqualsIgnoreCase(name, "Transfer-Encoding") ||
         EqualsIgnoreCase(name, "Connection");
}

}  // namespace

const char* ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 418:
      return "I'm a teapot";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

void AppendResponse(const HttpResponse& response, ResponseFraming framing,
                    std::string& out) {
  int status = response.status;
  out.append("HTTP/1.1 ");
  AppendNumber(static_cast<uint64_t>(status < 0 ? 0 : status), out);
  out.push_back(' ');
  out.append(ReasonPhrase(status));
  out.append("\r\n");
  if (!response.content_type.empty()) {
    AppendHeader("Content-Type", response.content_type, out);
  }
  bool bodyless_status = (status >= 100 && status < 200) || status == 204;
  if (!bodyless_status) {
    out.append("Content-Length: ");
    AppendNumber(response.body.size(), out);
    out.append("\r\n");
  }
  for (const auto& [name, value] : response.headers) {
    if (!IsFramingHeader(name)) AppendHeader(name, value, out);
  }
  if (framing.close) {
    out.append("Connection: close\r\n");
  } else if (framing.keep_alive_10) {
    out.append("Connection: keep-alive\r\n");
  }
  out.append("\r\n");
  if (!framing.head_only && !bodyless_status) out.append(response.body);
}

}  // namespace backendless_mock
