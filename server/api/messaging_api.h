#pragma once

#include "api/router.h"

namespace backendless_mock {

// The Backendless Messaging endpoints.
class MessagingApi {
 public:
  // Adds this API's routes to `router`. REQUIRES: *this outlives router.
  void Register(Router& router);

  // GET messaging/{messageId}: the message's status, or "unknown".
  HttpResponse GetMessageStatus(const ApiRequest& request) const;
};

}  // namespace backendless_mock
