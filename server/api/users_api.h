#pragma once

#include "api/router.h"
#include "service/user_service.h"

namespace backendless_mock {

// users/login, users/logout, users/isvalidusertoken/<token>, and the app
// info call the SDKs make at initApp.
class UsersApi {
 public:
  explicit UsersApi(UserService& service) : service_(service) {}

  // Adds this API's routes to `router`. REQUIRES: *this outlives router.
  void Register(Router& router);

 private:
  HttpResponse Login(const ApiRequest& request) const;
  HttpResponse Logout(const ApiRequest& request) const;
  HttpResponse IsValidUserToken(const ApiRequest& request) const;

  UserService& service_;
};

}  // namespace backendless_mock
