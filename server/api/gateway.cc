#include "api/gateway.h"

#include <chrono>

#include "http/path.h"
#include "http/reply.h"
#include "model/errors.h"

namespace backendless_mock {
namespace {

constexpr std::string_view kSubdomainRoot = "api";
constexpr std::string_view kAdminRoot = "__admin";
constexpr size_t kNativeRootLength = 2;  // <appId>/<apiKey>

// The value of the route's {name} placeholder, or empty. A view into
// `params`; nothing is copied, as this runs for every request.
std::string_view Param(const Route& route,
                       const std::vector<std::string>& params,
                       std::string_view name) {
  std::string_view pattern = route.pattern;
  size_t index = 0;
  size_t start = 0;
  while (start <= pattern.size()) {
    size_t slash = pattern.find('/', start);
    if (slash == std::string_view::npos) slash = pattern.size();
    std::string_view part = pattern.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part.front() != '{') continue;
    if (part.size() == name.size() + 2 && part.back() == '}' &&
        part.substr(1, name.size()) == name) {
      return index < params.size() ? std::string_view(params[index]) : "";
    }
    ++index;
  }
  return "";
}

HttpResponse FaultResponse(const nlohmann::json& response) {
  HttpResponse out;
  out.status = response["status"].get<int>();
  const nlohmann::json body = response.value("body", nlohmann::json());
  if (body.is_string()) {
    out.body = body.get<std::string>();
    out.content_type = "text/plain";
  } else if (!body.is_null()) {
    out.body = body.dump();
  }
  const nlohmann::json headers =
      response.value("headers", nlohmann::json::object());
  for (const auto& header : headers.items()) {
    if (EqualsIgnoreCase(header.key(), "Content-Type")) {
      out.content_type = header.value().get<std::string>();
    } else {
      out.headers.emplace_back(header.key(), header.value().get<std::string>());
    }
  }
  return out;
}

}  // namespace

Gateway::Gateway(const Router& api, const Router& admin,
                 const FixtureStore& fixtures, const Sessions& sessions,
                 FaultInjector& faults, ChannelOfMessage channel_of,
                 const Options& options)
    : router_(api),
      admin_(admin),
      fixtures_(fixtures),
      sessions_(sessions),
      faults_(faults),
      channel_of_(std::move(channel_of)),
      options_(options),
      random_(std::random_device{}()) {}

HttpResponse Gateway::Handle(const HttpRequest& request) {
  std::string_view path = TargetPath(request.target);
  PathSegments segments;
  if (!segments.Decode(request.target)) {
    return ErrorResponse(errors::CannotParseRequest(
        "malformed percent-encoding in path " + std::string(path)));
  }
  bool admin = !segments.empty() && segments[0] == kAdminRoot;
  // Before routing, so that a caller without the token learns nothing of
  // which admin paths exist.
  if (admin && !options_.admin_token.empty() &&
      request.Header("Authorization") != "Bearer " + options_.admin_token) {
    HttpResponse refused = ErrorResponse(errors::AdminTokenRequired());
    refused.headers.emplace_back("WWW-Authenticate", "Bearer");
    refused.principal = "admin-refused";
    return refused;
  }
  bool native = !admin && (segments.empty() || segments[0] != kSubdomainRoot);
  size_t offset = native ? kNativeRootLength : 1;
  if (segments.size() <= offset) {
    return ErrorResponse(errors::RouteNotFound(request.method, path));
  }
  Router::Match match =
      (admin ? admin_ : router_).Find(request.method, segments, offset);
  if (match.route == nullptr) {
    return ErrorResponse(match.path_exists
                             ? errors::MethodNotAllowed(request.method, path)
                             : errors::RouteNotFound(request.method, path));
  }
  if (!admin) {
    return HandleApi(request, std::move(match), segments, path, native);
  }
  const Route& route = *match.route;
  ApiRequest api{request, std::move(match.params), std::nullopt,
                 AnonymousIdentity(), fixtures_.Current()};
  HttpResponse response = route.handler(api);
  response.principal = "admin";
  response.route = route.method + " /__admin/" + route.pattern;
  return response;
}

