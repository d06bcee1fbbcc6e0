// Declarations and their members: the policy header and imports (docs/language.md §2), modules,
// resources, actions and levels (§5), roles and scopes (§6), forbid rules (§7), attributes (§8),
// grant templates and implicit grants (§9), assertions (§10), organizations, tests and matrices
// (§11). Covered by tests/unit/dsl/grammar_test.cpp and dsl_parser_test.cpp.
//
// Every member starts with a contextual keyword and commits right after it (must<>), so a body is
// parsed without backtracking and an error points at the token that broke the rule. Whitespace is
// consumed after tokens, never before, except that the `;` or `}` ending a member is its last byte
// (the parser attaches a comment on the same line to the member just finished).
#pragma once

#include "grammar/expression.hpp"

namespace writ::grammar {

// ---------------------------------------------------------------- shared pieces

template <typename Tag> struct semi_after : one<';'> {};
template <typename Tag> struct open_brace : one<'{'> {};
template <typename Tag> struct close_brace : one<'}'> {};

/// A name (identifier) where the grammar wants one; the parser collects them in order.
struct name : identifier {};
/// A string (title, description, id, path, value); the parser collects them in order.
struct str : string_body {};
/// A name committed to after `Tag`'s keyword; exists for its own error message.
template <typename Tag> struct name_for : seq<name> {};
template <typename Tag> struct str_for : seq<str> {};
template <typename Tag> struct next_name : seq<name> {};
/// `a, b, c`
template <typename Tag> struct names_for : seq<name, sp, star<comma, sp, must<next_name<Tag>>, sp>> {};
/// An optional human title after a declaration's name.
struct title : seq<str, sp> {};

struct kind_internal : kw<"internal"> {};
struct kind_external : kw<"external"> {};
struct kind_vendor_support : kw<"vendor_support"> {};
struct kind_system : kw<"system"> {};
struct kind_ref : sor<kind_internal, kind_external, kind_vendor_support, kind_system> {};
template <typename Tag> struct next_kind : seq<kind_ref> {};
template <typename Tag> struct kinds_for : seq<kind_ref, sp, star<comma, sp, must<next_kind<Tag>>, sp>> {};

struct scope_self : kw<"self"> {};
struct scope_descendants : kw<"descendants"> {};
struct scope_parent : kw<"parent"> {};
struct scope_ancestors : kw<"ancestors"> {};
struct scope_siblings : kw<"siblings"> {};
struct scope_kind : sor<scope_self, scope_descendants, scope_parent, scope_ancestors, scope_siblings> {};

struct presence_required : kw<"required"> {};
struct presence_optional : kw<"optional"> {};
struct presence : sor<presence_required, presence_optional> {};

struct when_clause : seq<kw<"when">, sp, must<condition>> {};

struct description_stmt : seq<kw<"description">, sp, req<str_for<struct description_stmt>>, must<semi_after<description_stmt>>> {};

/// `as NAME`: the author's name of a rule, cited by findings, suppressions and diffs.
struct rule_name : identifier {};
struct as_clause : seq<kw<"as">, sp, req<rule_name>> {};
/// `permit PATTERN [requires REQ, ...] [when EXPR] [as NAME];`
struct next_requirement : seq<requirement> {};
struct requires_clause : seq<kw<"requires">, sp, req<requirement>, star<comma, sp, req<next_requirement>>> {};
struct permit_pattern : seq<pattern> {};
struct permit_stmt : seq<kw<"permit">, sp, req<permit_pattern>, opt<requires_clause>, opt<when_clause>, opt<as_clause>,
                         must<semi_after<permit_stmt>>> {};
/// `deny PATTERN [when EXPR] [as NAME];`
struct deny_pattern : seq<pattern> {};
struct deny_stmt : seq<kw<"deny">, sp, req<deny_pattern>, opt<when_clause>, opt<as_clause>, must<semi_after<deny_stmt>>> {};

/// An analysis check's code, as the check catalogue spells it (`escalation_assign`, `A101`).
struct check_code : seq<identifier, star<one<'.', '-'>, identifier>> {};
struct suppress_reason : seq<str> {};
/// `suppress CODE "REASON";`: the finding CODE located in the enclosing declaration (the whole
/// policy, in the header) is reported as suppressed with the reason. The reason is required.
struct suppress_stmt : seq<kw<"suppress">, sp, req<check_code>, req<suppress_reason>, must<semi_after<suppress_stmt>>> {};

// ---------------------------------------------------------------- §2 policy header, imports

struct combining_permissive : kw<"permissive"> {};
struct combining_deny_overrides : kw<"deny_overrides"> {};
struct combining_mode : sor<combining_permissive, combining_deny_overrides> {};
struct combining_stmt : seq<kw<"combining">, sp, req<combining_mode>, must<semi_after<combining_stmt>>> {};

/// `max_grant_duration 180d;`: the policy-wide limit on templates' maximum durations.
struct policy_duration : seq<duration_token> {};
struct max_grant_duration_stmt : seq<kw<"max_grant_duration">, sp, req<policy_duration>,
                                     must<semi_after<max_grant_duration_stmt>>> {};
/// `severity CODE LEVEL;`: the severity of one analysis check (lowering checks LEVEL).
struct severity_level : identifier {};
struct severity_stmt : seq<kw<"severity">, sp, req<check_code>, req<severity_level>, must<semi_after<severity_stmt>>> {};

struct policy_head : seq<name_for<struct policy_decl>, sp, opt<title>> {};
struct policy_member : sor<description_stmt, combining_stmt, max_grant_duration_stmt, severity_stmt, suppress_stmt> {};
struct policy_decl : seq<kw<"policy">, sp, req<policy_head>, must<open_brace<policy_decl>>, sp, star<policy_member, sp>,
                         must<close_brace<policy_decl>>>, nesting_rule {};

struct import_decl : seq<kw<"import">, sp, req<str_for<struct import_decl>>, must<semi_after<import_decl>>> {};

// ---------------------------------------------------------------- §5 modules

struct action_item : seq<name, sp, opt<title>> {};
struct next_action_item : seq<action_item> {};
struct class_read : kw<"read"> {};
struct class_write : kw<"write"> {};
struct action_class : sor<class_read, class_write> {};
struct action_colon : one<':'> {};
/// `action a, b "Title": write;`
struct action_stmt : seq<kw<"action">, sp, req<action_item>, star<comma, sp, req<next_action_item>>, must<action_colon>,
                         sp, req<action_class>, must<semi_after<action_stmt>>> {};

struct resource_action : identifier {};
struct next_resource_action : seq<resource_action> {};
struct resource_actions : seq<resource_action, sp, star<comma, sp, must<next_resource_action>, sp>> {};
struct resource_actions_stmt : seq<kw<"actions">, sp, req<resource_actions>, must<semi_after<resource_actions_stmt>>> {};
struct resource_decl;
struct resource_member : sor<resource_actions_stmt, resource_decl> {};
struct resource_block : seq<open_brace<resource_decl>, sp, star<resource_member, sp>, must<close_brace<resource_decl>>> {};
struct resource_inline : seq<opt<kw<"actions">, sp, req<resource_actions>>, must<semi_after<resource_decl>>> {};
struct resource_head : seq<name_for<resource_decl>, sp, opt<title>> {};
struct resource_decl : seq<kw<"resource">, sp, req<resource_head>, sor<resource_block, resource_inline>>, nesting_rule {};

struct requires_stmt : seq<kw<"requires">, sp, req<requirement>, star<comma, sp, req<next_requirement>>,
                           must<semi_after<requires_stmt>>> {};
/// `includes l1, l2;`: the included levels' permits are this level's too (it is also above them).
struct includes_stmt : seq<kw<"includes">, sp, req<names_for<struct includes_stmt>>, must<semi_after<includes_stmt>>> {};
struct level_member : sor<description_stmt, includes_stmt, permit_stmt, requires_stmt, suppress_stmt> {};
struct level_block : seq<must<open_brace<struct level_decl>>, sp, star<level_member, sp>, must<close_brace<struct level_decl>>> {};
struct readonly_open : one<'('> {};
struct readonly_close : one<')'> {};
struct kw_readonly : kw<"readonly"> {};
/// `= readonly(l1);`
struct level_derived : seq<equals, sp, must<kw_readonly>, sp, must<readonly_open>, sp, req<name_for<level_derived>>,
                           must<readonly_close>, sp, must<semi_after<level_derived>>> {};
struct level_head : seq<name_for<struct level_decl>, sp, opt<title>, opt<kw<"above">, sp, req<names_for<struct level_head>>>> {};
struct level_decl : seq<kw<"level">, sp, req<level_head>, sor<level_derived, level_block>>, nesting_rule {};

struct module_member : sor<description_stmt, action_stmt, resource_decl, level_decl, suppress_stmt> {};
struct module_head : seq<name_for<struct module_decl>, sp, opt<title>> {};
struct module_decl : seq<kw<"module">, sp, req<module_head>, must<open_brace<module_decl>>, sp, star<module_member, sp>,
                         must<close_brace<module_decl>>>, nesting_rule {};

// ---------------------------------------------------------------- §6 roles

struct holders_stmt : seq<kw<"holders">, sp, req<kinds_for<struct holders_stmt>>, must<semi_after<holders_stmt>>> {};
struct named_accounts_stmt : seq<kw<"named_accounts">, sp, must<semi_after<named_accounts_stmt>>> {};
struct extends_stmt : seq<kw<"extends">, sp, req<names_for<struct extends_stmt>>, must<semi_after<extends_stmt>>> {};
struct assigner_automatic : kw<"automatic"> {};
struct assigners : sor<assigner_automatic, names_for<struct assigned_by_stmt>> {};
/// `contained`: the assigner (grantor) may give only what it holds itself.
struct contained_flag : kw<"contained"> {};
struct intended_reason : seq<str> {};
/// `intended "REASON"`: the edge gives more than the assigner holds, on purpose.
struct intended_clause : seq<kw<"intended">, sp, req<intended_reason>> {};
struct authorizer_flags : seq<opt<contained_flag, sp>, opt<intended_clause>> {};
struct assigned_by_stmt : seq<kw<"assigned_by">, sp, req<assigners>, opt<when_clause>, authorizer_flags,
                              must<semi_after<assigned_by_stmt>>> {};
struct level_assign_equals : equals {};
/// `level MODULE = LEVEL;`
struct level_assign_stmt : seq<kw<"level">, sp, req<name_for<struct level_assign_stmt>>, must<level_assign_equals>, sp,
                               req<name_for<level_assign_equals>>, must<semi_after<level_assign_stmt>>> {};
struct scope_member : sor<permit_stmt, deny_stmt, level_assign_stmt> {};
struct at_head : seq<scope_kind> {};
/// `at descendants { ... }`
struct at_block : seq<kw<"at">, sp, req<at_head>, must<open_brace<at_block>>, sp, star<scope_member, sp>,
                      must<close_brace<at_block>>>, nesting_rule {};
struct role_member : sor<description_stmt, holders_stmt, named_accounts_stmt, extends_stmt, assigned_by_stmt, permit_stmt,
                         deny_stmt, level_assign_stmt, at_block, suppress_stmt> {};
struct role_head : seq<name_for<struct role_decl>, sp, opt<title>> {};
struct role_decl : seq<kw<"role">, sp, req<role_head>, must<open_brace<role_decl>>, sp, star<role_member, sp>,
                       must<close_brace<role_decl>>>, nesting_rule {};

// ---------------------------------------------------------------- §7 forbid rules, selectors

struct sel_anyone : kw<"anyone"> {};
struct sel_kind : seq<kw<"kind">, sp, must<kind_ref>> {};
struct sel_role : seq<kw<"role">, sp, must<name_for<sel_role>>> {};
struct sel_template : seq<kw<"template">, sp, must<name_for<sel_template>>> {};
/// `level l1` or `level module.l1`
struct sel_level : seq<kw<"level">, sp, must<name_for<sel_level>>, opt<one<'.'>, must<name_for<struct sel_level_dot>>>> {};
struct selector : sor<sel_anyone, sel_kind, sel_role, sel_template, sel_level> {};
struct next_selector : seq<selector> {};
struct applies_to_stmt : seq<kw<"applies_to">, sp, req<selector>, star<comma, sp, req<next_selector>>,
                             must<semi_after<applies_to_stmt>>> {};
struct when_stmt : seq<kw<"when">, sp, must<condition>, must<semi_after<when_stmt>>> {};
struct reason_stmt : seq<kw<"reason">, sp, req<str_for<reason_stmt>>, must<semi_after<reason_stmt>>> {};
struct forbid_member : sor<applies_to_stmt, deny_stmt, when_stmt, reason_stmt, suppress_stmt> {};
struct forbid_head : seq<name_for<struct forbid_decl>, sp, opt<title>> {};
struct forbid_decl : seq<kw<"forbid">, sp, req<forbid_head>, must<open_brace<forbid_decl>>, sp, star<forbid_member, sp>,
                         must<close_brace<forbid_decl>>>, nesting_rule {};

// ---------------------------------------------------------------- §8 attributes

struct type_bool : kw<"bool"> {};
struct type_int : kw<"int"> {};
struct type_string : kw<"string"> {};
struct enum_close : one<'}'> {};
struct type_enum : seq<one<'{'>, sp, req<name_for<type_enum>>, star<comma, sp, req<next_name<type_enum>>>, must<enum_close>> {};
struct attr_type : sor<type_bool, type_int, type_string, type_enum> {};
struct attr_default : seq<literal> {};
struct attr_colon : one<':'> {};
/// `attribute NAME: TYPE [= LITERAL] ["description"];`
struct attribute_decl : seq<kw<"attribute">, sp, req<name_for<struct attribute_decl>>, must<attr_colon>, sp, req<attr_type>,
                            sp, opt<equals, sp, req<attr_default>>, opt<str, sp>, must<semi_after<attribute_decl>>> {};

// ---------------------------------------------------------------- §9 grant templates, implicit grants

struct grantee_stmt : seq<kw<"grantee">, sp, req<kinds_for<struct grantee_stmt>>, must<semi_after<grantee_stmt>>> {};
struct grantee_id_stmt : seq<kw<"grantee_id">, sp, req<name_for<struct grantee_id_stmt>>, opt<str, sp>,
                             must<semi_after<grantee_id_stmt>>> {};
struct grantor_anyone : kw<"anyone"> {};
struct grantors : sor<grantor_anyone, names_for<struct granted_by_stmt>> {};
struct granted_by_stmt : seq<kw<"granted_by">, sp, req<grantors>, opt<when_clause>, authorizer_flags,
                             must<semi_after<granted_by_stmt>>> {};
/// `grantee_requires a, b;`: the grantee must hold one of these roles.
struct grantee_requires_stmt : seq<kw<"grantee_requires">, sp, req<names_for<struct grantee_requires_stmt>>,
                                   must<semi_after<grantee_requires_stmt>>> {};
struct field_stmt : seq<kw<"field">, sp, req<name_for<struct field_stmt>>, opt<presence, sp>, opt<str, sp>,
                        must<semi_after<field_stmt>>> {};
struct valid_from_stmt : seq<kw<"valid_from">, sp, req<presence>, must<semi_after<valid_from_stmt>>> {};
struct valid_to_stmt : seq<kw<"valid_to">, sp, req<presence>, must<semi_after<valid_to_stmt>>> {};
struct default_duration : seq<duration_token> {};
struct max_duration : seq<duration_token> {};
struct duration_spec : sor<seq<kw<"default">, sp, req<default_duration>, opt<kw<"max">, sp, req<max_duration>>>,
                           seq<kw<"max">, sp, req<max_duration>>> {};
struct duration_stmt : seq<kw<"duration">, sp, must<duration_spec>, must<semi_after<duration_stmt>>> {};
/// `grants a, b;` (`custom` in a template: custom permission sets)
struct grants_stmt : seq<kw<"grants">, sp, req<names_for<struct grants_stmt>>, must<semi_after<grants_stmt>>> {};
struct scope_spec : sor<when_clause, seq<scope_kind, sp, opt<when_clause>>> {};
struct scope_stmt : seq<kw<"scope">, sp, must<scope_spec>, must<semi_after<scope_stmt>>> {};
struct kw_grantor : kw<"grantor"> {};
struct ceiling_stmt : seq<kw<"ceiling">, sp, must<kw_grantor>, sp, must<semi_after<ceiling_stmt>>> {};
struct precondition_stmt : seq<kw<"precondition">, sp, must<condition>, must<semi_after<precondition_stmt>>> {};
struct revocable_stmt : seq<kw<"revocable">, sp, must<semi_after<revocable_stmt>>> {};
struct audited_stmt : seq<kw<"audited">, sp, must<semi_after<audited_stmt>>> {};
struct template_member : sor<description_stmt, grantee_stmt, grantee_requires_stmt, grantee_id_stmt, granted_by_stmt,
                             field_stmt, valid_from_stmt, valid_to_stmt, duration_stmt, grants_stmt, scope_stmt,
                             ceiling_stmt, precondition_stmt, deny_stmt, revocable_stmt, audited_stmt, suppress_stmt> {};
struct template_head : seq<name_for<struct template_decl>, sp, opt<title>> {};
struct template_decl : seq<kw<"template">, sp, req<template_head>, must<open_brace<template_decl>>, sp,
                           star<template_member, sp>, must<close_brace<template_decl>>>, nesting_rule {};

struct grantee_roles_stmt : seq<kw<"grantee_roles">, sp, req<names_for<struct grantee_roles_stmt>>,
                                must<semi_after<grantee_roles_stmt>>> {};
struct implicit_member : sor<description_stmt, grantee_stmt, grantee_roles_stmt, when_stmt, grants_stmt, suppress_stmt> {};
struct implicit_head : seq<name_for<struct implicit_decl>, sp, opt<title>> {};
struct implicit_decl : seq<kw<"implicit">, sp, req<implicit_head>, must<open_brace<implicit_decl>>, sp,
                           star<implicit_member, sp>, must<close_brace<implicit_decl>>>, nesting_rule {};

// ---------------------------------------------------------------- §10 assertions

struct kw_may : kw<"may"> {};
struct assert_pattern : seq<pattern> {};
struct never_stmt : seq<kw<"never">, sp, req<selector>, must<kw_may>, sp, req<assert_pattern>, must<semi_after<never_stmt>>> {};
struct always_stmt : seq<kw<"always">, sp, req<selector>, must<kw_may>, sp, req<assert_pattern>, must<semi_after<always_stmt>>> {};
struct read_only_stmt : seq<kw<"read_only">, sp, req<selector>, must<semi_after<read_only_stmt>>> {};
struct holder_count : integer {};
struct min_holders_stmt : seq<kw<"min_holders">, sp, req<name_for<struct min_holders_stmt>>, req<holder_count>,
                              must<semi_after<min_holders_stmt>>> {};
struct assert_body : sor<never_stmt, always_stmt, read_only_stmt, min_holders_stmt> {};
struct assert_head : seq<name_for<struct assert_decl>, sp, opt<title>> {};
/// An assertion holds exactly one property.
struct assert_decl : seq<kw<"assert">, sp, req<assert_head>, must<open_brace<assert_decl>>, sp, req<assert_body>,
                         must<close_brace<assert_decl>>>, nesting_rule {};

// ---------------------------------------------------------------- §11 organizations, tests, matrices

struct organization_decl : seq<kw<"organization">, sp, req<name_for<struct organization_decl>>,
                               opt<kw<"in">, sp, req<name_for<struct organization_parent>>>,
                               must<semi_after<organization_decl>>> {};

/// `R [at O]`
struct role_binding : seq<name_for<struct role_binding>, sp, opt<kw<"at">, sp, req<name_for<struct binding_org>>>> {};
struct timestamp_arg : seq<timestamp_token> {};

// Grant items (a grant the principal holds, or the subject of `validate`).
struct gi_grantee_id : seq<kw<"grantee_id">, sp, req<str_for<gi_grantee_id>>, must<semi_after<gi_grantee_id>>> {};
struct gi_grantor_kind : seq<kw<"grantor_kind">, sp, req<kind_ref>, must<semi_after<gi_grantor_kind>>> {};
struct gi_grantor_shared : seq<kw<"grantor_shared">, sp, must<semi_after<gi_grantor_shared>>> {};
struct gi_grantor_named : seq<kw<"grantor_named">, sp, must<semi_after<gi_grantor_named>>> {};
struct gi_grantor_role : seq<kw<"grantor_role">, sp, req<role_binding>, must<semi_after<gi_grantor_role>>> {};
struct gi_roles : seq<kw<"roles">, sp, req<names_for<gi_roles>>, must<semi_after<gi_roles>>> {};
struct custom_pattern : seq<pattern> {};
struct gi_custom : seq<kw<"custom">, sp, req<custom_pattern>, must<semi_after<gi_custom>>> {};
struct from_ts : seq<timestamp_token> {};
struct to_ts : seq<timestamp_token> {};
struct gi_from : seq<kw<"from">, sp, req<from_ts>, must<semi_after<gi_from>>> {};
struct gi_to : seq<kw<"to">, sp, req<to_ts>, must<semi_after<gi_to>>> {};
struct gi_org : seq<kw<"org">, sp, req<name_for<gi_org>>, must<semi_after<gi_org>>> {};
struct gi_field : seq<kw<"field">, sp, req<name_for<gi_field>>, req<str_for<gi_field>>, must<semi_after<gi_field>>> {};
struct gi_revoked : seq<kw<"revoked">, sp, must<semi_after<gi_revoked>>> {};
struct grant_item : sor<gi_grantee_id, gi_grantor_kind, gi_grantor_shared, gi_grantor_named, gi_grantor_role, gi_roles,
                        gi_custom, gi_from, gi_to, gi_org, gi_field, gi_revoked> {};
struct grant_head : seq<name_for<struct grant_block>> {};
struct grant_block : seq<kw<"grant">, sp, req<grant_head>, must<open_brace<grant_block>>, sp, star<grant_item, sp>,
                         must<close_brace<grant_block>>>, nesting_rule {};

// Setup items, shared by tests and matrices.
struct kind_stmt : seq<kw<"kind">, sp, req<kind_ref>, must<semi_after<kind_stmt>>> {};
struct named_stmt : seq<kw<"named">, sp, must<semi_after<named_stmt>>> {};
struct shared_stmt : seq<kw<"shared">, sp, must<semi_after<shared_stmt>>> {};
struct id_stmt : seq<kw<"id">, sp, req<str_for<id_stmt>>, must<semi_after<id_stmt>>> {};
struct org_stmt : seq<kw<"org">, sp, req<name_for<org_stmt>>, must<semi_after<org_stmt>>> {};
struct role_stmt : seq<kw<"role">, sp, req<role_binding>, must<semi_after<role_stmt>>> {};
struct target_stmt : seq<kw<"target">, sp, req<name_for<target_stmt>>, must<semi_after<target_stmt>>> {};
struct at_stmt : seq<kw<"at">, sp, req<timestamp_arg>, must<semi_after<at_stmt>>> {};
struct context_equals : equals {};
struct context_value : seq<literal> {};
struct context_item : seq<name, sp, must<context_equals>, sp, must<context_value>, sp> {};
struct next_context_item : seq<context_item> {};
struct context_stmt : seq<kw<"context">, sp, must<context_item>, star<comma, sp, must<next_context_item>>,
                          must<semi_after<context_stmt>>> {};
/// `trigger IMPLICIT [at ORG];`: the event an implicit grant reacts to happened at ORG.
struct trigger_binding : seq<name_for<struct trigger_binding>, sp, opt<kw<"at">, sp, req<name_for<struct trigger_org>>>> {};
struct trigger_stmt : seq<kw<"trigger">, sp, req<trigger_binding>, must<semi_after<trigger_stmt>>> {};
/// `owner "ID";`: the principal the resource acted on belongs to (`principal.is_owner`).
struct owner_stmt : seq<kw<"owner">, sp, req<str_for<owner_stmt>>, must<semi_after<owner_stmt>>> {};
struct setup_member : sor<kind_stmt, named_stmt, shared_stmt, id_stmt, org_stmt, role_stmt, trigger_stmt, owner_stmt,
                          target_stmt, at_stmt, context_stmt, grant_block> {};

struct request_pattern : seq<pattern> {};
struct request_stmt : seq<kw<"request">, sp, req<request_pattern>, must<semi_after<request_stmt>>> {};
struct validate_head : seq<name_for<struct validate_block>> {};
struct validate_block : seq<kw<"validate">, sp, req<validate_head>, must<open_brace<validate_block>>, sp, star<grant_item, sp>,
                            must<close_brace<validate_block>>>, nesting_rule {};
struct assign_binding : seq<role_binding> {};
struct assign_stmt : seq<kw<"assign">, sp, req<assign_binding>, must<semi_after<assign_stmt>>> {};
struct expect_allow : kw<"allow"> {};
struct expect_deny : kw<"deny"> {};
struct expect_valid : kw<"valid"> {};
struct expect_invalid : kw<"invalid"> {};
struct expect_kind : sor<expect_allow, expect_deny, expect_valid, expect_invalid> {};
struct expect_stmt : seq<kw<"expect">, sp, req<expect_kind>, opt<names_for<expect_stmt>>, must<semi_after<expect_stmt>>> {};
struct test_member : sor<setup_member, request_stmt, validate_block, assign_stmt, expect_stmt> {};
struct test_head : seq<name_for<struct test_decl>, sp, opt<title>> {};
struct test_decl : seq<kw<"test">, sp, req<test_head>, must<open_brace<test_decl>>, sp, star<test_member, sp>,
                       must<close_brace<test_decl>>>, nesting_rule {};

struct matrix_roles_stmt : seq<kw<"roles">, sp, req<names_for<matrix_roles_stmt>>, must<semi_after<matrix_roles_stmt>>> {};
struct cell_allow : kw<"allow"> {};
struct cell_deny : kw<"deny"> {};
struct matrix_cell : sor<cell_allow, cell_deny> {};
struct next_cell : seq<matrix_cell> {};
struct row_equals : equals {};
struct row_pattern : seq<pattern> {};
struct row_stmt : seq<kw<"row">, sp, req<row_pattern>, must<row_equals>, sp, req<matrix_cell>, star<comma, sp, req<next_cell>>,
                      must<semi_after<row_stmt>>> {};
struct matrix_member : sor<setup_member, matrix_roles_stmt, row_stmt> {};
struct matrix_head : seq<name_for<struct matrix_decl>, sp, opt<title>> {};
struct matrix_decl : seq<kw<"matrix">, sp, req<matrix_head>, must<open_brace<matrix_decl>>, sp, star<matrix_member, sp>,
                         must<close_brace<matrix_decl>>>, nesting_rule {};

struct declaration : sor<policy_decl, import_decl, attribute_decl, organization_decl, module_decl, role_decl, forbid_decl,
                         template_decl, implicit_decl, assert_decl, test_decl, matrix_decl> {};

}  // namespace writ::grammar
