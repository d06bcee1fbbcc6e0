// What a policy's tests run against, kept beside the policy rather than in it: the test cases
// (`test` and matrix cells) and the organization fixture tree. The policy's meaning never depends
// on them; the test runner, `writ eval` (as the default organization tree) and the mutation tester
// read them. Built by lowering (lower_tests.cpp).
// Covered by tests/unit/lower/lower_policy_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/request.hpp"
#include "compiler/source/source.hpp"

namespace writ::ir {

/// One test case. A matrix lowers to one TestCase per cell, named `MATRIX[row,ROLE]`.
struct TestCase {
  enum class Query : std::uint8_t { request, validate, assign };
  enum class Expect : std::uint8_t { allow, deny, valid, invalid };
  std::string name;
  std::string title;
  Query query = Query::request;
  Request request;                   ///< for every query: principal, target, instant, context
  GrantInstance validate;            ///< for `validate`
  std::string assign_role;           ///< for `assign`
  std::string assign_org;
  Expect expect = Expect::deny;
  std::vector<std::string> expect_violations;
  std::string from_matrix;           ///< non-empty for matrix cells
  Span span;
};

struct TestSuite {
  std::vector<TestCase> tests;
  OrgTree organizations;             ///< name -> parent ("" at a root)
};

}  // namespace writ::ir
