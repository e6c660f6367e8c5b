#include "api/json_body.h"

#include "model/errors.h"

namespace backendless_mock {

Expected<nlohmann::json> ParseJsonObjectBody(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return nlohmann::json::object();
  }
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    auto bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    return errors::CannotParseRequest("body is not valid JSON: " + what);
  }
  if (!parsed.is_object()) {
    return errors::CannotParseRequest("body must be a JSON object");
  }
  return parsed;
}

}  // namespace backendless_mock
