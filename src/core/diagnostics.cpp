#include "core/diagnostics.hpp"

#include <algorithm>

namespace sqlite2pg {
namespace {

std::string_view severity_word(Severity s) {
    switch (s) {
        case Severity::Note: return "note";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "error";
}

// The line of `context` that holds `loc`, found by counting newlines from `context_start`.
std::string_view line_at(std::string_view context, SourceLoc context_start, SourceLoc loc) {
    if (context.empty() || loc.offset < context_start.offset) return {};
    std::size_t pos = static_cast<std::size_t>(loc.offset - context_start.offset);
    if (pos > context.size()) return {};
    std::size_t begin = context.rfind('\n', pos == 0 ? 0 : pos - 1);
    begin = (begin == std::string_view::npos || (pos == 0 && context[0] != '\n')) ? 0 : begin + 1;
    if (pos > 0 && context[pos - 1] == '\n') begin = pos;
    std::size_t end = context.find('\n', pos);
    if (end == std::string_view::npos) end = context.size();
    std::string_view line = context.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

}  // namespace

std::string render_diagnostic(const Diagnostic& diag, std::string_view file_name, std::string_view context,
                              SourceLoc context_start) {
    std::string out;
    out.append(file_name);
    out += ':' + std::to_string(diag.loc.line) + ':' + std::to_string(diag.loc.column) + ": ";
    out.append(severity_word(diag.severity));
    out += ": " + diag.message;
    if (!diag.id.empty()) out += " [" + diag.id + "]";
    out += '\n';
    std::string_view line = line_at(context, context_start, diag.loc);
    if (line.empty()) return out;
    // Very long lines (a row with a megabyte literal) are cut around the caret.
    constexpr std::size_t kMaxShown = 160;
    std::size_t caret = diag.loc.column > 0 ? diag.loc.column - 1 : 0;
    std::size_t shown_from = caret > kMaxShown / 2 ? caret - kMaxShown / 2 : 0;
    std::string_view shown = line.substr(std::min(shown_from, line.size()), kMaxShown);
    out += "  ";
    if (shown_from > 0) out += "...";
    out.append(shown);
    if (shown_from + shown.size() < line.size()) out += "...";
    out += "\n  ";
    if (shown_from > 0) out += "   ";
    for (std::size_t i = shown_from; i < caret && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
    out += "^\n";
    return out;
}

}  // namespace sqlite2pg
