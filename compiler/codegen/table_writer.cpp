// See table_writer.hpp. Each section is built as a vector of u32 words (or bytes) in id order of
// the IR, then laid out behind the header and the directory, 8-byte aligned, zero padded.
#include "compiler/codegen/table_writer.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "runtime/include/writ/format.hpp"

namespace writ::codegen {
namespace {

namespace f = writ::format;

class Writer {
 public:
  explicit Writer(const facts::Facts& facts, const std::function<std::string(FileId)>& file_name)
      : facts_(facts), p_(facts.policy()), file_name_(file_name) {}

  std::vector<std::uint8_t> run();

 private:
  using Words = std::vector<std::uint32_t>;

  std::pair<std::uint32_t, std::uint32_t> str(const std::string& s) {
    auto it = strings_.find(s);
    if (it != strings_.end()) return {it->second, static_cast<std::uint32_t>(s.size())};
    auto off = static_cast<std::uint32_t>(string_bytes_.size());
    string_bytes_.insert(string_bytes_.end(), s.begin(), s.end());
    strings_.emplace(s, off);
    return {off, static_cast<std::uint32_t>(s.size())};
  }
  void push_str(Words& w, const std::string& s) {
    auto [o, l] = str(s);
    w.push_back(o);
    w.push_back(l);
  }
  /// A list in the u32 pool: pushes (offset, count).
  template <class It, class F>
  void push_list(Words& w, It b, It e, F&& val) {
    w.push_back(static_cast<std::uint32_t>(u32_.size()));
    std::uint32_t n = 0;
    for (; b != e; ++b, ++n) u32_.push_back(val(*b));
    w.push_back(n);
  }
  template <class C>
  void push_ids(Words& w, const C& c) {
    push_list(w, c.begin(), c.end(), [](const auto& id) { return id.value; });
  }
  void push_runs(Words& w, const ir::PermissionSet& s) {
    w.push_back(static_cast<std::uint32_t>(runs_.size() / 2));
    for (const auto& r : s.runs()) {
      runs_.push_back(r.first);
      runs_.push_back(r.last);
    }
    w.push_back(static_cast<std::uint32_t>(s.runs().size()));
  }
  static std::uint32_t kind_mask(const std::vector<ir::PrincipalKind>& kinds) {
    std::uint32_t m = 0;
    for (auto k : kinds) m |= 1u << static_cast<unsigned>(k);
    return m;
  }
  void push_i64(Words& w, std::int64_t v) {
    auto u = static_cast<std::uint64_t>(v);
    w.push_back(static_cast<std::uint32_t>(u));
    w.push_back(static_cast<std::uint32_t>(u >> 32));
  }
  std::int64_t encode_value(const ir::Input& in, const ir::Value& v);
  void emit_condition(ir::CondId c, Words& code, std::uint32_t depth, std::uint32_t& max_depth);
  void build();

