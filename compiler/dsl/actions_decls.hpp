// Private to the DSL parser: the actions of the declaration layer (docs/language.md §2, §5–§10):
// block punctuation, members shared by several declarations (description, permit, deny, rule
// names, suppressions, severities), the policy header, modules, levels, roles, forbid rules,
// attributes, templates, implicit grants and assertions. Covered by
// tests/unit/dsl/dsl_parser_test.cpp and language_additions_test.cpp.
#pragma once

#include "compiler/dsl/actions_expr.hpp"

namespace writ::dsl::detail {

namespace g = writ::grammar;
namespace pegtl = tao::pegtl;

// ---- generic block punctuation
template <typename T>
struct action<g::open_brace<T>> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.last_done = s.open.empty() ? nullptr : s.open.back().comments;
    s.last_done_line = s.pos.local_line(s.pos.offset(in.begin()));
  }
};
template <typename T>
struct action<g::close_brace<T>> {
  static void apply0(State& s) { s.flush_pending_to_block(); }
};

// ---- shared members
template <> struct action<g::description_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto d = take_string(s);
    switch (top(s)) {
      case Block::policy: cur<ast::PolicyDecl>(s).description = d; break;
      case Block::module: cur<ast::ModuleDecl>(s).description = d; break;
      case Block::level: cur<ast::ModuleDecl>(s).levels.back().description = d; break;
      case Block::role: cur<ast::RoleDecl>(s).description = d; break;
      case Block::template_: cur<ast::GrantTemplateDecl>(s).description = d; break;
      case Block::implicit: cur<ast::ImplicitGrantDecl>(s).description = d; break;
      default: break;
    }
    finish_plain(in, s);
  }
};

template <> struct action<g::permit_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::Permit p;
    p.pattern = std::move(s.patterns.back());
    s.patterns.clear();
    p.requirements = take(s.requirements);
    p.when = take_expr(s);
    p.name = std::exchange(s.rule_name, std::nullopt);
    if (top(s) == Block::level)
      finish(cur<ast::ModuleDecl>(s).levels.back().permits, std::move(p), in, s);
    else
      finish(role_scope(s).permits, std::move(p), in, s);
  }
};
template <> struct action<g::deny_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::Deny d;
    d.pattern = std::move(s.patterns.back());
    s.patterns.clear();
    d.when = take_expr(s);
    d.name = std::exchange(s.rule_name, std::nullopt);
    switch (top(s)) {
      case Block::forbid: finish(cur<ast::ForbidDecl>(s).denies, std::move(d), in, s); break;
      case Block::template_: finish(cur<ast::GrantTemplateDecl>(s).denies, std::move(d), in, s); break;
      default: finish(role_scope(s).denies, std::move(d), in, s); break;
    }
  }
};

template <> struct action<g::rule_name> {
  template <typename In>
  static void apply(const In& in, State& s) { s.rule_name = ast::Name{in.string(), s.pos.span(in.begin(), in.end())}; }
};

// ---- suppressions and severities (issue 8's analysis settings)
template <> struct action<g::check_code> {
  template <typename In>
  static void apply(const In& in, State& s) { s.check_code = ast::Name{in.string(), s.pos.span(in.begin(), in.end())}; }
};
template <> struct action<g::suppress_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::Suppression x;
    x.code = std::move(*std::exchange(s.check_code, std::nullopt));
    x.reason = std::move(*take_string(s));
    switch (top(s)) {
      case Block::policy: finish(cur<ast::PolicyDecl>(s).suppressions, std::move(x), in, s); break;
      case Block::module: finish(cur<ast::ModuleDecl>(s).suppressions, std::move(x), in, s); break;
      case Block::level: finish(cur<ast::ModuleDecl>(s).levels.back().suppressions, std::move(x), in, s); break;
      case Block::role: finish(cur<ast::RoleDecl>(s).suppressions, std::move(x), in, s); break;
      case Block::forbid: finish(cur<ast::ForbidDecl>(s).suppressions, std::move(x), in, s); break;
      case Block::template_: finish(cur<ast::GrantTemplateDecl>(s).suppressions, std::move(x), in, s); break;
      case Block::implicit: finish(cur<ast::ImplicitGrantDecl>(s).suppressions, std::move(x), in, s); break;
      default: break;  // the grammar admits `suppress` only in the blocks above
    }
  }
};
template <> struct action<g::severity_level> {
  template <typename In>
  static void apply(const In& in, State& s) { s.severity_level = ast::Name{in.string(), s.pos.span(in.begin(), in.end())}; }
};
template <> struct action<g::severity_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::SeverityOverride x;
    x.code = std::move(*std::exchange(s.check_code, std::nullopt));
    x.level = std::move(*std::exchange(s.severity_level, std::nullopt));
    finish(cur<ast::PolicyDecl>(s).severities, std::move(x), in, s);
  }
};

