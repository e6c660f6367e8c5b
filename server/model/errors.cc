#include "model/errors.h"

#include <nlohmann/json.hpp>
#include <string>

namespace backendless_mock {

void to_json(nlohmann::json& j, const ApiError& error) {
  j = nlohmann::json{{"code", error.code}, {"message", error.message}};
}

namespace errors {
namespace {

constexpr int kBadRequest = 400;

std::string Concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out.append(part);
  return out;
}

}  // namespace

ApiError UnknownUserToken(std::string_view token) {
  return {kBadRequest, 3064,
          Concat({"Not existing user token - ", token,
                  ". Relogin user to update your user token"})};
}

ApiError ApplicationNotFound() {
  return {kBadRequest, 2002,
          "Unable to find application. Check application id and/or API key."};
}

ApiError PermissionDenied(Operation op) {
  if (op == Operation::kPublish) {
    return {kBadRequest, 5007, "User has no permission to publish message"};
  }
  return {kBadRequest, 2000, "Operation is not allowed"};
}

ApiError CannotCancel() {
  return {kBadRequest, 5040,
          "Can't cancel message. Already cancelled or there is no such "
          "message"};
}

ApiError InvalidPublishDate() {
  return {kBadRequest, 5030, "Invalid publish date"};
}

ApiError InvalidExpirationDate() {
  return {kBadRequest, 5003, "Invalid expiration date"};
}

ApiError InvalidChannelName() {
  return {kBadRequest, 5044, "Channel name contains invalid character"};
}

ApiError PushTemplateNotFound(std::string_view name) {
  return {kBadRequest, 24003,
          Concat({"Push Template with name '", name, "' doesn't exist."})};
}

ApiError LoginMissing() {
  return {kBadRequest, 3006, "Login or password is missing or null"};
}

ApiError InvalidLogin() {
  return {kBadRequest, 3003, "Invalid login or password"};
}

ApiError UserDisabled() {
  return {kBadRequest, 3090, "User account is disabled"};
}

ApiError LogoutWithoutToken() {
  return {kBadRequest, 3023,
          "Unable to logout user due to error: no user-token header"};
}

ApiError EntityNotFound(std::string_view kind, std::string_view id) {
  return {404, 404, Concat({"No ", kind, " \"", id, "\""})};
}

ApiError EntityExists(std::string_view kind, std::string_view id) {
  return {409, 409, Concat({"A ", kind, " \"", id, "\" exists already"})};
}

ApiError AdminTokenRequired() {
  return {401, 401,
          "The admin API needs 'Authorization: Bearer <admin token>'"};
}

ApiError StateFileUnavailable(std::string_view why) {
  return {500, 500, Concat({"State file: ", why})};
}

ApiError CannotParseRequest(std::string_view detail) {
  return {kBadRequest, 8002,
          Concat({"Could not parse request with message: ", detail})};
}

ApiError RouteNotFound(std::string_view method, std::string_view path) {
  return {404, 404, Concat({"No emulated endpoint for ", method, " ", path})};
}

ApiError MethodNotAllowed(std::string_view method, std::string_view path) {
  return {405, 405, Concat({"Method ", method, " is not allowed on ", path})};
}

ApiError TransportRefusal(int http_status) {
  switch (http_status) {
    case 408:
      return {408, 408, "Request was not received in time"};
    case 413:
      return {413, 413, "Request body is larger than the server accepts"};
    case 414:
      return {414, 414, "Request URI is longer than the server accepts"};
    case 431:
      return {431, 431, "Request headers are larger than the server accepts"};
    default:
      return {http_status, http_status, "Malformed HTTP request"};
  }
}

ApiError Internal(std::string_view what) {
  return {500, 500, Concat({"Internal error in backendless-mock: ", what})};
}

}  // namespace errors
}  // namespace backendless_mock
