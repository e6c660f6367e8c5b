#include "store/sessions.h"

namespace backendless_mock {

std::optional<std::string> Sessions::Resolve(const std::string& token,
                                             const FixtureSet& fixtures) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = issued_.find(token); it != issued_.end()) return it->second;
  if (revoked_.count(token) != 0) return std::nullopt;
  if (const User* user = fixtures.FindUserByFixtureToken(token)) {
    return user->object_id;
  }
  return std::nullopt;
}

void Sessions::Issue(const std::string& token, const std::string& user_id) {
  std::lock_guard<std::mutex> lock(mu_);
  revoked_.erase(token);
  issued_[token] = user_id;
}

bool Sessions::Revoke(const std::string& token, const FixtureSet& fixtures) {
  std::lock_guard<std::mutex> lock(mu_);
  if (issued_.erase(token) != 0) {
    // An issued token is never issued again, so forgetting it is enough;
    // remembering it would grow without bound. Only a fixture token, live
    // again as soon as it is forgotten, needs to be remembered as revoked.
    if (fixtures.FindUserByFixtureToken(token) != nullptr)
      revoked_.insert(token);
    return true;
  }
  if (revoked_.count(token) != 0 ||
      fixtures.FindUserByFixtureToken(token) == nullptr) {
    return false;
  }
  revoked_.insert(token);
  return true;
}

void Sessions::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  issued_.clear();
  revoked_.clear();
}

nlohmann::json Sessions::Export() const {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::json revoked = nlohmann::json::array();
  for (const std::string& token : revoked_) revoked.push_back(token);
  return {{"issued", issued_}, {"revoked", revoked}};
}

bool Sessions::Import(const nlohmann::json& state) {
  if (!state.is_object() ||
      !state.value("issued", nlohmann::json()).is_object() ||
      !state.value("revoked", nlohmann::json()).is_array()) {
    return false;
  }
  std::unordered_map<std::string, std::string> issued;
  std::unordered_set<std::string> revoked;
  for (const auto& item : state["issued"].items()) {
    if (!item.value().is_string()) return false;
    issued[item.key()] = item.value().get<std::string>();
  }
  for (const auto& token : state["revoked"]) {
    if (!token.is_string()) return false;
    revoked.insert(token.get<std::string>());
  }
  std::lock_guard<std::mutex> lock(mu_);
  issued_ = std::move(issued);
  revoked_ = std::move(revoked);
  return true;
}

size_t Sessions::issued_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return issued_.size();
}

}  // namespace backendless_mock
