#pragma once

#include <string>
#include <string_view>

namespace backendless_mock {

enum class LogFormat { kText, kJson };

// What the access log says of one answered request. Views: they must outlive
// the Logger::Access call that formats them.
struct AccessRecord {
  std::string_view method;
  std::string_view path;  // as the log shows it (no query string)
  int status = 0;
  double duration_ms = 0;  // printed rounded to the microsecond
  std::string_view principal;
  std::string_view decision;  // omitted when empty
};

// Appends the access line for `record`, with its '\n', exactly as
// Logger::Info("<method> <path> <status>", {duration_ms, principal[,
// decision]}) prints it, but without building a JSON value: this runs once
// per request. `time` is the formatted timestamp.
void AppendAccessLine(std::string& out, LogFormat format, std::string_view time,
                      const AccessRecord& record);

}  // namespace backendless_mock
