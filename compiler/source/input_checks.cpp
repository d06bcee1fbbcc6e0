// See input_checks.hpp.
#include "compiler/source/input_checks.hpp"

#include <algorithm>

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
  if (std::all_of(t.begin(), t.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; })) {
    diags.report(DiagCode::empty_file, Span{file, 0, 0, 1, 1});
    return false;
  }
  return true;
}

}  // namespace writ
