#include "http/server.h"

#include <httplib.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cmath>
#include <thread>

#include "http/cors.h"
#include "http/path.h"
#include "http/reply.h"
#include "model/errors.h"

namespace backendless_mock {
namespace {

using httplib::Server;

// Requests with a body, which cpp-httplib reads only after pre-routing. A
// POST without Content-Length or chunked encoding (curl -X POST) has none.
bool ExpectsBody(const httplib::Request& req) {
  return req.has_header("Content-Length") ||
         req.has_header("Transfer-Encoding");
}

bool DeclaresLength(const httplib::Request& req, size_t limit) {
  const std::string& length = req.get_header_value("Content-Length");
  if (length.empty()) return false;
  errno = 0;
  char* end = nullptr;
  unsigned long long declared = std::strtoull(length.c_str(), &end, 10);
  return errno == ERANGE || declared > limit;
}

HttpRequest ToHttpRequest(const httplib::Request& req) {
  HttpRequest out;
  out.method = req.method;
  out.target = req.target;
  out.body = req.body;
  out.remote_addr = req.remote_addr;
  out.remote_port = req.remote_port;
  out.local_port = req.local_port;
  out.headers.reserve(req.headers.size());
  for (const auto& [key, value] : req.headers) {
    // cpp-httplib files the socket's addresses among the headers; they were
    // not sent by the client.
    if (key == "REMOTE_ADDR" || key == "REMOTE_PORT" || key == "LOCAL_ADDR" ||
        key == "LOCAL_PORT") {
      continue;
    }
    out.headers.emplace_back(key, value);
  }
  return out;
}

void WriteResponse(const HttpResponse& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [key, value] : from.headers) to.set_header(key, value);
  if (!from.content_type.empty()) {
    to.set_content(from.body, from.content_type.c_str());
  }
}

}  // namespace

HttpServer::HttpServer(HttpOptions options, RequestHandler handler,
                       Logger& logger, ExchangeObserver observer)
    : options_(std::move(options)),
      handler_(std::move(handler)),
      logger_(logger),
      observer_(std::move(observer)),
      server_(std::make_unique<Server>()) {
  Install();
}

HttpServer::~HttpServer() = default;

