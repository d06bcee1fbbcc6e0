// A set of permissions as a bitset over dense PermissionIds. This is the shape the compiled
// table will store per role and organization scope.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "compiler/ir/ids.hpp"

namespace writ::ir {

class PermissionSet {
 public:
  PermissionSet() = default;
  explicit PermissionSet(std::size_t universe) : bits_(universe), words_((universe + 63) / 64, 0) {}

  [[nodiscard]] std::size_t universe() const { return bits_; }
  [[nodiscard]] bool contains(PermissionId p) const {
    return p.value < bits_ && (words_[p.value / 64] >> (p.value % 64) & 1U);
  }
  void insert(PermissionId p) {
    grow(p.value + 1);
    words_[p.value / 64] |= std::uint64_t{1} << (p.value % 64);
  }
  void erase(PermissionId p) {
    if (p.value < bits_) words_[p.value / 64] &= ~(std::uint64_t{1} << (p.value % 64));
  }
  PermissionSet& operator|=(const PermissionSet& o) {
    grow(o.bits_);
    for (std::size_t i = 0; i < o.words_.size(); ++i) words_[i] |= o.words_[i];
    return *this;
  }
  PermissionSet& operator&=(const PermissionSet& o) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= i < o.words_.size() ? o.words_[i] : 0;
    return *this;
  }
  /// Set difference: remove every member of `o`.
  PermissionSet& operator-=(const PermissionSet& o) {
    for (std::size_t i = 0; i < words_.size() && i < o.words_.size(); ++i) words_[i] &= ~o.words_[i];
    return *this;
  }
  friend PermissionSet operator|(PermissionSet a, const PermissionSet& b) { return a |= b; }
  friend PermissionSet operator&(PermissionSet a, const PermissionSet& b) { return a &= b; }
  friend PermissionSet operator-(PermissionSet a, const PermissionSet& b) { return a -= b; }

  [[nodiscard]] bool empty() const {
    for (auto w : words_) if (w) return false;
    return true;
  }
  [[nodiscard]] std::size_t count() const {
    std::size_t n = 0;
    for (auto w : words_) n += static_cast<std::size_t>(std::popcount(w));
    return n;
  }
  [[nodiscard]] bool subset_of(const PermissionSet& o) const { return (*this - o).empty(); }

  /// Members in increasing id order.
  [[nodiscard]] std::vector<PermissionId> members() const {
    std::vector<PermissionId> out;
    for (std::size_t i = 0; i < words_.size(); ++i)
      for (auto w = words_[i]; w; w &= w - 1)
        out.push_back(PermissionId{static_cast<std::uint32_t>(i * 64 + std::countr_zero(w))});
    return out;
  }

  friend bool operator==(const PermissionSet& a, const PermissionSet& b) { return a.subset_of(b) && b.subset_of(a); }

 private:
  void grow(std::size_t bits) {
    if (bits > bits_) {
      bits_ = bits;
      words_.resize((bits + 63) / 64, 0);
    }
  }
  std::size_t bits_ = 0;
  std::vector<std::uint64_t> words_;
};

}  // namespace writ::ir
