// Writing an output file so that it is either the old file or the whole new one, never half, and
// never through a planted link: the new text goes to an unpredictable temporary created
// exclusively (O_TMPFILE where the file system has it, else mkostemp's O_EXCL name) in the
// target's own folder, is fsynced, takes the old file's mode and owner, and is renamed over the
// target; then the folder is fsynced. The target must be a regular file with one link, or absent:
// symbolic links, hard-linked files, devices and FIFOs are refused, never followed or replaced
// (docs/limits.md, "Writing files"). Temporaries left by a killed run are named
// `.NAME.writ-tmp-XXXXXX` and removed by the next write of NAME once a minute old.
// Covered by tests/unit/cli/fmt_command_test.cpp and tests/unit/cli/hardening_test.cpp.
#pragma once

#include <filesystem>
#include <string>

namespace writ::cli {

/// Returns an empty string on success, else what went wrong (the target is then unchanged).
std::string write_file_atomically(const std::filesystem::path& path, const std::string& contents);

/// The prefix of the temporary names used for `path` (for the stale-file sweep and its tests).
std::string temp_prefix(const std::filesystem::path& path);

}  // namespace writ::cli
