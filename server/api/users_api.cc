#include "api/users_api.h"

#include "api/json_body.h"
#include "http/reply.h"

namespace backendless_mock {

void UsersApi::Register(Router& router) {
  // The SDK sends a stale token on login too; logging in must still work.
  router.Add({"POST", "users/login", TokenUse::kIgnore,
              [this](const ApiRequest& r) { return Login(r); }});
  router.Add({"GET", "users/logout", TokenUse::kEnforce,
              [this](const ApiRequest& r) { return Logout(r); }});
  // Answers false for a bad token, even when the header carries it too.
  router.Add({"GET", "users/isvalidusertoken/{userToken}", TokenUse::kIgnore,
              [this](const ApiRequest& r) { return IsValidUserToken(r); }});
  router.Add({"GET", "info", TokenUse::kEnforce, [](const ApiRequest&) {
                return JsonResponse({{"emulator", "backendless-mock"},
                                     {"version", BACKENDLESS_MOCK_VERSION}});
              }});
}

HttpResponse UsersApi::Login(const ApiRequest& request) const {
  Expected<nlohmann::json> body = ParseJsonObjectBody(request.http.body);
  if (!body.ok()) return ErrorResponse(body.error());
  return ReplyWith(service_.Login(*request.fixtures, body.value()));
}

HttpResponse UsersApi::Logout(const ApiRequest& request) const {
  Expected<bool> result =
      service_.Logout(*request.fixtures, request.user_token);
  if (!result.ok()) return ErrorResponse(result.error());
  HttpResponse response;  // 200 with an empty body, as the docs say
  response.body.clear();
  return response;
}

HttpResponse UsersApi::IsValidUserToken(const ApiRequest& request) const {
  return JsonResponse(
      service_.IsValidToken(*request.fixtures, request.params[0]));
}

}  // namespace backendless_mock
