#include "support/test_server.h"

#include <stdexcept>

namespace backendless_mock::testing {
namespace {

Answer ToAnswer(const httplib::Result& result) {
  if (!result) {
    throw std::runtime_error("request failed: " +
                             httplib::to_string(result.error()));
  }
  Answer answer;
  answer.status = result->status;
  answer.raw_body = result->body;
  answer.headers = result->headers;
  if (!result->body.empty()) {
    answer.body = nlohmann::json::parse(result->body, nullptr, false);
  }
  return answer;
}

}  // namespace

TestServer::TestServer(const std::string& fixtures_dir, Config config) {
  config.fixtures_dir = fixtures_dir;
  config.http.host = "127.0.0.1";
  config.http.port = 0;
  if (config.http.threads == 0) config.http.threads = 8;
  std::vector<FixtureError> errors;
  app_ = App::Create(config, {clock_, ids_, log_}, errors);
  if (!app_) {
    throw std::runtime_error("fixtures invalid: " +
                             FormatFixtureError(errors.front()));
  }
  std::optional<int> port = app_->Start();
  if (!port) throw std::runtime_error("cannot bind");
  port_ = *port;
  serving_ = std::thread([this] { app_->Run(); });
}

TestServer::~TestServer() {
  app_->Stop();
  serving_.join();
}

httplib::Client TestServer::Client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(10, 0);
  client.set_url_encode(false);  // tests send paths exactly as written
  return client;
}

Answer TestServer::Get(const std::string& path,
                       const httplib::Headers& headers) {
  return ToAnswer(Client().Get(path, headers));
}

Answer TestServer::Send(const std::string& method, const std::string& path,
                        const std::string& body,
                        const httplib::Headers& headers) {
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.headers = headers;
  request.body = body;
  if (!body.empty() && request.headers.count("Content-Type") == 0) {
    request.headers.emplace("Content-Type", "application/json");
  }
  return ToAnswer(Client().send(request));
}

std::string TestFixturesDir(const std::string& name) {
  return std::string(TEST_FIXTURES_DIR) + "/" + name;
}

}  // namespace backendless_mock::testing
