// Private to the DSL parser: the actions of organizations, tests and matrices (docs/language.md
// §11): request setup items (roles, triggers, owner, context, grants), grant instances, queries
// and expectations. Covered by tests/unit/dsl/dsl_parser_test.cpp and request_setup_test.cpp.
#pragma once

#include "compiler/dsl/actions_decls.hpp"

namespace writ::dsl::detail {

namespace g = writ::grammar;
namespace pegtl = tao::pegtl;

// ---- §11 organizations, tests, matrices
template <> struct action<g::organization_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::OrganizationDecl o;
    o.comments = s.take_pending();
    o.name = std::move(s.names.front());
    if (s.names.size() > 1) o.parent = std::move(s.names[1]);
    s.names.clear();
    o.span = s.pos.span(in.begin(), in.end());
    s.file.decls.push_back(std::move(o));
    s.done(&std::get<ast::OrganizationDecl>(s.file.decls.back()).comments, in.end());
  }
};
template <typename In>
ast::RoleBinding binding(const In& in, State& s) {
  ast::RoleBinding b;
  b.role = std::move(s.names.front());
  if (s.names.size() > 1) b.org = std::move(s.names[1]);
  s.names.clear();
  b.span = s.pos.span(in.begin(), in.end());
  return b;
}

// Grant items.
template <> struct action<g::grant_head> {
  static void apply0(State& s) {
    ast::GrantInstance g;
    g.template_name = std::move(s.names.back());
    s.names.clear();
    s.flush_pending_to_block();
    s.setup->grants.push_back(std::move(g));
    s.grant = &s.setup->grants.back();
    s.open.push_back({Block::grant, s.open.back().comments});
    s.last_done = nullptr;
  }
};
template <> struct action<g::validate_head> {
  static void apply0(State& s) {
    auto& t = cur<ast::TestDecl>(s);
    t.query = ast::TestDecl::Query::validate;
    t.validate.emplace();
    t.validate->template_name = std::move(s.names.back());
    s.names.clear();
    s.flush_pending_to_block();
    s.grant = &*t.validate;
    s.open.push_back({Block::validate, s.open.back().comments});
    s.last_done = nullptr;
  }
};
struct grant_block_done {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.grant->span = s.pos.span(in.begin(), in.end());
    s.grant = nullptr;
    s.open.pop_back();
    finish_plain(in, s);
  }
};
template <> struct action<g::grant_block> : grant_block_done {};
template <> struct action<g::validate_block> : grant_block_done {};
template <> struct action<g::gi_grantee_id> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->grantee_id = take_string(s); finish_plain(in, s); }
};
template <> struct action<g::gi_grantor_kind> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.grant->grantor_kind = s.kinds.back();
    s.kinds.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_grantor_shared> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->grantor_named = false; finish_plain(in, s); }
};
template <> struct action<g::gi_grantor_named> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->grantor_named = true; finish_plain(in, s); }
};
template <> struct action<g::gi_grantor_role> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.grant->grantor_roles.push_back(binding(in, s));
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_roles> {
  template <typename In>
  static void apply(const In& in, State& s) {
    for (auto& n : take(s.names)) s.grant->roles.push_back(std::move(n));
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_custom> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.grant->custom.push_back(std::move(s.patterns.back()));
    s.patterns.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_from> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->valid_from = s.raws.back(); s.raws.clear(); finish_plain(in, s); }
};
template <> struct action<g::gi_to> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->valid_to = s.raws.back(); s.raws.clear(); finish_plain(in, s); }
};
template <> struct action<g::gi_org> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->org = s.names.back(); s.names.clear(); finish_plain(in, s); }
};
template <> struct action<g::gi_field> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::FieldValue f;
    f.name = std::move(s.names.back());
    s.names.clear();
    f.value = std::move(*take_string(s));
    f.span = s.pos.span(in.begin(), in.end());
    s.grant->fields.push_back(std::move(f));
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_revoked> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->revoked = true; finish_plain(in, s); }
};