void HttpServer::Install() {
  size_t threads = options_.threads > 0
                       ? static_cast<size_t>(options_.threads)
                       : std::max(8u, std::thread::hardware_concurrency() * 4);
  server_->new_task_queue = [threads] {
    return new httplib::ThreadPool(threads);
  };
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_read_timeout(std::chrono::milliseconds(options_.read_timeout_ms));
  server_->set_write_timeout(
      std::chrono::milliseconds(options_.write_timeout_ms));
  server_->set_keep_alive_timeout(options_.keep_alive_timeout_s);
  server_->set_keep_alive_max_count(options_.keep_alive_max_requests);
  // Headers and body go out in two writes; without this the body waits
  // for the client's delayed ACK (about 40 ms) on a kept-alive connection.
  server_->set_tcp_nodelay(true);

  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard<std::mutex> lock(in_flight_mu_);
      ++in_flight_;  // until the logger below sees the response written
    }
    auto start = std::chrono::steady_clock::now();
    HttpRequest request = ToHttpRequest(req);
    HttpResponse response;
    if (req.body.size() > options_.max_body_bytes) {
      // cpp-httplib does not hold chunked bodies to the limit; we do.
      response = ErrorResponse(errors::TransportRefusal(413));
      response.headers.emplace_back("Connection", "close");
    } else if (req.method == "OPTIONS") {
      response = PreflightResponse(request);
    } else {
      try {
        response = handler_(request);
      } catch (const std::exception& e) {
        logger_.Error("handler failed", {{"path", req.target}, {"what", e.what()}});
        response = ErrorResponse(errors::Internal(e.what()));
      }
    }
    if (response.abort != ConnectionAbort::kNone &&
        !AbortConnection(req.remote_addr, req.remote_port, req.local_port,
                         response.abort)) {
      logger_.Warn("fault could not find the connection to end");
      response = ErrorResponse(
          errors::Internal("a close/reset fault could not end the connection"));
    }
    AddCorsHeaders(request, response);
    WriteResponse(response, res);
    double ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - start)
                    .count();
    nlohmann::json fields = {{"duration_ms", std::round(ms * 1000) / 1000},
                             {"principal", response.principal}};
    if (!response.decision.empty()) fields["decision"] = response.decision;
    std::string path = response.log_path.empty()
                           ? std::string(TargetPath(req.target))
                           : response.log_path;
    logger_.Info(req.method + " " + path + " " + std::to_string(response.status),
                 fields);
    if (observer_) observer_(request, response, ms);
  };

  // Body-less requests are answered before cpp-httplib's own routing; the
  // rest reach the catch-all handlers once their body has been read.
  server_->set_pre_routing_handler(
      [this, dispatch](const httplib::Request& req, httplib::Response& res) {
        if (DeclaresLength(req, options_.max_body_bytes)) {
          // Refuse before reading: waiting for a huge body wastes a thread.
          HttpResponse response = ErrorResponse(errors::TransportRefusal(413));
          response.headers.emplace_back("Connection", "close");
          AddCorsHeaders(ToHttpRequest(req), response);
          WriteResponse(response, res);
          logger_.Warn("refused request", {{"status", 413},
                                           {"method", req.method},
                                           {"path", std::string(TargetPath(req.target))}});
          return Server::HandlerResponse::Handled;
        }
        if (ExpectsBody(req)) return Server::HandlerResponse::Unhandled;
        dispatch(req, res);
        return Server::HandlerResponse::Handled;
      });
  server_->Get(".*", dispatch);
  server_->Options(".*", dispatch);
  server_->Post(".*", dispatch);
  server_->Put(".*", dispatch);
  server_->Patch(".*", dispatch);
  server_->Delete(".*", dispatch);

  // cpp-httplib calls its logger once a response has been written.
  server_->set_logger([this](const httplib::Request& req,
                             const httplib::Response& res) {
    // cpp-httplib keeps the connection whatever the answer says; a refused
    // request may have left unread bytes, so end it once the answer is out.
    if (res.get_header_value("Connection") == "close") {
      AbortConnection(req.remote_addr, req.remote_port, req.local_port,
                      ConnectionAbort::kClose);
    }
    std::lock_guard<std::mutex> lock(in_flight_mu_);
    if (in_flight_ > 0 && --in_flight_ == 0) in_flight_done_.notify_all();
  });

  // Transport-level refusals (413, 414, 400 on a malformed request line, ...)
  // reach here with an empty body: give them a Backendless-shaped one.
  server_->set_error_handler(Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return Server::HandlerResponse::Unhandled;
        HttpRequest request = ToHttpRequest(req);
        HttpResponse response = ErrorResponse(errors::TransportRefusal(res.status));
        AddCorsHeaders(request, response);
        WriteResponse(response, res);
        logger_.Warn("refused request", {{"status", res.status},
                                         {"method", req.method},
                                         {"path", std::string(TargetPath(req.target))}});
        return Server::HandlerResponse::Handled;
      }));
  server_->set_exception_handler([this](const httplib::Request& req,
                                        httplib::Response& res,
                                        std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    logger_.Error("request failed", {{"path", req.target}, {"what", what}});
    WriteResponse(ErrorResponse(errors::Internal(what)), res);
  });
}

std::optional<int> HttpServer::Bind() {
  int port = options_.port == 0
                 ? server_->bind_to_any_port(options_.host)
                 : (server_->bind_to_port(options_.host, options_.port)
                        ? options_.port
                        : -1);
  if (port <= 0) return std::nullopt;
  return port;
}

bool HttpServer::Drain(std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(in_flight_mu_);
  return in_flight_done_.wait_for(lock, limit, [this] { return in_flight_ == 0; });
}

void HttpServer::Serve() {
  serving_ = true;
  if (!stop_requested_) server_->listen_after_bind();
  serving_ = false;
}

void HttpServer::Stop() {
  stop_requested_ = true;
  while (serving_ && !server_->is_running()) std::this_thread::yield();
  server_->stop();
}

}  // namespace backendless_mock
