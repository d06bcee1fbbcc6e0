// See fast_path.hpp. The index is derived from the same records the Engine reads, in the Engine's
// order (a role's closure, then each closure role's contributions at the scope), so the first
// allowing contribution of a segment is the one Engine::judge would report first.
#include "fast_path.hpp"

#include <algorithm>

#include "engine.hpp"

namespace writ::runtime {
namespace {

using Seg = Table::Impl::Segment;

Seg make(Seg::What what, std::uint32_t rule, std::uint32_t role) {
  if (what == Seg::permit || what == Seg::level)
    return Seg{0, rule, role, what, Effect::allow, what == Seg::level ? Code::level : Code::permit, ReasonClass::explicit_allow};
  return Seg{0, kNone, kNone, what, Effect::deny, Code::no_rule, ReasonClass::default_deny};
}

/// Load-time work allowed for the index, in permission runs gathered and (contribution, segment)
/// pairs painted. A unit costs tens of nanoseconds (sorting and searching the cuts), so the budget
/// grows only slowly with the table: every seed table is indexed whole; a large generated table
/// gets its first roles indexed and keeps its load time within a few percent of validation's.
std::uint64_t budget(const Table::Impl& t) { return 4096u + t.size / 1024; }

struct Builder {
  Table::Impl& t;
  std::vector<std::uint32_t> level_mark;  // level -> stamp of the (role, scope) that holds it
  std::uint32_t stamp = 0;
  std::vector<std::uint64_t> marks;    // bit p: a run starts or ends at p; all clear between calls
  std::vector<std::uint32_t> cell_at;  // permission -> the cell that starts there (valid at cuts)
  std::vector<std::uint32_t> cuts;     // where the cells start, increasing
  std::vector<Seg> cells;
  std::vector<std::uint32_t> own_runs;  // per role * 2 + scope: runs of its own contributions, or kNone
  std::uint64_t work = 0;

  /// What contribution c of role q gives by itself: skip (none), an allow, or complex.
  Seg classify(std::uint32_t c, std::uint32_t q) const {
    const auto kind = t.w(fmt::kContribs, c, rf::c_kind), cond = t.w(fmt::kContribs, c, rf::c_cond);
    if (cond == 1) return make(Seg::none, kNone, kNone);  // the constant `false`: neither allows nor denies
    // A condition reads the request; a deny combines across sources; a requirement or a level's
    // requirement depends on the levels every source holds.
    const Seg complex = make(Seg::complex, kNone, kNone);
    if (cond != 0 || kind == 2 || t.w(fmt::kContribs, c, rf::c_reqs + 1) != 0) return complex;
    if (kind == 1) {
      const auto lv = t.w(fmt::kContribs, c, rf::c_level);
      if (t.w(fmt::kLevels, lv, rf::l_reqs + 1) != 0 || level_mark[lv] != stamp) return complex;
    }
    return make(kind == 1 ? Seg::level : Seg::permit, t.w(fmt::kContribs, c, rf::c_rule), q);
  }

  /// How many runs role q's own contributions at scope s have (plus one per contribution).
  std::uint32_t own(std::uint32_t q, std::uint32_t s) {
    std::uint32_t& n = own_runs[2 * q + s];
    if (n != kNone) return n;
    n = 0;
    const auto off = t.w(fmt::kRoles, q, rf::role_scope + 4 * s), count = t.w(fmt::kRoles, q, rf::role_scope + 4 * s + 1);
    for (std::uint32_t c = off; c < off + count; ++c) n += t.w(fmt::kContribs, c, rf::c_runs + 1) + 1;
    return n;
  }

