#pragma once

#include <string>
#include <string_view>

namespace backendless_mock {

// Appends `text` as a quoted JSON string, byte for byte as nlohmann/json's
// dump(-1, ' ', false, error_handler_t::replace) writes it: '"' and '\\'
// escaped, \b \f \n \r \t short, other control characters as \u00xx, UTF-8
// passed through, invalid UTF-8 replaced by U+FFFD. The hot paths (access
// log, status bodies) write JSON through this instead of building a value.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace backendless_mock
