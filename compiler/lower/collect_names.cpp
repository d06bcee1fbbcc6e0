// Pass 1: declare every top-level name of every file before anything is resolved, so names
// resolve across files regardless of order. Reports duplicates (W021, with a note at the first
// declaration) and a missing or repeated policy header (W025, W026).
// Covered by tests/unit/lower/diagnostics_fixture_test.cpp (W021, W025, W026).
#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

std::string text_of(const std::optional<ast::StringLit>& s) { return s ? s->value : std::string(); }

}  // namespace

void collect_names(Lowerer& l) {
  ir::Policy& p = l.p;
  Declared modules("module"), roles("role"), templates("grant template"), attributes("attribute"),
      forbids("forbid rule"), implicits("implicit grant"), asserts("assertion"), orgs("organization"), tests("test");
  for (const ast::File& file : l.files) {
    for (const ast::Decl& decl : file.decls) {
      std::visit(
          [&](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, ast::PolicyDecl>) {
              if (l.policy_decl) {
                auto& diag = l.diags.report(DiagCode::duplicate_policy, d.name.span);
                diag.notes.emplace_back(l.policy_decl->name.span, "first declared here");
                return;
              }
              p.name = d.name.text;
              p.title = text_of(d.title);
              p.description = text_of(d.description);
              p.combining = d.combining;
              p.span = d.span;
              l.policy_decl = &d;
            } else if constexpr (std::is_same_v<T, ast::ModuleDecl>) {
              if (!modules.add(d.name, l.diags)) return;
              p.module_by_name.emplace(d.name.text, ir::ModuleId{static_cast<std::uint32_t>(p.modules.size())});
              p.modules.push_back(ir::Module{d.name.text, text_of(d.title), text_of(d.description), {}, {}, {}, d.span});
              l.module_decls.push_back(&d);
            } else if constexpr (std::is_same_v<T, ast::RoleDecl>) {
              if (!roles.add(d.name, l.diags)) return;
              p.role_by_name.emplace(d.name.text, ir::RoleId{static_cast<std::uint32_t>(p.roles.size())});
              ir::Role r;
              r.name = d.name.text;
              r.title = text_of(d.title);
              r.description = text_of(d.description);
              r.span = d.span;
              p.roles.push_back(std::move(r));
              l.role_decls.push_back(&d);
            } else if constexpr (std::is_same_v<T, ast::GrantTemplateDecl>) {
              if (!templates.add(d.name, l.diags)) return;
              p.template_by_name.emplace(d.name.text, ir::TemplateId{static_cast<std::uint32_t>(p.templates.size())});
              ir::GrantTemplate t;
              t.name = d.name.text;
              t.title = text_of(d.title);
              t.description = text_of(d.description);
              t.span = d.span;
              p.templates.push_back(std::move(t));
              l.template_decls.push_back(&d);
            } else if constexpr (std::is_same_v<T, ast::AttributeDecl>) {
              if (!attributes.add(d.name, l.diags)) return;
              p.attribute_by_name.emplace(d.name.text, ir::AttributeId{static_cast<std::uint32_t>(p.attributes.size())});
              ir::Attribute a;
              a.name = d.name.text;
              a.type = d.type;
              a.description = text_of(d.description);
              a.span = d.span;
              p.attributes.push_back(std::move(a));
              l.attribute_decls.push_back(&d);
            } else if constexpr (std::is_same_v<T, ast::ForbidDecl>) {
              if (!forbids.add(d.name, l.diags)) return;
              p.forbid_by_name.emplace(d.name.text, ir::ForbidId{static_cast<std::uint32_t>(l.forbid_decls.size())});
              l.forbid_decls.push_back(&d);
            } else if constexpr (std::is_same_v<T, ast::ImplicitGrantDecl>) {
              if (!implicits.add(d.name, l.diags)) return;
              p.implicit_by_name.emplace(d.name.text, ir::ImplicitId{static_cast<std::uint32_t>(l.implicit_decls.size())});
              l.implicit_decls.push_back(&d);
            } else if constexpr (std::is_same_v<T, ast::AssertDecl>) {
              if (asserts.add(d.name, l.diags)) l.assert_decls.push_back(&d);
            } else if constexpr (std::is_same_v<T, ast::OrganizationDecl>) {
              if (!orgs.add(d.name, l.diags)) return;
              // Parents are checked once every organization is known (lower_tests).
              l.suite.organizations.emplace(d.name.text, d.parent ? d.parent->text : std::string());
              l.org_decls.push_back(&d);
            } else if constexpr (std::is_same_v<T, ast::TestDecl> || std::is_same_v<T, ast::MatrixDecl>) {
              if (tests.add(d.name, l.diags)) l.test_decls.emplace_back(&d);
            } else {
              static_assert(std::is_same_v<T, ast::ImportDecl>, "every declaration kind is handled");
            }
          },
          decl);
    }
  }
  if (!l.policy_decl) {
    Span at{};
    if (!l.files.empty()) at = Span{l.files.front().id, 0, 0, 1, 1};
    l.diags.report(DiagCode::missing_policy, at);
  }
}

}  // namespace writ::lower::detail