// Setup items.
template <> struct action<g::kind_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.setup->kind = s.kinds.back();
    s.kinds.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::named_stmt> {
  template <typename In> static void apply(const In& in, State& s) { s.setup->named = true; finish_plain(in, s); }
};
template <> struct action<g::shared_stmt> {
  template <typename In> static void apply(const In& in, State& s) { s.setup->named = false; finish_plain(in, s); }
};
template <> struct action<g::id_stmt> {
  template <typename In> static void apply(const In& in, State& s) { s.setup->principal_id = take_string(s); finish_plain(in, s); }
};
template <> struct action<g::org_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) { s.setup->principal_org = s.names.back(); s.names.clear(); finish_plain(in, s); }
};
template <> struct action<g::role_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.setup->roles.push_back(binding(in, s));
    finish_plain(in, s);
  }
};
template <> struct action<g::trigger_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::Trigger t;
    t.implicit = std::move(s.names.front());
    if (s.names.size() > 1) t.org = std::move(s.names[1]);
    s.names.clear();
    t.span = s.pos.span(in.begin(), in.end());
    s.setup->triggers.push_back(std::move(t));
    finish_plain(in, s);
  }
};
template <> struct action<g::owner_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) { s.setup->resource_owner = take_string(s); finish_plain(in, s); }
};
template <> struct action<g::target_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) { s.setup->target = s.names.back(); s.names.clear(); finish_plain(in, s); }
};
template <> struct action<g::at_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) { s.setup->at = s.raws.back(); s.raws.clear(); finish_plain(in, s); }
};
template <> struct action<g::context_item> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::ContextValue c;
    c.name = std::move(s.names.back());
    s.names.clear();
    c.value = std::move(s.exprs.back());
    s.exprs.clear();
    s.expr_depths.clear();
    c.span = s.pos.span(in.begin(), in.end());
    // The item's match includes the whitespace after the value; end the span at the value.
    c.span.end = c.value.span.end;
    s.setup->context.push_back(std::move(c));
  }
};
template <> struct action<g::context_stmt> {
  template <typename In> static void apply(const In& in, State& s) { finish_plain(in, s); }
};
template <> struct action<g::request_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::TestDecl>(s);
    t.query = ast::TestDecl::Query::request;
    t.request = std::move(s.patterns.back());
    s.patterns.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::assign_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::TestDecl>(s);
    t.query = ast::TestDecl::Query::assign;
    auto b = binding(in, s);
    t.assign_role = std::move(b.role);
    t.assign_org = std::move(b.org);
    finish_plain(in, s);
  }
};
template <> struct action<g::expect_allow> { static void apply0(State& s) { s.expect = ast::TestDecl::Expect::allow; } };
template <> struct action<g::expect_deny> { static void apply0(State& s) { s.expect = ast::TestDecl::Expect::deny; } };
template <> struct action<g::expect_valid> { static void apply0(State& s) { s.expect = ast::TestDecl::Expect::valid; } };
template <> struct action<g::expect_invalid> { static void apply0(State& s) { s.expect = ast::TestDecl::Expect::invalid; } };
template <> struct action<g::expect_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::TestDecl>(s);
    t.expect = s.expect;
    t.expect_violations = take(s.names);
    finish_plain(in, s);
  }
};
template <> struct action<g::test_head> {
  static void apply0(State& s) {
    auto& t = open_decl<ast::TestDecl>(s, Block::test);
    s.setup = &t.setup;
  }
};
template <> struct action<g::test_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.setup = nullptr;
    close_decl<ast::TestDecl>(in, s);
  }
};
template <> struct action<g::matrix_head> {
  static void apply0(State& s) {
    auto& m = open_decl<ast::MatrixDecl>(s, Block::matrix);
    s.setup = &m.setup;
  }
};
template <> struct action<g::matrix_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.setup = nullptr;
    close_decl<ast::MatrixDecl>(in, s);
  }
};
template <> struct action<g::matrix_roles_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& m = cur<ast::MatrixDecl>(s);
    for (auto& n : take(s.names)) m.roles.push_back(std::move(n));
    finish_plain(in, s);
  }
};
template <bool Allow>
struct cell_action {
  template <typename In>
  static void apply(const In& in, State& s) { s.cells.push_back({Allow, s.pos.span(in.begin(), in.end())}); }
};
template <> struct action<g::cell_allow> : cell_action<true> {};
template <> struct action<g::cell_deny> : cell_action<false> {};
template <> struct action<g::row_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::MatrixRow r;
    r.request = std::move(s.patterns.back());
    s.patterns.clear();
    r.cells = take(s.cells);
    finish(cur<ast::MatrixDecl>(s).rows, std::move(r), in, s);
  }
};

}  // namespace writ::dsl::detail
