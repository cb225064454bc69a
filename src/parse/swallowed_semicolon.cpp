#include "parse/swallowed_semicolon.hpp"

namespace sqlite2pg::parse {

std::optional<std::size_t> find_comment_swallowing_semicolon(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            // A quoted string or name: skip to its end (a doubled quote inside is skipped as two ends).
            const char close = c == '[' ? ']' : c;
            const std::size_t end = s.find(close, i + 1);
            if (end == std::string_view::npos) return std::nullopt;
            i = end + 1;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const std::size_t end = s.find("*/", i + 2);
            if (end == std::string_view::npos) return std::nullopt;
            i = end + 2;
        } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
            std::size_t end = s.find('\n', i);
            if (end == std::string_view::npos) end = s.size();
            std::string_view comment = s.substr(i, end - i);
            const std::size_t last = comment.find_last_not_of(" \t\r\f");
            if (last != std::string_view::npos && comment[last] == ';') return i;
            i = end;
        } else {
            ++i;
        }
    }
    return std::nullopt;
}

}  // namespace sqlite2pg::parse
