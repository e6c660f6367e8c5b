#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/fixture_set.h"

namespace backendless_mock {

// Holds the fixture snapshot being served: the set the files define, with
// the admin API's edits of users, channels and push templates on top.
// Readers take a reference-counted snapshot and keep it for the whole
// request; every change builds and swaps in a new one atomically.
class FixtureStore {
 public:
  explicit FixtureStore(std::shared_ptr<const FixtureSet> files);

  std::shared_ptr<const FixtureSet> Current() const;
  // New file contents; the admin edits are applied on top again. Returns the
  // snapshots replaced, so the caller chooses where (on which thread, outside
  // which lock) they are freed.
  std::vector<std::shared_ptr<const FixtureSet>> ReplaceFiles(
      std::shared_ptr<const FixtureSet> files);

  // Admin edits, kept across reloads until ResetEdits(). A Remove of what
  // the snapshot does not have answers false.
  void PutUser(User user);
  bool RemoveUser(const std::string& object_id);
  void PutChannel(Channel channel);
  bool RemoveChannel(const std::string& name);
  void PutPushTemplate(PushTemplate push_template);
  bool RemovePushTemplate(const std::string& name);
  void ResetEdits();

 private:
  // An entry per edited id: its new value, or nullopt when removed.
  struct Edits {
    std::map<std::string, std::optional<User>> users;
    std::map<std::string, std::optional<Channel>> channels;
    std::map<std::string, std::optional<PushTemplate>> push_templates;
  };
  // REQUIRES: mu_ held.
  void Rebuild();

  mutable std::mutex mu_;
  std::shared_ptr<const FixtureSet> files_;    // Guarded by mu_
  Edits edits_;                                // Guarded by mu_
  std::shared_ptr<const FixtureSet> current_;  // Guarded by mu_
};

}  // namespace backendless_mock