// ---- §2
template <> struct action<g::policy_head> { static void apply0(State& s) { open_decl<ast::PolicyDecl>(s, Block::policy); } };
template <> struct action<g::policy_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::PolicyDecl>(in, s); }
};
template <> struct action<g::combining_permissive> { static void apply0(State& s) { s.combining = ast::Combining::permissive; } };
template <> struct action<g::combining_deny_overrides> {
  static void apply0(State& s) { s.combining = ast::Combining::deny_overrides; }
};
template <> struct action<g::combining_mode> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& p = cur<ast::PolicyDecl>(s);
    p.combining = s.combining;
    p.combining_span = s.pos.span(in.begin(), in.end());
  }
};
template <> struct action<g::combining_stmt> {
  template <typename In> static void apply(const In& in, State& s) { finish_plain(in, s); }
};
template <> struct action<g::policy_duration> {
  template <typename In>
  static void apply(const In& in, State& s) { cur<ast::PolicyDecl>(s).max_grant_duration = raw(in, s); }
};
template <> struct action<g::max_grant_duration_stmt> {
  template <typename In> static void apply(const In& in, State& s) { finish_plain(in, s); }
};
template <> struct action<g::import_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::ImportDecl d;
    d.path = std::move(*take_string(s));
    ast::Comments c = s.take_pending();
    d.comments = std::move(c);
    d.span = s.pos.span(in.begin(), in.end());
    s.file.decls.push_back(std::move(d));
    s.done(&std::get<ast::ImportDecl>(s.file.decls.back()).comments, in.end());
  }
};

// ---- §5 modules
template <> struct action<g::module_head> { static void apply0(State& s) { open_decl<ast::ModuleDecl>(s, Block::module); } };
template <> struct action<g::module_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::ModuleDecl>(in, s); }
};
template <> struct action<g::action_item> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::ActionDecl a;
    a.name = std::move(s.names.back());
    s.names.clear();
    a.title = take_string(s);
    a.span = s.pos.span(in.begin(), in.end());
    s.action_items.push_back(std::move(a));
  }
};
template <> struct action<g::class_read> { static void apply0(State& s) { s.action_class = ast::ActionClass::read; } };
template <> struct action<g::class_write> { static void apply0(State& s) { s.action_class = ast::ActionClass::write; } };
template <> struct action<g::action_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& m = cur<ast::ModuleDecl>(s);
    auto items = take(s.action_items);
    items.front().comments = s.take_pending();
    for (auto& a : items) {
      a.action_class = s.action_class;
      // Each action's span covers the statement, so a diagnostic shows the class too.
      a.span = s.pos.span(in.begin(), in.end());
      m.actions.push_back(std::move(a));
    }
    s.done(&m.actions.back().comments, in.end());
  }
};
template <> struct action<g::resource_head> {
  template <typename In>
  static void apply(const In&, State& s) {
    ast::ResourceDecl r;
    r.comments = s.take_pending();
    r.name = std::move(s.names.front());
    s.names.clear();
    r.title = take_string(s);
    auto& into = s.resources.empty() ? cur<ast::ModuleDecl>(s).resources : s.resources.back()->children;
    into.push_back(std::move(r));
    s.resources.push_back(&into.back());
    s.open.push_back({Block::resource, &into.back().comments});
    s.last_done = nullptr;
  }
};
template <> struct action<g::resource_action> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.resources.back()->actions.push_back({in.string(), s.pos.span(in.begin(), in.end())});
  }
};
template <> struct action<g::resource_actions_stmt> {
  template <typename In> static void apply(const In& in, State& s) { finish_plain(in, s); }
};
template <> struct action<g::resource_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::ResourceDecl* r = s.resources.back();
    r->span = s.pos.span(in.begin(), in.end());
    s.resources.pop_back();
    s.open.pop_back();
    s.flush_pending_to_block();  // comments inside `resource x actions a, b;` go up
    s.done(&r->comments, in.end());
  }
};
template <> struct action<g::level_head> {
  template <typename In>
  static void apply(const In&, State& s) {
    auto& m = cur<ast::ModuleDecl>(s);
    ast::LevelDecl l;
    l.comments = s.take_pending();
    l.name = std::move(s.names.front());
    l.above.assign(std::make_move_iterator(s.names.begin() + 1), std::make_move_iterator(s.names.end()));
    s.names.clear();
    l.title = take_string(s);
    m.levels.push_back(std::move(l));
    s.open.push_back({Block::level, &m.levels.back().comments});
    s.last_done = nullptr;
  }
};
template <> struct action<g::level_derived> {
  static void apply0(State& s) {
    cur<ast::ModuleDecl>(s).levels.back().readonly_of = std::move(s.names.back());
    s.names.clear();
  }
};
template <> struct action<g::includes_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& l = cur<ast::ModuleDecl>(s).levels.back();
    for (auto& n : take(s.names)) l.includes.push_back(std::move(n));
    finish_plain(in, s);
  }
};
template <> struct action<g::requires_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& l = cur<ast::ModuleDecl>(s).levels.back();
    for (auto& r : take(s.requirements)) l.requirements.push_back(std::move(r));
    finish_plain(in, s);
  }
};
template <> struct action<g::level_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& l = cur<ast::ModuleDecl>(s).levels.back();
    l.span = s.pos.span(in.begin(), in.end());
    s.open.pop_back();
    s.flush_pending_to_block();
    s.done(&l.comments, in.end());
  }
};