  /// Appends the segments of (role r, scope s); false when the budget ran out.
  bool index(std::uint32_t r, std::uint32_t s) {
    const auto coff = t.w(fmt::kRoles, r, rf::role_closure), cn = t.w(fmt::kRoles, r, rf::role_closure + 1);
    std::uint64_t runs = cn;
    for (std::uint32_t qi = 0; qi < cn; ++qi) runs += own(t.u32(coff + qi), s);
    const std::uint64_t words = t.n_permissions / 64 + 1;  // the scan of `marks`
    if (work + 2 * runs + words > budget(t)) return false;  // checked before the work, not after it
    ++stamp;
    std::uint32_t levels = 0;
    auto mark = [&](std::uint32_t p) { marks[p / 64] |= std::uint64_t{1} << (p % 64); };
    mark(0);
    for (std::uint32_t qi = 0; qi < cn; ++qi) {
      const auto q = t.u32(coff + qi);
      const auto loff = t.w(fmt::kRoles, q, rf::role_scope + 4 * s + 2), ln = t.w(fmt::kRoles, q, rf::role_scope + 4 * s + 3);
      for (std::uint32_t k = 0; k < ln; ++k) level_mark[t.u32(loff + k)] = stamp;
      levels += ln;
      const auto off = t.w(fmt::kRoles, q, rf::role_scope + 4 * s), n = t.w(fmt::kRoles, q, rf::role_scope + 4 * s + 1);
      for (std::uint32_t c = off; c < off + n; ++c) {
        const auto roff = t.w(fmt::kContribs, c, rf::c_runs), rn = t.w(fmt::kContribs, c, rf::c_runs + 1);
        for (std::uint32_t i = 0; i < rn; ++i) {
          std::uint32_t run[2];
          std::memcpy(run, t.sec[fmt::kRuns].p + (static_cast<std::size_t>(roff) + i) * 8, 8);
          mark(run[0]);
          mark(run[1]);
        }
      }
    }
    work += runs + words;
    // The marks in order, cleared as they are read (a sort, in linear time over the words).
    cuts.clear();
    for (std::uint64_t w = 0; w < words; ++w)
      for (std::uint32_t b = 0; marks[w] != 0; ++b) {
        if (!(marks[w] >> b & 1u)) continue;
        marks[w] &= ~(std::uint64_t{1} << b);
        const auto p = static_cast<std::uint32_t>(w * 64 + b);
        if (p == t.n_permissions) continue;  // it ends the last cell, it starts none
        cell_at[p] = static_cast<std::uint32_t>(cuts.size());
        cuts.push_back(p);
      }
    cells.assign(cuts.size(), make(Seg::none, kNone, kNone));
    for (std::uint32_t qi = 0; qi < cn; ++qi) {
      const auto q = t.u32(coff + qi);
      const auto off = t.w(fmt::kRoles, q, rf::role_scope + 4 * s), n = t.w(fmt::kRoles, q, rf::role_scope + 4 * s + 1);
      for (std::uint32_t c = off; c < off + n; ++c) {
        const Seg what = classify(c, q);
        if (what.what == Seg::none) continue;
        const auto roff = t.w(fmt::kContribs, c, rf::c_runs), rn = t.w(fmt::kContribs, c, rf::c_runs + 1);
        for (std::uint32_t i = 0; i < rn; ++i) {
          std::uint32_t run[2];
          std::memcpy(run, t.sec[fmt::kRuns].p + (static_cast<std::size_t>(roff) + i) * 8, 8);
          std::size_t e = cell_at[run[0]];
          for (; e < cuts.size() && cuts[e] < run[1]; ++e, ++work) {
            Seg& cell = cells[e];
            if (cell.what == Seg::complex || (cell.what != Seg::none && what.what != Seg::complex)) continue;
            cell = what;  // the first allow stays first; a complex contribution overrides it
          }
        }
      }
      if (work > budget(t)) return false;
    }
    for (std::size_t e = 0; e < cells.size(); ++e) {
      Seg seg = cells[e];
      seg.first = cuts[e];
      if (t.segments.size() > t.fast_begin.back()) {  // merge with an equal neighbour
        const Seg& last = t.segments.back();
        if (last.what == seg.what && last.rule == seg.rule && last.role == seg.role) continue;
      }
      t.segments.push_back(seg);
    }
    t.fast_levels.push_back(levels);
    return true;
  }
};

bool holder_ok(const Table::Impl& t, const Request& rq, std::uint32_t role) {
  const auto mask = t.w(fmt::kRoles, role, rf::role_holders);
  if (mask != 0 && !(mask >> static_cast<unsigned>(rq.kind) & 1u)) return false;
  return !(t.w(fmt::kRoles, role, rf::role_named) != 0 && !rq.named);
}

/// The segment of permission p for role r at scope s (r < fast_roles), without the direct table.
const Seg& search(const Table::Impl& t, std::uint32_t r, std::uint32_t s, std::uint32_t p) {
  const Seg* lo = t.segments.data() + t.fast_begin[2 * r + s];
  std::uint32_t n = t.fast_begin[2 * r + s + 1] - t.fast_begin[2 * r + s];
  while (n > 1) {  // the last segment whose first <= p; segment 0 starts at 0
    const std::uint32_t half = n / 2;
    lo = lo[half].first <= p ? lo + half : lo;
    n -= half;
  }
  return *lo;
}

const Seg kNoRule = make(Seg::none, kNone, kNone);

/// The sources of one request, as Engine::collect_bindings / collect_automatic see them.
struct Sources {
  const Table::Impl& t;
  const Request& rq;
  std::uint32_t p;
  const Seg* first = &kNoRule;  // the first source that allows decides
  std::uint32_t levels = 0;

