#include "admin/state_snapshot.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "model/fixture_json.h"

namespace backendless_mock {
namespace {

using nlohmann::json;

std::optional<int64_t> OptionalInteger(const json& state, const char* key,
                                       bool& ok) {
  auto it = state.find(key);
  if (it == state.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<uint64_t>() > INT64_MAX)) {
    ok = false;
    return std::nullopt;
  }
  return it->get<int64_t>();
}

std::optional<DeliveryOutcome> OutcomeFrom(const json& state, bool& ok) {
  auto it = state.find("deliveryOutcome");
  if (it == state.end()) return std::nullopt;
  std::optional<MessageStatus> status =
      it->is_object() && it->value("status", json()).is_string()
          ? ParseMessageStatus((*it)["status"].get<std::string>())
          : std::nullopt;
  if (!status) {
    ok = false;
    return std::nullopt;
  }
  DeliveryOutcome outcome{*status, std::nullopt};
  if (it->contains("errorMessage") && (*it)["errorMessage"].is_string()) {
    outcome.error_message = (*it)["errorMessage"].get<std::string>();
  }
  return outcome;
}

}  // namespace

json MessageToState(const Message& message) {
  json state = message;
  auto put = [&state](const char* key, const std::optional<int64_t>& value) {
    if (value) state[key] = *value;
  };
  put("createdAtMs", message.created_at_ms);
  put("dueAtMs", message.due_at_ms);
  put("cancelledAtMs", message.cancelled_at_ms);
  if (!message.created_by.empty()) state["createdBy"] = message.created_by;
  if (!message.cancelled_by.empty())
    state["cancelledBy"] = message.cancelled_by;
  return state;
}

std::optional<Message> MessageFromState(const json& state, std::string& error) {
  if (!state.is_object() || !state.value("messageId", json()).is_string() ||
      !state.value("status", json()).is_string() ||
      !state.value("channel", json()).is_string()) {
    error = "a message needs string messageId, status and channel";
    return std::nullopt;
  }
  Message message;
  message.id = state["messageId"].get<std::string>();
  std::optional<MessageStatus> status =
      ParseMessageStatus(state["status"].get<std::string>());
  if (!status) {
    error = "message " + message.id + " has an unknown status";
    return std::nullopt;
  }
  message.status = *status;
  message.channel = state["channel"].get<std::string>();
  if (state.contains("errorMessage") && state["errorMessage"].is_string()) {
    message.error_message = state["errorMessage"].get<std::string>();
  }
  bool ok = true;
  message.publish_at_ms = OptionalInteger(state, "publishAt", ok);
  message.repeat_every_s = OptionalInteger(state, "repeatEvery", ok);
  message.repeat_expires_at_ms = OptionalInteger(state, "repeatExpiresAt", ok);
  message.created_at_ms = OptionalInteger(state, "createdAtMs", ok);
  message.due_at_ms = OptionalInteger(state, "dueAtMs", ok);
  message.cancelled_at_ms = OptionalInteger(state, "cancelledAtMs", ok);
  message.delivery_outcome = OutcomeFrom(state, ok);
  for (const char* key : {"createdBy", "cancelledBy", "errorMessage"}) {
    auto it = state.find(key);
    if (it != state.end() && !it->is_string()) ok = false;
  }
  if (!ok) {
    error = "message " + message.id + " has a field of the wrong type";
    return std::nullopt;
  }
  if (state.contains("createdBy")) message.created_by = state["createdBy"];
  if (state.contains("cancelledBy"))
    message.cancelled_by = state["cancelledBy"];
  json fields = json::object();
  for (const auto& item : state.items()) {
    static constexpr const char* kModelled[] = {
        "messageId",  "status",        "channel",         "errorMessage",
        "publishAt",  "repeatEvery",   "repeatExpiresAt", "createdAtMs",
        "dueAtMs",    "cancelledAtMs", "deliveryOutcome", "createdBy",
        "cancelledBy"};
    bool modelled = false;
    for (const char* key : kModelled) modelled |= item.key() == key;
    if (!modelled) fields[item.key()] = item.value();
  }
  SetPublishFields(message, fields);
  return message;
}

bool WriteFileAtomically(const std::string& path, const std::string& content,
                         std::string& error) {
  std::string temporary = path + ".tmp";
  auto fail = [&error](const std::string& what) {
    error = what + ": " + std::generic_category().message(errno);
    return false;
  };
  int fd =
      open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fail("cannot open " + temporary);
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      fail("cannot write " + temporary);
      close(fd);
      return false;
    }
    written += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || close(fd) != 0)
    return fail("cannot flush " + temporary);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return fail("cannot rename " + temporary);
  }
  // The rename lives in the directory: flush it too, or a power loss may
  // bring back the previous snapshot (or none). Some file systems cannot
  // fsync a directory (EINVAL); the rename then stands as it is.
  std::string dir = std::filesystem::path(path).parent_path().string();
  int dir_fd =
      open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return fail("cannot open directory " + dir);
  bool flushed = fsync(dir_fd) == 0 || errno == EINVAL;
  if (!flushed) fail("cannot flush directory " + dir);
  close(dir_fd);
  return flushed;
}

}  // namespace backendless_mock
