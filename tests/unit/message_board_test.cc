#include "store/message_board.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace backendless_mock {
namespace {

Message Published(const std::string& id) {
  Message message;
  message.id = id;
  message.status = MessageStatus::kPublished;
  return message;
}

std::vector<std::string> Sorted(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::string> IdsOf(const std::vector<Message>& messages) {
  std::vector<std::string> ids;
  for (const Message& message : messages) ids.push_back(message.id);
  return Sorted(ids);
}

// Enough ids that every shard of the board holds some.
constexpr int kCount = 1000;

std::string IdOf(int i) { return "message:" + std::to_string(i); }

}  // namespace

TEST_CASE("the board's whole-board calls see the messages of every shard") {
  MessageBoard board;
  std::vector<std::string> kept, removed;
  for (int i = 0; i < kCount; ++i) board.Add(Published(IdOf(i)));
  for (int i = 0; i < kCount; ++i) {
    if (i % 3 == 0) {
      CHECK(board.Remove(IdOf(i), false));
      removed.push_back(IdOf(i));
    } else {
      kept.push_back(IdOf(i));
    }
  }
  CHECK(board.Remove("fixture-only", true));  // a tombstone of its own
  removed.push_back("fixture-only");
  CHECK(board.size() == kept.size());
  CHECK(IdsOf(board.All()) == Sorted(kept));
  CHECK(Sorted(board.RemovedIds()) == Sorted(removed));

  MessageBoard copy;
  copy.Add(Published("replaced"));
  copy.Restore(board.All(), board.RemovedIds());
  CHECK_FALSE(copy.Find("replaced").known);
  CHECK(IdsOf(copy.All()) == Sorted(kept));
  CHECK(Sorted(copy.RemovedIds()) == Sorted(removed));
  MessageBoard::Lookup gone = copy.Find(IdOf(0));
  CHECK(gone.known);
  CHECK(gone.message == nullptr);

  board.Reset();
  CHECK(board.size() == 0);
  CHECK(board.All().empty());
  CHECK(board.RemovedIds().empty());
  CHECK_FALSE(board.Find(IdOf(1)).known);
}

TEST_CASE("the board updates the version it holds, else the fixture's") {
  MessageBoard board;
  Message fixture = Published("m1");
  auto cancel = [](Message& message) {
    message.status = MessageStatus::kCancelled;
    return true;
  };
  CHECK_FALSE(board.Update("unknown", nullptr, cancel));
  CHECK(board.Update("m1", &fixture, cancel));
  REQUIRE(board.Find("m1").message != nullptr);
  CHECK(board.Find("m1").message->status == MessageStatus::kCancelled);
  CHECK(fixture.status == MessageStatus::kPublished);
  CHECK_FALSE(board.Update("m1", &fixture, [](Message&) { return false; }));
  CHECK(board.Remove("m1", true));
  CHECK_FALSE(board.Remove("m1", true));
  CHECK_FALSE(board.Update("m1", &fixture, cancel));  // deleted
}

}  // namespace backendless_mock
