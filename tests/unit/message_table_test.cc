#include "store/message_table.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/fixture_json.h"

namespace backendless_mock {
namespace {

// A message's full form, every field included, for comparing two messages.
std::string FullForm(const Message& message) {
  nlohmann::json form = message;
  form["dueAtMs"] =
      message.due_at_ms ? nlohmann::json(*message.due_at_ms) : nlohmann::json();
  form["createdAtMs"] = message.created_at_ms
                            ? nlohmann::json(*message.created_at_ms)
                            : nlohmann::json();
  form["cancelledAtMs"] = message.cancelled_at_ms
                              ? nlohmann::json(*message.cancelled_at_ms)
                              : nlohmann::json();
  form["createdBy"] = message.created_by;
  form["cancelledBy"] = message.cancelled_by;
  return form.dump();
}

Message Plain(std::string id) {
  Message message;
  message.id = std::move(id);
  message.status = MessageStatus::kPublished;
  return message;
}

Message EveryField() {
  Message message;
  message.id = "message:every-field";
  message.status = MessageStatus::kScheduled;
  message.error_message = "";  // present though empty: kept as present
  message.channel = "ops-alerts";
  message.publish_at_ms = 1924991999000;
  message.repeat_every_s = 60;
  message.repeat_expires_at_ms = 1924999999000;
  message.delivery_outcome =
      DeliveryOutcome{MessageStatus::kFailed, std::string("no device")};
  message.due_at_ms = 1924991999000;
  message.created_at_ms = 17;
  message.cancelled_at_ms = 18;
  message.created_by = "fixture";
  message.cancelled_by = "user alice";
  SetPublishFields(message, {{"message", "hi"}, {"headers", {{"a", "b"}}}});
  return message;
}

}  // namespace

TEST_CASE("a message table gives back every field it was given") {
  MessageTable table;
  Message every = EveryField();
  Message failed = Plain("m-failed");
  failed.status = MessageStatus::kFailed;
  failed.error_message = "device token expired";
  REQUIRE(table.Insert(every));
  REQUIRE(table.Insert(failed));
  REQUIRE(table.Insert(Plain("m-plain")));
  CHECK(table.size() == 3);
  REQUIRE(table.Find(every.id).has_value());
  CHECK(FullForm(*table.Find(every.id)) == FullForm(every));
  CHECK(FullForm(*table.Find("m-failed")) == FullForm(failed));
  CHECK(FullForm(*table.Find("m-plain")) == FullForm(Plain("m-plain")));
  CHECK_FALSE(table.Find("m-plain")->error_message.has_value());
  CHECK(table.Find("m-plain")->channel == "default");
}

TEST_CASE("a message table refuses an id it holds and keeps the first") {
  MessageTable table;
  Message first = Plain("m1");
  Message second = Plain("m1");
  second.status = MessageStatus::kFailed;
  second.error_message = "boom";
  CHECK(table.Insert(first));
  CHECK_FALSE(table.Insert(second));
  CHECK(table.size() == 1);
  CHECK(table.Find("m1")->status == MessageStatus::kPublished);
  CHECK(table.PositionOf("m1") == 0);
}

TEST_CASE("a message table finds each of many ids, in insertion order") {
  // Enough to grow the index several times, ids of both short and long form.
  MessageTable table;
  constexpr size_t kCount = 5000;
  for (size_t i = 0; i < kCount; ++i) {
    std::string id = i % 2 == 0 ? std::to_string(i)
                                : "message:" + std::to_string(i) +
                                      "-0000-4000-8000-00000000000";
    REQUIRE(table.Insert(Plain(id)));
  }
  CHECK(table.size() == kCount);
  for (size_t i = 0; i < kCount; i += 7) {
    std::string id = i % 2 == 0 ? std::to_string(i)
                                : "message:" + std::to_string(i) +
                                      "-0000-4000-8000-00000000000";
    REQUIRE(table.PositionOf(id) == i);
    CHECK(table.At(i).id == id);
  }
  CHECK_FALSE(table.Find("5000").has_value());
  CHECK_FALSE(table.Find("").has_value());
  std::vector<std::string> order;
  table.ForEach([&](const Message& message) { order.push_back(message.id); });
  REQUIRE(order.size() == kCount);
  CHECK(order.front() == "0");
  CHECK(order.back() == table.At(kCount - 1).id);
}

TEST_CASE("a message table holds text larger than its arena blocks") {
  MessageTable table;
  Message big = Plain("m-big");
  SetPublishFields(big, {{"message", std::string(3 << 20, 'x')}});
  REQUIRE(table.Insert(Plain("m-before")));
  REQUIRE(table.Insert(big));
  REQUIRE(table.Insert(Plain("m-after")));
  CHECK(table.Find("m-big")->publish_fields == big.publish_fields);
  CHECK(table.Find("m-before")->id == "m-before");
  CHECK(table.Find("m-after")->id == "m-after");
}

TEST_CASE("an empty message table finds nothing") {
  MessageTable table;
  CHECK(table.size() == 0);
  CHECK_FALSE(table.Find("m1").has_value());
  CHECK_FALSE(table.PositionOf("m1").has_value());
}

}  // namespace backendless_mock
