// The request JSON format (docs/request-format.md) <-> ir::Request, and the JSON form of
// decisions and violations printed by `writ eval --format json`. Malformed input is an error with
// the JSON path of the offending value, never a partially filled request.
// Covered by tests/unit/eval/request_json_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/interpreter.hpp"
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

/// The canonical JSON of a request (timestamps as RFC 3339 strings), pretty-printed.
std::string request_to_json(const ir::Request& request);

/// `{"decision":"allow","permission":..,"reasons":[{"effect":..,"code":..,"message":..,"file":..,"line":..,"column":..}]}`
/// `file` is the span's path, resolved by `path_of` (empty for spans without a file).
template <class PathOf>
std::string decision_to_json(const Decision& d, std::string_view query, PathOf&& path_of);
std::string decision_to_json_impl(const Decision& d, std::string_view query, const std::vector<std::string>& paths);
std::string violations_to_json(const std::vector<Violation>& v, const std::vector<std::string>& paths);

template <class PathOf>
std::string decision_to_json(const Decision& d, std::string_view query, PathOf&& path_of) {
  std::vector<std::string> paths;
  for (const auto& r : d.reasons) paths.push_back(r.span.file ? path_of(r.span.file) : std::string());
  return decision_to_json_impl(d, query, paths);
}

}  // namespace writ::eval
