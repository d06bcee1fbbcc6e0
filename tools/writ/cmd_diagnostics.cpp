// `writ diagnostics`: list every diagnostic code; `--markdown` prints docs/diagnostics.md.
#include <fmt/format.h>

#include <iostream>

#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/diagnostics/markdown.hpp"
#include "tools/writ/commands.hpp"

namespace writ::cli {

void add_diagnostics(CLI::App& app, int& status) {
  auto markdown = std::make_shared<bool>(false);
  auto* sub = app.add_subcommand("diagnostics", "List every diagnostic code writ can report, with its severity and meaning");
  sub->add_flag("--markdown", *markdown, "Print the catalogue as Markdown (the text of docs/diagnostics.md)");
  sub->callback([markdown, &status] {
    if (*markdown) {
      std::cout << diagnostics_markdown();
    } else {
      for (const auto& d : diagnostic_registry())
        std::cout << fmt::format("{}  {:<8} {:<24} {}\n", d.code, severity_name(d.severity), d.name, d.summary);
    }
    status = kExitOk;
  });
}

}  // namespace writ::cli