// ---- §6 roles
template <> struct action<g::role_head> {
  static void apply0(State& s) {
    auto& r = open_decl<ast::RoleDecl>(s, Block::role);
    r.scopes.emplace_back();  // the implicit `self` block
    s.scope_index = 0;
  }
};
template <> struct action<g::role_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    r.scopes.front().span = s.pos.span(in.begin(), in.end());
    close_decl<ast::RoleDecl>(in, s);
  }
};
template <> struct action<g::holders_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    for (auto& k : take(s.kinds)) r.holders.push_back(k);
    finish_plain(in, s);
  }
};
template <> struct action<g::named_accounts_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    r.named_accounts = true;
    r.named_accounts_span = s.pos.span(in.begin(), in.end());
    finish_plain(in, s);
  }
};
template <> struct action<g::extends_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    for (auto& n : take(s.names)) r.extends.push_back(std::move(n));
    finish_plain(in, s);
  }
};
template <> struct action<g::assigner_automatic> { static void apply0(State& s) { s.automatic = true; } };
template <> struct action<g::grantor_anyone> { static void apply0(State& s) { s.anyone = true; } };

template <> struct action<g::contained_flag> {
  template <typename In>
  static void apply(const In& in, State& s) { s.contained = s.pos.span(in.begin(), in.end()); }
};
template <> struct action<g::intended_reason> {
  static void apply0(State& s) { s.intended = take_string(s); }
};

template <typename In>
ast::Authorizer make_authorizer(const In&, State& s) {
  ast::Authorizer a;
  a.automatic = std::exchange(s.automatic, false);
  a.anyone = std::exchange(s.anyone, false);
  a.roles = take(s.names);
  a.when = take_expr(s);
  a.contained = std::exchange(s.contained, std::nullopt);
  a.intended = std::exchange(s.intended, std::nullopt);
  return a;
}
template <> struct action<g::assigned_by_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    finish(cur<ast::RoleDecl>(s).assigned_by, make_authorizer(in, s), in, s);
  }
};
template <> struct action<g::granted_by_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    finish(cur<ast::GrantTemplateDecl>(s).granted_by, make_authorizer(in, s), in, s);
  }
};
template <> struct action<g::level_assign_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::LevelAssignment l;
    l.module = std::move(s.names[0]);
    l.level = std::move(s.names[1]);
    s.names.clear();
    finish(role_scope(s).levels, std::move(l), in, s);
  }
};
template <> struct action<g::at_head> {
  template <typename In>
  static void apply(const In&, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    ast::ScopeBlock b;
    b.comments = s.take_pending();
    b.scope = s.scope;
    b.implicit_self = false;
    s.scope_set = false;
    r.scopes.push_back(std::move(b));
    s.scope_index = r.scopes.size() - 1;
    s.open.push_back({Block::at, &r.scopes.back().comments});
    s.last_done = nullptr;
  }
};
template <> struct action<g::at_block> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& b = cur<ast::RoleDecl>(s).scopes[s.scope_index];
    b.span = s.pos.span(in.begin(), in.end());
    s.scope_index = 0;
    s.open.pop_back();
    s.done(&b.comments, in.end());
  }
};

