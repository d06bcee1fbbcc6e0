// See input_checks.hpp.
#include "compiler/source/input_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "compiler/source/limits.hpp"

namespace writ {

Span span_at(const SourceMap& sources, FileId file, std::size_t offset, std::size_t length) {
  const std::string& t = sources.text(file);
  offset = std::min(offset, t.size());
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (t[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return Span{file, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(std::min(offset + length, t.size())),
              line, static_cast<std::uint32_t>(offset - line_start + 1)};
}

namespace {

/// Offset of the first byte that is not part of valid UTF-8 (RFC 3629), or npos.
std::size_t first_invalid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned c = p[i];
    std::size_t len;
    unsigned min;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; c &= 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; c &= 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; c &= 0x07; }
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      c = (c << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values above U+10FFFF are invalid.
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return i;
    i += len;
  }
  return std::string::npos;
}

/// Decodes the (valid) UTF-8 sequence at `i`; sets `len`.
char32_t decode_at(const std::string& s, std::size_t i, std::size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { len = 1; return c; }
  len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  char32_t v = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len && i + k < s.size(); ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return v;
}

/// What a code point that may hide text is, or nullptr for ordinary text. Bare CR is decided by the
/// caller (a CR of a CRLF pair is a line end).
const char* hiding_character(char32_t c) {
  if (c == '\t' || c == '\n') return nullptr;
  if (c < 0x20 || c == 0x7F) return "control character";
  if (c >= 0x80 && c <= 0x9F) return "C1 control character";
  if (c == 0x2028) return "Unicode line separator";
  if (c == 0x2029) return "Unicode paragraph separator";
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return "bidirectional override";
  return nullptr;
}

/// The first byte offset of a character that could make text vanish from a reader's view.
bool find_hiding(const std::string& t, std::size_t& at, std::string& what, std::string& why) {
  for (std::size_t i = 0; i < t.size();) {
    std::size_t len = 1;
    char32_t c = decode_at(t, i, len);
    if (c == '\r') {
      if (i + 1 < t.size() && t[i + 1] == '\n') {
        i += 2;
        continue;
      }
      at = i;
      what = "bare carriage return (U+000D)";
      why = "line ends are LF or CRLF; a lone CR would end a line for some readers and not for writ";
      return true;
    }
    if (const char* kind = hiding_character(c)) {
      at = i;
      what = fmt::format("{} (U+{:04X})", kind, static_cast<std::uint32_t>(c));
      why = "it can hide or reorder text; write it as an escape in a string, or remove it";
      return true;
    }
    i += len;
  }
  return false;
}

}  // namespace

bool check_input(const SourceMap& sources, FileId file, Diagnostics& diags) {
  const std::string& t = sources.text(file);
  if (t.size() > limits::kMaxFileBytes) {
    diags.report(DiagCode::file_too_large, Span{file, 0, 0, 1, 1}, t.size(), limits::kMaxFileBytes);
    return false;
  }
  if (auto nul = t.find('\0'); nul != std::string::npos) {
    diags.report(DiagCode::nul_byte, span_at(sources, file, nul));
    return false;
  }
  if (auto bad = first_invalid_utf8(t); bad != std::string::npos) {
    diags.report(DiagCode::invalid_utf8, span_at(sources, file, bad));
    return false;
  }
  if (t.size() >= 3 && t.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    diags.report(DiagCode::byte_order_mark, span_at(sources, file, 0, 3));
    return false;
  }
  std::size_t at = 0;
  std::string what, why;
  if (find_hiding(t, at, what, why)) {
    diags.report(DiagCode::control_character, span_at(sources, file, at), what, why);
    return false;
  }
  if (std::all_of(t.begin(), t.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; })) {
    diags.report(DiagCode::empty_file, Span{file, 0, 0, 1, 1});
    return false;
  }
  return true;
}

}  // namespace writ
