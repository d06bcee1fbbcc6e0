// See permission_set.hpp. Every operation is a merge of two sorted run lists.
#include "compiler/ir/permission_set.hpp"

#include <algorithm>

namespace writ::ir {

PermissionSet PermissionSet::range(std::uint32_t first, std::uint32_t last) {
  PermissionSet s;
  if (first < last) s.runs_.push_back(Run{first, last});
  return s;
}

PermissionSet PermissionSet::of(std::initializer_list<PermissionId> ids) {
  PermissionSet s;
  for (auto id : ids) s.insert(id);
  return s;
}

bool PermissionSet::contains(PermissionId p) const {
  // The last run starting at or before p.
  auto it = std::upper_bound(runs_.begin(), runs_.end(), p.value, [](std::uint32_t v, const Run& r) { return v < r.first; });
  if (it == runs_.begin()) return false;
  --it;
  return p.value < it->last;
}

void PermissionSet::insert(PermissionId p) { insert_range(p.value, p.value + 1); }

void PermissionSet::insert_range(std::uint32_t first, std::uint32_t last) {
  if (first >= last) return;
  // Fast path: appending in increasing order, as lowering does.
  if (runs_.empty() || runs_.back().last < first) {
    runs_.push_back(Run{first, last});
    return;
  }
  if (runs_.back().last == first) {
    runs_.back().last = std::max(runs_.back().last, last);
    return;
  }
  *this |= range(first, last);
}

PermissionSet& PermissionSet::operator|=(const PermissionSet& o) {
  if (o.runs_.empty()) return *this;
  if (runs_.empty()) {
    runs_ = o.runs_;
    return *this;
  }
  std::vector<Run> out;
  out.reserve(runs_.size() + o.runs_.size());
  auto a = runs_.cbegin();
  auto b = o.runs_.cbegin();
  auto push = [&](Run r) {
    if (!out.empty() && out.back().last >= r.first) out.back().last = std::max(out.back().last, r.last);
    else out.push_back(r);
  };
  while (a != runs_.cend() || b != o.runs_.cend()) {
    if (b == o.runs_.cend() || (a != runs_.cend() && a->first <= b->first)) push(*a++);
    else push(*b++);
  }
  runs_ = std::move(out);
  return *this;
}

PermissionSet& PermissionSet::operator&=(const PermissionSet& o) {
  std::vector<Run> out;
  auto a = runs_.cbegin();
  auto b = o.runs_.cbegin();
  while (a != runs_.cend() && b != o.runs_.cend()) {
    const std::uint32_t lo = std::max(a->first, b->first), hi = std::min(a->last, b->last);
    if (lo < hi) out.push_back(Run{lo, hi});
    if (a->last < b->last) ++a;
    else ++b;
  }
  runs_ = std::move(out);
  return *this;
}

PermissionSet& PermissionSet::operator-=(const PermissionSet& o) {
  if (o.runs_.empty() || runs_.empty()) return *this;
  std::vector<Run> out;
  auto b = o.runs_.begin();
  for (Run a : runs_) {
    while (b != o.runs_.cend() && b->last <= a.first) ++b;
    auto c = b;
    while (c != o.runs_.end() && c->first < a.last) {
      if (c->first > a.first) out.push_back(Run{a.first, c->first});
      a.first = std::max(a.first, c->last);
      if (a.first >= a.last) break;
      ++c;
    }
    if (a.first < a.last) out.push_back(a);
  }
  runs_ = std::move(out);
  return *this;
}

std::size_t PermissionSet::count() const {
  std::size_t n = 0;
  for (const Run& r : runs_) n += r.last - r.first;
  return n;
}

bool PermissionSet::subset_of(const PermissionSet& o) const {
  auto b = o.runs_.begin();
  for (const Run& a : runs_) {
    // The run of `o` that could cover a: the first ending after a.first.
    while (b != o.runs_.cend() && b->last <= a.first) ++b;
    if (b == o.runs_.cend() || b->first > a.first || b->last < a.last) return false;
  }
  return true;
}

bool PermissionSet::intersects(const PermissionSet& o) const {
  auto a = runs_.cbegin();
  auto b = o.runs_.cbegin();
  while (a != runs_.cend() && b != o.runs_.cend()) {
    if (std::max(a->first, b->first) < std::min(a->last, b->last)) return true;
    if (a->last < b->last) ++a;
    else ++b;
  }
  return false;
}

std::vector<PermissionId> PermissionSet::members() const {
  std::vector<PermissionId> out;
  out.reserve(count());
  for (const Run& r : runs_)
    for (std::uint32_t i = r.first; i < r.last; ++i) out.push_back(PermissionId{i});
  return out;
}

}  // namespace writ::ir
