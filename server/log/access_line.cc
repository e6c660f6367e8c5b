#include "log/access_line.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "model/json_string.h"

namespace backendless_mock {
namespace {

void AppendInt(std::string& out, long long value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

// The duration as nlohmann/json prints the double round(ms * 1000) / 1000:
// the shortest decimal, at least one fractional digit ("2.5", "3.0").
void AppendDuration(std::string& out, double duration_ms) {
  double micros = std::round(duration_ms * 1000);
  if (!(micros >= 0 && micros < 1e12)) {  // NaN, negative, absurdly long
    out += nlohmann::json(micros / 1000).dump();
    return;
  }
  auto whole = static_cast<long long>(micros);
  AppendInt(out, whole / 1000);
  out += '.';
  int fraction = static_cast<int>(whole % 1000);
  if (fraction == 0) {
    out += '0';
    return;
  }
  char digits[3] = {static_cast<char>('0' + fraction / 100),
                    static_cast<char>('0' + fraction / 10 % 10),
                    static_cast<char>('0' + fraction % 10)};
  size_t length = 3;
  while (digits[length - 1] == '0') --length;
  out.append(digits, length);
}

// A text-format value: bare, unless its JSON form needs quotes to stay one
// value (it has a space, '=' or an escape).
void AppendTextValue(std::string& out, std::string_view value) {
  size_t start = out.size();
  AppendJsonString(out, value);
  for (size_t i = start; i < out.size(); ++i) {
    if (out[i] == ' ' || out[i] == '=' || out[i] == '\\') return;
  }
  out.pop_back();
  out.erase(start, 1);
}

}  // namespace

void AppendAccessLine(std::string& out, LogFormat format, std::string_view time,
                      const AccessRecord& record) {
  // Fields go in key order (decision, duration_ms, ...), as nlohmann sorts.
  if (format == LogFormat::kJson) {
    out += '{';
    if (!record.decision.empty()) {
      out += "\"decision\":";
      AppendJsonString(out, record.decision);
      out += ',';
    }
    out += "\"duration_ms\":";
    AppendDuration(out, record.duration_ms);
    out += ",\"level\":\"info\",\"msg\":";
    std::string message;
    message.reserve(record.method.size() + record.path.size() + 6);
    message.append(record.method).append(1, ' ').append(record.path);
    message += ' ';
    AppendInt(message, record.status);
    AppendJsonString(out, message);
    out += ",\"principal\":";
    AppendJsonString(out, record.principal);
    out += ",\"time\":";
    AppendJsonString(out, time);
    out += "}\n";
    return;
  }
  out.append(time).append(" info ").append(record.method);
  out.append(1, ' ').append(record.path).append(1, ' ');
  AppendInt(out, record.status);
  if (!record.decision.empty()) {
    out += " decision=";
    AppendTextValue(out, record.decision);
  }
  out += " duration_ms=";
  AppendDuration(out, record.duration_ms);
  out += " principal=";
  AppendTextValue(out, record.principal);
  out += '\n';
}

}  // namespace backendless_mock
