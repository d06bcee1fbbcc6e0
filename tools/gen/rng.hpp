// The generator's only source of randomness: xoshiro256** seeded through splitmix64, with the
// few draws the generator needs built on plain integer arithmetic. std::uniform_int_distribution
// and friends are implementation-defined, so using them would make the output differ between
// standard libraries; everything here is specified bit for bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace writ::gen {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& s : state_) s = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  /// Uniform in [0, n) (n > 0), by rejection so that no value is favoured.
  std::uint64_t below(std::uint64_t n) {
    if (n <= 1) return 0;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do x = next();
    while (x >= limit);
    return x % n;
  }

  /// Uniform in [lo, hi] (inclusive).
  int between(int lo, int hi) { return hi <= lo ? lo : lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1)); }

  /// True with probability percent/100.
  bool chance(int percent) { return static_cast<int>(below(100)) < percent; }

  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

  /// The generator of one named part of the policy ("roles", "tests", ...): each part draws
  /// from its own stream, so adding a feature to one part leaves the others byte-identical.
  static Rng for_part(std::uint64_t seed, std::string_view part) {
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a of the part's name
    for (unsigned char c : part) h = (h ^ c) * 0x100000001b3ULL;
    return Rng(seed ^ h);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_[4];
};

}  // namespace writ::gen
