// `REV:PATH` arguments: the files of PATH as git revision REV has them, read with git itself
// (`git ls-tree`, `git cat-file`) into a private temporary folder, so no checkout, index or
// working file is touched. PATH is relative to the current directory, as in `git show REV:./PATH`.
// Covered by tests/unit/cli/diff_command_test.cpp (a throwaway repository).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace writ::cli {

/// A revision's files extracted under a temporary folder, removed again on destruction.
class RevisionTree {
 public:
  RevisionTree() = default;
  RevisionTree(const RevisionTree&) = delete;
  RevisionTree& operator=(const RevisionTree&) = delete;
  RevisionTree(RevisionTree&& o) noexcept { *this = std::move(o); }
  RevisionTree& operator=(RevisionTree&& o) noexcept;
  ~RevisionTree();

  /// Where PATH is in the extracted tree (a file or a folder).
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// The folder the extraction lives in (its paths start with it).
  [[nodiscard]] const std::filesystem::path& folder() const { return folder_; }

  /// Extract `rev`'s `path`. nullopt with `error` set (one line) on any failure.
  static std::optional<RevisionTree> extract(const std::string& rev, const std::string& path, std::string& error);

 private:
  std::filesystem::path folder_;
  std::filesystem::path path_;
};

/// Splits `REV:PATH` when `arg` names no existing file and has a colon; nullopt otherwise.
std::optional<std::pair<std::string, std::string>> split_revision(const std::string& arg);

}  // namespace writ::cli
