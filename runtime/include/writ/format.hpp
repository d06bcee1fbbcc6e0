// The one header the table writer (compiler) and the loader (runtime) share: magic, versions and
// encoded constants of the compiled decision table. The table layout itself arrives with the
// table issue (see ../shared/ROADMAP.md); until then only the header is defined, so a loader can
// already refuse anything it does not understand. Standard library only.
#pragma once

#include <cstdint>

namespace writ::format {

/// "WRIT" followed by 0x00 0x1A so text tools and truncated transfers are caught early.
inline constexpr std::uint8_t kMagic[6] = {'W', 'R', 'I', 'T', 0x00, 0x1A};
/// Bumped on every incompatible layout change; a loader accepts exactly the versions it knows.
inline constexpr std::uint16_t kFormatVersion = 0;
/// Size of the fixed header: magic, version (u16 little-endian), reserved (u16), total size (u64 LE).
inline constexpr std::uint32_t kHeaderSize = 6 + 2 + 2 + 8;

}  // namespace writ::format
