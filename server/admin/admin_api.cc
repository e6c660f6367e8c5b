#include "admin/admin_api.h"

#include "api/json_body.h"
#include "http/reply.h"
#include "log/logger.h"
#include "model/errors.h"

namespace backendless_mock {

void AdminApi::Register(Router& router) {
  router.Add({"GET", "clock", TokenUse::kIgnore,
              [this](const ApiRequest&) { return GetClock(); }});
  router.Add({"POST", "clock", TokenUse::kIgnore,
              [this](const ApiRequest& r) { return MoveClock(r); }});
}

HttpResponse AdminApi::GetClock() const {
  int64_t now = clock_.NowMs();
  return JsonResponse({{"nowMs", now},
                       {"now", FormatTimestamp(now)},
                       {"frozen", clock_.frozen()}});
}

HttpResponse AdminApi::MoveClock(const ApiRequest& request) {
  Expected<nlohmann::json> body = ParseJsonObjectBody(request.http.body);
  if (!body.ok()) return ErrorResponse(body.error());
  const nlohmann::json& command = body.value();
  auto integer = [&command](const char* key) -> std::optional<int64_t> {
    auto it = command.find(key);
    if (it == command.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<int64_t>();
  };
  auto flag = [&command](const char* key) {
    auto it = command.find(key);
    return it != command.end() && it->is_boolean() && it->get<bool>();
  };
  if (command.size() != 1) {
    return ErrorResponse(errors::CannotParseRequest(
        "expected exactly one of advanceMs, setMs, freeze, resume"));
  }
  if (command.contains("advanceMs")) {
    std::optional<int64_t> delta = integer("advanceMs");
    if (!delta || *delta < 0) {
      return ErrorResponse(errors::CannotParseRequest(
          "\"advanceMs\" must be a non-negative integer"));
    }
    clock_.AdvanceMs(*delta);
  } else if (command.contains("setMs")) {
    std::optional<int64_t> now = integer("setMs");
    if (!now) {
      return ErrorResponse(
          errors::CannotParseRequest("\"setMs\" must be an integer"));
    }
    clock_.SetMs(*now);
  } else if (flag("freeze")) {
    clock_.Freeze();
  } else if (flag("resume")) {
    clock_.Resume();
  } else {
    return ErrorResponse(errors::CannotParseRequest(
        "expected exactly one of advanceMs, setMs, freeze, resume"));
  }
  return GetClock();
}

}  // namespace backendless_mock
