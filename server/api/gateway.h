#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "admin/faults.h"
#include "api/router.h"
#include "http/exchange.h"
#include "store/fixture_store.h"
#include "store/sessions.h"

namespace backendless_mock {

// The channel a message is on, for fault matching; empty when unknown.
using ChannelOfMessage =
    std::function<std::string(const FixtureSet&, const std::string& id)>;

// The request pipeline: decode the path; under /__admin/ call the admin
// route; otherwise find the Backendless route under either app root
// (/api/... or /<appId>/<apiKey>/...), check the app, resolve the user-token
// to an identity, apply latency and fault rules, then call the handler.
class Gateway {
 public:
  struct Options {
    std::pair<int64_t, int64_t> latency_ms{0, 0};  // added to every answer
    std::string admin_token;   // when set, /__admin/ needs it as a Bearer token
    bool log_secrets = false;  // else tokens in paths are hidden from logs
  };

  Gateway(const Router& api, const Router& admin, const FixtureStore& fixtures,
          const Sessions& sessions, FaultInjector& faults,
          ChannelOfMessage channel_of, const Options& options);

  HttpResponse Handle(const HttpRequest& request);

 private:
  // `path` is the request target's path (TargetPath), found once.
  HttpResponse HandleApi(const HttpRequest& request, Router::Match match,
                         const PathSegments& segments, std::string_view path,
                         bool native);
  // The response a fault dictates, if a rule matches; a matching rule's
  // delay is added to `delay`.
  std::optional<HttpResponse> ApplyFaults(const Route& route,
                                          const ApiRequest& request,
                                          std::string_view path,
                                          std::chrono::milliseconds& delay);
  // A delay picked in [range.first, range.second]; the transport waits it
  // out before sending (HttpResponse::send_delay), no thread sleeps.
  std::chrono::milliseconds PickDelay(std::pair<int64_t, int64_t> range);

  const Router& router_;
  const Router& admin_;
  const FixtureStore& fixtures_;
  const Sessions& sessions_;
  FaultInjector& faults_;
  ChannelOfMessage channel_of_;
  Options options_;
  std::mutex random_mu_;
  std::mt19937_64 random_;  // Guarded by random_mu_; picks delays in ranges
};

}  // namespace backendless_mock
