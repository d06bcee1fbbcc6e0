// See print_dsl.hpp. One function per declaration kind, in the order of docs/language.md.
#include "tools/gen/print_dsl.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "tools/gen/timefmt.hpp"

namespace writ::gen {
namespace {

class Out {
 public:
  void line(int indent, const std::string& text) {
    s_.append(static_cast<std::size_t>(indent) * 2, ' ');
    s_ += text;
    s_ += '\n';
  }
  void blank() { s_ += '\n'; }
  void comment(int indent, const std::string& text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      line(indent, "# " + text.substr(start, end - start));
      start = end + 1;
    }
  }
  std::string take() { return std::move(s_); }

 private:
  std::string s_;
};

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string kinds_text(KindSet kinds) {
  std::vector<std::string> out;
  for (int k = 0; k < kKindCount; ++k)
    if (has(kinds, static_cast<Kind>(k))) out.emplace_back(kind_name(static_cast<Kind>(k)));
  return fmt::format("{}", fmt::join(out, ", "));
}

std::string role_list(const Model& m, const std::vector<int>& roles) {
  std::vector<std::string> names;
  for (int r : roles) names.push_back(m.roles[r].name);
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string cond(const Model& m, const Cond& c) { return condition_text(c, m.attributes); }

std::string rule_text(const Model& m, const char* keyword, const Rule& r) {
  std::string out = fmt::format("{} {}", keyword, pattern_text(m, r.pattern));
  for (std::size_t i = 0; i < r.requires_.size(); ++i)
    out += fmt::format("{} {} >= {}", i == 0 ? " requires" : ",", m.modules[r.requires_[i].module].name, m.levels[r.requires_[i].level].name);
  if (r.when) out += " when " + cond(m, *r.when);
  return out + ";";
}

std::string authorizer_text(const Model& m, const char* keyword, const Authorizer& a) {
  std::string out = fmt::format("{} {}", keyword, a.anyone ? "anyone" : role_list(m, a.roles));
  if (a.when) out += " when " + cond(m, *a.when);
  return out + ";";
}

void print_attribute(Out& o, const Attribute& a) {
  std::string type;
  switch (a.type) {
    case Attribute::Type::boolean: type = "bool"; break;
    case Attribute::Type::integer: type = "int"; break;
    case Attribute::Type::string: type = "string"; break;
    case Attribute::Type::enumeration: type = fmt::format("{{{}}}", fmt::join(a.enum_values, ", ")); break;
  }
  std::string def = a.default_value ? " = " + value_text(*a.default_value) : "";
  o.line(0, fmt::format("attribute {}: {}{} {};", a.name, type, def, quoted(a.description)));
}

void print_resource(Out& o, const Model& m, int id, int indent) {
  const Resource& r = m.resources[id];
  const Module& mod = m.modules[r.module];
  std::vector<std::string> actions;
  for (int a : r.actions) actions.push_back(mod.actions[a].name);
  const std::string list = fmt::format("{}", fmt::join(actions, ", "));
  if (r.children.empty()) {
    o.line(indent, fmt::format("resource {} actions {};", r.name, list));
    return;
  }
  o.line(indent, fmt::format("resource {} {{", r.name));
  o.line(indent + 1, fmt::format("actions {};", list));
  for (int c : r.children) print_resource(o, m, c, indent + 1);
  o.line(indent, "}");
}

void print_level(Out& o, const Model& m, int id) {
  const Level& l = m.levels[id];
  std::string head = fmt::format("level {} {}", l.name, quoted(l.title));
  if (!l.above.empty()) {
    std::vector<std::string> names;
    for (int a : l.above) names.push_back(m.levels[a].name);
    head += fmt::format(" above {}", fmt::join(names, ", "));
  }
  if (l.readonly_of >= 0) {
    o.line(1, fmt::format("{} = readonly({});", head, m.levels[l.readonly_of].name));
    return;
  }
  o.line(1, head + " {");
  for (const auto& r : l.requirements) o.line(2, fmt::format("requires {} >= {};", m.modules[r.module].name, m.levels[r.level].name));
  for (const auto& p : l.permits) o.line(2, rule_text(m, "permit", p));
  o.line(1, "}");
}

void print_module(Out& o, const Model& m, int id) {
  const Module& mod = m.modules[id];
  o.line(0, fmt::format("module {} {} {{", mod.name, quoted(mod.title)));
  for (const auto& a : mod.actions) o.line(1, fmt::format("action {}: {};", a.name, a.write ? "write" : "read"));
  for (int r : mod.top) print_resource(o, m, r, 1);
  for (int l : mod.levels) print_level(o, m, l);
  o.line(0, "}");
}

void print_block(Out& o, const Model& m, const ScopeBlock& b, int indent) {
  for (const auto& p : b.permits) o.line(indent, rule_text(m, "permit", p));
  for (const auto& d : b.denies) o.line(indent, rule_text(m, "deny", d));
  for (const auto& l : b.levels) o.line(indent, fmt::format("level {} = {};", m.modules[l.module].name, m.levels[l.level].name));
}

void print_role(Out& o, const Model& m, const Role& r) {
  o.line(0, fmt::format("role {} {} {{", r.name, quoted(r.title)));
  o.line(1, fmt::format("holders {};", kinds_text(r.holders)));
  if (r.named_accounts) o.line(1, "named_accounts;");
  if (!r.extends.empty()) o.line(1, fmt::format("extends {};", role_list(m, r.extends)));
  if (r.automatic) o.line(1, "assigned_by automatic;");
  for (const auto& a : r.assigned_by) o.line(1, authorizer_text(m, "assigned_by", a));
  print_block(o, m, r.at[0], 1);
  if (!r.at[1].empty()) {
    o.line(1, "at descendants {");
    print_block(o, m, r.at[1], 2);
    o.line(1, "}");
  }
  o.line(0, "}");
}

std::string selector_text(const Model& m, const Selector& s) {
  switch (s.kind) {
    case Selector::Kind::anyone: return "anyone";
    case Selector::Kind::kind: return fmt::format("kind {}", kind_name(s.principal_kind));
    case Selector::Kind::role: return "role " + m.roles[s.id].name;
    case Selector::Kind::template_: return "template " + m.templates[s.id].name;
    case Selector::Kind::level: return "level " + m.level_ref(s.id);
  }
  return "?";
}

void print_forbid(Out& o, const Model& m, const Forbid& f) {
  o.line(0, fmt::format("forbid {} {} {{", f.name, quoted(f.title)));
  std::vector<std::string> sels;
  for (const auto& s : f.applies_to) sels.push_back(selector_text(m, s));
  o.line(1, fmt::format("applies_to {};", fmt::join(sels, ", ")));
  if (f.when) o.line(1, "when " + cond(m, *f.when) + ";");
  for (const auto& d : f.denies) o.line(1, rule_text(m, "deny", d));
  if (!f.reason.empty()) o.line(1, fmt::format("reason {};", quoted(f.reason)));
  o.line(0, "}");
}

void print_template(Out& o, const Model& m, const Template& t) {
  o.line(0, fmt::format("template {} {} {{", t.name, quoted(t.title)));
  if (t.grantee_kinds != 0) o.line(1, fmt::format("grantee {};", kinds_text(t.grantee_kinds)));
  if (!t.grantee_requires.empty()) o.line(1, fmt::format("grantee_requires {};", role_list(m, t.grantee_requires)));
  if (!t.grantee_id.empty()) o.line(1, fmt::format("grantee_id {} \"Grantee user\";", t.grantee_id));
  for (const auto& a : t.granted_by) o.line(1, authorizer_text(m, "granted_by", a));
  for (const auto& f : t.fields) o.line(1, fmt::format("field {} {};", f.name, f.required ? "required" : "optional"));
  o.line(1, fmt::format("valid_from {};", t.valid_from_required ? "required" : "optional"));
  o.line(1, fmt::format("valid_to {};", t.valid_to_required ? "required" : "optional"));
  if (t.default_duration && t.max_duration)
    o.line(1, fmt::format("duration default {} max {};", duration_text(*t.default_duration), duration_text(*t.max_duration)));
  o.line(1, fmt::format("grants {};", role_list(m, t.grantable)));
  if (t.custom) o.line(1, "grants custom;");
  if (t.scope_descendants) o.line(1, "scope descendants;");
  if (t.scope_when) o.line(1, "scope when " + cond(m, *t.scope_when) + ";");
  if (t.ceiling) o.line(1, "ceiling grantor;");
  for (const auto& p : t.preconditions) o.line(1, "precondition " + cond(m, p) + ";");
  for (const auto& d : t.denies) o.line(1, rule_text(m, "deny", d));
  if (t.revocable) o.line(1, "revocable;");
  if (t.audited) o.line(1, "audited;");
  o.line(0, "}");
}

void print_implicit(Out& o, const Model& m, const Implicit& ig) {
  o.line(0, fmt::format("implicit {} {} {{", ig.name, quoted(ig.title)));
  if (ig.grantee_kinds != 0) o.line(1, fmt::format("grantee {};", kinds_text(ig.grantee_kinds)));
  if (!ig.grantee_roles.empty()) o.line(1, fmt::format("grantee_roles {};", role_list(m, ig.grantee_roles)));
  if (ig.when) o.line(1, "when " + cond(m, *ig.when) + ";");
  o.line(1, fmt::format("grants {};", role_list(m, ig.grants)));
  o.line(0, "}");
}

void print_assertion(Out& o, const Model& m, const Assertion& a) {
  o.line(0, fmt::format("assert {} {} {{", a.name, quoted(a.title)));
  switch (a.kind) {
    case Assertion::Kind::never: o.line(1, fmt::format("never {} may {};", selector_text(m, a.subject), pattern_text(m, *a.pattern))); break;
    case Assertion::Kind::always: o.line(1, fmt::format("always {} may {};", selector_text(m, a.subject), pattern_text(m, *a.pattern))); break;
    case Assertion::Kind::read_only: o.line(1, fmt::format("read_only {};", selector_text(m, a.subject))); break;
  }
  o.line(0, "}");
}

std::string binding_text(const Model& m, const Binding& b) {
  return b.org >= 0 ? fmt::format("{} at {}", m.roles[b.role].name, m.orgs[b.org].name) : m.roles[b.role].name;
}

void print_grant_items(Out& o, const Model& m, const GrantInstance& g, int indent) {
  if (!g.grantee_id.empty()) o.line(indent, fmt::format("grantee_id {};", quoted(g.grantee_id)));
  if (g.grantor_kind != Kind::internal) o.line(indent, fmt::format("grantor_kind {};", kind_name(g.grantor_kind)));
  if (!g.grantor_named) o.line(indent, "grantor_shared;");
  for (const auto& b : g.grantor_roles) o.line(indent, fmt::format("grantor_role {};", binding_text(m, b)));
  if (!g.roles.empty()) o.line(indent, fmt::format("roles {};", role_list(m, g.roles)));
  for (const auto& c : g.custom) o.line(indent, fmt::format("custom {};", pattern_text(m, c)));
  if (g.from) o.line(indent, fmt::format("from {};", timestamp_text(*g.from)));
  if (g.to) o.line(indent, fmt::format("to {};", timestamp_text(*g.to)));
  if (g.org >= 0) o.line(indent, fmt::format("org {};", m.orgs[g.org].name));
  for (const auto& [name, value] : g.fields) o.line(indent, fmt::format("field {} {};", name, quoted(value)));
  if (g.revoked) o.line(indent, "revoked;");
}

void print_setup(Out& o, const Model& m, const Setup& s, bool with_roles) {
  if (s.kind != Kind::internal) o.line(1, fmt::format("kind {};", kind_name(s.kind)));
  if (!s.named) o.line(1, "shared;");
  if (!s.id.empty()) o.line(1, fmt::format("id {};", quoted(s.id)));
  if (s.owner) o.line(1, fmt::format("owner {};", quoted(*s.owner)));
  if (s.home >= 0) o.line(1, fmt::format("org {};", m.orgs[s.home].name));
  if (with_roles)
    for (const auto& b : s.roles) o.line(1, fmt::format("role {};", binding_text(m, b)));
  o.line(1, fmt::format("target {};", m.orgs[s.target].name));
  if (s.at != 1735689600) o.line(1, fmt::format("at {};", timestamp_text(s.at)));
  if (!s.context.empty()) {
    std::vector<std::string> items;
    for (const auto& [a, v] : s.context) items.push_back(fmt::format("{} = {}", m.attributes[a].name, value_text(v)));
    o.line(1, fmt::format("context {};", fmt::join(items, ", ")));
  }
  for (const auto& t : s.triggers)
    o.line(1, t.org >= 0 ? fmt::format("trigger {} at {};", m.implicits[t.implicit].name, m.orgs[t.org].name)
                         : fmt::format("trigger {};", m.implicits[t.implicit].name));
  for (const auto& g : s.grants) {
    o.line(1, fmt::format("grant {} {{", m.templates[g.template_].name));
    print_grant_items(o, m, g, 2);
    o.line(1, "}");
  }
}

void print_test(Out& o, const Model& m, const Test& t) {
  o.comment(0, t.comment);
  o.line(0, fmt::format("test {} {{", t.name));
  print_setup(o, m, t.setup, true);
  switch (t.query) {
    case Test::Query::request: o.line(1, fmt::format("request {};", m.permission_name(t.permission))); break;
    case Test::Query::assign:
      o.line(1, fmt::format("assign {};", binding_text(m, Binding{t.assign_role, t.assign_org})));
      break;
    case Test::Query::validate:
      o.line(1, fmt::format("validate {} {{", m.templates[t.validate.template_].name));
      print_grant_items(o, m, t.validate, 2);
      o.line(1, "}");
      break;
  }
  std::string expect;
  switch (t.expect) {
    case Test::Expect::allow: expect = "allow"; break;
    case Test::Expect::deny: expect = "deny"; break;
    case Test::Expect::valid: expect = "valid"; break;
    case Test::Expect::invalid: expect = fmt::format("invalid {}", fmt::join(t.codes, ", ")); break;
  }
  o.line(1, fmt::format("expect {};", expect));
  o.line(0, "}");
}

void print_matrix(Out& o, const Model& m, const Matrix& mx) {
  o.comment(0, mx.comment);
  o.line(0, fmt::format("matrix {} {{", mx.name));
  print_setup(o, m, mx.setup, false);
  o.line(1, fmt::format("roles {};", role_list(m, mx.roles)));
  std::size_t width = 0;
  for (const auto& row : mx.rows) width = std::max(width, m.permission_name(row.first).size());
  width = std::min<std::size_t>(width, 60);
  for (const auto& [perm, cells] : mx.rows) {
    std::vector<std::string> c;
    for (bool allow : cells) c.emplace_back(allow ? "allow" : "deny");
    o.line(1, fmt::format("row {:<{}} = {};", m.permission_name(perm), width, fmt::join(c, ", ")));
  }
  o.line(0, "}");
}

/// The declarations of the policy, each its own text, in the order of docs/language.md.
std::vector<std::string> policy_blocks(const Model& m) {
  std::vector<std::string> blocks;
  auto each = [&](const auto& items, auto print) {
    for (const auto& item : items) {
      Out o;
      print(o, item);
      blocks.push_back(o.take());
    }
  };
  each(m.attributes, [&](Out& o, const Attribute& a) { print_attribute(o, a); });
  for (std::size_t i = 0; i < m.modules.size(); ++i) {
    Out o;
    print_module(o, m, static_cast<int>(i));
    blocks.push_back(o.take());
  }
  each(m.roles, [&](Out& o, const Role& r) { print_role(o, m, r); });
  each(m.forbids, [&](Out& o, const Forbid& f) { print_forbid(o, m, f); });
  each(m.templates, [&](Out& o, const Template& t) { print_template(o, m, t); });
  each(m.implicits, [&](Out& o, const Implicit& ig) { print_implicit(o, m, ig); });
  each(m.assertions, [&](Out& o, const Assertion& a) { print_assertion(o, m, a); });
  return blocks;
}

std::vector<std::string> test_blocks(const Model& m) {
  std::vector<std::string> blocks;
  for (const auto& org : m.orgs)
    blocks.push_back(org.parent >= 0 ? fmt::format("organization {} in {};\n", org.name, m.orgs[org.parent].name)
                                     : fmt::format("organization {};\n", org.name));
  for (const auto& t : m.tests) {
    Out o;
    print_test(o, m, t);
    blocks.push_back(o.take());
  }
  for (const auto& mx : m.matrices) {
    Out o;
    print_matrix(o, m, mx);
    blocks.push_back(o.take());
  }
  return blocks;
}

std::string header_text(const std::string& header) {
  Out o;
  o.comment(0, header);
  return o.take();
}

std::string policy_head(const Model& m) {
  Out o;
  o.line(0, fmt::format("policy {} \"Generated policy\" {{", m.name));
  o.line(1, "description \"Written by writ-gen for tests and benchmarks; see tools/gen/README.md\";");
  o.line(1, fmt::format("combining {};", m.deny_overrides ? "deny_overrides" : "permissive"));
  o.line(0, "}");
  return o.take();
}

/// Files `stem.writ`, `stem_2.writ`, ...: `head` (plus imports of the other parts and of
/// `imports`) opens the first; the blocks fill them in order, a blank line apart, in at least
/// `min_parts` files when there are that many blocks. With `back_import`, every later part
/// imports the first again: imports may form a cycle (docs/language.md §2), and writ must read
/// each file once.
std::vector<File> pack(const std::string& stem, const std::string& header, const std::string& head,
                       const std::vector<std::string>& imports, const std::vector<std::string>& blocks, std::size_t part_bytes,
                       std::size_t min_parts = 1, bool back_import = false) {
  std::size_t total = 0;
  for (const auto& b : blocks) total += b.size() + 1;
  const std::size_t share = total / std::max<std::size_t>(1, min_parts);  // below min_parts, a part closes at its share
  std::vector<std::string> parts(1);
  for (const auto& b : blocks) {
    if (!parts.back().empty() && (parts.back().size() + b.size() + 1 > part_bytes || (parts.size() < min_parts && parts.back().size() >= share)))
      parts.emplace_back();
    parts.back() += "\n" + b;
  }
  std::vector<File> files;
  std::string first = header_text(header);
  for (const auto& i : imports) first += fmt::format("import \"{}\";\n", i);
  for (std::size_t k = 1; k < parts.size(); ++k) first += fmt::format("import \"{}_{}.writ\";\n", stem, k + 1);
  if (!head.empty()) first += head;
  files.push_back(File{stem + ".writ", first + parts.front()});
  for (std::size_t k = 1; k < parts.size(); ++k)
    files.push_back(File{fmt::format("{}_{}.writ", stem, k + 1), header_text(header + fmt::format("\nPart {} of {}.writ.", k + 1, stem)) +
                                                                   (back_import ? fmt::format("import \"{}.writ\";\n", stem) : "") + parts[k]});
  return files;
}

}  // namespace

std::vector<File> print_policy(const Model& m, const std::string& header, std::size_t part_bytes, std::size_t min_files) {
  return pack("policy", header, policy_head(m), {}, policy_blocks(m), part_bytes, min_files, true);
}

std::vector<File> print_tests(const Model& m, const std::string& header, std::size_t part_bytes, const std::vector<File>& policy) {
  // The first policy file and the last part as well: a diamond, read once.
  std::vector<std::string> imports{policy.front().name};
  if (policy.size() > 1) imports.push_back(policy.back().name);
  return pack("tests", header, "", imports, test_blocks(m), part_bytes);
}

std::string print_policy_text(const Model& m, const std::string& header) {
  std::string out = header_text(header) + policy_head(m);
  for (const auto& b : policy_blocks(m)) out += "\n" + b;
  return out;
}

std::string print_single(const Model& m, const std::string& header) {
  std::string out = print_policy_text(m, header);
  for (const auto& b : test_blocks(m)) out += "\n" + b;
  return out;
}

}  // namespace writ::gen
