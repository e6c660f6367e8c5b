#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "clock.h"
#include "ids.h"
#include "model/expected.h"
#include "model/lifecycle.h"
#include "model/message.h"
#include "policy/identity.h"
#include "store/fixture_set.h"
#include "store/message_board.h"

namespace backendless_mock {

// A message as the admin API shows it: as stored, its status now, its life.
struct MessageView {
  Message message;
  StatusReport status;
  std::vector<Transition> history;
};

struct MessagingOptions {
  // How long a publish without publishAt stays scheduled before delivery.
  int64_t delivery_delay_ms = 1000;
};

// The messaging domain: statuses, publishing, push templates and cancels,
// under channel permissions, on the injected clock and id source. Every call
// fills `decision` with the permission verdict for the access log.
class MessagingService {
 public:
  MessagingService(MessageBoard& board, const Clock& clock, IdSource& ids,
                   MessagingOptions options);

  // The status at the clock's now; "unknown" for an id nobody knows.
  Expected<StatusReport> GetStatus(const FixtureSet& fixtures,
                                   const Identity& who, const std::string& id,
                                   std::string& decision) const;
  // Stores a new scheduled message on `channel` from a publish body.
  Expected<StatusReport> Publish(const FixtureSet& fixtures,
                                 const Identity& who,
                                 const std::string& channel,
                                 const nlohmann::json& body,
                                 std::string& decision);
  // Sends through a push template; body {"templateValues": {...}} or {}.
  Expected<StatusReport> PushWithTemplate(const FixtureSet& fixtures,
                                          const Identity& who,
                                          const std::string& name,
                                          const nlohmann::json& body,
                                          std::string& decision);
  // Cancels a scheduled (or repeating) message; 5040 for any other.
  Expected<CancelReport> Cancel(const FixtureSet& fixtures, const Identity& who,
                                const std::string& id, std::string& decision);
  // The message as served now; nullopt when unknown or deleted.
  std::optional<MessageView> Inspect(const FixtureSet& fixtures,
                                     const std::string& id) const;
  // The channel of the message as served now; empty when unknown.
  std::string ChannelOf(const FixtureSet& fixtures,
                        const std::string& id) const;

 private:
  // The message as served now: the board's version, else the fixture's.
  struct Current {
    std::shared_ptr<const Message> runtime;  // the board's version
    std::optional<Message> fixture;          // the fixture entry, if served
    // Null: unknown or deleted.
    const Message* message() const {
      if (runtime) return runtime.get();
      return fixture ? &*fixture : nullptr;
    }
  };
  Current Find(const FixtureSet& fixtures, const std::string& id) const;

  // Gives `message` a fresh id and its due time, and keeps it.
  StatusReport Store(Message message);

  MessageBoard& board_;
  const Clock& clock_;
  IdSource& ids_;
  MessagingOptions options_;
};

}  // namespace backendless_mock
