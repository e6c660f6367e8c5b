#include "store/fixture_stream.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "model/json_text.h"
#include "store/object_reader.h"

namespace backendless_mock {
namespace {

using nlohmann::json;

// Assembles one JSON value from parser events, for the parts of a document
// that are read as a DOM: a top-level entry, or one member of a message.
class ValueBuilder {
 public:
  bool building() const { return !open_.empty(); }

  // A scalar, or a container's start. True when the value is whole.
  bool Scalar(json value) {
    if (!building()) {
      value_ = std::move(value);
      return true;
    }
    Place(std::move(value));
    return false;
  }
  void Open(json container) {
    if (!building()) {
      value_ = std::move(container);
      open_.push_back(&value_);
    } else {
      open_.push_back(Place(std::move(container)));
    }
  }
  void Key(std::string key) { key_ = std::move(key); }
  // A container's end. True when the value is whole.
  bool Close() {
    open_.pop_back();
    return !building();
  }
  json Take() { return std::move(value_); }

 private:
  json* Place(json value) {
    json& parent = *open_.back();
    if (parent.is_object()) return &(parent[key_] = std::move(value));
    parent.push_back(std::move(value));
    return &parent.back();
  }

  json value_;
  std::vector<json*> open_;  // the containers not closed yet, innermost last
  std::string key_;
};

// The parser's listener: streams the top-level "messages" array, message by
// message, and collects everything else into `rest`.
class FixtureListener final : public nlohmann::json_sax<json> {
 public:
  FixtureListener(const std::string& file, size_t text_size)
      : message_sink_(file), text_size_(text_size) {}

  bool null() override { return Scalar(nullptr); }
  bool boolean(bool value) override { return Scalar(value); }
  bool number_integer(number_integer_t value) override { return Scalar(value); }
  bool number_unsigned(number_unsigned_t value) override {
    return Scalar(value);
  }
  bool number_float(number_float_t value, const string_t&) override {
    return Scalar(value);
  }
  // Copied, not moved: the parser reuses `value`'s buffer for the next
  // token, and taking it would make the parser grow a new one each time.
  bool string(string_t& value) override { return Scalar(value); }
  bool binary(binary_t& value) override { return Scalar(json::binary(value)); }

  bool start_object(std::size_t) override {
    if (!Deeper()) return false;
    if (!value_.building() && where_ == Where::kDocument) {
      where_ = Where::kTop;
      rest_ = json::object();
    } else if (!value_.building() && where_ == Where::kMessages) {
      where_ = Where::kMessage;
      members_.clear();
    } else {
      value_.Open(json::object());
    }
    return true;
  }
  bool key(string_t& key) override {
    if (value_.building()) {
      value_.Key(std::move(key));
    } else {
      key_ = std::move(key);
    }
    return true;
  }
  bool end_object() override {
    --depth_;
    if (value_.building()) return Close();
    if (where_ == Where::kMessage) {
      ReadStreamedMessage();
      where_ = Where::kMessages;
    }
    return true;  // the top object's end: the document is whole
  }
  bool start_array(std::size_t) override {
    if (!Deeper()) return false;
    if (!value_.building() && where_ == Where::kTop && key_ == "messages") {
      // A repeated key keeps its last value, as in a DOM.
      rest_.erase("messages");
      streamed_ = ReadMessages{};
      // Room for as many messages as the text could hold, so the vector
      // never moves them while it grows; pages not filled are never touched.
      streamed_->messages.reserve(text_size_ / kSmallestMessageBytes);
      message_sink_.errors().clear();
      next_index_ = 0;
      where_ = Where::kMessages;
    } else {
      value_.Open(json::array());
    }
    return true;
  }
  bool end_array() override {
    --depth_;
    if (value_.building()) return Close();
    streamed_->errors = std::move(message_sink_.errors());
    message_sink_.errors().clear();
    where_ = Where::kTop;
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& error) override {
    std::string what = error.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    auto bracket = what.find("] ");
    error_ = bracket == std::string::npos ? what : what.substr(bracket + 2);
    return false;
  }