// ---- §7 forbid rules and selectors
template <typename In>
ast::Selector selector(const In& in, State& s, ast::Selector::Kind k) {
  ast::Selector sel;
  sel.kind = k;
  sel.span = s.pos.span(in.begin(), in.end());
  return sel;
}
template <> struct action<g::sel_anyone> {
  template <typename In>
  static void apply(const In& in, State& s) { s.selectors.push_back(selector(in, s, ast::Selector::Kind::anyone)); }
};
template <> struct action<g::sel_kind> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto sel = selector(in, s, ast::Selector::Kind::principal_kind);
    sel.principal_kind = s.kinds.back().kind;
    s.kinds.pop_back();
    s.selectors.push_back(std::move(sel));
  }
};
template <ast::Selector::Kind K>
struct named_selector_action {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto sel = selector(in, s, K);
    sel.name = std::move(s.names.back());
    s.names.pop_back();
    s.selectors.push_back(std::move(sel));
  }
};
template <> struct action<g::sel_role> : named_selector_action<ast::Selector::Kind::role> {};
template <> struct action<g::sel_template> : named_selector_action<ast::Selector::Kind::template_> {};
template <> struct action<g::sel_level> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto sel = selector(in, s, ast::Selector::Kind::level);
    // `level m.l` read two names, `level l` one; the names buffer holds only this selector's.
    sel.name = std::move(s.names.back());
    s.names.pop_back();
    if (!s.names.empty() && in.string_view().find('.') != std::string_view::npos) {
      sel.module = std::move(s.names.back());
      s.names.pop_back();
    }
    s.selectors.push_back(std::move(sel));
  }
};
template <> struct action<g::forbid_head> { static void apply0(State& s) { open_decl<ast::ForbidDecl>(s, Block::forbid); } };
template <> struct action<g::forbid_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::ForbidDecl>(in, s); }
};
template <> struct action<g::applies_to_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& f = cur<ast::ForbidDecl>(s);
    for (auto& sel : take(s.selectors)) f.applies_to.push_back(std::move(sel));
    finish_plain(in, s);
  }
};
template <> struct action<g::when_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    if (top(s) == Block::forbid)
      cur<ast::ForbidDecl>(s).when = take_expr(s);
    else
      cur<ast::ImplicitGrantDecl>(s).when = take_expr(s);
    finish_plain(in, s);
  }
};
template <> struct action<g::reason_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::ForbidDecl>(s).reason = take_string(s);
    finish_plain(in, s);
  }
};

// ---- §8 attributes
template <ast::AttributeDecl::Type T>
struct type_action {
  static void apply0(State& s) { s.attribute_type = T; }
};
template <> struct action<g::type_bool> : type_action<ast::AttributeDecl::Type::boolean> {};
template <> struct action<g::type_int> : type_action<ast::AttributeDecl::Type::integer> {};
template <> struct action<g::type_string> : type_action<ast::AttributeDecl::Type::string> {};
template <> struct action<g::type_enum> : type_action<ast::AttributeDecl::Type::enumeration> {};
template <> struct action<g::attribute_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::AttributeDecl a;
    a.comments = s.take_pending();
    a.name = std::move(s.names.front());
    a.enum_values.assign(std::make_move_iterator(s.names.begin() + 1), std::make_move_iterator(s.names.end()));
    s.names.clear();
    a.type = s.attribute_type;
    a.default_value = take_expr(s);
    a.description = take_string(s);
    a.span = s.pos.span(in.begin(), in.end());
    s.file.decls.push_back(std::move(a));
    s.done(&std::get<ast::AttributeDecl>(s.file.decls.back()).comments, in.end());
  }
};

