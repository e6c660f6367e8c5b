#pragma once

#include "admin/control.h"
#include "api/router.h"

namespace backendless_mock {

// The control plane under /__admin/, for test suites. One route table over
// the Control facade: routes only translate JSON to and from its calls.
class AdminApi {
 public:
  explicit AdminApi(Control& control) : control_(control) {}

  // Adds the admin routes (relative to /__admin/) to `router`.
  void Register(Router& router);

 private:
  void RegisterEntity(Router& router, const std::string& plural,
                      const std::string& id_name, EntityKind kind);
  HttpResponse Health() const;
  HttpResponse ReloadFixtures();
  HttpResponse Reset(const ApiRequest& request);
  HttpResponse GetClock() const;
  // {"advanceMs": N} | {"setMs": epoch} | {"freeze": true} | {"resume": true}
  HttpResponse MoveClock(const ApiRequest& request);
  HttpResponse FindRequests(const ApiRequest& request, bool count_only) const;
  HttpResponse AddFault(const ApiRequest& request);

  Control& control_;
};

}  // namespace backendless_mock
