// The one header the table writer (compiler/codegen) and the loader (runtime/src) share: the byte
// layout of a compiled decision table. docs/table-format.md is the prose specification; this file
// is its constants and record layouts. Every integer is little-endian and fixed-width; records are
// arrays of u32 words (i64 values as two words, low word first), so a section is `count` records
// of `kRecordWords[id]` words. Readers copy fields out with memcpy, never through casts.
// Standard library only (the runtime includes it).
#pragma once

#include <cstdint>
#include <cstring>

namespace writ::format {

/// PNG-style: a high byte (catches 7-bit channels), the name, CR LF (catches newline
/// conversion), and ^Z (stops `type` on old systems). Eight bytes.
inline constexpr std::uint8_t kMagic[8] = {0x89, 'W', 'R', 'I', 'T', '\r', '\n', 0x1A};
/// Major: a reader refuses any major it does not know. Minor: a newer minor only adds sections
/// (which an older reader skips) and compatible flags; see docs/table-format.md §Compatibility.
inline constexpr std::uint16_t kMajor = 1;
inline constexpr std::uint16_t kMinor = 0;
/// Kept for the C ABI's header check: the major version.
inline constexpr std::uint16_t kFormatVersion = kMajor;

/// Fixed header, 64 bytes:
///   0  u8[8]  magic
///   8  u16    major          10 u16 minor
///   12 u32    flags: bits 0-15 incompatible features (refuse if unknown), 16-31 compatible
///   16 u64    total size of the file in bytes
///   24 u64    checksum: check64 of the whole file with these 8 bytes read as zero
///   32 u64    content hash: check64 over the meaning sections (all but kSpans), see the spec
///   40 u32    section count  44 u32 offset of the section directory (64)
///   48 u8[16] reserved, zero
inline constexpr std::uint32_t kHeaderSize = 64;
inline constexpr std::uint32_t kOffMajor = 8, kOffMinor = 10, kOffFlags = 12, kOffSize = 16, kOffChecksum = 24,
                               kOffContentHash = 32, kOffSectionCount = 40, kOffDirectory = 44;
/// Directory entry, 16 bytes: u32 section id, u32 offset, u32 length in bytes, u32 record count.
inline constexpr std::uint32_t kDirEntrySize = 16;
/// Every section starts at a multiple of 8 and is padded with zeros to one.
inline constexpr std::uint32_t kAlign = 8;
/// Flags defined by 1.0: none. Unknown incompatible bits are refused.
inline constexpr std::uint32_t kKnownIncompatibleFlags = 0;
inline constexpr std::uint32_t kIncompatibleMask = 0xFFFFu;
/// Largest table a loader accepts by default (a configured limit may be lower).
inline constexpr std::uint64_t kMaxTableSize = 256u * 1024u * 1024u;

/// "none" in an index field.
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

/// Section ids. Each required section appears exactly once; ids increase along the directory.
enum Section : std::uint32_t {
  kPolicy = 1,       ///< 1 record: see PolicyRec
  kStrings = 2,      ///< bytes: UTF-8 names, referenced as (offset, length) into this section
  kU32 = 3,          ///< u32 pool: lists referenced as (offset, count) in u32 units
  kI64 = 4,          ///< i64 pool: atom values, referenced as (offset, count) in i64 units
  kRuns = 5,         ///< permission runs (first, last) half-open; sets referenced as (offset, count) in runs
  kModules = 6,
  kActions = 7,
  kResources = 8,
  kRoles = 9,
  kContribs = 10,
  kLevels = 11,
  kRequirements = 12,
  kRules = 13,
  kTemplates = 14,
  kForbids = 15,
  kSelectors = 16,
  kImplicits = 17,
  kAuthorizers = 18,
  kAttributes = 19,
  kConds = 20,
  kCode = 21,        ///< condition programs, u32 instructions (see Op)
  kAtoms = 22,
  kFields = 23,
  kSpans = 24,       ///< source spans of rules, then of authorizers; not part of the content hash
  kSpanStrings = 25, ///< bytes: the file names kSpans refers to; not part of the content hash
};
inline constexpr std::uint32_t kFirstSection = kPolicy, kLastSection = kSpanStrings;

/// Words per record of each section (index: section id); 0 for byte/pool sections.
/// Field order of each record is the order of the comments below.
inline constexpr std::uint32_t kRecordWords[kLastSection + 1] = {
    0,
    /*kPolicy*/ 16,  // name(off,len) combining permissions modules actions resources roles levels rules
                     // templates forbids implicits attributes automatic(off,count in u32 pool)
    0, 0, 0, 0,
    /*kModules*/ 2,      // name(off,len)
    /*kActions*/ 4,      // module name(off,len) class(0 read,1 write)
    /*kResources*/ 6,    // module path(off,len) actions(off,count in u32: pairs action,permission) first_permission
    /*kRoles*/ 15,       // name(off,len) holders(kind mask) named_accounts automatic closure(off,count u32)
                         // self: contribs(off,count) levels(off,count u32) ; descendants: same
    /*kContribs*/ 8,     // kind(0 permit,1 level,2 deny) rule runs(off,count) reqs(off,count u32) level|kNone ... + cond below
    /*kLevels*/ 7,       // module name(off,len) at_least(off,count u32: levels this one is >=) reqs(off,count u32)
    /*kRequirements*/ 2, // module level
    /*kRules*/ 5,        // kind runs(off,count) cond owner(role|level|forbid|template by kind)
    /*kTemplates*/ 30,   // see TemplateRec in docs/table-format.md
    /*kForbids*/ 9,      // selectors(off,count) denies(off,count u32 rule ids) when covers(off,count runs) name_str_off
    /*kSelectors*/ 2,    // kind(0 anyone,1 kind,2 role,3 template,4 level) argument
    /*kImplicits*/ 9,    // name(off,len) grantee kinds mask grantee_roles(off,count) when roles(off,count) reserved
    /*kAuthorizers*/ 8,  // target(0 assign,1 grant) role template automatic anyone roles(off,count) when
    /*kAttributes*/ 8,   // name(off,len) type dict(off,count u32: string ids (off,len) pairs) has_default default(lo,hi)
    /*kConds*/ 3,        // code(off,count in kCode) max stack depth
    /*kCode*/ 1,
    /*kAtoms*/ 5,        // input kind attribute negated values(off,count in i64 pool)
    /*kFields*/ 3,       // name(off,len) presence(0 required,1 optional)
    /*kSpans*/ 4,        // file(off,len into kSpanStrings) line column - one per rule, then one per authorizer
    /*kSpanStrings*/ 0,
};

/// Condition program instructions: the low 8 bits are the op, the high 24 the argument.
/// Postfix over a stack of truth values; a program is valid when every op finds its operands,
/// the stack never exceeds kMaxStack and exactly one value remains. Truth: 0 false, 1 true, 2 unknown.
enum Op : std::uint32_t { kOpTrue = 0, kOpFalse = 1, kOpAtom = 2, kOpAnd = 3, kOpOr = 4 };
inline constexpr std::uint32_t kMaxStack = 64;
inline constexpr std::uint32_t kMaxProgram = 4096;

/// Atom input kinds (the IR's InputKind order).
enum Input : std::uint32_t {
  kInAttribute = 0, kInKind = 1, kInNamed = 2, kInHasGrant = 3, kInIsOwner = 4, kInRelation = 5
};
/// Attribute types (the IR's AttributeType order). String and enum values are encoded as indices
/// into the attribute's dictionary; a request value outside it is kOtherValue.
enum AttrType : std::uint32_t { kBool = 0, kInt = 1, kString = 2, kEnum = 3 };
inline constexpr std::int64_t kOtherValue = -1;

/// Principal kinds (the IR's PrincipalKind order), as bits of a kind mask.
inline constexpr std::uint32_t kKindCount = 4;

/// check64: the checksum and content hash function. Words are read as little-endian u64 (the tail
/// zero-padded); h = seed; for each word w: h = (h ^ w) * 0x9E3779B97F4A7C15; h ^= h >> 29;
/// finally h ^= length; h *= 0xBF58476D1CE4E5B9; h ^= h >> 32. Catches accidents, not attackers.
inline constexpr std::uint64_t kHashSeed = 0x5752495454424C31ull;  // "WRITTBL1"
inline constexpr std::uint64_t kHashMul = 0x9E3779B97F4A7C15ull;
inline constexpr std::uint64_t kHashFin = 0xBF58476D1CE4E5B9ull;

/// The little-endian u64 at p: one load on a little-endian host (the byte loop made the checksum
/// most of a large table's load time).
inline std::uint64_t load_le64(const std::uint8_t* p) {
  std::uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  std::memcpy(&w, p, 8);
#else
  for (int b = 0; b < 8; ++b) w |= std::uint64_t{p[b]} << (8 * b);
#endif
  return w;
}

/// check64 over `size` bytes, reading the 8 bytes at `skip` (if skip + 8 <= size) as zero.
inline std::uint64_t check64(const std::uint8_t* p, std::uint64_t size, std::uint64_t skip = ~std::uint64_t{0},
                             std::uint64_t seed = kHashSeed) {
  std::uint64_t h = seed;
  for (std::uint64_t i = 0; i < size; i += 8) {
    std::uint64_t w = 0;
    if (i == skip) {
    } else if (i + 8 <= size) {
      w = load_le64(p + i);
    } else {
      for (std::uint64_t b = 0; i + b < size; ++b) w |= std::uint64_t{p[i + b]} << (8 * b);
    }
    h = (h ^ w) * kHashMul;
    h ^= h >> 29;
  }
  h ^= size;
  h *= kHashFin;
  h ^= h >> 32;
  return h;
}

}  // namespace writ::format
