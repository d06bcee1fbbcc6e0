// read_file: the positioned tree (event_builder.cpp) -> the top-level groups of docs/yaml.md, read
// in document order so declarations keep their order within each kind; comments come from a scan
// of the text (comment_scan.hpp), since yaml-cpp's events carry none.
#include "compiler/yaml/yaml_reader.hpp"

#include <fmt/format.h>

#include "compiler/yaml/schema.hpp"
#include "compiler/yaml/yaml_tree.hpp"

namespace writ::yaml {

std::optional<ast::File> read_file(const SourceMap& sources, FileId file, Diagnostics& diags) {
  auto root = build_tree(sources, file, diags);
  if (!root) return std::nullopt;
  CommentMap comments(sources.text(file));
  Schema schema(file, diags, comments);
  auto top = schema.map(*root, "the top level of a policy file",
                        {"policy", "imports", "attributes", "organizations", "modules", "roles", "forbids", "templates",
                         "implicit_grants", "assertions", "tests", "matrices"});
  if (!top) return std::nullopt;
  ast::File out;
  out.id = file;
  out.path = sources.path(file);
  for (std::size_t i = 0; i < root->map_size(); ++i) {
    const std::string& key = root->key(i).text;
    const Node& v = root->value(i);
    if (key == "policy") schema.policy(root->key(i), v, out);
    else if (key == "imports") schema.imports(v, out);
    else if (key == "attributes") schema.attributes(v, out);
    else if (key == "organizations") schema.organizations(v, out);
    else if (key == "modules") schema.modules(v, out);
    else if (key == "roles") schema.roles(v, out);
    else if (key == "forbids") schema.forbids(v, out);
    else if (key == "templates") schema.templates(v, out);
    else if (key == "implicit_grants") schema.implicit_grants(v, out);
    else if (key == "assertions") schema.assertions(v, out);
    else if (key == "tests") schema.tests(v, out);
    else if (key == "matrices") schema.matrices(v, out);
  }
  if (!schema.ok()) return std::nullopt;
  comments.place_leftovers(out, schema.decl_lines());  // what no node took is kept all the same
  return out;
}

}  // namespace writ::yaml
