// From the compiler's name-based request (ir::Request) to the runtime's id-based one: resolves
// roles, templates, implicit grants, attributes, the permission and organizations against a
// loaded table once, keeping every array the runtime request points into. `writ eval --table`
// and the differential test (tests/unit/table/) ask the runtime through it, so both see exactly
// what a service embedding the runtime would pass.
// Covered by tests/unit/table/differential_test.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/request.hpp"
#include "runtime/include/writ/runtime.hpp"

namespace writ::codegen {

class TableRequest {
 public:
  /// `tree`: the organization tree to use (the request's own, or the caller's fixture).
  TableRequest(const runtime::Table& table, const ir::Request& request, const ir::OrgTree& tree);
  TableRequest(const TableRequest&) = delete;
  TableRequest& operator=(const TableRequest&) = delete;

  [[nodiscard]] const runtime::Request& request() const { return request_; }
  /// The reason the permission did not resolve (request().permission == kNone).
  [[nodiscard]] runtime::Code unresolved() const { return why_; }
  /// An organization's id for this request (names outside the tree get ids past it).
  std::uint32_t org(const std::string& name);
  /// A grant converted like the request's (for validation questions).
  runtime::Grant grant(const ir::GrantInstance& g);
  /// What validation reads of `g` beyond the grant: its fields and its grantee id. The field
  /// names point into `g`, which must outlive the answer.
  runtime::GrantProposal proposal(const ir::GrantInstance& g);

 private:
  const runtime::Table& table_;
  runtime::OrgTree tree_;
  std::vector<std::string> extra_orgs_;
  std::vector<runtime::Binding> roles_;
  std::vector<runtime::Grant> grants_;
  std::vector<std::unique_ptr<std::vector<runtime::Binding>>> grantor_roles_;
  std::vector<std::unique_ptr<std::vector<std::uint32_t>>> grant_roles_, grant_custom_;
  std::vector<runtime::TriggerRef> triggers_;
  std::vector<std::unique_ptr<std::vector<runtime::GrantField>>> fields_;
  std::vector<runtime::AttrValue> context_;
  runtime::Request request_;
  runtime::Code why_ = runtime::Code::no_rule;
};

}  // namespace writ::codegen
