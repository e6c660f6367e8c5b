#include "api/json_body.h"

#include "model/errors.h"
#include "model/json_text.h"

namespace backendless_mock {

Expected<nlohmann::json> ParseJsonObjectBody(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return nlohmann::json::object();
  }
  std::string error;
  nlohmann::json parsed = ParseJsonText(body, /*allow_comments=*/false, error);
  if (parsed.is_discarded()) {
    return errors::CannotParseRequest("body is not valid JSON: " + error);
  }
  if (!parsed.is_object()) {
    return errors::CannotParseRequest("body must be a JSON object");
  }
  return parsed;
}

}  // namespace backendless_mock
