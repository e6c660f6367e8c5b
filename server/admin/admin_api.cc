#include "admin/admin_api.h"

#include "api/json_body.h"
#include "http/path.h"
#include "http/reply.h"
#include "log/logger.h"
#include "model/errors.h"

namespace backendless_mock {
namespace {

using nlohmann::json;

// Runs `with_body` on the request's JSON object body, or answers its error.
template <typename Fn>
HttpResponse WithBody(const ApiRequest& request, Fn with_body) {
  Expected<json> body = ParseJsonObjectBody(request.http.body);
  if (!body.ok()) return ErrorResponse(body.error());
  return with_body(body.value());
}

std::optional<int64_t> ParseInteger(const std::string& text) {
  if (text.empty()) return std::nullopt;
  size_t used = 0;
  try {
    long long value = std::stoll(text, &used);
    if (used != text.size()) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

void AdminApi::Register(Router& router) {
  auto add = [&router](const char* method, const char* pattern,
                       ApiHandler handler) {
    router.Add({method, pattern, TokenUse::kIgnore, std::move(handler)});
  };
  add("GET", "health", [this](const ApiRequest&) { return Health(); });
  add("POST", "fixtures/reload",
      [this](const ApiRequest&) { return ReloadFixtures(); });
  add("POST", "reset", [this](const ApiRequest& r) { return Reset(r); });
  add("GET", "clock", [this](const ApiRequest&) { return GetClock(); });
  add("POST", "clock", [this](const ApiRequest& r) { return MoveClock(r); });
  add("GET", "requests/count",
      [this](const ApiRequest& r) { return FindRequests(r, true); });
  add("GET", "requests",
      [this](const ApiRequest& r) { return FindRequests(r, false); });
  add("DELETE", "requests", [this](const ApiRequest&) {
    control_.journal().Clear();
    return JsonResponse({{"cleared", true}});
  });
  add("POST", "faults", [this](const ApiRequest& r) { return AddFault(r); });
  add("GET", "faults", [this](const ApiRequest&) {
    return JsonResponse({{"faults", control_.faults().List()}});
  });
  add("DELETE", "faults/{faultId}", [this](const ApiRequest& r) {
    if (!control_.faults().Remove(r.params[0])) {
      return ErrorResponse(errors::EntityNotFound("fault", r.params[0]));
    }
    return JsonResponse({{"deleted", r.params[0]}});
  });
  add("DELETE", "faults", [this](const ApiRequest&) {
    control_.faults().Clear();
    return JsonResponse({{"cleared", true}});
  });
  add("GET", "messages/{messageId}/history", [this](const ApiRequest& r) {
    return ReplyWith(control_.History(r.params[0]));
  });
  RegisterEntity(router, "messages", "messageId", EntityKind::kMessage);
  RegisterEntity(router, "users", "objectId", EntityKind::kUser);
  RegisterEntity(router, "channels", "name", EntityKind::kChannel);
  RegisterEntity(router, "push-templates", "name", EntityKind::kPushTemplate);
  add("GET", "state", [this](const ApiRequest&) {
    return JsonResponse(control_.ExportState());
  });
  add("PUT", "state", [this](const ApiRequest& r) {
    return WithBody(r, [this](const json& body) {
      return ReplyWith(control_.ImportState(body));
    });
  });
  add("POST", "state/save",
      [this](const ApiRequest&) { return ReplyWith(control_.SaveState()); });
}

void AdminApi::RegisterEntity(Router& router, const std::string& plural,
                              const std::string& id_name, EntityKind kind) {
  std::string item = plural + "/{" + id_name + "}";
  router.Add(
      {"GET", plural, TokenUse::kIgnore, [this, kind](const ApiRequest&) {
         Expected<json> list = control_.List(kind);
         if (!list.ok()) return ErrorResponse(list.error());
         return JsonResponse(list.value());
       }});
  router.Add(
      {"POST", plural, TokenUse::kIgnore, [this, kind](const ApiRequest& r) {
         return WithBody(r, [this, kind](const json& body) {
           Expected<json> created = control_.Create(kind, body);
           if (!created.ok()) return ErrorResponse(created.error());
           return JsonResponse(created.value(), 201);
         });
       }});
  router.Add(
      {"GET", item, TokenUse::kIgnore, [this, kind](const ApiRequest& r) {
         return ReplyWith(control_.Get(kind, r.params[0]));
       }});
  router.Add(
      {"PUT", item, TokenUse::kIgnore, [this, kind](const ApiRequest& r) {
         return WithBody(r, [this, kind, &r](const json& body) {
           return ReplyWith(control_.Replace(kind, r.params[0], body));
         });
       }});
  router.Add(
      {"DELETE", item, TokenUse::kIgnore, [this, kind](const ApiRequest& r) {
         return ReplyWith(control_.Delete(kind, r.params[0]));
       }});
}

HttpResponse AdminApi::Health() const {
  return JsonResponse(json(control_.Health()));
}

HttpResponse AdminApi::ReloadFixtures() {
  ReloadResult result = control_.ReloadFixtures("admin");
  json body = result;
  if (result.ok) return JsonResponse(body);
  // Kept the last good set: an error, in the Backendless shape plus details.
  body["code"] = 422;
  body["message"] = "Fixture reload failed with " +
                    std::to_string(result.errors.size()) +
                    " error(s); serving the last good set";
  return JsonResponse(body, 422);
}

HttpResponse AdminApi::Reset(const ApiRequest& request) {
  auto query = ParseQuery(request.http.target);
  std::string scope_name =
      query && query->count("scope") ? query->at("scope") : "";
  if (scope_name.empty()) scope_name = "all";
  std::optional<ResetScope> scope = ParseResetScope(scope_name);
  if (!scope) {
    return ErrorResponse(errors::CannotParseRequest(
        "scope must be one of messages, tokens, journal, faults, clock, all"));
  }
  control_.Reset(*scope);
  return JsonResponse({{"reset", scope_name}});
}

HttpResponse AdminApi::GetClock() const {
  AdjustableClock& clock = control_.clock();
  int64_t now = clock.NowMs();
  return JsonResponse({{"nowMs", now},
                       {"now", FormatTimestamp(now)},
                       {"frozen", clock.frozen()}});
}

HttpResponse AdminApi::MoveClock(const ApiRequest& request) {
  return WithBody(request, [this](const json& command) {
    auto integer = [&command](const char* key) -> std::optional<int64_t> {
      auto it = command.find(key);
      if (it == command.end() || !it->is_number_integer() ||
          (it->is_number_unsigned() && it->get<uint64_t>() > INT64_MAX)) {
        return std::nullopt;
      }
      return it->get<int64_t>();
    };
    auto flag = [&command](const char* key) {
      auto it = command.find(key);
      return it != command.end() && it->is_boolean() && it->get<bool>();
    };
    auto bad = [](const std::string& why) {
      return ErrorResponse(errors::CannotParseRequest(why));
    };
    AdjustableClock& clock = control_.clock();
    if (command.size() != 1) {
      return bad("expected exactly one of advanceMs, setMs, freeze, resume");
    }
    if (command.contains("advanceMs")) {
      std::optional<int64_t> delta = integer("advanceMs");
      if (!delta || *delta < 0) {
        return bad("\"advanceMs\" must be a non-negative integer");
      }
      if (*delta > kLatestClockMs - clock.NowMs()) {
        return bad("\"advanceMs\" would move the clock past the year 9999");
      }
      clock.AdvanceMs(*delta);
    } else if (command.contains("setMs")) {
      std::optional<int64_t> now = integer("setMs");
      if (!now || *now < kEarliestClockMs || *now > kLatestClockMs) {
        return bad("\"setMs\" must be an integer between " +
                   std::to_string(kEarliestClockMs) + " and " +
                   std::to_string(kLatestClockMs));
      }
      clock.SetMs(*now);
    } else if (flag("freeze")) {
      clock.Freeze();
    } else if (flag("resume")) {
      clock.Resume();
    } else {
      return bad("expected exactly one of advanceMs, setMs, freeze, resume");
    }
    return GetClock();
  });
}

HttpResponse AdminApi::FindRequests(const ApiRequest& request,
                                    bool count_only) const {
  auto query = ParseQuery(request.http.target);
  if (!query) {
    return ErrorResponse(errors::CannotParseRequest("malformed query string"));
  }
  JournalFilter filter;
  std::string user_id_for_email;
  for (const auto& [name, value] : *query) {
    if (name == "method") {
      filter.method = value;
    } else if (name == "path") {
      filter.path_prefix = value;
    } else if (name == "messageId") {
      filter.message_id = value;
    } else if (name == "user") {
      filter.user = value;
      if (const User* user = request.fixtures->FindUserByEmail(value)) {
        user_id_for_email = user->object_id;
      }
    } else if (name == "since" || name == "limit") {
      std::optional<int64_t> number = ParseInteger(value);
      if (!number || *number < 0) {
        return ErrorResponse(errors::CannotParseRequest(
            name + " must be a non-negative integer"));
      }
      if (name == "since") {
        filter.since_ms = *number;
      } else {
        filter.limit = static_cast<size_t>(*number);
      }
    } else {
      return ErrorResponse(errors::CannotParseRequest(
          "unknown filter \"" + name +
          "\"; use method, path, messageId, user, since, limit"));
    }
  }
  const Journal& journal = control_.journal();
  if (count_only) {
    return JsonResponse({{"count", journal.Count(filter, user_id_for_email)},
                         {"dropped", journal.dropped()}});
  }
  return JsonResponse({{"requests", journal.Find(filter, user_id_for_email)},
                       {"dropped", journal.dropped()}});
}

HttpResponse AdminApi::AddFault(const ApiRequest& request) {
  return WithBody(request, [this](const json& body) {
    Expected<FaultRule> rule = ReadFaultRule(body);
    if (!rule.ok()) return ErrorResponse(rule.error());
    return JsonResponse(control_.faults().Add(std::move(rule.value())), 201);
  });
}

}  // namespace backendless_mock
