#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/exchange.h"
#include "http/path.h"
#include "policy/identity.h"
#include "store/fixture_set.h"

namespace backendless_mock {

// Whether a route rejects an unknown user-token (3064) or ignores it.
enum class TokenUse { kEnforce, kIgnore };

// What a Backendless handler sees: the matched route's parameters, the
// caller's identity and the fixture snapshot for this request.
struct ApiRequest {
  const HttpRequest& http;
  std::vector<std::string> params;  // decoded {placeholders}, in order
  std::optional<std::string> user_token;
  Identity identity;
  std::shared_ptr<const FixtureSet> fixtures;
};

using ApiHandler = std::function<HttpResponse(const ApiRequest&)>;

// One emulated endpoint: "messaging/{messageId}" under the app root.
struct Route {
  std::string method;
  std::string pattern;  // '/'-separated; "{name}" matches one segment
  TokenUse token_use = TokenUse::kEnforce;
  ApiHandler handler;
};

// Matches decoded path segments to routes, in the order they were added
// (add literal routes before parameterised ones that overlap them).
class Router {
 public:
  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    bool path_exists = false;      // some route matched the path only
    std::vector<std::string> params;
  };

  void Add(Route route);
  // The first route whose pattern fits segments[offset..] and whose method
  // is `method`.
  Match Find(std::string_view method, const PathSegments& segments,
             size_t offset) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> patterns_;  // split, per route
};

}  // namespace backendless_mock
