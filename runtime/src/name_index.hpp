// Name -> id lookup for the by-name forms (Table::find_*): open-addressing hash tables built once
// at load over the validated string table, so resolving a name is one hash and, almost always,
// one comparison. Covered by tests/unit/table/loader_test.cpp ("names resolve ...").
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace writ::runtime {

/// A 32-bit hash of `s`, eight bytes at a time (check64's mixing step); `seed` chains the parts
/// of a composite key (module, resource, action).
inline std::uint32_t name_hash(std::string_view s, std::uint64_t seed) {
  std::uint64_t h = seed ^ (s.size() * 0x9E3779B97F4A7C15ull);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  if (i < s.size()) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, s.size() - i);
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ull;
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

/// The key of a whole permission `module/resource:action`.
inline std::uint32_t permission_hash(std::string_view module, std::string_view resource, std::string_view action) {
  return name_hash(action, name_hash(resource, name_hash(module, 0)));
}

/// Linear probing over a power-of-two table at most half full. Each slot holds (hash << 32) | id;
/// id 0xFFFFFFFF is an empty slot. Keys are inserted in id order and never removed, so of equal
/// keys the lowest id is found first (what a scan in id order would find).
struct HashIndex {
  std::vector<std::uint64_t> slots;
  std::uint32_t mask = 0;

  void reset(std::uint32_t n) {
    std::uint32_t cap = 1;
    while (cap < 2 * n) cap *= 2;
    slots.assign(cap, 0xFFFFFFFFull);
    mask = cap - 1;
  }
  void insert(std::uint32_t hash, std::uint32_t id) {
    std::uint32_t i = hash & mask;
    while (static_cast<std::uint32_t>(slots[i]) != 0xFFFFFFFFu) i = (i + 1) & mask;
    slots[i] = (std::uint64_t{hash} << 32) | id;
  }
  /// The first id with this hash for which `same(id)` holds, or 0xFFFFFFFF.
  template <class Same>
  [[nodiscard]] std::uint32_t find(std::uint32_t hash, Same same) const {
    for (std::uint32_t i = hash & mask;; i = (i + 1) & mask) {
      const std::uint64_t s = slots[i];
      const auto id = static_cast<std::uint32_t>(s);
      if (id == 0xFFFFFFFFu) return id;
      if (static_cast<std::uint32_t>(s >> 32) == hash && same(id)) return id;
    }
  }
};

}  // namespace writ::runtime
