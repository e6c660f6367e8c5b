#include "store/fixture_store.h"

namespace backendless_mock {

FixtureStore::FixtureStore(std::shared_ptr<const FixtureSet> files)
    : files_(std::move(files)), current_(files_) {}

std::shared_ptr<const FixtureSet> FixtureStore::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

std::vector<std::shared_ptr<const FixtureSet>> FixtureStore::ReplaceFiles(
    std::shared_ptr<const FixtureSet> files) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<const FixtureSet>> replaced = {files_, current_};
  files_ = std::move(files);
  Rebuild();
  return replaced;
}

void FixtureStore::Rebuild() {
  bool edited = !edits_.users.empty() || !edits_.channels.empty() ||
                !edits_.push_templates.empty();
  if (!edited) {
    current_ = files_;
    return;
  }
  auto next = std::make_shared<FixtureSet>(*files_);  // shares the messages
  for (const auto& [id, user] : edits_.users) {
    next->RemoveUser(id);
    if (user) next->PutUser(*user);
  }
  for (const auto& [name, channel] : edits_.channels) {
    if (channel) {
      next->PutChannel(*channel);
    } else {
      next->RemoveChannel(name);
    }
  }
  for (const auto& [name, push_template] : edits_.push_templates) {
    if (push_template) {
      next->PutPushTemplate(*push_template);
    } else {
      next->RemovePushTemplate(name);
    }
  }
  current_ = std::move(next);
}

void FixtureStore::PutUser(User user) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string id = user.object_id;
  edits_.users[id] = std::move(user);
  Rebuild();
}

bool FixtureStore::RemoveUser(const std::string& object_id) {
  std::lock_guard<std::mutex> lock(mu_);
  if (current_->FindUserById(object_id) == nullptr) return false;
  edits_.users[object_id] = std::nullopt;
  Rebuild();
  return true;
}

void FixtureStore::PutChannel(Channel channel) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string name = channel.name;
  edits_.channels[name] = std::move(channel);
  Rebuild();
}

bool FixtureStore::RemoveChannel(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  if (current_->FindChannel(name) == nullptr) return false;
  edits_.channels[name] = std::nullopt;
  Rebuild();
  return true;
}

void FixtureStore::PutPushTemplate(PushTemplate push_template) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string name = push_template.name;
  edits_.push_templates[name] = std::move(push_template);
  Rebuild();
}

bool FixtureStore::RemovePushTemplate(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  if (current_->FindPushTemplate(name) == nullptr) return false;
  edits_.push_templates[name] = std::nullopt;
  Rebuild();
  return true;
}

void FixtureStore::ResetEdits() {
  std::lock_guard<std::mutex> lock(mu_);
  edits_ = Edits{};
  Rebuild();
}

}  // namespace backendless_mock