// ---- §9 templates and implicit grants
template <> struct action<g::template_head> {
  static void apply0(State& s) { open_decl<ast::GrantTemplateDecl>(s, Block::template_); }
};
template <> struct action<g::template_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::GrantTemplateDecl>(in, s); }
};
template <> struct action<g::implicit_head> {
  static void apply0(State& s) { open_decl<ast::ImplicitGrantDecl>(s, Block::implicit); }
};
template <> struct action<g::implicit_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::ImplicitGrantDecl>(in, s); }
};
template <> struct action<g::grantee_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& into = top(s) == Block::template_ ? cur<ast::GrantTemplateDecl>(s).grantee_kinds
                                            : cur<ast::ImplicitGrantDecl>(s).grantee_kinds;
    for (auto& k : take(s.kinds)) into.push_back(k);
    finish_plain(in, s);
  }
};
template <> struct action<g::grantee_requires_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::GrantTemplateDecl>(s);
    for (auto& n : take(s.names)) t.grantee_requires.push_back(std::move(n));
    finish_plain(in, s);
  }
};
template <> struct action<g::grantee_id_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::GrantTemplateDecl>(s);
    t.grantee_id = std::move(s.names.back());
    s.names.clear();
    t.grantee_id_title = take_string(s);
    finish_plain(in, s);
  }
};
template <> struct action<g::field_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::FieldDecl f;
    f.name = std::move(s.names.back());
    s.names.clear();
    if (!s.presences.empty()) f.presence = s.presences.back();
    s.presences.clear();
    f.title = take_string(s);
    finish(cur<ast::GrantTemplateDecl>(s).fields, std::move(f), in, s);
  }
};
template <> struct action<g::valid_from_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).valid_from = s.presences.back();
    s.presences.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::valid_to_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).valid_to = s.presences.back();
    s.presences.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::duration_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::GrantTemplateDecl>(s);
    if (s.default_duration) t.default_duration = std::exchange(s.default_duration, std::nullopt);
    if (s.max_duration) t.max_duration = std::exchange(s.max_duration, std::nullopt);
    finish_plain(in, s);
  }
};
template <> struct action<g::grants_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    if (top(s) == Block::template_) {
      auto& t = cur<ast::GrantTemplateDecl>(s);
      for (auto& n : take(s.names)) {
        if (n.text == "custom")
          t.custom = true;
        else
          t.grantable_roles.push_back(std::move(n));
      }
    } else {
      auto& i = cur<ast::ImplicitGrantDecl>(s);
      for (auto& n : take(s.names)) i.grants_roles.push_back(std::move(n));
    }
    finish_plain(in, s);
  }
};
template <> struct action<g::scope_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::GrantTemplateDecl>(s);
    if (s.scope_set) {
      t.org_scope = s.scope;
      t.org_scope_span = s.pos.span(in.begin(), in.end());
      s.scope_set = false;
    }
    if (auto e = take_expr(s)) t.scope_when = std::move(e);
    finish_plain(in, s);
  }
};
template <> struct action<g::ceiling_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).ceiling_grantor = true;
    finish_plain(in, s);
  }
};
template <> struct action<g::precondition_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).preconditions.push_back(*take_expr(s));
    finish_plain(in, s);
  }
};
template <> struct action<g::revocable_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).revocable = true;
    finish_plain(in, s);
  }
};
template <> struct action<g::audited_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).audited = true;
    finish_plain(in, s);
  }
};
template <> struct action<g::grantee_roles_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& i = cur<ast::ImplicitGrantDecl>(s);
    for (auto& n : take(s.names)) i.grantee_roles.push_back(std::move(n));
    finish_plain(in, s);
  }
};

// ---- §10 assertions
template <> struct action<g::assert_head> { static void apply0(State& s) { open_decl<ast::AssertDecl>(s, Block::assert_); } };
template <> struct action<g::assert_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::AssertDecl>(in, s); }
};
template <ast::AssertDecl::Kind K>
struct assert_action {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& a = cur<ast::AssertDecl>(s);
    a.kind = K;
    if (!s.selectors.empty()) a.subject = std::move(s.selectors.back());
    s.selectors.clear();
    if (!s.patterns.empty()) a.pattern = std::move(s.patterns.back());
    s.patterns.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::never_stmt> : assert_action<ast::AssertDecl::Kind::never> {};
template <> struct action<g::always_stmt> : assert_action<ast::AssertDecl::Kind::always> {};
template <> struct action<g::read_only_stmt> : assert_action<ast::AssertDecl::Kind::read_only> {};
template <> struct action<g::holder_count> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto [p, ec] = std::from_chars(in.begin(), in.end(), s.holder_count);
    if (ec != std::errc()) throw pegtl::parse_error("count is too large", in.position());
  }
};
template <> struct action<g::min_holders_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& a = cur<ast::AssertDecl>(s);
    a.kind = ast::AssertDecl::Kind::min_holders;
    a.subject.kind = ast::Selector::Kind::role;
    a.subject.name = std::move(s.names.back());
    a.subject.span = a.subject.name.span;
    s.names.clear();
    a.count = s.holder_count;
    finish_plain(in, s);
  }
};

}  // namespace writ::dsl::detail
