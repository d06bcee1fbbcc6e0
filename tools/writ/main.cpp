// `writ`: the command line. Each subcommand lives in cmd_<name>.cpp; this file wires them up and
// maps CLI11's own usage-error codes to exit status 2, and any failure to write stdout to 2.
#include <CLI/CLI.hpp>

#include <iostream>

#include "tools/writ/commands.hpp"
#include "tools/writ/terminal.hpp"
#include "writ/format.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "writ: a declarative access-policy compiler and validator.\n"
      "Policies (.writ DSL or .yaml) declare modules, roles, levels, organization scopes, assignment\n"
      "rules, grant templates, assertions and tests; writ checks them and decides requests.\n"
      "Exit status: 0 clean, 1 findings or failing tests, 2 usage or input error.",
      "writ"};
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       "writ " WRIT_TOOL_VERSION " (language " + std::to_string(WRIT_LANGUAGE_VERSION) +
                           ", table format " + std::to_string(writ::format::kFormatVersion) + ")");
  app.add_option("--import-root", writ::cli::load_options().import_root,
                 "Folder that imports must stay inside (default: the folder of the root policy file)");
  int status = writ::cli::kExitOk;
  writ::cli::add_check(app, status);
  writ::cli::add_fmt(app, status);
  writ::cli::add_test(app, status);
  writ::cli::add_eval(app, status);
  writ::cli::add_explain(app, status);
  writ::cli::add_who_can(app, status);
  writ::cli::add_build(app, status);
  writ::cli::add_inspect(app, status);
  writ::cli::add_diff(app, status);
  writ::cli::add_diagnostics(app, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return writ::cli::kExitUsage;
  } catch (const std::exception& e) {
    // Inputs are diagnosed where they are read; what still arrives here is named, not dumped.
    std::cerr << "writ: error: " << writ::cli::describe_failure(e) << '\n';
    return writ::cli::kExitUsage;
  }
  return writ::cli::finish_stdout(status);
}
