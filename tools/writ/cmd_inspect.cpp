// `writ inspect FILE`: load a compiled table with the runtime's loader (which verifies the
// checksum, the version and every offset, index and condition program) and print it back
// readably. A table that fails verification is an input error: one line with the reason, exit 2.
#include <fmt/format.h>

#include <iostream>

#include "runtime/include/writ/runtime.hpp"
#include "tools/writ/commands.hpp"

namespace writ::cli {
namespace {

int run_inspect(const std::string& path) {
  std::shared_ptr<const runtime::Table> table;
  const auto st = runtime::load_table_file(path, table);
  if (!st.ok()) {
    std::cerr << fmt::format("writ: error: {}: invalid table: {}: {}\n", path, runtime::load_error_name(st.error), st.message);
    return kExitUsage;
  }
  std::cout << runtime::describe_table(*table);
  return kExitOk;
}

}  // namespace

void add_inspect(CLI::App& app, int& status) {
  auto path = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("inspect",
                                 "Verify a compiled decision table and print it readably: header, sections, roles with\n"
                                 "their permissions per scope, templates and their limits, conditions.\n"
                                 "Exit status: 0 valid, 2 unreadable or invalid table.");
  sub->add_option("table", *path, "Table file written by `writ build`")->required();
  sub->callback([path, &status] { status = run_inspect(*path); });
}

}  // namespace writ::cli
