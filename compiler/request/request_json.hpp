// The request JSON format (docs/request-format.md) <-> ir::Request, a front end of its own: it
// reads text from outside, and resolves the custom grant patterns it names against the policy
// (resolve_patterns) so that the interpreter never parses. Malformed input is an error with the
// JSON path of the offending value, never a partially filled request.
// Covered by tests/unit/eval/runner_json_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/policy.hpp"
#include "compiler/ir/request.hpp"

namespace writ::eval {

/// One document: a request plus what to ask about it.
struct RequestDocument {
  enum class Query : std::uint8_t { none, decide, validate, assign };
  Query query = Query::none;   ///< none: only a principal (writ explain --principal)
  ir::Request request;
  ir::GrantInstance validate;
  std::string assign_role;
  std::string assign_org;
};

/// Parse a document; on error nullopt and `error` = "$.principal.roles[1]: expected ...".
std::optional<RequestDocument> request_from_json(std::string_view text, std::string& error);

/// Read and parse the request in file `path` (`-`: stdin), regular files only, at most
/// limits::kMaxRequestBytes, checked while reading; `error` names the file and the JSON path.
std::optional<RequestDocument> read_request_document(const std::string& path, std::string& error);

/// The canonical JSON of a request (timestamps as RFC 3339 strings), pretty-printed.
std::string request_to_json(const ir::Request& request);

/// Expand every custom grant pattern of the document against `policy` (a pattern that does not
/// parse or names nothing keeps no set, so it gives nothing and validation reports it).
void resolve_patterns(const ir::Policy& policy, RequestDocument& doc);
void resolve_patterns(const ir::Policy& policy, ir::Request& request);

}  // namespace writ::eval
