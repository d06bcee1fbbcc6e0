// The driver: reads a policy's files (following imports), runs the input checks and the right
// front end for each, and lowers them together. Every phase's result is kept so the CLI can
// dump it. Tests use compile_text() to compile a policy held in a string.
// Covered by tests/unit/cli/ and tests/unit/lower/.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/ir/assignments.hpp"
#include "compiler/ir/fixtures.hpp"
#include "compiler/ir/policy.hpp"
#include "compiler/source/source.hpp"

namespace writ::driver {

enum class Syntax { dsl, yaml };

struct Compilation {
  SourceMap sources;
  std::vector<ast::File> files;     ///< in load order: the root first, then imports breadth-first
  std::optional<ir::Policy> policy; ///< absent when any phase reported an error
  ir::TestSuite suite;              ///< the policy's tests and organization fixture
  Diagnostics diags;

  [[nodiscard]] bool ok() const { return policy.has_value() && !diags.has_errors(); }
};

/// How far imports may reach. By default only files inside the root file's folder.
struct LoadOptions {
  std::string import_root;        ///< another folder to confine imports to (empty: the root's folder)
  bool imports_anywhere = false;  ///< no confinement (tests of the old behaviour only)
};

/// Syntax from the file name: `.writ` -> DSL, `.yaml`/`.yml` -> YAML.
std::optional<Syntax> syntax_of(const std::filesystem::path& path);

/// Parse one file already in `sources` (input checks, then the front end). nullopt on error.
std::optional<ast::File> parse_one(const SourceMap& sources, FileId id, Syntax syntax, Diagnostics& diags);

/// Read `root` and everything it imports, then lower. Errors are diagnostics, never exceptions.
Compilation compile_file(const std::filesystem::path& root, const LoadOptions& options = {});

/// Compile text as if it were a file called `name` (its extension picks the syntax; imports are
/// resolved relative to the current directory). For tests and stdin.
Compilation compile_text(const std::string& name, std::string text, const LoadOptions& options = {});

/// Policy roots under `path`: a file is itself; in a directory, every `.writ`/`.yaml`/`.yml` file
/// (recursively, sorted) that no other file there imports and that is not assignments data.
std::vector<std::filesystem::path> find_roots(const std::filesystem::path& path);

/// `NAME.assignments.yaml` (`.yml`, `.json`): assignments data kept beside a policy, which
/// find_roots() does not take for a policy (docs/assignments.md).
bool is_assignments_file(const std::filesystem::path& path);

/// Read an assignments file (docs/assignments.md) into `sources`: the file limits and input
/// checks of policy files, then the reader. nullopt after reporting its errors.
std::optional<ir::Assignments> load_assignments(SourceMap& sources, Diagnostics& diags, const std::filesystem::path& path);

}  // namespace writ::driver
