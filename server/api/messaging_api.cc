#include "api/messaging_api.h"

#include "http/reply.h"
#include "model/errors.h"
#include "policy/permissions.h"

namespace backendless_mock {

void MessagingApi::Register(Router& router) {
  router.Add({"GET", "messaging/{messageId}", TokenUse::kEnforce,
              [this](const ApiRequest& r) { return GetMessageStatus(r); }});
}

HttpResponse MessagingApi::GetMessageStatus(const ApiRequest& request) const {
  const std::string& id = request.params[0];
  const Message* message = request.fixtures->FindMessage(id);
  if (message == nullptr) return JsonResponse(UnknownMessageReport(id));

  Decision decision =
      DecidePermission(request.fixtures->FindChannel(message->channel),
                       Operation::kGetStatus, request.identity);
  std::string verdict =
      "GET_STATUS on channel " + message->channel + ": " + decision.reason;
  if (!decision.allowed) {
    HttpResponse denied =
        ErrorResponse(errors::PermissionDenied(Operation::kGetStatus));
    denied.decision = verdict;
    return denied;
  }
  HttpResponse response = JsonResponse(
      StatusReport{message->id, message->status, message->error_message});
  response.decision = verdict;
  return response;
}

}  // namespace backendless_mock
