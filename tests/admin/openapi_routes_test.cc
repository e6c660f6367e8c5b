// docs/openapi.yaml against the code: a route registered in the code but not
// documented fails, and so does a documented route the code does not have.
//
// The code's routes are read from the source text of the route tables,
// server/api/*_api.cc (under /api/) and server/admin/*_api.cc (under
// /__admin/), without a YAML or C++ parser:
//   - `{"METHOD", "pattern"` (a Route literal given to router.Add) and
//     `add("METHOD", "pattern"` (AdminApi's local helper) are one route each;
//   - `RegisterEntity(router, "plural", "idName", ...)` is expanded by the
//     methods RegisterEntity's own definition gives to `plural` and `item`
//     (`item` being `plural/{idName}`);
//   - lines that start with `//` are skipped.
// A route table file that yields no route fails the test, so a change of
// style there is noticed rather than silently read as "no routes".
//
// The document's routes are its `paths:` keys (two-space indent, starting
// with '/') and their operation keys (four-space indent: get, post, ...).
//
// Placeholder names are compared as `{}`: OpenAPI forbids two paths that
// differ only in a placeholder's name (messaging/{channelName} for POST and
// messaging/{messageId} for GET are one path item there). Finally every
// route, from either side, is sent to a running server in both URL forms,
// which must route it (no "No emulated endpoint", no 405).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "support/test_server.h"

namespace backendless_mock::testing {
namespace {

namespace fs = std::filesystem;
using RouteSet = std::set<std::pair<std::string, std::string>>;  // method, path

// The repository: the bundled fixtures sit at its top.
fs::path SourceDir() { return fs::path(BUNDLED_FIXTURES_DIR).parent_path(); }

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// `text` without the lines whose first non-blank characters are "//".
std::string WithoutCommentLines(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.compare(first, 2, "//") == 0)
      continue;
    out += line + "\n";
  }
  return out;
}

std::string Normalised(const std::string& path) {
  static const std::regex kPlaceholder("\\{[^}/]*\\}");
  return std::regex_replace(path, kPlaceholder, "{}");
}

RouteSet NormalisedSet(const RouteSet& routes) {
  RouteSet out;
  for (const auto& [method, path] : routes)
    out.insert({method, Normalised(path)});
  return out;
}

const char* const kMethods = "(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)";

// RegisterEntity's routes from its definition: (method, true when on `item`).
std::vector<std::pair<std::string, bool>> EntityRouteTemplates(
    const std::string& text) {
  size_t start = text.find("::RegisterEntity(");
  if (start == std::string::npos) return {};
  size_t end = text.find("\n}\n", start);
  std::string body = text.substr(start, end - start);
  // The parser knows `item` only in this form.
  if (body.find("std::string item = plural + \"/{\" + id_name + \"}\";") ==
      std::string::npos) {
    return {};
  }
  std::vector<std::pair<std::string, bool>> templates;
  std::regex add(std::string("\\{\\s*\"") + kMethods +
                 "\"\\s*,\\s*(plural|item)\\s*,");
  for (std::sregex_iterator it(body.begin(), body.end(), add), last; it != last;
       ++it) {
    templates.push_back({(*it)[1], (*it)[2] == "item"});
  }
  return templates;
}

// The routes one route-table source file registers, under `root`.
RouteSet RoutesInSource(const std::string& text, const std::string& root) {
  RouteSet routes;
  std::regex literal(std::string("(?:\\{|\\badd\\()\\s*\"") + kMethods +
                     "\"\\s*,\\s*\"([^\"]*)\"");
  for (std::sregex_iterator it(text.begin(), text.end(), literal), last;
       it != last; ++it) {
    routes.insert({(*it)[1], root + (*it)[2].str()});
  }
  std::regex entity(
      "RegisterEntity\\(\\s*router\\s*,\\s*\"([^\"]+)\"\\s*,\\s*\"([^\"]+)\"");
  std::vector<std::pair<std::string, bool>> templates =
      EntityRouteTemplates(text);
  for (std::sregex_iterator it(text.begin(), text.end(), entity), last;
       it != last; ++it) {
    std::string plural = (*it)[1], id = (*it)[2];
    if (templates.empty())
      routes.insert({"?", "cannot read RegisterEntity's definition"});
    for (const auto& [method, on_item] : templates) {
      routes.insert({method, root + plural + (on_item ? "/{" + id + "}" : "")});
    }
  }
  return routes;
}

