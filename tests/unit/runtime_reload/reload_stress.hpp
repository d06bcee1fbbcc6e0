// The hot-reload stress, shared by the Catch2 test (tests/unit/runtime_reload/) and the
// ThreadSanitizer build (tests/tsan/): reader threads decide through one Runtime while a writer
// reloads table A, table B and a damaged image in turn and swaps the decision callback. Every
// decision must be the one table A or table B gives (told apart by its content hash): never a mix,
// never a table that failed to load. Returns the number of inconsistencies found (0 = pass).
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "writ/runtime.hpp"

namespace writ_test {

inline std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct StressResult {
  long decisions = 0, mismatches = 0, failed_reloads_kept = 0, callbacks = 0, wrong_user = 0;
};

namespace stress_detail {
struct Tag {
  int id;
  std::atomic<long>* count;
  std::atomic<long>* wrong;
};
template <int Id>
void on_decision(void* user, const writ::runtime::Request&, const writ::runtime::Decision&) {
  auto* tag = static_cast<Tag*>(user);
  if (tag->id != Id) tag->wrong->fetch_add(1);  // a function paired with another's user pointer
  tag->count->fetch_add(1, std::memory_order_relaxed);
}
}  // namespace stress_detail

inline StressResult reload_stress(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, int readers,
                                  int reloads) {
  namespace rt = writ::runtime;
  StressResult result;
  std::shared_ptr<const rt::Table> ta, tb;
  if (!rt::load_table(a.data(), a.size(), ta).ok() || !rt::load_table(b.data(), b.size(), tb).ok() ||
      ta->content_hash() == tb->content_hash()) {
    result.mismatches = -1;
    return result;
  }
  // The requests: a few (role, permission) ids valid in both tables; their answers per table.
  std::vector<rt::Binding> roles;
  const std::uint32_t nr = std::min(ta->role_count(), tb->role_count());
  const std::uint32_t np = std::min(ta->permission_count(), tb->permission_count());
  for (std::uint32_t r = 0; r < nr && r < 8; ++r) roles.push_back(rt::Binding{r, rt::kNone});
  std::vector<rt::Request> requests;
  for (std::uint32_t i = 0; i < roles.size(); ++i)
    for (std::uint32_t p = 0; p < np && p < 12; ++p) {
      rt::Request q;
      q.roles = &roles[i];
      q.role_count = 1;
      q.permission = p;
      requests.push_back(q);
    }
  auto same = [](const rt::Decision& x, const rt::Decision& y) {
    return x.effect == y.effect && x.code == y.code && x.rule == y.rule && x.content_hash == y.content_hash;
  };
  std::vector<rt::Decision> on_a, on_b;
  for (const rt::Request& q : requests) {
    on_a.push_back(rt::decide(*ta, q));
    on_b.push_back(rt::decide(*tb, q));
  }
  std::vector<std::uint8_t> damaged = a;
  damaged[damaged.size() / 2] ^= 0x40;

  rt::Runtime service;
  std::atomic<long> callbacks{0}, wrong{0};
  stress_detail::Tag tag1{1, &callbacks, &wrong}, tag2{2, &callbacks, &wrong};
  service.set_callback(&stress_detail::on_decision<1>, &tag1);
  if (!service.reload(a.data(), a.size()).ok()) {
    result.mismatches = -1;
    return result;
  }
  std::atomic<bool> stop{false};
  std::atomic<long> decisions{0}, mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < readers; ++t)
    threads.emplace_back([&, t] {
      std::size_t i = static_cast<std::size_t>(t);
      long n = 0, bad = 0;
      while (!stop.load(std::memory_order_relaxed) || n < 1000) {
        i = (i + 1) % requests.size();
        const rt::Decision d = service.decide(requests[i]);
        if (!same(d, on_a[i]) && !same(d, on_b[i])) ++bad;
        // The snapshot form: a table held for a whole group of decisions.
        if ((n & 63) == 0) {
          std::shared_ptr<const rt::Table> snap = service.snapshot();
          const rt::Decision e = rt::decide(*snap, requests[i]);
          if (!same(e, snap->content_hash() == ta->content_hash() ? on_a[i] : on_b[i])) ++bad;
        }
        ++n;
      }
      decisions.fetch_add(n);
      mismatches.fetch_add(bad);
    });
  long kept = 0;
  for (int k = 0; k < reloads; ++k) {
    const std::vector<std::uint8_t>& next = (k & 1) ? a : b;
    if (!service.reload(next.data(), next.size()).ok()) mismatches.fetch_add(1);
    const std::uint64_t before = service.snapshot()->content_hash();
    rt::LoadStatus s = service.reload(damaged.data(), damaged.size());
    if (!s.ok() && !s.message.empty() && service.snapshot()->content_hash() == before) ++kept;
    if (k % 8 == 0) {
      if ((k / 8) & 1)
        service.set_callback(&stress_detail::on_decision<1>, &tag1);
      else
        service.set_callback(&stress_detail::on_decision<2>, &tag2);
    }
    std::this_thread::yield();
  }
  stop.store(true);
  for (std::thread& t : threads) t.join();
  result.decisions = decisions.load();
  result.mismatches = mismatches.load();
  result.failed_reloads_kept = kept;
  result.callbacks = callbacks.load();
  result.wrong_user = wrong.load();
  return result;
}

}  // namespace writ_test
