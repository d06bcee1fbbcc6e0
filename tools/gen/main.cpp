// writ-gen: writes a valid policy of a given size and shape, with tests whose expectations the
// generator proved itself. `-o DIR` writes policy.writ with its parts policy_2.writ ... (at least
// `--policy-files`, more when large), tests.writ (importing them; split too when large),
// request.json (one sample decision) and manifest.json (what was made); without it, one file goes
// to stdout.
// tools/gen/README.md describes the options and what the policy contains.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "tools/gen/generator.hpp"

namespace {

bool write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  writ::gen::Options o;
  std::string shape = "mixed", dir;
  CLI::App app{"writ-gen: generate a writ policy of a given size and shape, deterministic for a seed"};
  app.add_option("--seed", o.seed, "Seed; the same options give the same bytes")->default_val(o.seed);
  app.add_option("--roles", o.roles, "Number of roles (exact)")->default_val(o.roles);
  app.add_option("--permissions", o.permissions, "Approximate number of permissions")->default_val(o.permissions);
  app.add_option("--edges", o.edges, "Assignment rules + template grantors + grantable roles + implicit-grant edges")->default_val(o.edges);
  app.add_option("--tests", o.tests, "Test cases in all, matrix cells included (exact)")->default_val(o.tests);
  app.add_option("--validate-tests", o.validate_tests, "Of which grant-validation tests on templates with `ceiling grantor`")
      ->default_val(o.validate_tests);
  app.add_option("--policy-files", o.policy_files, "With -o: write the policy in at least N files that import each other (1: one file)")
      ->check(CLI::Range(1, 64))
      ->default_val(o.policy_files);
  app.add_option("--shape", shape, "mixed: bounded extends chains with scopes; chain: every staff role in one extends chain")
      ->check(CLI::IsMember({"mixed", "chain"}))
      ->default_val(shape);
  bool no_triggers = false;
  app.add_flag("--no-triggers", no_triggers, "Tests never name implicit-grant triggers (`trigger NAME at ORG;`), so implicit grants give nothing");
  app.add_option("-o,--output", dir, "Directory for policy.writ, tests.writ, request.json, manifest.json (default: one file to stdout)");
  CLI11_PARSE(app, argc, argv);
  o.shape = *writ::gen::shape_from(shape);
  o.triggers = !no_triggers;

  writ::gen::Output out;
  try {
    out = writ::gen::generate(o);
  } catch (const std::invalid_argument& e) {
    std::cerr << "writ-gen: error: " << e.what() << '\n';
    return 2;
  }
  if (dir.empty()) {
    std::cout << out.single;
    if (out.single.size() > 4 * 1024 * 1024)
      std::cerr << "writ-gen: warning: the policy is larger than the 4 MiB writ reads from one file; use -o DIR\n";
    return 0;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::filesystem::path d(dir);
  bool ok = !ec && write_file(d / "request.json", out.request_json) && write_file(d / "manifest.json", out.manifest_json);
  for (const auto& [name, text] : out.files) ok = ok && write_file(d / name, text);
  if (!ok) {
    std::cerr << fmt::format("writ-gen: error: cannot write to `{}`\n", dir);
    return 2;
  }
  const auto& s = out.summary;
  std::cerr << fmt::format("writ-gen: {}: {} roles, {} permissions, {} edges, {} tests ({} validate), deepest role {} (depth {})\n", dir,
                           s.roles, s.permissions, s.edges, s.tests, s.validate_tests, s.deepest_role, s.deepest_depth);
  return 0;
}
