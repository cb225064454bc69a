#include "parse/source_text.hpp"

#include <algorithm>

namespace sqlite2pg::parse {
namespace {

/// Length of the valid UTF-8 sequence at `i`, or 0 if the byte there does not start one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    std::size_t len = 0;
    char32_t min = 0;
    char32_t cp = 0;
    if (b0 < 0x80) return 1;
    if ((b0 & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = b0 & 0x1F; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = b0 & 0x0F; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = b0 & 0x07; }
    else return 0;
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are what the runtime's decoder rejects.
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

}  // namespace

SourceText::SourceText(std::string_view text, SourceLoc start) : text_(text), start_(start) {
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        antlr_input_.assign(text);
    } else {
        antlr_input_.reserve(text.size());
        for (std::size_t i = 0; i < text.size();) {
            code_point_bytes_.push_back(i);
            if (const std::size_t len = utf8_sequence_length(text, i); len != 0) {
                antlr_input_.append(text.substr(i, len));
                i += len;
            } else {
                antlr_input_.append("\xEF\xBF\xBD");  // U+FFFD
                ++i;
            }
        }
    }
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') line_starts_.push_back(i + 1);
    }
}

std::size_t SourceText::byte_of(std::size_t index) const {
    if (code_point_bytes_.empty()) return std::min(index, text_.size());
    return index < code_point_bytes_.size() ? code_point_bytes_[index] : text_.size();
}

SourceLoc SourceText::location(std::size_t index) const {
    const std::size_t byte = byte_of(index);
    const auto line_it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte) - 1;
    const auto line_index = static_cast<std::size_t>(line_it - line_starts_.begin());
    SourceLoc loc;
    loc.offset = start_.offset + byte;
    loc.line = start_.line + line_index;
    loc.column = line_index == 0 ? start_.column + static_cast<std::uint32_t>(byte)
                                 : static_cast<std::uint32_t>(byte - *line_it + 1);
    return loc;
}

std::string_view SourceText::slice(std::size_t first, std::size_t last) const {
    const std::size_t begin = byte_of(first);
    const std::size_t end = byte_of(last + 1);
    return begin < end ? text_.substr(begin, end - begin) : std::string_view{};
}

}  // namespace sqlite2pg::parse
