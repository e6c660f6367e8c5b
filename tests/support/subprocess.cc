#include "support/subprocess.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

extern char** environ;

namespace backendless_mock::testing {

Subprocess::Subprocess(const std::vector<std::string>& argv,
                       const std::vector<std::string>& env) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    environment.emplace_back(*entry);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> args;
  for (const std::string& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<char*> envp;
  for (const std::string& entry : environment) {
    envp.push_back(const_cast<char*>(entry.c_str()));
  }
  envp.push_back(nullptr);

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  fd_ = pipe_fds[0];
}

Subprocess::~Subprocess() {
  if (!status_) {
    kill(pid_, SIGKILL);
    Wait();
  }
  if (fd_ >= 0) close(fd_);
}

bool Subprocess::ReadMore() {
  char buffer[4096];
  ssize_t n = read(fd_, buffer, sizeof buffer);
  if (n <= 0) return false;
  output_.append(buffer, static_cast<size_t>(n));
  return true;
}

std::optional<std::string> Subprocess::ReadLineContaining(
    const std::string& needle) {
  while (true) {
    size_t end;
    while ((end = output_.find('\n', consumed_)) != std::string::npos) {
      std::string line = output_.substr(consumed_, end - consumed_);
      consumed_ = end + 1;
      if (line.find(needle) != std::string::npos) return line;
    }
    if (!ReadMore()) return std::nullopt;
  }
}

std::string Subprocess::ReadAll() {
  while (ReadMore()) {
  }
  std::string rest = output_.substr(consumed_);
  consumed_ = output_.size();
  return rest;
}

void Subprocess::Signal(int signal_number) { kill(pid_, signal_number); }

int Subprocess::Wait() {
  if (status_) return *status_;
  int raw = 0;
  waitpid(pid_, &raw, 0);
  status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return *status_;
}

}  // namespace backendless_mock::testing
