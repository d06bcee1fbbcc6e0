// The IR, whole: the policy (policy.hpp), its conditions (condition.hpp), requests (request.hpp),
// test fixtures (fixtures.hpp), stable keys (keys.hpp) and its one printer (print.hpp).
#pragma once

#include "compiler/ir/condition.hpp"
#include "compiler/ir/fixtures.hpp"
#include "compiler/ir/ids.hpp"
#include "compiler/ir/keys.hpp"
#include "compiler/ir/permission_set.hpp"
#include "compiler/ir/policy.hpp"
#include "compiler/ir/print.hpp"
#include "compiler/ir/request.hpp"
#include "compiler/ir/value.hpp"
#include "compiler/ir/vocabulary.hpp"
