#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace backendless_mock::testing {

// A child process with stdout and stderr on one pipe, for tests of the
// binary itself. Killed (SIGKILL) if still running at destruction.
class Subprocess {
 public:
  // Runs argv[0] with `argv`; `env` entries ("NAME=value") are added to ours.
  Subprocess(const std::vector<std::string>& argv,
             const std::vector<std::string>& env = {});
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // Reads output lines until one contains `needle`; that line, or nullopt at
  // end of output.
  std::optional<std::string> ReadLineContaining(const std::string& needle);
  // Reads the rest of the output, until the child closes it.
  std::string ReadAll();
  void Signal(int signal_number);
  // Waits for exit; the exit status, or 128 + signal when killed by one.
  int Wait();
  // All output read so far.
  const std::string& output() const { return output_; }

 private:
  bool ReadMore();

  pid_t pid_ = -1;
  int fd_ = -1;
  std::string output_;
  size_t consumed_ = 0;  // output_ up to here was returned as lines
  std::optional<int> status_;
};

}  // namespace backendless_mock::testing
