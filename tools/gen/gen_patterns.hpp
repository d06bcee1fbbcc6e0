// Picking resources and patterns by zone (see gen_modules.cpp): general resources for allow
// rules, sensitive ones for denies and forbid rules.
#pragma once

#include "tools/gen/model.hpp"
#include "tools/gen/rng.hpp"

namespace writ::gen {

/// A regular (not `archive`) module.
int random_module(const Model& m, Rng& rng);
/// A resource outside the module's sensitive section.
int random_general_resource(const Model& m, int module, Rng& rng);
/// A resource of the module's sensitive section.
int random_sensitive_resource(const Model& m, int module, Rng& rng);
/// One of the shapes of docs/language.md §4 on `resource`: one action, a list, `:*`, `/**:*`,
/// `/**:@read` (`/**:@write` when `writes`); only reads when `reads_only`. Never empty.
Pattern random_pattern(const Model& m, int resource, Rng& rng, bool reads_only = false);
/// A deny-shaped pattern: writes (or everything) of a sensitive resource or its subtree.
Pattern random_deny_pattern(const Model& m, int module, Rng& rng);

}  // namespace writ::gen