  /// A role held at `at`; false when the Engine must answer.
  [[gnu::always_inline]] bool add(std::uint32_t role, std::uint32_t at) {
    if (!holder_ok(t, rq, role)) return true;
    const std::uint8_t rel = at == rq.target_org ? kSelf : relation_of(rq, at);
    if (rel == kUnrelated) return true;
    if (role >= t.fast_roles) return false;
    levels += t.fast_levels[2 * role + rel];
    const Seg& seg = t.dense.empty() ? search(t, role, rel, p) : t.segments[t.dense[(std::size_t{role} * 2 + rel) * t.n_permissions + p]];
    if (seg.what == Seg::complex) return false;
    first = first->what == Seg::none ? &seg : first;
    return true;
  }
};

}  // namespace

void build_fast_index(Table::Impl& t) {
  // The permission count is a number in the policy record, not a size: a table that claims more
  // permissions than a quarter of its bytes gets no index (an empty `forbidden` turns the fast
  // path off), so what the index allocates per permission stays within the table's size.
  if (t.n_permissions == 0 || t.n_permissions > t.size / 4) return;
  t.forbidden.assign((t.n_permissions + 63) / 64, 0);
  for (std::uint32_t f = 0; f < t.n_forbids; ++f) {
    const auto off = t.w(fmt::kForbids, f, rf::f_covers), n = t.w(fmt::kForbids, f, rf::f_covers + 1);
    for (std::uint32_t i = 0; i < n; ++i) {
      std::uint32_t run[2];
      std::memcpy(run, t.sec[fmt::kRuns].p + (static_cast<std::size_t>(off) + i) * 8, 8);
      for (std::uint32_t p = run[0]; p < run[1];) {  // a word at a time
        const std::uint32_t n = std::min(run[1] - p, 64 - p % 64);
        t.forbidden[p / 64] |= (n == 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << n) - 1)) << (p % 64);
        p += n;
      }
    }
  }
  Builder b{t, std::vector<std::uint32_t>(t.n_levels, 0), 0, std::vector<std::uint64_t>(t.n_permissions / 64 + 1, 0),
            std::vector<std::uint32_t>(t.n_permissions, 0), {}, {}, std::vector<std::uint32_t>(2 * std::size_t{t.n_roles}, kNone), 0};
  t.fast_begin.assign(1, 0);
  for (std::uint32_t r = 0; r < t.n_roles; ++r) {
    const auto mark = t.segments.size();
    bool ok = true;
    for (std::uint32_t s = 0; s < 2 && ok; ++s) {
      ok = b.index(r, s);
      if (ok) t.fast_begin.push_back(static_cast<std::uint32_t>(t.segments.size()));
    }
    if (!ok) {  // drop the half-built role; it and every later one take the Engine
      t.segments.resize(mark);
      t.fast_begin.resize(2 * r + 1);
      t.fast_levels.resize(2 * r);
      break;
    }
    t.fast_roles = r + 1;
  }
  t.segments.shrink_to_fit();
  // A direct table, when every role is indexed and it is no larger than the image: one load in
  // place of a binary search (which was half of a seed-001 decision).
  const std::uint64_t cells = std::uint64_t{t.n_roles} * 2 * t.n_permissions;
  if (t.fast_roles == t.n_roles && cells <= std::max<std::uint64_t>(4096, t.size / 4)) {
    t.dense.resize(cells);
    for (std::uint32_t i = 0; i < 2 * t.n_roles; ++i)
      for (std::uint32_t k = t.fast_begin[i]; k < t.fast_begin[i + 1]; ++k) {
        const std::uint32_t end = k + 1 < t.fast_begin[i + 1] ? t.segments[k + 1].first : t.n_permissions;
        for (std::uint32_t p = t.segments[k].first; p < end; ++p) t.dense[std::size_t{i} * t.n_permissions + p] = k;
      }
  }
}

bool fast_decide(const Table::Impl& t, const Request& rq, Decision& d) {
  const std::uint32_t p = rq.permission;
  if (t.forbidden.empty() || rq.grant_count != 0 || rq.trigger_count != 0 || (t.forbidden[p / 64] >> (p % 64) & 1u)) return false;
  const auto aoff = t.w(fmt::kPolicy, 0, 14), an = t.w(fmt::kPolicy, 0, 15);
  if (an > kMaxSources || rq.role_count > kMaxSources - an) return false;  // the Engine's source bound
  Sources acc{t, rq, p};
  for (std::uint32_t i = 0; i < rq.role_count; ++i) {
    const Binding& b = rq.roles[i];
    if (b.role < t.n_roles && !acc.add(b.role, b.org == kNone ? rq.target_org : b.org)) return false;
  }
  const std::uint32_t home = rq.home_org == kNone ? rq.target_org : rq.home_org;
  for (std::uint32_t i = 0; i < an; ++i)
    if (!acc.add(t.u32(aoff + i), home)) return false;
  const Seg* first = acc.first;
  const std::uint32_t levels = acc.levels;
  if (levels > kMaxHeldLevels) return false;  // the Engine might run out of scratch: let it say so
  d.content_hash = t.content_hash;
  d.effect = first->effect;
  d.code = first->code;
  d.reason_class = first->reason;
  d.rule = first->rule;
  d.role = first->role;
  return true;
}

}  // namespace writ::runtime
