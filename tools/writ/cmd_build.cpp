// `writ build POLICY -o FILE`: compile a policy into a decision table (docs/table-format.md) and
// write it atomically: a failed or killed build never leaves a partial table at FILE. The table is
// loaded back and validated by the runtime before it is written, so a table the runtime would
// refuse is never produced.
#include <fmt/format.h>

#include <iostream>

#include "compiler/codegen/table_writer.hpp"
#include "compiler/facts/facts.hpp"
#include "runtime/include/writ/runtime.hpp"
#include "tools/writ/atomic_write.hpp"
#include "tools/writ/commands.hpp"
#include "tools/writ/terminal.hpp"

namespace writ::cli {
namespace {

struct BuildOptions {
  std::string policy;
  std::string output;
};

int run_build(const BuildOptions& o) {
  auto c = compile_or_report(o.policy, std::cerr, false);
  if (!c) return kExitUsage;
  const facts::Facts facts(*c->policy);
  const auto bytes = codegen::write_table(facts, [&](FileId id) { return id && id <= c->sources.size() ? c->sources.path(id) : std::string(); });
  std::shared_ptr<const runtime::Table> table;
  const auto st = runtime::load_table(bytes.data(), bytes.size(), table);
  if (!st.ok()) {
    std::cerr << fmt::format("writ: error: internal: the table written for `{}` does not load: {}: {}\n", o.policy,
                             runtime::load_error_name(st.error), st.message);
    return kExitUsage;
  }
  const std::string err = write_file_atomically(o.output, std::string(bytes.begin(), bytes.end()));
  if (!err.empty()) {
    std::cerr << fmt::format("writ: error: cannot write `{}`: {}\n", o.output, err);
    return kExitUsage;
  }
  std::cout << fmt::format("wrote {} ({} bytes, content hash {:016x})\n", o.output, bytes.size(), table->content_hash());
  return kExitOk;
}

}  // namespace

void add_build(CLI::App& app, int& status) {
  auto o = std::make_shared<BuildOptions>();
  auto* sub = app.add_subcommand("build",
                                 "Compile a policy into a binary decision table for the runtime (docs/table-format.md).\n"
                                 "The file is written atomically (temporary file, fsync, rename).\n"
                                 "Example: writ build policies/vendor_support_access -o vendor.writt\n"
                                 "Exit status: 0 written, 2 bad policy or unwritable output.");
  sub->add_option("policy", o->policy, "Policy root file or directory")->required();
  sub->add_option("-o,--output", o->output, "Table file to write")->required();
  sub->callback([o, &status] { status = run_build(*o); });
}

}  // namespace writ::cli
