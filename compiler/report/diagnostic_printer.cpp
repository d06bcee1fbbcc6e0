// See diagnostic_printer.hpp.
#include "compiler/report/diagnostic_printer.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "compiler/core/printable.hpp"

namespace writ::report {
namespace {

struct Colors {
  const char* bold = "";
  const char* sev = "";
  const char* caret = "";
  const char* reset = "";
};

Colors colors_for(Severity s, bool on) {
  if (!on) return {};
  const char* sev = s == Severity::error ? "\x1b[1;31m" : s == Severity::warning ? "\x1b[1;35m" : "\x1b[1;36m";
  return {"\x1b[1m", sev, "\x1b[1;32m", "\x1b[0m"};
}

std::string location(const SourceMap& sources, const Span& span) {
  if (span.file == 0 || span.file > sources.size()) return "writ";
  // File names come from the command line and imports: escaped, like every text shown on a terminal.
  if (!span.known()) return core::printable(sources.path(span.file));
  return fmt::format("{}:{}:{}", core::printable(sources.path(span.file)), span.line, span.col);
}

/// The source line and a caret under the span (clamped to the line), tabs kept so columns align.
void print_excerpt(std::ostream& out, const SourceMap& sources, const Span& span, const Colors& c) {
  if (span.file == 0 || span.file > sources.size() || !span.known()) return;
  std::string_view line = sources.line_of(span);
  // Very long lines (minified or hostile input) are cut so one diagnostic stays readable.
  constexpr std::size_t kMaxShown = 200;
  std::size_t col = span.col - 1;
  std::size_t start = col > kMaxShown / 2 && line.size() > kMaxShown ? col - kMaxShown / 2 : 0;
  std::string_view raw = line.substr(std::min(start, line.size()), kMaxShown);
  // Control characters in the line are escaped (W018 points at one), so the caret column is
  // measured on the escaped text.
  std::string shown = core::printable(raw, kMaxShown);
  std::string before = core::printable(raw.substr(0, std::min(col - std::min(col, start), raw.size())), kMaxShown);
  out << "  " << shown << '\n' << "  ";
  std::size_t caret_col = before.size();
  for (std::size_t i = 0; i < caret_col && i < shown.size(); ++i) out << (shown[i] == '\t' ? '\t' : ' ');
  std::size_t width = span.end > span.begin ? span.end - span.begin : 1;
  width = std::max<std::size_t>(1, std::min(width, shown.size() > caret_col ? shown.size() - caret_col : 1));
  out << c.caret << '^' << std::string(width - 1, '~') << c.reset << '\n';
}

}  // namespace

std::string location_of(const SourceMap& sources, const Span& span) { return location(sources, span); }
void print_source_excerpt(std::ostream& out, const SourceMap& sources, const Span& span, Severity s, bool color) {
  print_excerpt(out, sources, span, colors_for(s, color));
}

void print_text(std::ostream& out, const SourceMap& sources, const Diagnostic& d, TextStyle style) {
  Colors c = colors_for(d.severity, style.color);
  out << c.bold << location(sources, d.span) << ": " << c.reset << c.sev << severity_name(d.severity) << '['
      << d.code() << "]: " << c.reset << c.bold << core::printable(d.message, 2000) << c.reset << '\n';
  print_excerpt(out, sources, d.span, c);
  for (const auto& h : d.help) out << "  help: " << core::printable(h, 2000) << '\n';
  for (const auto& [span, text] : d.notes) {
    Colors nc = colors_for(Severity::note, style.color);
    out << nc.bold << location(sources, span) << ": " << nc.reset << nc.sev << "note: " << nc.reset << core::printable(text, 2000) << '\n';
    print_excerpt(out, sources, span, nc);
  }
}

nlohmann::json span_json(const SourceMap& sources, const Span& s) {
  nlohmann::json j;
  j["file"] = (s.file == 0 || s.file > sources.size()) ? "" : sources.path(s.file);
  j["line"] = s.line;
  j["column"] = s.col;
  // End position: computed from the byte range, on the same line when the span does not cross one.
  std::uint32_t end_line = s.line, end_col = s.col + (s.end > s.begin ? s.end - s.begin : 0);
  if (s.file != 0 && s.file <= sources.size() && s.end > s.begin) {
    const std::string& t = sources.text(s.file);
    for (std::uint32_t i = s.begin; i < s.end && i < t.size(); ++i)
      if (t[i] == '\n') {
        ++end_line;
        end_col = 1;
      } else if (end_line != s.line) {
        ++end_col;
      }
  }
  j["end_line"] = end_line;
  j["end_column"] = end_col;
  return j;
}

std::string to_json(const SourceMap& sources, const Diagnostic& d) {
  nlohmann::json j = span_json(sources, d.span);
  j["severity"] = std::string(severity_name(d.severity));
  j["code"] = std::string(d.code());
  j["name"] = std::string(info(d.id).name);
  j["message"] = d.message;
  j["help"] = d.help;
  auto notes = nlohmann::json::array();
  for (const auto& [span, text] : d.notes) {
    auto n = span_json(sources, span);
    n["message"] = text;
    notes.push_back(n);
  }
  j["notes"] = notes;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace writ::report