HttpResponse Gateway::HandleApi(const HttpRequest& request, Router::Match match,
                                const PathSegments& segments,
                                std::string_view path, bool native) {
  const Route& route = *match.route;
  // The identity stays empty (Describe: "anonymous") until the token is
  // checked, then becomes the user or AnonymousIdentity(): building the
  // anonymous one first only to replace it cost two allocations a request.
  ApiRequest api{request, std::move(match.params), std::nullopt, Identity{},
                 fixtures_.Current()};
  const FixtureSet& fixtures = *api.fixtures;
  auto finish = [&](HttpResponse response) {
    response.route = route.method + " " + route.pattern;
    if (response.message_id.empty()) {
      response.message_id = std::string(Param(route, api.params, "messageId"));
    }
    std::string_view token = Param(route, api.params, "userToken");
    if (!token.empty() && !options_.log_secrets) {
      response.log_path =
          std::string(path.substr(0, path.rfind('/') + 1)) + "<redacted>";
    }
    if (api.identity.authenticated) {
      response.principal = api.identity.Describe();
      response.user_id = api.identity.user_id;
    } else if (response.principal == "-") {
      response.principal = api.identity.Describe();
    }
    return response;
  };
  if (native && fixtures.HasApps() &&
      !fixtures.AcceptsApp(std::string(segments[0]),
                           std::string(segments[1]))) {
    return finish(ErrorResponse(errors::ApplicationNotFound()));
  }
  if (auto token = request.Header("user-token")) {
    api.user_token = std::string(*token);
    if (route.token_use == TokenUse::kEnforce) {
      std::optional<std::string> user_id =
          sessions_.Resolve(*api.user_token, fixtures);
      const User* user = user_id ? fixtures.FindUserById(*user_id) : nullptr;
      if (user == nullptr) {
        HttpResponse denied =
            ErrorResponse(errors::UnknownUserToken(*api.user_token));
        denied.principal = "invalid-token";
        return finish(std::move(denied));
      }
      api.identity = UserIdentity(*user);
    }
  }
  if (!api.identity.authenticated) api.identity = AnonymousIdentity();
  std::chrono::milliseconds delay = PickDelay(options_.latency_ms);
  std::optional<HttpResponse> faulted = ApplyFaults(route, api, path, delay);
  // The handler's effects happen now; only the answer waits for the delay.
  HttpResponse response = faulted ? std::move(*faulted) : route.handler(api);
  response.send_delay = delay;
  return finish(std::move(response));
}

std::optional<HttpResponse> Gateway::ApplyFaults(
    const Route& route, const ApiRequest& request, std::string_view path,
    std::chrono::milliseconds& delay) {
  if (faults_.size() == 0) return std::nullopt;
  FaultSubject subject;
  subject.method = std::string(request.http.method);
  subject.path = std::string(path);
  subject.message_id = std::string(Param(route, request.params, "messageId"));
  subject.channel = std::string(Param(route, request.params, "channelName"));
  if (subject.channel.empty() && !subject.message_id.empty()) {
    subject.channel = channel_of_(*request.fixtures, subject.message_id);
  }
  subject.user_id = request.identity.user_id;
  subject.user_email = request.identity.email;
  std::optional<FaultEffect> effect = faults_.Match(subject);
  if (!effect) return std::nullopt;
  if (effect->delay_ms) delay += PickDelay(*effect->delay_ms);
  HttpResponse response;
  if (effect->error) {
    const nlohmann::json& error = *effect->error;
    response =
        ErrorResponse({error["status"].get<int>(), error["code"].get<int>(),
                       error["message"].get<std::string>()});
  } else if (effect->response) {
    response = FaultResponse(*effect->response);
  } else if (effect->close || effect->reset) {
    response.abort =
        effect->reset ? ConnectionAbort::kReset : ConnectionAbort::kClose;
    response.status = 0;  // nothing is answered; logs and the journal say 0
  } else {
    return std::nullopt;  // a delay only: then answer as usual
  }
  response.decision = "fault";
  return response;
}

std::chrono::milliseconds Gateway::PickDelay(
    std::pair<int64_t, int64_t> range) {
  if (range.second <= 0) return std::chrono::milliseconds(0);
  int64_t delay = range.first;
  if (range.second > range.first) {
    std::lock_guard<std::mutex> lock(random_mu_);
    delay = std::uniform_int_distribution<int64_t>(range.first,
                                                   range.second)(random_);
  }
  return std::chrono::milliseconds(delay);
}

}  // namespace backendless_mock
