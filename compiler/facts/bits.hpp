// A dense set of small ids (roles, levels) as 64-bit words: the closures of `extends` and of the
// level order, where membership is asked on every decision and must be O(1).
// Covered by tests/unit/facts/facts_test.cpp.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

namespace writ::facts {

class Bits {
 public:
  Bits() = default;
  explicit Bits(std::size_t n) : words_((n + 63) / 64, 0) {}
  [[nodiscard]] bool contains(std::uint32_t i) const { return i / 64 < words_.size() && (words_[i / 64] >> (i % 64) & 1U); }
  void insert(std::uint32_t i) {
    if (i / 64 >= words_.size()) words_.resize(i / 64 + 1, 0);
    words_[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  Bits& operator|=(const Bits& o) {
    if (o.words_.size() > words_.size()) words_.resize(o.words_.size(), 0);
    for (std::size_t i = 0; i < o.words_.size(); ++i) words_[i] |= o.words_[i];
    return *this;
  }
  /// Members in increasing order.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < words_.size(); ++i)
      for (auto w = words_[i]; w; w &= w - 1) f(static_cast<std::uint32_t>(i * 64 + static_cast<std::size_t>(std::countr_zero(w))));
  }
  [[nodiscard]] std::size_t count() const {
    std::size_t n = 0;
    for (auto w : words_) n += static_cast<std::size_t>(std::popcount(w));
    return n;
  }
  [[nodiscard]] std::size_t bytes() const { return words_.capacity() * sizeof(std::uint64_t); }
  friend bool operator==(const Bits& a, const Bits& b) {
    const auto n = std::max(a.words_.size(), b.words_.size());
    for (std::size_t i = 0; i < n; ++i)
      if ((i < a.words_.size() ? a.words_[i] : 0) != (i < b.words_.size() ? b.words_[i] : 0)) return false;
    return true;
  }

 private:
  std::vector<std::uint64_t> words_;
};

}  // namespace writ::facts