  const facts::Facts& facts_;
  const ir::Policy& p_;
  const std::function<std::string(FileId)>& file_name_;
  std::map<std::string, std::uint32_t> strings_;
  std::vector<std::uint8_t> string_bytes_;
  std::map<std::string, std::uint32_t> span_strings_;
  std::vector<std::uint8_t> span_bytes_;
  Words u32_, runs_;
  std::vector<std::int64_t> i64_;
  std::array<Words, f::kLastSection + 1> sec_{};
  /// Per attribute: its dictionary of strings (enum values, or the literals conditions name).
  std::vector<std::vector<std::string>> dict_;
};

std::int64_t Writer::encode_value(const ir::Input& in, const ir::Value& v) {
  if (const bool* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&v)) return *i;
  const std::string& s = std::get<std::string>(v);
  switch (in.kind) {
    case ir::InputKind::principal_kind: return static_cast<std::int64_t>(ir::parse_name<ir::PrincipalKind>(s).value_or(ir::PrincipalKind::internal));
    case ir::InputKind::target_relation: return s == "self" ? 0 : 1;
    case ir::InputKind::attribute: {
      const auto& d = dict_[in.attribute.value];
      auto it = std::find(d.begin(), d.end(), s);
      return it == d.end() ? f::kOtherValue : static_cast<std::int64_t>(it - d.begin());
    }
    default: return 0;
  }
}

// Postfix, children first: the runtime evaluates with a fixed stack, no recursion.
void Writer::emit_condition(ir::CondId c, Words& code, std::uint32_t depth, std::uint32_t& max_depth) {
  const ir::CondNode& n = p_.conditions.node(c);
  max_depth = std::max(max_depth, depth + 1);
  switch (n.op) {
    case ir::CondNode::Op::true_: code.push_back(f::kOpTrue); return;
    case ir::CondNode::Op::false_: code.push_back(f::kOpFalse); return;
    case ir::CondNode::Op::atom: code.push_back(f::kOpAtom | (n.atom.value << 8)); return;
    case ir::CondNode::Op::and_:
    case ir::CondNode::Op::or_: {
      std::uint32_t d = depth;
      for (auto k : n.kids) emit_condition(k, code, d++, max_depth);
      code.push_back((n.op == ir::CondNode::Op::and_ ? f::kOpAnd : f::kOpOr) | (static_cast<std::uint32_t>(n.kids.size()) << 8));
      return;
    }
  }
}

void Writer::build() {
  // Attribute dictionaries first: atoms encode string values as indices into them.
  dict_.resize(p_.attributes.size());
  for (std::size_t a = 0; a < p_.attributes.size(); ++a) {
    const ir::Attribute& at = p_.attributes[a];
    if (at.type == ir::AttributeType::enumeration) dict_[a] = at.enum_values;
  }
  for (std::size_t i = 0; i < p_.conditions.atom_count(); ++i) {
    const ir::Atom& atom = p_.conditions.atom_of(ir::AtomId{static_cast<std::uint32_t>(i)});
    if (atom.input.kind != ir::InputKind::attribute || p_.attributes[atom.input.attribute.value].type != ir::AttributeType::string) continue;
    auto& d = dict_[atom.input.attribute.value];
    for (const auto& v : atom.values)
      if (const auto* s = std::get_if<std::string>(&v); s && std::find(d.begin(), d.end(), *s) == d.end()) d.push_back(*s);
  }
  for (std::size_t a = 0; a < p_.attributes.size(); ++a) {
    const ir::Attribute& at = p_.attributes[a];
    if (at.type != ir::AttributeType::string || !at.default_value) continue;
    auto& d = dict_[a];
    if (const auto* s = std::get_if<std::string>(&*at.default_value); s && std::find(d.begin(), d.end(), *s) == d.end()) d.push_back(*s);
  }

  Words& pol = sec_[f::kPolicy];
  push_str(pol, p_.name);
  pol.push_back(static_cast<std::uint32_t>(p_.combining));
  for (std::size_t n : {p_.permissions.size(), p_.modules.size(), p_.actions.size(), p_.resources.size(), p_.roles.size(), p_.levels.size(),
                        p_.rules.size(), p_.templates.size(), p_.forbids.size(), p_.implicit_grants.size(), p_.attributes.size()})
    pol.push_back(static_cast<std::uint32_t>(n));
  push_ids(pol, facts_.automatic_roles());

  for (const auto& m : p_.modules) push_str(sec_[f::kModules], m.name);
  for (const auto& a : p_.actions) {
    Words& w = sec_[f::kActions];
    w.push_back(a.module.value);
    push_str(w, a.name);
    w.push_back(static_cast<std::uint32_t>(a.action_class));
  }
  for (std::uint32_t r = 0; r < p_.resources.size(); ++r) {
    const ir::Resource& res = p_.resources[r];
    Words& w = sec_[f::kResources];
    w.push_back(res.module.value);
    push_str(w, res.path);
    w.push_back(static_cast<std::uint32_t>(u32_.size()));
    for (auto a : res.actions) {
      u32_.push_back(a.value);
      u32_.push_back(p_.permission_of(ir::ResourceId{r}, a).value_or(ir::PermissionId{f::kNone}).value);
    }
    w.push_back(static_cast<std::uint32_t>(res.actions.size()));
    w.push_back(res.first_permission.value);
  }
  // Roles: the closure as a list, then per scope its own contributions and level assignments.
  Words& contribs = sec_[f::kContribs];
  for (std::uint32_t r = 0; r < p_.roles.size(); ++r) {
    const ir::Role& role = p_.roles[r];
    Words& w = sec_[f::kRoles];
    push_str(w, role.name);
    w.push_back(kind_mask(role.holders));
    w.push_back(role.named_accounts ? 1 : 0);
    w.push_back(role.automatic ? 1 : 0);
    w.push_back(static_cast<std::uint32_t>(u32_.size()));
    std::uint32_t n = 0;
    facts_.for_each_in_closure(ir::RoleId{r}, [&](std::uint32_t q) {
      u32_.push_back(q);
      ++n;
    });
    w.push_back(n);
    for (auto scope : ir::all_of<ir::OrgScope>()) {
      const facts::ScopeFacts& sf = facts_.own(ir::RoleId{r}, scope);
      w.push_back(static_cast<std::uint32_t>(contribs.size() / 8));
      for (const auto& c : sf.contributions) {
        contribs.push_back(static_cast<std::uint32_t>(c.kind));
        contribs.push_back(c.rule.value);
        push_runs(contribs, *c.permissions);
        push_ids(contribs, c.requirements);
        contribs.push_back(c.level ? c.level->value : f::kNone);
        contribs.push_back(c.when.value);
      }
      w.push_back(static_cast<std::uint32_t>(sf.contributions.size()));
      push_list(w, sf.levels.begin(), sf.levels.end(), [](const ir::LevelAssignment& la) { return la.level.value; });
    }
  }
  for (std::uint32_t l = 0; l < p_.levels.size(); ++l) {
    const ir::Level& lv = p_.levels[l];
    Words& w = sec_[f::kLevels];
    w.push_back(lv.module.value);
    push_str(w, lv.name);
    w.push_back(static_cast<std::uint32_t>(u32_.size()));
    std::uint32_t n = 0;
    for (std::uint32_t o = 0; o < p_.levels.size(); ++o)
      if (facts_.at_least(ir::LevelId{l}, ir::LevelId{o})) {
        u32_.push_back(o);
        ++n;
      }
    w.push_back(n);
    push_ids(w, facts_.level_requirements(ir::LevelId{l}));
  }
  for (const auto& rq : p_.requirements) {
    sec_[f::kRequirements].push_back(rq.module.value);
    sec_[f::kRequirements].push_back(rq.level.value);
  }
  for (const auto& rule : p_.rules) {
    Words& w = sec_[f::kRules];
    w.push_back(static_cast<std::uint32_t>(rule.kind));
    push_runs(w, rule.permissions);
    w.push_back(rule.when.id.value);
    switch (rule.kind) {
      case ir::RuleKind::role_permit:
      case ir::RuleKind::role_deny: w.push_back(rule.role.value); break;
      case ir::RuleKind::level_permit: w.push_back(rule.level.value); break;
      case ir::RuleKind::forbid_deny: w.push_back(rule.forbid.value); break;
      case ir::RuleKind::template_deny: w.push_back(rule.template_.value); break;
    }
  }
  for (const auto& t : p_.templates) {
    Words& w = sec_[f::kTemplates];
    push_str(w, t.name);
    w.push_back(kind_mask(t.grantee_kinds));
    push_ids(w, t.grantee_requires);
    w.push_back(static_cast<std::uint32_t>(t.valid_from));
    w.push_back(static_cast<std::uint32_t>(t.valid_to));
    w.push_back(t.default_duration ? 1 : 0);
    push_i64(w, t.default_duration.value_or(0));
    w.push_back(t.max_duration ? 1 : 0);
    push_i64(w, t.max_duration.value_or(0));
    push_ids(w, t.grantable_roles);
    w.push_back(t.custom ? 1 : 0);
    w.push_back(static_cast<std::uint32_t>(t.org_scope));
    w.push_back(t.scope_when.id.value);
    w.push_back(t.ceiling_grantor ? 1 : 0);
    push_list(w, t.preconditions.begin(), t.preconditions.end(), [](const ir::Condition& c) { return c.id.value; });
    push_ids(w, t.denies);
    w.push_back(t.revocable ? 1 : 0);
    w.push_back(t.audited ? 1 : 0);
    w.push_back(static_cast<std::uint32_t>(sec_[f::kFields].size() / 3));
    for (const auto& fl : t.fields) {
      push_str(sec_[f::kFields], fl.name);
      sec_[f::kFields].push_back(static_cast<std::uint32_t>(fl.presence));
    }
    w.push_back(static_cast<std::uint32_t>(t.fields.size()));
    push_ids(w, t.granted_by);
    w.push_back(t.grantee_id.empty() ? 0 : 1);
  }
  for (const auto& fb : p_.forbids) {
    Words& w = sec_[f::kForbids];
    w.push_back(static_cast<std::uint32_t>(sec_[f::kSelectors].size() / 2));
    for (const auto& s : fb.applies_to) {
      sec_[f::kSelectors].push_back(static_cast<std::uint32_t>(s.kind));
      std::uint32_t arg = 0;
      switch (s.kind) {
        case ir::Selector::Kind::anyone: break;
        case ir::Selector::Kind::principal_kind: arg = static_cast<std::uint32_t>(s.principal_kind); break;
        case ir::Selector::Kind::role: arg = s.role.value; break;
        case ir::Selector::Kind::template_: arg = s.template_.value; break;
        case ir::Selector::Kind::level: arg = s.level.value; break;
      }
      sec_[f::kSelectors].push_back(arg);
    }
    w.push_back(static_cast<std::uint32_t>(fb.applies_to.size()));
    push_ids(w, fb.denies);
    w.push_back(fb.when.id.value);
    push_runs(w, fb.covers);
    push_str(w, fb.name);
  }
  for (const auto& ig : p_.implicit_grants) {
    Words& w = sec_[f::kImplicits];
    push_str(w, ig.name);
    w.push_back(kind_mask(ig.grantee_kinds));
    push_ids(w, ig.grantee_roles);
    w.push_back(ig.when.id.value);
    push_ids(w, ig.grants_roles);
    w.push_back(0);
  }
  for (const auto& a : p_.authorizers) {
    Words& w = sec_[f::kAuthorizers];
    w.push_back(static_cast<std::uint32_t>(a.target));
    w.push_back(a.role.value);
    w.push_back(a.template_.value);
    w.push_back(a.automatic ? 1 : 0);
    w.push_back(a.anyone ? 1 : 0);
    push_ids(w, a.roles);
    w.push_back(a.when.id.value);
  }
  for (std::size_t a = 0; a < p_.attributes.size(); ++a) {
    const ir::Attribute& at = p_.attributes[a];
    Words& w = sec_[f::kAttributes];
    push_str(w, at.name);
    w.push_back(static_cast<std::uint32_t>(at.type));
    w.push_back(static_cast<std::uint32_t>(u32_.size()));
    for (const auto& s : dict_[a]) {
      auto [o, l] = str(s);
      u32_.push_back(o);
      u32_.push_back(l);
    }
    w.push_back(static_cast<std::uint32_t>(dict_[a].size()));
    // A default of the wrong type reads as missing (view.cpp): encode it as no default.
    bool has = false;
    std::int64_t v = 0;
    if (at.default_value) {
      const ir::Value& d = *at.default_value;
      switch (at.type) {
        case ir::AttributeType::boolean: has = std::holds_alternative<bool>(d); break;
        case ir::AttributeType::integer: has = std::holds_alternative<std::int64_t>(d); break;
        case ir::AttributeType::string: has = std::holds_alternative<std::string>(d); break;
        case ir::AttributeType::enumeration:
          has = std::holds_alternative<std::string>(d) &&
                std::find(at.enum_values.begin(), at.enum_values.end(), std::get<std::string>(d)) != at.enum_values.end();
          break;
      }
      if (has) v = encode_value(ir::Input{ir::InputKind::attribute, ir::AttributeId{static_cast<std::uint32_t>(a)}}, d);
    }
    w.push_back(has ? 1 : 0);
    push_i64(w, v);
  }
  for (std::size_t c = 0; c < p_.conditions.node_count(); ++c) {
    Words code;
    std::uint32_t depth = 0;
    emit_condition(ir::CondId{static_cast<std::uint32_t>(c)}, code, 0, depth);
    Words& w = sec_[f::kConds];
    w.push_back(static_cast<std::uint32_t>(sec_[f::kCode].size()));
    w.push_back(static_cast<std::uint32_t>(code.size()));
    w.push_back(depth);
    sec_[f::kCode].insert(sec_[f::kCode].end(), code.begin(), code.end());
  }
  for (std::size_t i = 0; i < p_.conditions.atom_count(); ++i) {
    const ir::Atom& atom = p_.conditions.atom_of(ir::AtomId{static_cast<std::uint32_t>(i)});
    Words& w = sec_[f::kAtoms];
    w.push_back(static_cast<std::uint32_t>(atom.input.kind));
    w.push_back(atom.input.kind == ir::InputKind::attribute ? atom.input.attribute.value : 0);
    w.push_back(atom.negated ? 1 : 0);
    w.push_back(static_cast<std::uint32_t>(i64_.size()));
    for (const auto& v : atom.values) i64_.push_back(encode_value(atom.input, v));
    w.push_back(static_cast<std::uint32_t>(atom.values.size()));
  }
  auto span = [&](const Span& s) {
    std::string file = s.file ? file_name_(s.file) : std::string();
    auto it = span_strings_.find(file);
    if (it == span_strings_.end()) {
      it = span_strings_.emplace(file, static_cast<std::uint32_t>(span_bytes_.size())).first;
      span_bytes_.insert(span_bytes_.end(), file.begin(), file.end());
    }
    Words& w = sec_[f::kSpans];
    w.push_back(it->second);
    w.push_back(static_cast<std::uint32_t>(file.size()));
    w.push_back(s.line);
    w.push_back(s.col);
  };
  for (const auto& r : p_.rules) span(r.span);
  for (const auto& a : p_.authorizers) span(a.span);
}

void put(std::vector<std::uint8_t>& out, std::size_t at, std::uint64_t v, int n) {
  for (int i = 0; i < n; ++i) out[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::vector<std::uint8_t> Writer::run() {
  build();
  // Section bodies as bytes.
  std::array<std::vector<std::uint8_t>, f::kLastSection + 1> body;
  std::array<std::uint32_t, f::kLastSection + 1> count{};
  auto words = [](const Words& w) {
    std::vector<std::uint8_t> b(w.size() * 4);
    for (std::size_t i = 0; i < w.size(); ++i)
      for (int k = 0; k < 4; ++k) b[i * 4 + k] = static_cast<std::uint8_t>(w[i] >> (8 * k));
    return b;
  };
  for (std::uint32_t s = f::kFirstSection; s <= f::kLastSection; ++s) {
    if (f::kRecordWords[s]) {
      body[s] = words(sec_[s]);
      count[s] = static_cast<std::uint32_t>(sec_[s].size() / f::kRecordWords[s]);
    }
  }
  body[f::kStrings] = string_bytes_;
  count[f::kStrings] = static_cast<std::uint32_t>(string_bytes_.size());
  body[f::kSpanStrings] = span_bytes_;
  count[f::kSpanStrings] = static_cast<std::uint32_t>(span_bytes_.size());
  body[f::kU32] = words(u32_);
  count[f::kU32] = static_cast<std::uint32_t>(u32_.size());
  body[f::kRuns] = words(runs_);
  count[f::kRuns] = static_cast<std::uint32_t>(runs_.size() / 2);
  {
    Words w;
    for (auto v : i64_) push_i64(w, v);
    body[f::kI64] = words(w);
    count[f::kI64] = static_cast<std::uint32_t>(i64_.size());
  }
  const std::uint32_t nsec = f::kLastSection - f::kFirstSection + 1;
  auto align = [](std::size_t n) { return (n + f::kAlign - 1) / f::kAlign * f::kAlign; };
  std::size_t at = align(f::kHeaderSize + nsec * f::kDirEntrySize);
  std::vector<std::uint8_t> out(at, 0);
  std::copy(std::begin(f::kMagic), std::end(f::kMagic), out.begin());
  put(out, f::kOffMajor, f::kMajor, 2);
  put(out, f::kOffMinor, f::kMinor, 2);
  put(out, f::kOffSectionCount, nsec, 4);
  put(out, f::kOffDirectory, f::kHeaderSize, 4);
  std::size_t dir = f::kHeaderSize;
  for (std::uint32_t s = f::kFirstSection; s <= f::kLastSection; ++s, dir += f::kDirEntrySize) {
    put(out, dir, s, 4);
    put(out, dir + 4, out.size(), 4);
    put(out, dir + 8, body[s].size(), 4);
    put(out, dir + 12, count[s], 4);
    out.insert(out.end(), body[s].begin(), body[s].end());
    out.resize(align(out.size()), 0);
  }
  put(out, f::kOffSize, out.size(), 8);
  // The content hash chains the meaning sections (every one but the spans) by id and bytes.
  std::uint64_t h = f::kHashSeed;
  for (std::uint32_t s = f::kFirstSection; s <= f::kLastSection; ++s) {
    if (s == f::kSpans || s == f::kSpanStrings) continue;
    h = f::check64(body[s].data(), body[s].size(), ~std::uint64_t{0}, h ^ s);
  }
  put(out, f::kOffContentHash, h, 8);
  put(out, f::kOffChecksum, f::check64(out.data(), out.size(), f::kOffChecksum), 8);
  return out;
}

}  // namespace

std::vector<std::uint8_t> write_table(const facts::Facts& facts, const std::function<std::string(FileId)>& file_name) {
  return Writer(facts, file_name).run();
}

}  // namespace writ::codegen
