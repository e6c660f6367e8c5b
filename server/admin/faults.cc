#include "admin/faults.h"

#include "model/errors.h"

namespace backendless_mock {
namespace {

using nlohmann::json;

// An integer that fits an int (an HTTP status or a Backendless code).
bool IsInt(const json& value) {
  return value.is_number_integer() &&
         !(value.is_number_unsigned() && value.get<uint64_t>() > INT32_MAX) &&
         value.get<int64_t>() >= INT32_MIN && value.get<int64_t>() <= INT32_MAX;
}

ApiError Bad(const std::string& what) {
  return errors::CannotParseRequest("fault rule: " + what);
}

std::optional<std::string> OptionalText(const json& object, const char* key,
                                        std::optional<ApiError>& error) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_string()) {
    error = Bad(std::string("match.") + key + " must be a string");
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<ApiError> ReadEffect(const json& effect, FaultEffect& out) {
  if (!effect.is_object() || effect.empty()) {
    return Bad("\"effect\" must be a non-empty object");
  }
  int kinds = 0;
  for (const auto& item : effect.items()) {
    const std::string& key = item.key();
    const json& value = item.value();
    if (key == "delayMs") {
      if (value.is_number_integer() && value.get<int64_t>() >= 0) {
        out.delay_ms = {value.get<int64_t>(), value.get<int64_t>()};
      } else if (value.is_array() && value.size() == 2 &&
                 value[0].is_number_integer() && value[1].is_number_integer() &&
                 value[0].get<int64_t>() >= 0 &&
                 value[0].get<int64_t>() <= value[1].get<int64_t>()) {
        out.delay_ms = {value[0].get<int64_t>(), value[1].get<int64_t>()};
      } else {
        return Bad("effect.delayMs must be N or [MIN, MAX] milliseconds");
      }
      if (out.delay_ms->second > 600000) {
        return Bad("effect.delayMs must be at most 600000");
      }
      continue;
    }
    ++kinds;
    if (key == "error") {
      if (!value.is_object() || !IsInt(value.value("status", json())) ||
          !IsInt(value.value("code", json())) ||
          !value.value("message", json()).is_string()) {
        return Bad(
            "effect.error needs integer status and code and a string message");
      }
      int status = value["status"].get<int>();
      if (status < 100 || status > 599)
        return Bad("effect.error.status must be 100-599");
      out.error = value;
    } else if (key == "response") {
      if (!value.is_object() || !IsInt(value.value("status", json()))) {
        return Bad("effect.response needs an integer status");
      }
      int status = value["status"].get<int>();
      if (status < 100 || status > 599)
        return Bad("effect.response.status must be 100-599");
      if (value.contains("headers")) {
        if (!value["headers"].is_object())
          return Bad("effect.response.headers must be an object");
        for (const auto& header : value["headers"].items()) {
          if (!header.value().is_string()) {
            return Bad("effect.response.headers values must be strings");
          }
        }
      }
      out.response = value;
    } else if (key == "close" && value == true) {
      out.close = true;
    } else if (key == "reset" && value == true) {
      out.reset = true;
    } else {
      return Bad("unknown effect \"" + key + "\"");
    }
  }
  if (kinds > 1)
    return Bad("effect may combine delayMs with one other effect only");
  return std::nullopt;
}

}  // namespace

Expected<FaultRule> ReadFaultRule(const json& body) {
  FaultRule rule;
  rule.definition = body;
  for (const auto& item : body.items()) {
    if (item.key() != "match" && item.key() != "effect") {
      return Bad("unknown key \"" + item.key() + "\"");
    }
  }
  const json match = body.value("match", json::object());
  if (!match.is_object()) return Bad("\"match\" must be an object");
  std::optional<ApiError> error;
  rule.method = OptionalText(match, "method", error);
  rule.path_prefix = OptionalText(match, "path", error);
  rule.message_id = OptionalText(match, "messageId", error);
  rule.channel = OptionalText(match, "channel", error);
  rule.user = OptionalText(match, "user", error);
  if (error) return *error;
  for (const auto& item : match.items()) {
    const std::string& key = item.key();
    if (key == "times") {
      if (!item.value().is_number_integer() ||
          item.value().get<int64_t>() < 1) {
        return Bad("match.times must be a positive integer");
      }
      rule.times = item.value().get<uint64_t>();
    } else if (key == "probability") {
      if (!item.value().is_number() || item.value().get<double>() < 0 ||
          item.value().get<double>() > 1) {
        return Bad("match.probability must be a number from 0 to 1");
      }
      rule.probability = item.value().get<double>();
    } else if (key == "seed") {
      if (!item.value().is_number_integer())
        return Bad("match.seed must be an integer");
      rule.random.seed(item.value().get<uint64_t>());
    } else if (key != "method" && key != "path" && key != "messageId" &&
               key != "channel" && key != "user") {
      return Bad("unknown match key \"" + key + "\"");
    }
  }
  if (!body.contains("effect")) return Bad("\"effect\" is required");
  if (auto effect_error = ReadEffect(body["effect"], rule.effect)) {
    return *effect_error;
  }
  return rule;
}

json FaultInjector::Listing(const FaultRule& rule) {
  json listing = rule.definition;
  listing["id"] = rule.id;
  listing["hits"] = rule.hits;
  return listing;
}

json FaultInjector::Add(FaultRule rule) {
  std::lock_guard<std::mutex> lock(mu_);
  rule.id = "fault-" + std::to_string(next_id_++);
  rules_.push_back(std::move(rule));
  return Listing(rules_.back());
}

std::optional<FaultEffect> FaultInjector::Match(const FaultSubject& subject) {
  std::lock_guard<std::mutex> lock(mu_);
  for (FaultRule& rule : rules_) {
    if (rule.method && *rule.method != subject.method) continue;
    if (rule.path_prefix && subject.path.rfind(*rule.path_prefix, 0) != 0)
      continue;
    if (rule.message_id && *rule.message_id != subject.message_id) continue;
    if (rule.channel && *rule.channel != subject.channel) continue;
    if (rule.user && *rule.user != subject.user_id &&
        *rule.user != subject.user_email) {
      continue;
    }
    if (rule.times && rule.hits >= *rule.times) continue;
    if (rule.probability) {
      double draw = std::uniform_real_distribution<double>(0, 1)(rule.random);
      if (draw >= *rule.probability) continue;
    }
    ++rule.hits;
    return rule.effect;
  }
  return std::nullopt;
}

json FaultInjector::List() const {
  std::lock_guard<std::mutex> lock(mu_);
  json list = json::array();
  for (const FaultRule& rule : rules_) list.push_back(Listing(rule));
  return list;
}

bool FaultInjector::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (it->id == id) {
      rules_.erase(it);
      return true;
    }
  }
  return false;
}

void FaultInjector::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  rules_.clear();
}

size_t FaultInjector::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rules_.size();
}

}  // namespace backendless_mock
