#include "api/gateway.h"

#include "http/path.h"
#include "http/reply.h"
#include "model/errors.h"

namespace backendless_mock {
namespace {

constexpr std::string_view kSubdomainRoot = "api";
constexpr std::string_view kAdminRoot = "__admin";
constexpr size_t kNativeRootLength = 2;  // <appId>/<apiKey>

}  // namespace

Gateway::Gateway(const Router& api, const Router& admin,
                 const FixtureStore& fixtures, const Sessions& sessions)
    : router_(api), admin_(admin), fixtures_(fixtures), sessions_(sessions) {}

HttpResponse Gateway::Handle(const HttpRequest& request) const {
  std::string_view path = TargetPath(request.target);
  std::optional<std::vector<std::string>> segments =
      DecodePathSegments(request.target);
  if (!segments) {
    return ErrorResponse(errors::CannotParseRequest(
        "malformed percent-encoding in path " + std::string(path)));
  }
  bool admin = !segments->empty() && segments->front() == kAdminRoot;
  bool native = !admin && (segments->empty() || segments->front() != kSubdomainRoot);
  size_t offset = native ? kNativeRootLength : 1;
  if (segments->size() <= offset) {
    return ErrorResponse(errors::RouteNotFound(request.method, path));
  }
  Router::Match match =
      (admin ? admin_ : router_).Find(request.method, *segments, offset);
  if (match.route == nullptr) {
    return ErrorResponse(
        match.path_exists ? errors::MethodNotAllowed(request.method, path)
                          : errors::RouteNotFound(request.method, path));
  }

  ApiRequest api{request, std::move(match.params), std::nullopt,
                 AnonymousIdentity(), fixtures_.Current()};
  if (admin) {
    HttpResponse response = match.route->handler(api);
    response.principal = "admin";
    return response;
  }
  const FixtureSet& fixtures = *api.fixtures;
  if (native && fixtures.HasApps() &&
      !fixtures.AcceptsApp((*segments)[0], (*segments)[1])) {
    return ErrorResponse(errors::ApplicationNotFound());
  }
  if (auto token = request.Header("user-token")) {
    api.user_token = std::string(*token);
    if (match.route->token_use == TokenUse::kEnforce) {
      std::optional<std::string> user_id =
          sessions_.Resolve(*api.user_token, fixtures);
      const User* user =
          user_id ? fixtures.FindUserById(*user_id) : nullptr;
      if (user == nullptr) {
        HttpResponse denied =
            ErrorResponse(errors::UnknownUserToken(*api.user_token));
        denied.principal = "invalid-token";
        return denied;
      }
      api.identity = UserIdentity(*user);
    }
  }
  HttpResponse response = match.route->handler(api);
  response.principal = api.identity.Describe();
  return response;
}

}  // namespace backendless_mock
