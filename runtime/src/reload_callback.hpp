// A (function, user pointer) pair that threads read while another thread may replace it: a small
// seqlock over two atomics, so a reader never pairs the new function with the old user pointer.
// Readers never block and never allocate; writers (rare: set_callback) spin only against each
// other. All operations are sequentially consistent atomics, so ThreadSanitizer sees no race.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

namespace writ::runtime::detail {

template <class F>
void seq_store(std::atomic<std::uint64_t>& seq, std::atomic<F>& fn, std::atomic<void*>& user, F f, void* u) {
  std::uint64_t s = seq.load();
  for (;;) {  // take the odd (writing) state
    if ((s & 1u) == 0 && seq.compare_exchange_weak(s, s + 1)) break;
    s = seq.load();
  }
  fn.store(f);
  user.store(u);
  seq.store(s + 2);
}

template <class F>
std::pair<F, void*> seq_load(const std::atomic<std::uint64_t>& seq, const std::atomic<F>& fn,
                             const std::atomic<void*>& user) {
  for (;;) {
    std::uint64_t before = seq.load();
    if (before & 1u) continue;  // a writer is between its two stores
    F f = fn.load();
    void* u = user.load();
    if (seq.load() == before) return {f, u};
  }
}

template <class F>
struct CallbackSlot {
  std::atomic<std::uint64_t> seq{0};
  std::atomic<F> fn{nullptr};
  std::atomic<void*> user{nullptr};
  void store(F f, void* u) { seq_store(seq, fn, user, f, u); }
  [[nodiscard]] std::pair<F, void*> load() const { return seq_load(seq, fn, user); }
};

}  // namespace writ::runtime::detail
