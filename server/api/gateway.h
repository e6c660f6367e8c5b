#pragma once

#include "api/router.h"
#include "http/exchange.h"
#include "log/logger.h"
#include "store/fixture_store.h"
#include "store/sessions.h"

namespace backendless_mock {

// The request pipeline: decode the path; under /__admin/ call the admin
// route; otherwise find the Backendless route under either app root
// (/api/... or /<appId>/<apiKey>/...), check the app, resolve the user-token
// to an identity, then call the route's handler.
class Gateway {
 public:
  Gateway(const Router& api, const Router& admin, const FixtureStore& fixtures,
          const Sessions& sessions);

  HttpResponse Handle(const HttpRequest& request) const;

 private:
  const Router& router_;
  const Router& admin_;
  const FixtureStore& fixtures_;
  const Sessions& sessions_;
};

}  // namespace backendless_mock
