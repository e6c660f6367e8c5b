#include "store/object_reader.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace backendless_mock {

std::string JsonTypeName(const nlohmann::json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number_float()) return "a number";
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::null:
      return "null";
    default:
      return "a value";
  }
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string pointer,
                           FixtureErrorSink& sink)
    : pointer_(std::move(pointer)), sink_(sink) {
  if (!value.is_object()) {
    sink_.Add(pointer_, "expected an object, got " + JsonTypeName(value));
    return;
  }
  valid_ = true;
  members_.reserve(value.size());
  for (const auto& [key, member] : value.items()) {
    members_.push_back({key, &member});
  }
  read_.assign(members_.size(), false);
}

ObjectReader::ObjectReader(std::vector<JsonMember> members, std::string pointer,
                           FixtureErrorSink& sink)
    : valid_(true),
      members_(std::move(members)),
      read_(members_.size(), false),
      pointer_(std::move(pointer)),
      sink_(sink) {}

const JsonMember* ObjectReader::Find(std::string_view key) const {
  for (const JsonMember& member : members_) {
    if (member.key == key) return &member;
  }
  return nullptr;
}

std::string ObjectReader::PointerOf(std::string_view key) const {
  return PointerChild(pointer_, key);
}

bool ObjectReader::Has(std::string_view key) const {
  return Find(key) != nullptr;
}

const nlohmann::json* ObjectReader::Peek(std::string_view key) const {
  const JsonMember* member = Find(key);
  return member == nullptr ? nullptr : member->value;
}

const nlohmann::json* ObjectReader::Lookup(std::string_view key,
                                           Presence presence) {
  if (!valid_) return nullptr;
  const JsonMember* member = Find(key);
  if (member == nullptr) {
    if (presence == Presence::kRequired) {
      sink_.Add(pointer_, "missing required key \"" + std::string(key) + "\"");
    }
    return nullptr;
  }
  read_[static_cast<size_t>(member - members_.data())] = true;
  return member->value;
}

bool ObjectReader::CheckType(const nlohmann::json& value, std::string_view key,
                             bool ok, const char* expected) {
  if (!ok) {
    sink_.Add(PointerOf(key), std::string("expected ") + expected + ", got " +
                                  JsonTypeName(value));
  }
  return ok;
}

std::optional<std::string> ObjectReader::String(std::string_view key,
                                                Presence presence) {
  const nlohmann::json* value = Lookup(key, presence);
  if (value == nullptr ||
      !CheckType(*value, key, value->is_string(), "a string")) {
    return std::nullopt;
  }
  const auto& text = value->get_ref<const std::string&>();
  if (text.empty()) {
    sink_.Add(PointerOf(key), "must not be empty");
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> ObjectReader::Enum(
    std::string_view key, Presence presence,
    std::initializer_list<std::string_view> allowed) {
  const nlohmann::json* value = Lookup(key, presence);
  if (value == nullptr ||
      !CheckType(*value, key, value->is_string(), "a string")) {
    return std::nullopt;
  }
  const auto& text = value->get_ref<const std::string&>();
  for (std::string_view candidate : allowed) {
    if (candidate == text) return text;
  }
  std::string list;
  for (std::string_view candidate : allowed) {
    if (!list.empty()) list += ", ";
    list += candidate;
  }
  sink_.Add(PointerOf(key), value->dump() + " is not one of " + list);
  return std::nullopt;
}

std::optional<int64_t> ObjectReader::Integer(std::string_view key,
                                             Presence presence,
                                             int64_t minimum) {
  const nlohmann::json* value = Lookup(key, presence);
  // 1.0 and 1e3 are integers too, as JSON Schema counts them.
  bool integral_float =
      value != nullptr && value->is_number_float() &&
      std::floor(value->get<double>()) == value->get<double>();
  if (integral_float) {
    double number = value->get<double>();
    if (number < -9.2e18 || number > 9.2e18) {
      sink_.Add(PointerOf(key), value->dump() + " is out of range");
      return std::nullopt;
    }
    if (number < static_cast<double>(minimum)) {
      sink_.Add(PointerOf(key), "must be at least " + std::to_string(minimum));
      return std::nullopt;
    }
    return static_cast<int64_t>(number);
  }
  if (value == nullptr ||
      !CheckType(*value, key, value->is_number_integer(), "an integer")) {
    return std::nullopt;
  }
  if (value->is_number_unsigned() &&
      value->get<uint64_t>() >
          static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    sink_.Add(PointerOf(key), value->dump() + " is out of range");
    return std::nullopt;
  }
  auto number = value->get<int64_t>();
  if (number < minimum) {
    sink_.Add(PointerOf(key), "must be at least " + std::to_string(minimum));
    return std::nullopt;
  }
  return number;
}

std::optional<std::vector<std::string>> ObjectReader::StringArray(
    std::string_view key, Presence presence) {
  const nlohmann::json* value = Array(key, presence);
  if (value == nullptr) return std::nullopt;
  std::vector<std::string> items;
  bool all_ok = true;
  for (size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& item = (*value)[i];
    std::string item_pointer = PointerChild(PointerOf(key), i);
    if (!item.is_string()) {
      sink_.Add(item_pointer, "expected a string, got " + JsonTypeName(item));
      all_ok = false;
    } else if (item.get_ref<const std::string&>().empty()) {
      sink_.Add(item_pointer, "must not be empty");
      all_ok = false;
    } else {
      items.push_back(item.get<std::string>());
    }
  }
  if (!all_ok) return std::nullopt;
  return items;
}

const nlohmann::json* ObjectReader::Any(std::string_view key,
                                        Presence presence) {
  return Lookup(key, presence);
}

const nlohmann::json* ObjectReader::Object(std::string_view key,
                                           Presence presence) {
  const nlohmann::json* value = Lookup(key, presence);
  if (value == nullptr ||
      !CheckType(*value, key, value->is_object(), "an object")) {
    return nullptr;
  }
  return value;
}

const nlohmann::json* ObjectReader::Array(std::string_view key,
                                          Presence presence) {
  const nlohmann::json* value = Lookup(key, presence);
  if (value == nullptr ||
      !CheckType(*value, key, value->is_array(), "an array")) {
    return nullptr;
  }
  return value;
}

void ObjectReader::Forbid(std::string_view key, const std::string& reason) {
  const JsonMember* member = Find(key);
  if (member == nullptr) return;
  read_[static_cast<size_t>(member - members_.data())] = true;
  sink_.Add(PointerOf(key), reason);
}

void ObjectReader::RejectUnreadKeys() {
  for (const std::string& key : UnreadKeys()) {
    sink_.Add(PointerOf(key), "unknown key");
  }
}

std::vector<std::string> ObjectReader::UnreadKeys() const {
  std::vector<std::string> keys;
  for (size_t i = 0; i < members_.size(); ++i) {
    if (!read_[i]) keys.emplace_back(members_[i].key);
  }
  // In key order, as a DOM object lists them, however the members came.
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace backendless_mock
