#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/channel.h"
#include "model/message.h"
#include "model/push_template.h"
#include "model/user.h"
#include "store/fixture_document.h"
#include "store/message_table.h"

namespace backendless_mock {

// What the fixture files (plus admin-API edits) declare: an immutable
// snapshot, shared between threads without locks. Changes build a new one;
// copies share the (large) message map.
class FixtureSet {
 public:
  FixtureSet();

  // A copy of the fixture message (they are stored packed), or nullopt.
  std::optional<Message> FindMessage(std::string_view id) const;
  // Null when absent. Pointers stay valid as long as the snapshot lives.
  const Channel* FindChannel(const std::string& name) const;
  const PushTemplate* FindPushTemplate(const std::string& name) const;
  const User* FindUserById(const std::string& object_id) const;
  const User* FindUserByEmail(const std::string& email) const;
  // The user whose fixture userToken this is.
  const User* FindUserByFixtureToken(const std::string& token) const;

  // False when no app is declared: then every app id / API key is accepted.
  bool HasApps() const { return !app_keys_.empty(); }
  bool AcceptsApp(const std::string& app_id, const std::string& api_key) const;

  size_t message_count() const { return messages_->size(); }
  size_t user_count() const { return users_.size(); }
  size_t channel_count() const { return channels_.size(); }
  const MessageTable& messages() const { return *messages_; }
  const std::unordered_map<std::string, User>& users() const { return users_; }
  const std::unordered_map<std::string, Channel>& channels() const {
    return channels_;
  }
  const std::unordered_map<std::string, PushTemplate>& push_templates() const {
    return push_templates_;
  }

  // Edits for a copy being prepared (see FixtureOverlay); never on a shared
  // snapshot. PutUser replaces the user with the same objectId.
  void PutUser(User user);
  void RemoveUser(const std::string& object_id);
  void PutChannel(Channel channel);
  void RemoveChannel(const std::string& name);
  void PutPushTemplate(PushTemplate push_template);
  void RemovePushTemplate(const std::string& name);

 private:
  friend class FixtureSetBuilder;
  void IndexUser(const User& user);

  std::unordered_map<std::string, std::vector<std::string>> app_keys_;
  std::unordered_map<std::string, User> users_;  // by objectId
  std::unordered_map<std::string, std::string> user_by_email_;
  std::unordered_map<std::string, std::string> user_by_token_;
  std::unordered_map<std::string, Channel> channels_;
  std::shared_ptr<const MessageTable> messages_;
  std::unordered_map<std::string, PushTemplate> push_templates_;
};

// Merges documents into one FixtureSet, reporting ids declared twice.
class FixtureSetBuilder {
 public:
  FixtureSetBuilder();
  void Add(FixtureDocument&& document, FixtureErrorSink& sink);
  std::shared_ptr<const FixtureSet> Build();

 private:
  // Where each id was first declared, "file: pointer", by kind and id.
  bool Claim(const std::string& kind, const std::string& id,
             const std::string& pointer, FixtureErrorSink& sink);
  // Messages are their own record of ids: the table finds a duplicate, and
  // where the first came from is written out only then.
  void AddMessage(IndexedMessage& message, FixtureErrorSink& sink);

  std::unordered_map<std::string, std::string> first_declared_;
  std::shared_ptr<FixtureSet> set_;
  std::shared_ptr<MessageTable> messages_;
  // Per message, in table order: the file (in files_) and the entry index.
  std::vector<std::pair<uint32_t, uint32_t>> message_origins_;
  std::vector<std::string> files_;
};

}  // namespace backendless_mock
