// See printable.hpp.
#include "compiler/core/printable.hpp"

#include <fmt/format.h>

namespace writ::core {

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    if (i >= max_bytes) {
      out += "...";
      break;
    }
    unsigned c = p[i];
    if (c < 0x20 || c == 0x7F) {
      if (c == '\t') out += '\t';
      else out += fmt::format("\\x{:02x}", c);
      ++i;
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // Multi-byte UTF-8: decode to spot C1 controls and the invisible layout characters; a byte
    // that does not start a valid sequence is shown as \xHH.
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len != 0 && i + len <= n;
    char32_t v = ok ? (c & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u)) : 0;
    for (std::size_t k = 1; ok && k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) ok = false;
      else v = (v << 6) | (p[i + k] & 0x3F);
    }
    if (!ok) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
      continue;
    }
    bool hide = (v >= 0x80 && v <= 0x9F) || v == 0x2028 || v == 0x2029 || (v >= 0x202A && v <= 0x202E) ||
                (v >= 0x2066 && v <= 0x2069);
    if (hide) out += fmt::format("\\u{{{:04x}}}", static_cast<std::uint32_t>(v));
    else out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace writ::core
