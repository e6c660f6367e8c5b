#pragma once

#include <string>
#include <string_view>

#include "model/api_error.h"
#include "model/operation.h"

// The one catalogue of Backendless errors this emulator answers with. Codes and
// texts come from ../shared/reference/backendless-api.md; HTTP statuses and the
// mock-only codes are choices recorded in docs/fidelity.md.
namespace backendless_mock::errors {

// 3064: a user-token header that names no live session (the live server's
// text).
ApiError UnknownUserToken(std::string_view token);
// 2002: a native-form app id / API key pair that no fixture declares.
ApiError ApplicationNotFound();
// Permission denied for `op` on a channel (5007 for PUBLISH, 2000 otherwise).
ApiError PermissionDenied(Operation op);
// 5040: cancel of a message that is unknown, cancelled, published or failed.
ApiError CannotCancel();
// 5030: publishAt that is not a time in the future.
ApiError InvalidPublishDate();
// 5003: repeatExpiresAt that is not a time after publishAt (or now).
ApiError InvalidExpirationDate();
// 5044: a channel name outside the allowed characters.
ApiError InvalidChannelName();
// 24003 (ours, modelled on the email templates' 24002): no such push template.
ApiError PushTemplateNotFound(std::string_view name);
// 3006: login without a login or password.
ApiError LoginMissing();
// 3003: no user with that login and password.
ApiError InvalidLogin();
// 3090: login of a user whose userStatus is DISABLED.
ApiError UserDisabled();
// 3023: logout without a user-token header.
ApiError LogoutWithoutToken();
// Admin API: no such entity (404), or one with that id already (409).
ApiError EntityNotFound(std::string_view kind, std::string_view id);
ApiError EntityExists(std::string_view kind, std::string_view id);
// 401: an admin route without the --admin-token bearer token.
ApiError AdminTokenRequired();
// Admin API: a --state-file operation without --state-file, or failing (500).
ApiError StateFileUnavailable(std::string_view why);
// 8002: a request that cannot be parsed (bad percent-encoding, bad JSON body).
ApiError CannotParseRequest(std::string_view detail);
// 404: no emulated route has this path.
ApiError RouteNotFound(std::string_view method, std::string_view path);
// 405: the path exists, but not for this method.
ApiError MethodNotAllowed(std::string_view method, std::string_view path);
// 413 / 414 / 431 / 408 and other transport-level refusals, by HTTP status.
ApiError TransportRefusal(int http_status);
// 500: a handler failed unexpectedly; the server keeps running.
ApiError Internal(std::string_view what);

}  // namespace backendless_mock::errors
