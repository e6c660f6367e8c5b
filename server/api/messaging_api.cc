#include "api/messaging_api.h"

#include "api/json_body.h"
#include "http/path.h"
#include "http/reply.h"
#include "model/errors.h"

namespace backendless_mock {

void MessagingApi::Register(Router& router) {
  router.Add({"POST", "messaging/push/{templateName}", TokenUse::kEnforce,
              [this](const ApiRequest& r) { return PushWithTemplate(r); }});
  router.Add({"POST", "messaging/{channelName}", TokenUse::kEnforce,
              [this](const ApiRequest& r) { return Publish(r); }});
  router.Add({"GET", "messaging/{messageId}", TokenUse::kEnforce,
              [this](const ApiRequest& r) { return GetMessageStatus(r); }});
  router.Add({"DELETE", "messaging/{messageId}", TokenUse::kEnforce,
              [this](const ApiRequest& r) { return Cancel(r); }});
}

HttpResponse MessagingApi::GetMessageStatus(const ApiRequest& request) const {
  std::string decision;
  auto report = service_.GetStatus(*request.fixtures, request.identity,
                                   request.params[0], decision);
  return ReplyWith(report, std::move(decision));
}

HttpResponse MessagingApi::Publish(const ApiRequest& request) const {
  // Backendless serves other calls under these names (email, device
  // registration, ...); they are not channels, and we do not emulate them.
  for (const char* reserved :
       {"push", "email", "registrations", "channels", "pushtemplates"}) {
    if (request.params[0] == reserved) {
      return ErrorResponse(errors::RouteNotFound(
          request.http.method, TargetPath(request.http.target)));
    }
  }
  Expected<nlohmann::json> body = ParseJsonObjectBody(request.http.body);
  if (!body.ok()) return ErrorResponse(body.error());
  std::string decision;
  auto report = service_.Publish(*request.fixtures, request.identity,
                                 request.params[0], body.value(), decision);
  HttpResponse response = ReplyWith(report, std::move(decision));
  if (report.ok()) response.message_id = report.value().message_id;
  return response;
}

HttpResponse MessagingApi::PushWithTemplate(const ApiRequest& request) const {
  Expected<nlohmann::json> body = ParseJsonObjectBody(request.http.body);
  if (!body.ok()) return ErrorResponse(body.error());
  std::string decision;
  auto report =
      service_.PushWithTemplate(*request.fixtures, request.identity,
                                request.params[0], body.value(), decision);
  HttpResponse response = ReplyWith(report, std::move(decision));
  if (report.ok()) response.message_id = report.value().message_id;
  return response;
}

HttpResponse MessagingApi::Cancel(const ApiRequest& request) const {
  std::string decision;
  auto report = service_.Cancel(*request.fixtures, request.identity,
                                request.params[0], decision);
  return ReplyWith(report, std::move(decision));
}

}  // namespace backendless_mock
