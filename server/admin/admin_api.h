#pragma once

#include "api/router.h"
#include "clock.h"

namespace backendless_mock {

// The control plane under /__admin/, for test suites. Routes only translate
// JSON to and from calls on the parts they control.
class AdminApi {
 public:
  explicit AdminApi(AdjustableClock& clock) : clock_(clock) {}

  // Adds the admin routes (relative to /__admin/) to `router`.
  void Register(Router& router);

 private:
  HttpResponse GetClock() const;
  // {"advanceMs": N} | {"setMs": epoch} | {"freeze": true} | {"resume": true}
  HttpResponse MoveClock(const ApiRequest& request);

  AdjustableClock& clock_;
};

}  // namespace backendless_mock
