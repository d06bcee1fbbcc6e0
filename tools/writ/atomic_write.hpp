// Writing an output file so that it is either the old file or the whole new one, never half:
// write a temporary file with an unpredictable name beside it, fsync, rename over the target, fsync
// the directory.
#pragma once

#include <filesystem>
#include <string>

namespace writ::cli {

/// Returns an empty string on success, else what went wrong.
std::string write_file_atomically(const std::filesystem::path& path, const std::string& contents);

}  // namespace writ::cli
