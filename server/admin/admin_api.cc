#include "admin/admin_api.h"

#include "api/json_body.h"
#include "http/reply.h"
#include "log/logger.h"
#include "model/errors.h"

namespace backendless_mock {
namespace {

// The clock stays within years 1 to 9999, where timestamps print sensibly.
constexpr int64_t kEarliestMs = -62135596800000;
constexpr int64_t kLatestMs = 253402300799999;

}  // namespace

void AdminApi::Register(Router& router) {
  router.Add({"GET", "health", TokenUse::kIgnore,
              [this](const ApiRequest&) { return Health(); }});
  router.Add({"POST", "fixtures/reload", TokenUse::kIgnore,
              [this](const ApiRequest&) { return ReloadFixtures(); }});
  router.Add({"GET", "clock", TokenUse::kIgnore,
              [this](const ApiRequest&) { return GetClock(); }});
  router.Add({"POST", "clock", TokenUse::kIgnore,
              [this](const ApiRequest& r) { return MoveClock(r); }});
}

HttpResponse AdminApi::Health() const {
  return JsonResponse(nlohmann::json(control_.Health()));
}

HttpResponse AdminApi::ReloadFixtures() {
  ReloadResult result = control_.ReloadFixtures("admin");
  nlohmann::json body = result;
  if (result.ok) return JsonResponse(body);
  // Kept the last good set: an error, in the Backendless shape plus details.
  body["code"] = 422;
  body["message"] = "Fixture reload failed with " +
                    std::to_string(result.errors.size()) +
                    " error(s); serving the last good set";
  return JsonResponse(body, 422);
}

HttpResponse AdminApi::GetClock() const {
  const AdjustableClock& clock = control_.clock();
  int64_t now = clock.NowMs();
  return JsonResponse({{"nowMs", now},
                       {"now", FormatTimestamp(now)},
                       {"frozen", clock.frozen()}});
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
    if (*delta > kLatestMs - control_.clock().NowMs()) {
      return ErrorResponse(errors::CannotParseRequest(
          "\"advanceMs\" would move the clock past the year 9999"));
    }
    control_.clock().AdvanceMs(*delta);
  } else if (command.contains("setMs")) {
    std::optional<int64_t> now = integer("setMs");
    if (!now || *now < kEarliestMs || *now > kLatestMs) {
      return ErrorResponse(errors::CannotParseRequest(
          "\"setMs\" must be an integer between " +
          std::to_string(kEarliestMs) + " and " + std::to_string(kLatestMs)));
    }
    control_.clock().SetMs(*now);
  } else if (flag("freeze")) {
    control_.clock().Freeze();
  } else if (flag("resume")) {
    control_.clock().Resume();
  } else {
    return ErrorResponse(errors::CannotParseRequest(
        "expected exactly one of advanceMs, setMs, freeze, resume"));
  }
  return GetClock();
}

}  // namespace backendless_mock
