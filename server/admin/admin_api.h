#pragma once

#include "api/router.h"
#include "admin/control.h"

namespace backendless_mock {

// The control plane under /__admin/, for test suites. Routes only translate
// JSON to and from calls on the parts they control.
class AdminApi {
 public:
  explicit AdminApi(Control& control) : control_(control) {}

  // Adds the admin routes (relative to /__admin/) to `router`.
  void Register(Router& router);

 private:
  HttpResponse GetClock() const;
  HttpResponse Health() const;
  // Answers the reload result, with every validation error when it failed.
  HttpResponse ReloadFixtures();
  // {"advanceMs": N} | {"setMs": epoch} | {"freeze": true} | {"resume": true}
  HttpResponse MoveClock(const ApiRequest& request);

  Control& control_;
};

}  // namespace backendless_mock
