#pragma once

#include <filesystem>
#include <string>

namespace backendless_mock::testing {

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `relative` (parents created); returns its path.
  std::filesystem::path Write(const std::string& relative,
                              const std::string& content) const;

 private:
  std::filesystem::path path_;
};

}  // namespace backendless_mock::testing
