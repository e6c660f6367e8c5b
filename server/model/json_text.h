#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace backendless_mock {

// JSON nested deeper than this is refused before parsing: nlohmann/json
// recurses when it destroys (and dumps) values, so depth is a stack risk.
inline constexpr size_t kMaxJsonDepth = 512;

// Every JSON text from outside (request bodies, fixture files, state files)
// is parsed here. Fills `error` ("parse error at line 1, ...", or the depth
// refusal) and returns a discarded value when the text is not valid JSON.
nlohmann::json ParseJsonText(std::string_view text, bool allow_comments,
                             std::string& error);

}  // namespace backendless_mock
