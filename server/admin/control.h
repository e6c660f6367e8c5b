#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "admin/faults.h"
#include "admin/journal.h"
#include "admin/reload_result.h"
#include "admin/reload_worker.h"
#include "clock.h"
#include "log/logger.h"
#include "model/expected.h"
#include "service/messaging_service.h"
#include "store/fixture_store.h"
#include "store/message_board.h"
#include "store/sessions.h"

namespace backendless_mock {

// What GET /__admin/health reports.
struct HealthReport {
  int64_t uptime_ms = 0;
  std::string fixtures_dir;
  size_t fixture_messages = 0, users = 0, channels = 0;
  size_t runtime_messages = 0, sessions = 0;
  size_t journal_size = 0, journal_capacity = 0;
  uint64_t journal_dropped = 0;
  size_t faults = 0;
  ReloadResult last_reload;
};

void to_json(nlohmann::json& j, const HealthReport& report);

// The kinds of fixture entity the admin API edits at run time.
enum class EntityKind { kMessage, kUser, kChannel, kPushTemplate };

// What POST /__admin/reset?scope= returns to the fixture files' state.
enum class ResetScope { kMessages, kTokens, kJournal, kFaults, kClock, kAll };
std::optional<ResetScope> ParseResetScope(const std::string& name);

// The one facade the admin routes call: every control-plane operation on the
// running emulator goes through here. Thread-safe.
class Control {
 public:
  struct Parts {
    std::string fixtures_dir;
    FixtureStore& fixtures;
    MessageBoard& board;
    Sessions& sessions;
    MessagingService& messaging;
    AdjustableClock& clock;
    Journal& journal;
    FaultInjector& faults;
    Logger& logger;
    std::string state_file;  // empty: no --state-file
  };
  explicit Control(Parts parts);

  // Loads the fixture files again and swaps them in atomically; on errors the
  // last good set stays and every error line is logged. Runtime state
  // (published messages, sessions, admin edits) is kept either way. The
  // reload runs on the reload thread (ReloadWorker); this waits for it.
  ReloadResult ReloadFixtures(const std::string& trigger);
  // The same reload, queued without waiting (SIGHUP); folded into one
  // already queued.
  void RequestReload(const std::string& trigger);
  HealthReport Health() const;
  AdjustableClock& clock() { return parts_.clock; }
  Journal& journal() { return parts_.journal; }
  FaultInjector& faults() { return parts_.faults; }
  void Reset(ResetScope scope);

  // Runtime fixtures. `value` is one object in the fixture-file format,
  // validated exactly like a file entry (8002 naming the field). Create
  // answers 409 when the id exists; Replace and Delete 404 when it does not.
  Expected<nlohmann::json> List(EntityKind kind) const;
  Expected<nlohmann::json> Get(EntityKind kind, const std::string& id) const;
  Expected<nlohmann::json> Create(EntityKind kind, const nlohmann::json& value);
  Expected<nlohmann::json> Replace(EntityKind kind, const std::string& id,
                                   const nlohmann::json& value);
  Expected<nlohmann::json> Delete(EntityKind kind, const std::string& id);
  // Every transition of a message, with clock times and causes.
  Expected<nlohmann::json> History(const std::string& message_id) const;

  // Runtime state: messages made or changed through the API, sessions, the
  // clock. Export/Import are GET/PUT /__admin/state; SaveState writes
  // --state-file through a temporary file and a rename.
  nlohmann::json ExportState() const;
  Expected<nlohmann::json> ImportState(const nlohmann::json& state);
  Expected<nlohmann::json> SaveState();
  // Loads --state-file if it exists; an error when it cannot be used.
  Expected<bool> LoadStateFile();

 private:
  // ReloadFixtures' work, on the reload thread.
  ReloadResult ReloadNow(const std::string& trigger);
  Expected<nlohmann::json> Upsert(EntityKind kind, const nlohmann::json& value,
                                  const std::optional<std::string>& path_id);

  Parts parts_;
  const std::chrono::steady_clock::time_point started_;
  mutable std::mutex mu_;     // serialises reloads, edits and state saves
  ReloadResult last_reload_;  // Guarded by mu_
  ReloadWorker reloads_;      // last: its thread stops before the rest goes
};

}  // namespace backendless_mock
