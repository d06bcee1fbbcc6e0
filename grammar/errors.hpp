// The human message for every point of no return in the DSL grammar, and the control class that
// raises them. A rule used inside must<> without an entry here does not compile (static_assert in
// control::raise), so no syntax error ever shows a C++ type name.
// Covered by tests/unit/dsl/syntax_error_test.cpp.
#pragma once

#include "grammar/file.hpp"

namespace writ::grammar {

/// The message raised when `Rule` is required (must<Rule>) and does not match.
template <typename Rule>
inline constexpr const char* error_message = nullptr;

#define WRIT_GRAMMAR_ERROR(rule, text) \
  template <>                          \
  inline constexpr const char* error_message<rule> = text;

// ---- generic pieces
template <typename T> inline constexpr const char* error_message<next_name<T>> = "expected a name after `,`";
template <typename T> inline constexpr const char* error_message<next_kind<T>> =
    "expected a principal kind (`internal`, `external`, `vendor_support` or `system`) after `,`";

// ---- §1 lexical
WRIT_GRAMMAR_ERROR(string_close, "unterminated string: expected `\"` before the end of the line")

// ---- §3 expressions
WRIT_GRAMMAR_ERROR(path_segment, "expected a name after `.` in a path")
WRIT_GRAMMAR_ERROR(list_item, "expected a literal (`true`, `false`, an integer or a string) in list")
WRIT_GRAMMAR_ERROR(list_close, "expected `,` or `]` in list")
WRIT_GRAMMAR_ERROR(paren_inner, "expected a condition after `(`")
WRIT_GRAMMAR_ERROR(paren_close, "expected `)` to close `(`")
WRIT_GRAMMAR_ERROR(rhs_eq, "expected a value after `==`")
WRIT_GRAMMAR_ERROR(rhs_ne, "expected a value after `!=`")
WRIT_GRAMMAR_ERROR(in_list, "expected a list `[...]` after `in`")
WRIT_GRAMMAR_ERROR(kw_in_after_not, "expected `in` after `not` (write `not` before a condition, or `x not in [...]`)")
WRIT_GRAMMAR_ERROR(not_operand, "expected a condition after `not`")
WRIT_GRAMMAR_ERROR(and_rhs, "expected a condition after `and`")
WRIT_GRAMMAR_ERROR(or_rhs, "expected a condition after `or`")
WRIT_GRAMMAR_ERROR(condition, "expected a condition (e.g. `context.NAME == \"value\"`)")
WRIT_GRAMMAR_ERROR(fragment_end, "unexpected text after the end")

// ---- §4 patterns and requirements
WRIT_GRAMMAR_ERROR(pattern, "expected a permission pattern `MODULE/RESOURCE:ACTION`")
WRIT_GRAMMAR_ERROR(pattern_slash, "expected `/` after the module name in permission pattern")
WRIT_GRAMMAR_ERROR(pattern_step, "expected a resource name or `**` after `/` in permission pattern (`**` comes last)")
WRIT_GRAMMAR_ERROR(pattern_colon, "expected `:` and the actions after the resource path of permission pattern")
WRIT_GRAMMAR_ERROR(pattern_actions, "expected an action, `{a, b}`, `*`, `@read` or `@write` after `:` in permission pattern")
WRIT_GRAMMAR_ERROR(action_class_ref, "expected `read` or `write` after `@`")
WRIT_GRAMMAR_ERROR(pattern_action_name, "expected an action name in `{...}`")
WRIT_GRAMMAR_ERROR(action_set_close, "expected `,` or `}` in action set")
WRIT_GRAMMAR_ERROR(requirement, "expected a requirement `MODULE >= LEVEL`")
WRIT_GRAMMAR_ERROR(next_requirement, "expected a requirement `MODULE >= LEVEL` after `,`")
WRIT_GRAMMAR_ERROR(req_ge, "expected `>=` after the module name in requirement")
WRIT_GRAMMAR_ERROR(req_level, "expected a level name after `>=` in requirement")

// ---- shared members
WRIT_GRAMMAR_ERROR(str_for<description_stmt>, "expected a string after `description`")
WRIT_GRAMMAR_ERROR(semi_after<description_stmt>, "expected `;` after description")
WRIT_GRAMMAR_ERROR(permit_pattern, "expected a permission pattern after `permit`")
WRIT_GRAMMAR_ERROR(semi_after<permit_stmt>, "expected `requires`, `when`, `as` or `;` after permission pattern")
WRIT_GRAMMAR_ERROR(deny_pattern, "expected a permission pattern after `deny`")
WRIT_GRAMMAR_ERROR(semi_after<deny_stmt>, "expected `when`, `as` or `;` after permission pattern")
WRIT_GRAMMAR_ERROR(rule_name, "expected a rule name after `as`")
WRIT_GRAMMAR_ERROR(check_code, "expected a check code after `suppress` or `severity`")
WRIT_GRAMMAR_ERROR(suppress_reason, "expected a reason string after the check code: a suppression needs a reason")
WRIT_GRAMMAR_ERROR(semi_after<suppress_stmt>, "expected `;` after the suppression's reason")
WRIT_GRAMMAR_ERROR(kind_ref, "expected a principal kind (`internal`, `external`, `vendor_support` or `system`)")

// ---- §2 policy, import
WRIT_GRAMMAR_ERROR(policy_head, "expected a policy name after `policy`")
WRIT_GRAMMAR_ERROR(open_brace<policy_decl>, "expected `{` to open policy body")
WRIT_GRAMMAR_ERROR(close_brace<policy_decl>,
                   "expected `description`, `combining`, `max_grant_duration`, `severity`, `suppress` or `}` in policy body")
WRIT_GRAMMAR_ERROR(policy_duration, "expected a duration (e.g. `180d`) after `max_grant_duration`")
WRIT_GRAMMAR_ERROR(semi_after<max_grant_duration_stmt>, "expected `;` after duration")
WRIT_GRAMMAR_ERROR(severity_level, "expected a severity (`error`, `warning`, `note` or `off`) after the check code")
WRIT_GRAMMAR_ERROR(semi_after<severity_stmt>, "expected `;` after severity")
WRIT_GRAMMAR_ERROR(combining_mode, "expected `permissive` or `deny_overrides` after `combining`")
WRIT_GRAMMAR_ERROR(semi_after<combining_stmt>, "expected `;` after combining mode")
WRIT_GRAMMAR_ERROR(str_for<import_decl>, "expected a file path string after `import`")
WRIT_GRAMMAR_ERROR(semi_after<import_decl>, "expected `;` after import path")

// ---- §5 modules
WRIT_GRAMMAR_ERROR(module_head, "expected a module name after `module`")
WRIT_GRAMMAR_ERROR(open_brace<module_decl>, "expected `{` to open module body")
WRIT_GRAMMAR_ERROR(close_brace<module_decl>,
                   "expected `description`, `action`, `resource`, `level`, `suppress` or `}` in module body")
WRIT_GRAMMAR_ERROR(action_item, "expected an action name after `action`")
WRIT_GRAMMAR_ERROR(next_action_item, "expected an action name after `,`")
WRIT_GRAMMAR_ERROR(action_colon, "expected `,` or `:` and the action class after action name")
WRIT_GRAMMAR_ERROR(action_class, "expected `read` or `write` after `:`")
WRIT_GRAMMAR_ERROR(semi_after<action_stmt>, "expected `;` after action class")
WRIT_GRAMMAR_ERROR(resource_head, "expected a resource name after `resource`")
WRIT_GRAMMAR_ERROR(semi_after<resource_decl>, "expected `actions`, `{` or `;` after resource name")
WRIT_GRAMMAR_ERROR(close_brace<resource_decl>, "expected `actions`, `resource` or `}` in resource body")
WRIT_GRAMMAR_ERROR(resource_actions, "expected an action name after `actions`")
WRIT_GRAMMAR_ERROR(next_resource_action, "expected an action name after `,`")
WRIT_GRAMMAR_ERROR(semi_after<resource_actions_stmt>, "expected `,` or `;` after action name")
WRIT_GRAMMAR_ERROR(level_head, "expected a level name after `level`")
WRIT_GRAMMAR_ERROR(names_for<level_head>, "expected a level name after `above`")
WRIT_GRAMMAR_ERROR(open_brace<level_decl>, "expected `{` to open level body or `= readonly(LEVEL)`")
WRIT_GRAMMAR_ERROR(close_brace<level_decl>,
                   "expected `description`, `includes`, `permit`, `requires`, `suppress` or `}` in level body")
WRIT_GRAMMAR_ERROR(names_for<includes_stmt>, "expected a level name after `includes`")
WRIT_GRAMMAR_ERROR(semi_after<includes_stmt>, "expected `,` or `;` after level name")
WRIT_GRAMMAR_ERROR(kw_readonly, "expected `readonly` after `=` in level declaration")
WRIT_GRAMMAR_ERROR(readonly_open, "expected `(` after `readonly`")
WRIT_GRAMMAR_ERROR(name_for<level_derived>, "expected a level name in `readonly(...)`")
WRIT_GRAMMAR_ERROR(readonly_close, "expected `)` after level name in `readonly(...)`")
WRIT_GRAMMAR_ERROR(semi_after<level_derived>, "expected `;` after `readonly(...)`")
WRIT_GRAMMAR_ERROR(semi_after<requires_stmt>, "expected `,` or `;` after requirement")

// ---- §6 roles
WRIT_GRAMMAR_ERROR(role_head, "expected a role name after `role`")
WRIT_GRAMMAR_ERROR(open_brace<role_decl>, "expected `{` to open role body")
WRIT_GRAMMAR_ERROR(close_brace<role_decl>,
                   "expected `description`, `holders`, `named_accounts`, `extends`, `assigned_by`, `permit`, `deny`, "
                   "`level`, `at`, `suppress` or `}` in role body")
WRIT_GRAMMAR_ERROR(kinds_for<holders_stmt>, "expected a principal kind after `holders`")
WRIT_GRAMMAR_ERROR(semi_after<holders_stmt>, "expected `,` or `;` after principal kind")
WRIT_GRAMMAR_ERROR(semi_after<named_accounts_stmt>, "expected `;` after `named_accounts`")
WRIT_GRAMMAR_ERROR(names_for<extends_stmt>, "expected a role name after `extends`")
WRIT_GRAMMAR_ERROR(semi_after<extends_stmt>, "expected `,` or `;` after role name")
WRIT_GRAMMAR_ERROR(assigners, "expected `automatic` or role names after `assigned_by`")
WRIT_GRAMMAR_ERROR(semi_after<assigned_by_stmt>,
                   "expected `,`, `when`, `contained`, `intended` or `;` after `assigned_by` roles")
WRIT_GRAMMAR_ERROR(intended_reason, "expected a reason string after `intended`")
WRIT_GRAMMAR_ERROR(name_for<level_assign_stmt>, "expected a module name after `level`")
WRIT_GRAMMAR_ERROR(level_assign_equals, "expected `=` after module name (`level MODULE = LEVEL;`)")
WRIT_GRAMMAR_ERROR(name_for<level_assign_equals>, "expected a level name after `=`")
WRIT_GRAMMAR_ERROR(semi_after<level_assign_stmt>, "expected `;` after level name")
WRIT_GRAMMAR_ERROR(at_head, "expected `self` or `descendants` after `at`")
WRIT_GRAMMAR_ERROR(open_brace<at_block>, "expected `{` to open scope block")
WRIT_GRAMMAR_ERROR(close_brace<at_block>, "expected `permit`, `deny`, `level` or `}` in scope block")

// ---- §7 forbid rules and selectors
WRIT_GRAMMAR_ERROR(forbid_head, "expected a rule name after `forbid`")
WRIT_GRAMMAR_ERROR(open_brace<forbid_decl>, "expected `{` to open forbid body")
WRIT_GRAMMAR_ERROR(close_brace<forbid_decl>,
                   "expected `applies_to`, `deny`, `when`, `reason`, `suppress` or `}` in forbid body")
WRIT_GRAMMAR_ERROR(selector, "expected `kind KIND`, `role ROLE`, `template TEMPLATE`, `level LEVEL` or `anyone`")
WRIT_GRAMMAR_ERROR(next_selector, "expected `kind KIND`, `role ROLE`, `template TEMPLATE`, `level LEVEL` or `anyone` after `,`")
WRIT_GRAMMAR_ERROR(name_for<sel_role>, "expected a role name after `role`")
WRIT_GRAMMAR_ERROR(name_for<sel_template>, "expected a template name after `template`")
WRIT_GRAMMAR_ERROR(name_for<sel_level>, "expected a level name (or `MODULE.LEVEL`) after `level`")
WRIT_GRAMMAR_ERROR(name_for<sel_level_dot>, "expected a level name after `.`")
WRIT_GRAMMAR_ERROR(semi_after<applies_to_stmt>, "expected `,` or `;` after selector")
WRIT_GRAMMAR_ERROR(semi_after<when_stmt>, "expected `;` after condition")
WRIT_GRAMMAR_ERROR(str_for<reason_stmt>, "expected a string after `reason`")
WRIT_GRAMMAR_ERROR(semi_after<reason_stmt>, "expected `;` after reason")

// ---- §8 attributes
WRIT_GRAMMAR_ERROR(name_for<attribute_decl>, "expected an attribute name after `attribute`")
WRIT_GRAMMAR_ERROR(attr_colon, "expected `:` and a type after attribute name")
WRIT_GRAMMAR_ERROR(attr_type, "expected a type (`bool`, `int`, `string` or `{a, b}`) after `:`")
WRIT_GRAMMAR_ERROR(name_for<type_enum>, "expected an enumeration value after `{`")
WRIT_GRAMMAR_ERROR(next_name<type_enum>, "expected an enumeration value after `,`")
WRIT_GRAMMAR_ERROR(enum_close, "expected `,` or `}` in enumeration")
WRIT_GRAMMAR_ERROR(attr_default, "expected a literal default value after `=`")
WRIT_GRAMMAR_ERROR(semi_after<attribute_decl>, "expected `=`, a description string or `;` after attribute type")

// ---- §9 grant templates and implicit grants
WRIT_GRAMMAR_ERROR(template_head, "expected a template name after `template`")
WRIT_GRAMMAR_ERROR(open_brace<template_decl>, "expected `{` to open template body")
WRIT_GRAMMAR_ERROR(close_brace<template_decl>,
                   "expected a template member (`grantee`, `granted_by`, `field`, `duration`, `grants`, `scope`, ...) "
                   "or `}` in template body")
WRIT_GRAMMAR_ERROR(kinds_for<grantee_stmt>, "expected a principal kind after `grantee`")
WRIT_GRAMMAR_ERROR(semi_after<grantee_stmt>, "expected `,` or `;` after principal kind")
WRIT_GRAMMAR_ERROR(name_for<grantee_id_stmt>, "expected the grantee id's name after `grantee_id`")
WRIT_GRAMMAR_ERROR(semi_after<grantee_id_stmt>, "expected a title string or `;` after grantee id name")
WRIT_GRAMMAR_ERROR(grantors, "expected `anyone` or role names after `granted_by`")
WRIT_GRAMMAR_ERROR(semi_after<granted_by_stmt>,
                   "expected `,`, `when`, `contained`, `intended` or `;` after `granted_by` roles")
WRIT_GRAMMAR_ERROR(names_for<grantee_requires_stmt>, "expected a role name after `grantee_requires`")
WRIT_GRAMMAR_ERROR(semi_after<grantee_requires_stmt>, "expected `,` or `;` after role name")
WRIT_GRAMMAR_ERROR(name_for<field_stmt>, "expected a field name after `field`")
WRIT_GRAMMAR_ERROR(semi_after<field_stmt>, "expected `required`, `optional`, a title string or `;` after field name")
WRIT_GRAMMAR_ERROR(presence, "expected `required` or `optional`")
WRIT_GRAMMAR_ERROR(semi_after<valid_from_stmt>, "expected `;` after `valid_from` presence")
WRIT_GRAMMAR_ERROR(semi_after<valid_to_stmt>, "expected `;` after `valid_to` presence")
WRIT_GRAMMAR_ERROR(duration_spec, "expected `default DURATION` or `max DURATION` after `duration`")
WRIT_GRAMMAR_ERROR(default_duration, "expected a duration (e.g. `5d`) after `default`")
WRIT_GRAMMAR_ERROR(max_duration, "expected a duration (e.g. `180d`) after `max`")
WRIT_GRAMMAR_ERROR(semi_after<duration_stmt>, "expected `max` or `;` after duration")
WRIT_GRAMMAR_ERROR(names_for<grants_stmt>, "expected a role name after `grants`")
WRIT_GRAMMAR_ERROR(semi_after<grants_stmt>, "expected `,` or `;` after role name")
WRIT_GRAMMAR_ERROR(scope_spec, "expected `self`, `descendants` or `when CONDITION` after `scope`")
WRIT_GRAMMAR_ERROR(semi_after<scope_stmt>, "expected `when` or `;` after scope")
WRIT_GRAMMAR_ERROR(kw_grantor, "expected `grantor` after `ceiling`")
WRIT_GRAMMAR_ERROR(semi_after<ceiling_stmt>, "expected `;` after `ceiling grantor`")
WRIT_GRAMMAR_ERROR(semi_after<precondition_stmt>, "expected `;` after precondition")
WRIT_GRAMMAR_ERROR(semi_after<revocable_stmt>, "expected `;` after `revocable`")
WRIT_GRAMMAR_ERROR(semi_after<audited_stmt>, "expected `;` after `audited`")
WRIT_GRAMMAR_ERROR(implicit_head, "expected a name after `implicit`")
WRIT_GRAMMAR_ERROR(open_brace<implicit_decl>, "expected `{` to open implicit grant body")
WRIT_GRAMMAR_ERROR(close_brace<implicit_decl>,
                   "expected `description`, `grantee`, `grantee_roles`, `when`, `grants`, `suppress` or `}` in implicit "
                   "grant body")
WRIT_GRAMMAR_ERROR(names_for<grantee_roles_stmt>, "expected a role name after `grantee_roles`")
WRIT_GRAMMAR_ERROR(semi_after<grantee_roles_stmt>, "expected `,` or `;` after role name")

// ---- §10 assertions
WRIT_GRAMMAR_ERROR(assert_head, "expected an assertion name after `assert`")
WRIT_GRAMMAR_ERROR(open_brace<assert_decl>, "expected `{` to open assertion body")
WRIT_GRAMMAR_ERROR(assert_body, "expected `never`, `always`, `read_only` or `min_holders` in assertion")
WRIT_GRAMMAR_ERROR(close_brace<assert_decl>, "expected `}` after the assertion's property (an assertion holds exactly one)")
WRIT_GRAMMAR_ERROR(kw_may, "expected `may` after selector")
WRIT_GRAMMAR_ERROR(assert_pattern, "expected a permission pattern after `may`")
WRIT_GRAMMAR_ERROR(semi_after<never_stmt>, "expected `;` after permission pattern")
WRIT_GRAMMAR_ERROR(semi_after<always_stmt>, "expected `;` after permission pattern")
WRIT_GRAMMAR_ERROR(semi_after<read_only_stmt>, "expected `;` after selector")
WRIT_GRAMMAR_ERROR(name_for<min_holders_stmt>, "expected a role name after `min_holders`")
WRIT_GRAMMAR_ERROR(holder_count, "expected a count (an integer) after role name")
WRIT_GRAMMAR_ERROR(semi_after<min_holders_stmt>, "expected `;` after count")

// ---- §11 organizations, tests, matrices
WRIT_GRAMMAR_ERROR(name_for<organization_decl>, "expected an organization name after `organization`")
WRIT_GRAMMAR_ERROR(name_for<organization_parent>, "expected the parent organization's name after `in`")
WRIT_GRAMMAR_ERROR(semi_after<organization_decl>, "expected `in` or `;` after organization name")
WRIT_GRAMMAR_ERROR(role_binding, "expected a role name")
WRIT_GRAMMAR_ERROR(name_for<binding_org>, "expected an organization name after `at`")
WRIT_GRAMMAR_ERROR(str_for<gi_grantee_id>, "expected a string after `grantee_id`")
WRIT_GRAMMAR_ERROR(semi_after<gi_grantee_id>, "expected `;` after grantee id")
WRIT_GRAMMAR_ERROR(semi_after<gi_grantor_kind>, "expected `;` after principal kind")
WRIT_GRAMMAR_ERROR(semi_after<gi_grantor_shared>, "expected `;` after `grantor_shared`")
WRIT_GRAMMAR_ERROR(semi_after<gi_grantor_named>, "expected `;` after `grantor_named`")
WRIT_GRAMMAR_ERROR(semi_after<gi_grantor_role>, "expected `at` or `;` after role name")
WRIT_GRAMMAR_ERROR(names_for<gi_roles>, "expected a role name after `roles`")
WRIT_GRAMMAR_ERROR(semi_after<gi_roles>, "expected `,` or `;` after role name")
WRIT_GRAMMAR_ERROR(custom_pattern, "expected a permission pattern after `custom`")
WRIT_GRAMMAR_ERROR(semi_after<gi_custom>, "expected `;` after permission pattern")
WRIT_GRAMMAR_ERROR(from_ts, "expected a timestamp (e.g. `2025-03-01T00:00:00Z`) after `from`")
WRIT_GRAMMAR_ERROR(to_ts, "expected a timestamp (e.g. `2025-03-06T00:00:00Z`) after `to`")
WRIT_GRAMMAR_ERROR(semi_after<gi_from>, "expected `;` after timestamp")
WRIT_GRAMMAR_ERROR(semi_after<gi_to>, "expected `;` after timestamp")
WRIT_GRAMMAR_ERROR(name_for<gi_org>, "expected an organization name after `org`")
WRIT_GRAMMAR_ERROR(semi_after<gi_org>, "expected `;` after organization name")
WRIT_GRAMMAR_ERROR(name_for<gi_field>, "expected a field name after `field`")
WRIT_GRAMMAR_ERROR(str_for<gi_field>, "expected a string value after field name")
WRIT_GRAMMAR_ERROR(semi_after<gi_field>, "expected `;` after field value")
WRIT_GRAMMAR_ERROR(semi_after<gi_revoked>, "expected `;` after `revoked`")
WRIT_GRAMMAR_ERROR(grant_head, "expected a template name after `grant`")
WRIT_GRAMMAR_ERROR(open_brace<grant_block>, "expected `{` to open grant body")
WRIT_GRAMMAR_ERROR(close_brace<grant_block>, "expected a grant item (`grantee_id`, `grantor_kind`, `roles`, `from`, `to`, ...) or `}`")
WRIT_GRAMMAR_ERROR(semi_after<kind_stmt>, "expected `;` after principal kind")
WRIT_GRAMMAR_ERROR(semi_after<named_stmt>, "expected `;` after `named`")
WRIT_GRAMMAR_ERROR(semi_after<shared_stmt>, "expected `;` after `shared`")
WRIT_GRAMMAR_ERROR(str_for<id_stmt>, "expected a string after `id`")
WRIT_GRAMMAR_ERROR(semi_after<id_stmt>, "expected `;` after id")
WRIT_GRAMMAR_ERROR(name_for<org_stmt>, "expected an organization name after `org`")
WRIT_GRAMMAR_ERROR(semi_after<org_stmt>, "expected `;` after organization name")
WRIT_GRAMMAR_ERROR(semi_after<role_stmt>, "expected `at` or `;` after role name")
WRIT_GRAMMAR_ERROR(name_for<target_stmt>, "expected an organization name after `target`")
WRIT_GRAMMAR_ERROR(semi_after<target_stmt>, "expected `;` after organization name")
WRIT_GRAMMAR_ERROR(timestamp_arg, "expected a timestamp (e.g. `2025-03-01T09:00:00Z`) after `at`")
WRIT_GRAMMAR_ERROR(semi_after<at_stmt>, "expected `;` after timestamp")
WRIT_GRAMMAR_ERROR(context_item, "expected `NAME = VALUE` after `context`")
WRIT_GRAMMAR_ERROR(next_context_item, "expected `NAME = VALUE` after `,`")
WRIT_GRAMMAR_ERROR(context_equals, "expected `=` after context attribute name")
WRIT_GRAMMAR_ERROR(context_value, "expected a literal value after `=`")
WRIT_GRAMMAR_ERROR(semi_after<context_stmt>, "expected `,` or `;` after context value")
WRIT_GRAMMAR_ERROR(trigger_binding, "expected an implicit grant's name after `trigger`")
WRIT_GRAMMAR_ERROR(name_for<trigger_org>, "expected an organization name after `at`")
WRIT_GRAMMAR_ERROR(semi_after<trigger_stmt>, "expected `at` or `;` after the implicit grant's name")
WRIT_GRAMMAR_ERROR(str_for<owner_stmt>, "expected the owner's id string after `owner`")
WRIT_GRAMMAR_ERROR(semi_after<owner_stmt>, "expected `;` after the owner's id")
WRIT_GRAMMAR_ERROR(request_pattern, "expected a permission after `request`")
WRIT_GRAMMAR_ERROR(semi_after<request_stmt>, "expected `;` after permission")
WRIT_GRAMMAR_ERROR(validate_head, "expected a template name after `validate`")
WRIT_GRAMMAR_ERROR(open_brace<validate_block>, "expected `{` to open grant body")
WRIT_GRAMMAR_ERROR(close_brace<validate_block>, "expected a grant item (`grantee_id`, `grantor_kind`, `roles`, `from`, `to`, ...) or `}`")
WRIT_GRAMMAR_ERROR(assign_binding, "expected a role name after `assign`")
WRIT_GRAMMAR_ERROR(semi_after<assign_stmt>, "expected `at` or `;` after role name")
WRIT_GRAMMAR_ERROR(expect_kind, "expected `allow`, `deny`, `valid` or `invalid` after `expect`")
WRIT_GRAMMAR_ERROR(semi_after<expect_stmt>, "expected violation codes or `;` after expectation")
WRIT_GRAMMAR_ERROR(test_head, "expected a test name after `test`")
WRIT_GRAMMAR_ERROR(open_brace<test_decl>, "expected `{` to open test body")
WRIT_GRAMMAR_ERROR(close_brace<test_decl>,
                   "expected a test item (`kind`, `role`, `trigger`, `owner`, `target`, `context`, `grant`, `request`, "
                   "`validate`, `assign`, `expect`, ...) or `}`")
WRIT_GRAMMAR_ERROR(names_for<matrix_roles_stmt>, "expected a role name after `roles`")
WRIT_GRAMMAR_ERROR(semi_after<matrix_roles_stmt>, "expected `,` or `;` after role name")
WRIT_GRAMMAR_ERROR(row_pattern, "expected a permission after `row`")
WRIT_GRAMMAR_ERROR(row_equals, "expected `=` after the row's permission")
WRIT_GRAMMAR_ERROR(matrix_cell, "expected `allow` or `deny`")
WRIT_GRAMMAR_ERROR(next_cell, "expected `allow` or `deny` after `,`")
WRIT_GRAMMAR_ERROR(semi_after<row_stmt>, "expected `,` or `;` after cell")
WRIT_GRAMMAR_ERROR(matrix_head, "expected a matrix name after `matrix`")
WRIT_GRAMMAR_ERROR(open_brace<matrix_decl>, "expected `{` to open matrix body")
WRIT_GRAMMAR_ERROR(close_brace<matrix_decl>, "expected a setup item, `roles`, `row` or `}` in matrix body")

// ---- §2 files
WRIT_GRAMMAR_ERROR(file_end,
                   "expected a declaration (`policy`, `import`, `attribute`, `organization`, `module`, `role`, `forbid`, "
                   "`template`, `implicit`, `assert`, `test` or `matrix`)")

#undef WRIT_GRAMMAR_ERROR

/// Raises the message of the failed rule as a pegtl::parse_error. The parser derives its own control
/// from this one to add the nesting limit and the step budget.
template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
    static_assert(error_message<Rule> != nullptr, "every must<> point of the grammar needs an error_message");
    throw pegtl::parse_error(error_message<Rule>, in);
  }
};

}  // namespace writ::grammar
