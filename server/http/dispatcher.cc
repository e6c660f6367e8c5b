#include "http/dispatcher.h"

#include <string>

#include "http/cors.h"
#include "http/path.h"
#include "http/reply.h"
#include "model/errors.h"

namespace backendless_mock {
namespace {

constexpr std::string_view kAdminPrefix = "/__admin/";

}  // namespace

Dispatcher::Dispatcher(RequestHandler handler, Logger& logger,
                       ExchangeObserver observer)
    : handler_(std::move(handler)),
      logger_(logger),
      observer_(std::move(observer)) {}

HttpResponse Dispatcher::Answer(const HttpRequest& request) {
  HttpResponse response;
  if (request.method == "OPTIONS") {
    response = PreflightResponse(request);
  } else {
    try {
      response = handler_(request);
    } catch (const std::exception& e) {
      logger_.Error("handler failed", {{"path", std::string(request.target)},
                                       {"what", e.what()}});
      response = ErrorResponse(errors::Internal(e.what()));
    }
  }
  AddCorsHeaders(request, response);
  return response;
}

bool Dispatcher::Slow(const HttpRequest& request) {
  return request.target.substr(0, kAdminPrefix.size()) == kAdminPrefix;
}

void Dispatcher::Offload(std::function<void()> work) {
  workers_.Submit(std::move(work));
}

void Dispatcher::Record(const HttpRequest& request,
                        const HttpResponse& response, double duration_ms) {
  AccessRecord record;
  record.method = request.method;
  record.path = response.log_path.empty() ? TargetPath(request.target)
                                          : std::string_view(response.log_path);
  record.status = response.status;
  record.duration_ms = duration_ms;
  record.principal = response.principal;
  record.decision = response.decision;
  logger_.Access(record);
  if (observer_) observer_(request, response, duration_ms);
}

HttpResponse Dispatcher::Refuse(int status, const HttpRequest& partial) {
  HttpResponse response = ErrorResponse(errors::TransportRefusal(status));
  AddCorsHeaders(partial, response);
  logger_.Warn("refused request",
               {{"status", status},
                {"method", std::string(partial.method)},
                {"path", std::string(TargetPath(partial.target))}});
  return response;
}

void Dispatcher::Begin() { ++in_flight_; }

void Dispatcher::End() {
  if (--in_flight_ == 0) {
    std::lock_guard<std::mutex> lock(drained_mu_);
    drained_.notify_all();
  }
}

bool Dispatcher::Drain(std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(drained_mu_);
  return drained_.wait_for(lock, limit, [this] { return in_flight_ <= 0; });
}

}  // namespace backendless_mock
