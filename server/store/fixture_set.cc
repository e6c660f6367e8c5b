#include "store/fixture_set.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace backendless_mock {
namespace {

template <typename Map>
auto FindIn(const Map& map, const std::string& key) -> const
    typename Map::mapped_type* {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

FixtureSet::FixtureSet() : messages_(std::make_shared<const MessageTable>()) {}

std::optional<Message> FixtureSet::FindMessage(std::string_view id) const {
  return messages_->Find(id);
}

const Channel* FixtureSet::FindChannel(const std::string& name) const {
  return FindIn(channels_, name);
}

const PushTemplate* FixtureSet::FindPushTemplate(
    const std::string& name) const {
  return FindIn(push_templates_, name);
}

const User* FixtureSet::FindUserById(const std::string& object_id) const {
  return FindIn(users_, object_id);
}

const User* FixtureSet::FindUserByEmail(const std::string& email) const {
  const std::string* id = FindIn(user_by_email_, email);
  return id == nullptr ? nullptr : FindUserById(*id);
}

const User* FixtureSet::FindUserByFixtureToken(const std::string& token) const {
  const std::string* id = FindIn(user_by_token_, token);
  return id == nullptr ? nullptr : FindUserById(*id);
}

bool FixtureSet::AcceptsApp(const std::string& app_id,
                            const std::string& api_key) const {
  const auto* keys = FindIn(app_keys_, app_id);
  return keys != nullptr &&
         std::find(keys->begin(), keys->end(), api_key) != keys->end();
}

void FixtureSet::IndexUser(const User& user) {
  user_by_email_[user.email] = user.object_id;
  if (user.user_token) user_by_token_[*user.user_token] = user.object_id;
}

void FixtureSet::PutUser(User user) {
  RemoveUser(user.object_id);
  IndexUser(user);
  std::string id = user.object_id;
  users_.emplace(std::move(id), std::move(user));
}

void FixtureSet::RemoveUser(const std::string& object_id) {
  auto it = users_.find(object_id);
  if (it == users_.end()) return;
  user_by_email_.erase(it->second.email);
  if (it->second.user_token) user_by_token_.erase(*it->second.user_token);
  users_.erase(it);
}

void FixtureSet::PutChannel(Channel channel) {
  std::string name = channel.name;
  channels_.insert_or_assign(std::move(name), std::move(channel));
}

void FixtureSet::RemoveChannel(const std::string& name) {
  channels_.erase(name);
}

void FixtureSet::PutPushTemplate(PushTemplate push_template) {
  std::string name = push_template.name;
  push_templates_.insert_or_assign(std::move(name), std::move(push_template));
}

void FixtureSet::RemovePushTemplate(const std::string& name) {
  push_templates_.erase(name);
}

FixtureSetBuilder::FixtureSetBuilder()
    : set_(std::make_shared<FixtureSet>()),
      messages_(std::make_shared<MessageTable>()) {}

bool FixtureSetBuilder::Claim(const std::string& kind, const std::string& id,
                              const std::string& pointer,
                              FixtureErrorSink& sink) {
  std::string here = sink.file() + ": " + pointer;
  auto [it, inserted] = first_declared_.emplace(kind + '\0' + id, here);
  if (!inserted) {
    sink.AddCrossReference(
        pointer, "duplicate " + kind + " " + nlohmann::json(id).dump() +
                     " (first declared at " + it->second + ")");
  }
  return inserted;
}

void FixtureSetBuilder::AddMessage(IndexedMessage& message,
                                   FixtureErrorSink& sink) {
  if (files_.empty() || files_.back() != sink.file()) {
    files_.push_back(sink.file());
  }
  if (messages_->Insert(message.value)) {
    message_origins_.emplace_back(static_cast<uint32_t>(files_.size() - 1),
                                  static_cast<uint32_t>(message.index));
    return;
  }
  auto [file, index] =
      message_origins_[*messages_->PositionOf(message.value.id)];
  sink.AddCrossReference(MessageIdPointer(message.index),
                         "duplicate message id " +
                             nlohmann::json(message.value.id).dump() +
                             " (first declared at " + files_[file] + ": " +
                             MessageIdPointer(index) + ")");
}

void FixtureSetBuilder::Add(FixtureDocument&& document,
                            FixtureErrorSink& sink) {
  FixtureSet& set = *set_;
  for (auto& [app, pointer] : document.apps) {
    if (Claim("app id", app.app_id, pointer, sink)) {
      set.app_keys_[app.app_id] = std::move(app.api_keys);
    }
  }
  for (auto& [user, pointer] : document.users) {
    // The id pointer ends in /objectId; sibling keys share its parent.
    std::string entry = pointer.substr(0, pointer.rfind('/'));
    bool ok = Claim("user objectId", user.object_id, pointer, sink);
    ok = Claim("user email", user.email, entry + "/email", sink) && ok;
    if (user.user_token) {
      ok = Claim("user token", *user.user_token, entry + "/userToken", sink) &&
           ok;
    }
    if (ok) set.PutUser(std::move(user));
  }
  for (auto& [channel, pointer] : document.channels) {
    if (Claim("channel", channel.name, pointer, sink)) {
      set.PutChannel(std::move(channel));
    }
  }
  for (IndexedMessage& message : document.messages) AddMessage(message, sink);
  for (auto& [push_template, pointer] : document.push_templates) {
    if (Claim("push template", push_template.name, pointer, sink)) {
      set.PutPushTemplate(std::move(push_template));
    }
  }
}

std::shared_ptr<const FixtureSet> FixtureSetBuilder::Build() {
  messages_->Seal();
  set_->messages_ = std::move(messages_);
  std::shared_ptr<const FixtureSet> out = std::move(set_);
  set_ = std::make_shared<FixtureSet>();
  messages_ = std::make_shared<MessageTable>();
  message_origins_.clear();
  files_.clear();
  first_declared_.clear();
  return out;
}

}  // namespace backendless_mock