  const std::string& error() const { return error_; }
  json& rest() { return rest_; }
  std::optional<ReadMessages>& streamed() { return streamed_; }

 private:
  // Where the next value that is not inside a built one goes.
  enum class Where {
    kDocument,  // it is the document (not an object, when built)
    kTop,       // a member of the top object: into rest_
    kMessages,  // an element of the streamed "messages" array
    kMessage,   // a member of a streamed message
  };

  bool Deeper() {
    if (++depth_ <= kMaxJsonDepth) return true;
    error_ = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return false;
  }
  bool Scalar(json value) {
    if (value_.Scalar(std::move(value))) Deliver();
    return true;
  }
  bool Close() {
    if (value_.Close()) Deliver();
    return true;
  }

  // A whole value built outside the streamed parts goes where it belongs.
  void Deliver() {
    switch (where_) {
      case Where::kDocument:
        rest_ = value_.Take();
        break;
      case Where::kTop:
        if (key_ == "messages") streamed_.reset();  // the last value wins
        rest_[key_] = value_.Take();
        break;
      case Where::kMessages: {
        json element = value_.Take();  // not an object: reported as such
        ReadMessage(element, PointerChild("/messages", next_index_++),
                    message_sink_);
        break;
      }
      case Where::kMessage:
        for (auto& [key, value] : members_) {
          if (key == key_) {
            value = value_.Take();
            return;
          }
        }
        members_.emplace_back(key_, value_.Take());
        break;
    }
  }

  void ReadStreamedMessage() {
    std::vector<JsonMember> view;
    view.reserve(members_.size());
    for (const auto& [key, value] : members_) view.push_back({key, &value});
    size_t index = next_index_++;
    ObjectReader reader(std::move(view), PointerChild("/messages", index),
                        message_sink_);
    if (std::optional<Message> message = ReadMessage(reader, message_sink_)) {
      streamed_->messages.push_back({std::move(*message), index});
    }
  }

  // {"messageId":"m","status":"unknown"} and a comma.
  static constexpr size_t kSmallestMessageBytes = 38;

  Where where_ = Where::kDocument;
  size_t depth_ = 0;
  ValueBuilder value_;
  std::string key_;  // the current key of the top object or of a message
  json rest_;
  std::optional<ReadMessages> streamed_;
  FixtureErrorSink message_sink_;
  size_t text_size_;
  size_t next_index_ = 0;
  // The members of the message being streamed, reused from one to the next.
  std::vector<std::pair<std::string, json>> members_;
  std::string error_;
};

bool IsJsonSchema(const json& document) {
  if (!document.is_object()) return false;
  for (const char* key :
       {"apps", "users", "channels", "messages", "pushTemplates"}) {
    if (document.contains(key)) return false;
  }
  auto it = document.find("$schema");
  if (it == document.end() || !it->is_string()) return false;
  const auto& uri = it->get_ref<const std::string&>();
  return uri.rfind("http://json-schema.org/", 0) == 0 ||
         uri.rfind("https://json-schema.org/", 0) == 0;
}

}  // namespace

std::optional<FixtureText> ReadFixtureText(std::string_view text,
                                           FixtureErrorSink& sink) {
  FixtureListener listener(sink.file(), text.size());
  bool parsed = json::sax_parse(text.data(), text.data() + text.size(),
                                &listener, nlohmann::json::input_format_t::json,
                                /*strict=*/true, /*ignore_comments=*/true);
  if (!parsed) {
    sink.Add("", "invalid JSON: " + listener.error());
    return std::nullopt;
  }
  FixtureText out;
  if (listener.streamed()) {
    out.document = ReadFixtureDocument(listener.rest(),
                                       std::move(*listener.streamed()), sink);
  } else if (IsJsonSchema(listener.rest())) {
    out.is_schema = true;
  } else {
    out.document = ReadFixtureDocument(listener.rest(), sink);
  }
  return out;
}

}  // namespace backendless_mock