RouteSet CodeRoutes() {
  RouteSet routes;
  for (const auto& [dir, root] :
       std::vector<std::pair<std::string, std::string>>{
           {"server/api", "/api/"}, {"server/admin", "/__admin/"}}) {
    for (const fs::directory_entry& entry :
         fs::directory_iterator(SourceDir() / dir)) {
      std::string name = entry.path().filename().string();
      if (name.size() < 7 || name.compare(name.size() - 7, 7, "_api.cc") != 0)
        continue;
      RouteSet found =
          RoutesInSource(WithoutCommentLines(ReadText(entry.path())), root);
      CAPTURE(entry.path().string());
      CHECK_MESSAGE(!found.empty(),
                    "no route found: update this test's source parser");
      routes.insert(found.begin(), found.end());
    }
  }
  return routes;
}

RouteSet DocumentRoutes() {
  std::istringstream in(ReadText(SourceDir() / "docs" / "openapi.yaml"));
  const std::regex path_key("^  (/[^ :]*):\\s*$");
  const std::regex operation_key(
      "^    (get|post|put|delete|patch|head|options|trace):.*$");
  RouteSet routes;
  bool in_paths = false;
  std::string line, path;
  std::smatch match;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
    } else if (!line.empty() && line[0] != ' ' && line[0] != '#') {
      in_paths = false;
    } else if (in_paths && std::regex_match(line, match, path_key)) {
      path = match[1];
    } else if (in_paths && !path.empty() &&
               std::regex_match(line, match, operation_key)) {
      std::string method = match[1];
      for (char& c : method) c = static_cast<char>(std::toupper(c));
      routes.insert({method, path});
    }
  }
  return routes;
}

TEST_CASE("docs/openapi.yaml documents exactly the routes the code registers") {
  RouteSet code = NormalisedSet(CodeRoutes());
  RouteSet documented = NormalisedSet(DocumentRoutes());
  REQUIRE(documented.size() > 0);
  for (const auto& [method, path] : code) {
    if (documented.count({method, path}) == 0) {
      FAIL_CHECK("in the code but not in docs/openapi.yaml: " << method << " "
                                                              << path);
    }
  }
  for (const auto& [method, path] : documented) {
    if (code.count({method, path}) == 0) {
      FAIL_CHECK("in docs/openapi.yaml but not in the code: " << method << " "
                                                              << path);
    }
  }
  CHECK(code.size() == documented.size());
}

TEST_CASE(
    "the server routes every documented and registered route in both URL "
    "forms") {
  TestServer server(TestFixturesDir("lifecycle"));
  RouteSet all = DocumentRoutes();
  RouteSet code = CodeRoutes();
  all.insert(code.begin(), code.end());
  const std::regex placeholder("\\{[^}/]*\\}");
  for (const auto& [method, path] : all) {
    std::string concrete = std::regex_replace(path, placeholder, "x");
    std::vector<std::string> forms = {concrete};
    if (concrete.rfind("/api/", 0) == 0)
      forms.push_back("/APP/KEY/" + concrete.substr(5));
    for (const std::string& target : forms) {
      const std::string request =
          method + " " + target;  // not a binding: CAPTURE can
      CAPTURE(request);
      Answer answer = server.Send(method, target, "");
      CHECK(answer.status != 405);
      bool unrouted =
          answer.status == 404 && answer.body.is_object() &&
          answer.body.value("message", "").rfind("No emulated endpoint", 0) ==
              0;
      CHECK_FALSE(unrouted);
    }
  }
}

}  // namespace
}  // namespace backendless_mock::testing
