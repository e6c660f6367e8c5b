#pragma once

#include <string>
#include <vector>

namespace backendless_mock {

// One reason a fixture document is invalid, located by file and JSON pointer.
struct FixtureError {
  std::string file;
  std::string pointer;  // RFC 6901; "" is the whole document (printed "/")
  std::string reason;
  // True for rules that span entries or files (duplicate ids), which a JSON
  // Schema of one document cannot express.
  bool cross_reference = false;
};

// "fixtures/ops.json: /messages/3/status: <reason>", the one-line form.
std::string FormatFixtureError(const FixtureError& error);

// Collects errors for one file, so checks never stop at the first.
class FixtureErrorSink {
 public:
  explicit FixtureErrorSink(std::string file) : file_(std::move(file)) {}

  void Add(std::string pointer, std::string reason);
  void AddCrossReference(std::string pointer, std::string reason);
  const std::string& file() const { return file_; }
  std::vector<FixtureError>& errors() { return errors_; }

 private:
  std::string file_;
  std::vector<FixtureError> errors_;
};

// Appends an escaped object key or array index to a JSON pointer.
std::string PointerChild(const std::string& pointer, std::string_view key);
std::string PointerChild(const std::string& pointer, size_t index);

}  // namespace backendless_mock
