#include "service/publish_request.h"

#include "model/errors.h"

namespace backendless_mock {
namespace {

std::optional<int64_t> IntegerField(const nlohmann::json& body, const char* key,
                                    bool& ok) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<uint64_t>() > INT64_MAX)) {
    ok = false;
    return std::nullopt;
  }
  return it->get<int64_t>();
}

}  // namespace

Expected<PublishRequest> ReadPublishRequest(const nlohmann::json& body) {
  PublishRequest request;
  if (!body.contains("message")) {
    return errors::CannotParseRequest("\"message\" is required");
  }
  for (const char* key :
       {"message", "publisherId", "headers", "publishPolicy", "pushBroadcast",
        "pushSinglecast", "publishAt", "repeatEvery", "repeatExpiresAt",
        "subtopic", "segmentQuery"}) {
    if (body.contains(key)) request.fields[key] = body.at(key);
  }
  auto wrong = [](const char* what) {
    return errors::CannotParseRequest(std::string(what));
  };
  const nlohmann::json& fields = request.fields;
  if (fields.contains("publisherId") && !fields["publisherId"].is_string() &&
      !fields["publisherId"].is_null()) {
    return wrong("\"publisherId\" must be a string");
  }
  if (fields.contains("headers") && !fields["headers"].is_null()) {
    bool strings = fields["headers"].is_object();
    for (const auto& item : fields["headers"].items()) {
      strings = strings && item.value().is_string();
    }
    if (!strings) return wrong("\"headers\" must be an object of strings");
  }
  if (fields.contains("publishPolicy") && !fields["publishPolicy"].is_null()) {
    const nlohmann::json& policy = fields["publishPolicy"];
    if (policy != "PUSH" && policy != "PUBSUB" && policy != "BOTH") {
      return wrong("\"publishPolicy\" must be one of PUSH, PUBSUB, BOTH");
    }
  }
  if (fields.contains("pushBroadcast") &&
      !fields["pushBroadcast"].is_number_integer() &&
      !fields["pushBroadcast"].is_string() &&
      !fields["pushBroadcast"].is_null()) {
    return wrong("\"pushBroadcast\" must be a number or a string");
  }
  if (fields.contains("pushSinglecast") &&
      !fields["pushSinglecast"].is_null()) {
    bool strings = fields["pushSinglecast"].is_array();
    for (const auto& device : fields["pushSinglecast"]) {
      strings = strings && device.is_string();
    }
    if (!strings)
      return wrong("\"pushSinglecast\" must be an array of device ids");
  }
  bool ok = true;
  request.publish_at_ms = IntegerField(body, "publishAt", ok);
  if (!ok) return errors::InvalidPublishDate();
  request.repeat_expires_at_ms = IntegerField(body, "repeatExpiresAt", ok);
  if (!ok) return errors::InvalidExpirationDate();
  request.repeat_every_s = IntegerField(body, "repeatEvery", ok);
  if (!ok || (request.repeat_every_s && *request.repeat_every_s <= 0)) {
    return wrong("\"repeatEvery\" must be a positive number of seconds");
  }
  return request;
}

}  // namespace backendless_mock
