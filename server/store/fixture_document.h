#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/channel.h"
#include "model/message.h"
#include "model/push_template.h"
#include "model/user.h"
#include "store/fixture_error.h"
#include "store/object_reader.h"

namespace backendless_mock {

// An entity with the pointer of the entry it came from.
template <typename T>
struct Located {
  T value;
  std::string pointer;
};

// A message with its index in the document's "messages" array. There may be
// millions, so the pointer of its id is made only when an error needs it.
struct IndexedMessage {
  Message value;
  size_t index = 0;
};

// "/messages/<index>/messageId"
std::string MessageIdPointer(size_t index);

// The entities one fixture document declares, after validation.
struct FixtureDocument {
  std::vector<Located<AppCredentials>> apps;
  std::vector<Located<User>> users;
  std::vector<Located<Channel>> channels;
  std::vector<IndexedMessage> messages;
  std::vector<Located<PushTemplate>> push_templates;
};

// Validates one parsed document. Every invalid entry is reported to `sink`
// and left out; valid entries are returned.
FixtureDocument ReadFixtureDocument(const nlohmann::json& document,
                                    FixtureErrorSink& sink);

// A "messages" section read before the rest of its document (the loader
// streams it): the valid messages and the errors of the others.
struct ReadMessages {
  std::vector<IndexedMessage> messages;
  std::vector<FixtureError> errors;
};

// The same for a document whose "messages" section was read already and is
// not in `rest`: the streamed messages and their errors take the section's
// place, so the report is the one the whole document would give.
FixtureDocument ReadFixtureDocument(const nlohmann::json& rest,
                                    ReadMessages streamed,
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
// The same for a message the loader streamed (see fixture_stream.h).
std::optional<Message> ReadMessage(ObjectReader& reader,
                                   FixtureErrorSink& sink);
std::optional<PushTemplate> ReadPushTemplate(const nlohmann::json& value,
                                             const std::string& pointer,
                                             FixtureErrorSink& sink);

}  // namespace backendless_mock
