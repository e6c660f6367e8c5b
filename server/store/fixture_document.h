#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/channel.h"
#include "model/message.h"
#include "model/push_template.h"
#include "model/user.h"
#include "store/fixture_error.h"

namespace backendless_mock {

// An entity with the pointer of the entry it came from.
template <typename T>
struct Located {
  T value;
  std::string pointer;
};

// The entities one fixture document declares, after validation.
struct FixtureDocument {
  std::vector<Located<AppCredentials>> apps;
  std::vector<Located<User>> users;
  std::vector<Located<Channel>> channels;
  std::vector<Located<Message>> messages;
  std::vector<Located<PushTemplate>> push_templates;
};

// Validates one parsed document. Every invalid entry is reported to `sink`
// and left out; valid entries are returned.
FixtureDocument ReadFixtureDocument(const nlohmann::json& document,
                                    FixtureErrorSink& sink);

// Single-entry readers, shared with the admin API (which accepts one object
// in the fixture-file format). Each returns nullopt after reporting errors.
std::optional<User> ReadUser(const nlohmann::json& value,
                             const std::string& pointer,
                             FixtureErrorSink& sink);
std::optional<Channel> ReadChannel(const nlohmann::json& value,
                                   const std::string& pointer,
                                   FixtureErrorSink& sink);
std::optional<Message> ReadMessage(const nlohmann::json& value,
                                   const std::string& pointer,
                                   FixtureErrorSink& sink);
std::optional<PushTemplate> ReadPushTemplate(const nlohmann::json& value,
                                             const std::string& pointer,
                                             FixtureErrorSink& sink);

}  // namespace backendless_mock
