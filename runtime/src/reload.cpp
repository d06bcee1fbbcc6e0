// writ::runtime::Runtime: the current table for many threads, and hot reload. A reload validates
// the new table completely (load_table) before publishing it, so a failed reload changes nothing
// and returns why; publishing is one atomic store of a shared_ptr, and each decision works on one
// atomic_load'ed snapshot, so it sees the old table or the new one, never a mix, and the old table
// lives until its last decision ends. The C++17 free functions are used rather than
// std::atomic<std::shared_ptr>: in libstdc++ 12 the latter trips a ThreadSanitizer false positive
// (notes/table-runtime.md); the free functions lock a mutex pool, which TSan understands.
#include <utility>

#include "reload_callback.hpp"
#include "writ/runtime.hpp"

// The free functions are deprecated in C++20 (this project builds the runtime as C++20; it is
// C++17 code); they are what libstdc++ makes TSan-clean.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace writ::runtime {

namespace {
// One sequence for the (callback, user) pairs of every Runtime: set_callback is rare, and the
// class keeps no room for a per-object one. Readers retry only while a writer is mid-store.
std::atomic<std::uint64_t> callback_seq{0};
}  // namespace

LoadStatus Runtime::reload(const std::uint8_t* bytes, std::size_t size, LoadOptions options) {
  std::shared_ptr<const Table> fresh;
  LoadStatus status = load_table(bytes, size, fresh, options);
  if (status.ok()) set(std::move(fresh));
  return status;
}

LoadStatus Runtime::reload_file(const std::string& path, LoadOptions options) {
  std::shared_ptr<const Table> fresh;
  LoadStatus status = load_table_file(path, fresh, options);
  if (status.ok()) set(std::move(fresh));
  return status;
}

void Runtime::set(std::shared_ptr<const Table> table) { std::atomic_store(&table_, std::move(table)); }

std::shared_ptr<const Table> Runtime::snapshot() const { return std::atomic_load(&table_); }

Decision Runtime::decide(const Request& request) const {
  std::shared_ptr<const Table> table = snapshot();
  Decision d = table ? runtime::decide(*table, request) : Decision{};
  auto [cb, user] = detail::seq_load(callback_seq, callback_, user_);
  if (cb != nullptr) cb(user, request, d);
  return d;
}

void Runtime::set_callback(Callback cb, void* user) { detail::seq_store(callback_seq, callback_, user_, cb, user); }

}  // namespace writ::runtime
