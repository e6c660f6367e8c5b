#pragma once

#include "api/router.h"
#include "service/messaging_service.h"

namespace backendless_mock {

// The Backendless Messaging endpoints, translating HTTP to MessagingService.
class MessagingApi {
 public:
  explicit MessagingApi(MessagingService& service) : service_(service) {}

  // Adds this API's routes to `router`. REQUIRES: *this outlives router.
  void Register(Router& router);

 private:
  HttpResponse GetMessageStatus(const ApiRequest& request) const;
  HttpResponse Publish(const ApiRequest& request) const;
  HttpResponse PushWithTemplate(const ApiRequest& request) const;
  HttpResponse Cancel(const ApiRequest& request) const;

  MessagingService& service_;
};

}  // namespace backendless_mock
