// The subcommands of `writ`, one file each (cmd_<name>.cpp). Each adds its subcommand to the app;
// its callback stores the process exit status in `status`.
// Exit statuses everywhere: 0 clean, 1 findings/failures at or above the threshold, 2 usage or
// input error (unreadable file, syntax error, invalid request).
#pragma once

#include <CLI/CLI.hpp>

namespace writ::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

void add_check(CLI::App& app, int& status);        // cmd_check.cpp
void add_fmt(CLI::App& app, int& status);          // cmd_fmt.cpp
void add_diagnostics(CLI::App& app, int& status);  // cmd_diagnostics.cpp
void add_test(CLI::App& app, int& status);         // cmd_test.cpp
void add_eval(CLI::App& app, int& status);         // cmd_eval.cpp
void add_explain(CLI::App& app, int& status);      // cmd_explain.cpp
void add_who_can(CLI::App& app, int& status);      // cmd_who_can.cpp
void add_build(CLI::App& app, int& status);        // cmd_build.cpp
void add_inspect(CLI::App& app, int& status);      // cmd_inspect.cpp
void add_diff(CLI::App& app, int& status);         // cmd_diff.cpp

}  // namespace writ::cli
