// The seqlock that pairs a decision callback with its user pointer (runtime/src/reload_callback.hpp):
// a reader never returns a function with another's user pointer. A writer caught between its two
// stores (odd sequence) makes readers wait; a completed store is seen whole.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "runtime/src/reload_callback.hpp"

namespace {
using Fn = void (*)(void*);
void first(void*) {}
void second(void*) {}
int first_user = 1, second_user = 2;
}  // namespace

TEST_CASE("a stored pair is read back whole") {
  writ::runtime::detail::CallbackSlot<Fn> slot;
  CHECK(slot.load().first == nullptr);
  slot.store(&first, &first_user);
  CHECK(slot.load() == std::pair<Fn, void*>(&first, &first_user));
  slot.store(&second, &second_user);
  CHECK(slot.load() == std::pair<Fn, void*>(&second, &second_user));
  CHECK(slot.seq.load() == 4);  // each store passes through one odd state
}

TEST_CASE("a reader waits out a writer between its two stores") {
  // The state a writer leaves after storing the new function and before the new user pointer.
  std::atomic<std::uint64_t> seq{1};
  std::atomic<Fn> fn{&second};
  std::atomic<void*> user{&first_user};
  std::atomic<bool> returned{false};
  std::pair<Fn, void*> got{nullptr, nullptr};
  std::thread reader([&] {
    got = writ::runtime::detail::seq_load(seq, fn, user);
    returned.store(true);
  });
  // Give the reader time to run; however long it runs it must not return the torn pair.
  for (int i = 0; i < 50 && !returned.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK_FALSE(returned.load());
  user.store(&second_user);
  seq.store(2);  // the writer finishes
  reader.join();
  CHECK(got == std::pair<Fn, void*>(&second, &second_user));
}
