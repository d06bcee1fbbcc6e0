// The bit-flip sweep (ctest runtime_robustness.bit_flips_of_seed_tables): for every compiled seed
// table in argv[1], flip each bit of the file in turn (every bit of seed 001's table, an even
// sample of about 8,192 bits of the others) and load the result. Each must be refused
// with a reason, or load and decide exactly as the original on the sweep of
// table_fuzz_exercise.hpp. Then the same with the checksum recomputed after the flip, so the
// structural and semantic checks behind the checksum are exercised too: each such table must be
// refused or answer every query well formed (no crash; under the sanitizer builds, no report).
// Prints the counts; exit 0 when every flip behaved.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "table_fuzz_exercise.hpp"
#include "writ/format.hpp"
#include "writ/runtime.hpp"

namespace rt = writ::runtime;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s TABLE_DIR\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(argv[1]))
    if (e.path().extension() == ".wtab") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "%s: no .wtab tables\n", argv[1]);
    return 2;
  }
  long positions = 0, refused = 0, same = 0, bad = 0, fixed_loaded = 0, fixed_refused = 0;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::shared_ptr<const rt::Table> original;
    const rt::LoadStatus status = rt::load_table(bytes.data(), bytes.size(), original);
    if (!status.ok()) {
      std::fprintf(stderr, "%s: the original does not load: %s\n", path.c_str(), status.message.c_str());
      return 1;
    }
    const std::vector<std::uint64_t> expected = writ_test::exercise(*original);
    // Every bit of seed 001's table; an even sample of about 8,192 bits of each other table, so
    // the sweep stays a few seconds of CPU.
    const std::size_t bits = bytes.size() * 8;
    const bool every = path.stem() == "partner_managed_accounts";
    const std::size_t step = every || bits <= 8192 ? 1 : bits / 8192;
    namespace f = writ::format;
    std::vector<std::uint8_t> flipped = bytes;
    for (std::size_t bit = 0; bit < bits; bit += step) {
      const std::uint8_t mask = static_cast<std::uint8_t>(1u << (bit % 8));
      flipped[bit / 8] ^= mask;
      ++positions;
      std::shared_ptr<const rt::Table> t;
      const rt::LoadStatus s = rt::load_table(flipped.data(), flipped.size(), t);
      if (!s.ok()) {
        if (s.message.empty() || t != nullptr) ++bad;
        else ++refused;
      } else if (writ_test::exercise(*t) == expected && t->content_hash() == original->content_hash()) {
        ++same;
      } else {
        ++bad;
        std::fprintf(stderr, "%s: bit %zu flipped loads and decides differently\n", path.c_str(), bit);
      }
      // Behind the checksum: recompute it, so only the structural and semantic checks stand.
      if (bit / 8 < f::kOffChecksum || bit / 8 >= f::kOffChecksum + 8) {
        const std::uint64_t sum = f::check64(flipped.data(), flipped.size(), f::kOffChecksum);
        for (int b = 0; b < 8; ++b) flipped[f::kOffChecksum + b] = static_cast<std::uint8_t>(sum >> (8 * b));
        std::shared_ptr<const rt::Table> u;
        if (rt::load_table(flipped.data(), flipped.size(), u).ok()) {
          ++fixed_loaded;
          (void)writ_test::exercise(*u);  // aborts on a malformed decision
        } else {
          ++fixed_refused;
        }
        std::copy(bytes.begin() + f::kOffChecksum, bytes.begin() + f::kOffChecksum + 8, flipped.begin() + f::kOffChecksum);
      }
      flipped[bit / 8] ^= mask;
    }
  }
  std::printf("bit flips: %ld positions in %zu tables: %ld refused, %ld decide as the original, %ld wrong; "
              "with the checksum recomputed: %ld refused, %ld loaded and answered\n",
              positions, files.size(), refused, same, bad, fixed_refused, fixed_loaded);
  return bad == 0 && positions >= 10000 ? 0 : 1;
}
