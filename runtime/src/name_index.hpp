// Name -> id lookup for the by-name forms (Table::find_*): open-addressing hash tables built once
// at load over the validated string table, so resolving a name is one hash and, almost always,
// one comparison. Covered by tests/unit/table/loader_test.cpp ("every name in a seed table
// resolves to its own id, ...").
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace writ::runtime {

/// The first 8 bytes of s (zero-padded) and the last 8 (they overlap when s is shorter than 16).
inline void ends(std::string_view s, std::uint64_t& head, std::uint64_t& tail) {
  head = tail = 0;
  if (s.size() >= 8) {
    std::memcpy(&head, s.data(), 8);
    std::memcpy(&tail, s.data() + s.size() - 8, 8);
  } else if (!s.empty()) {
    std::memcpy(&head, s.data(), s.size());
  }
}

/// A 32-bit hash of `s`; `seed` chains the parts of a composite key (module, resource, action).
/// Names are short: up to 16 bytes cost two loads and two multiplications; longer ones also mix
/// every middle word.
inline std::uint32_t name_hash(std::string_view s, std::uint64_t seed) {
  std::uint64_t head, tail;
  ends(s, head, tail);
  std::uint64_t h = (seed ^ s.size() ^ head) * 0x9E3779B97F4A7C15ull;
  for (std::size_t i = 8; i + 8 < s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ (h >> 29) ^ w) * 0x9E3779B97F4A7C15ull;
  }
  h = (h ^ (h >> 29) ^ tail) * 0xBF58476D1CE4E5B9ull;
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

/// a == b without a library call for names of up to 16 bytes.
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.size() > 16) return std::memcmp(a.data(), b.data(), a.size()) == 0;
  std::uint64_t ah, at, bh, bt;
  ends(a, ah, at);
  ends(b, bh, bt);
  return ah == bh && at == bt;
}

/// The key of a whole permission `module/resource:action` (load.cpp computes it in the same
/// chained steps, the first two once per resource).
inline std::uint32_t permission_hash(std::string_view module, std::string_view resource, std::string_view action) {
  return name_hash(action, name_hash(resource, name_hash(module, 0)));
}

/// Linear probing over a power-of-two table at most two thirds full. Each slot holds (hash << 32) | id;
/// id 0xFFFFFFFF is an empty slot. Keys are inserted in id order and never removed, so of equal
/// keys the lowest id is found first (what a scan in id order would find).
struct HashIndex {
  std::vector<std::uint64_t> slots;
  std::uint32_t mask = 0;

  void reset(std::uint32_t n) {
    std::uint32_t cap = 1;
    while (cap < n + n / 2 + 1) cap *= 2;  // at most two thirds full, always one empty slot
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
