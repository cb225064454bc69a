#include "io/utf16_decoder.hpp"

#include "core/diagnostics.hpp"

namespace sqlite2pg::io {

void Utf16Decoder::decode(std::string_view in, std::string& out) {
    std::size_t i = 0;
    while (i < in.size()) {
        unsigned first, second;
        if (odd_byte_ >= 0) {
            first = static_cast<unsigned>(odd_byte_);
            second = static_cast<unsigned char>(in[i]);
            odd_byte_ = -1;
            i += 1;
        } else if (i + 1 < in.size()) {
            first = static_cast<unsigned char>(in[i]);
            second = static_cast<unsigned char>(in[i + 1]);
            i += 2;
        } else {
            odd_byte_ = static_cast<unsigned char>(in[i]);
            break;
        }
        const auto unit = static_cast<char16_t>(big_endian_ ? (first << 8 | second) : (second << 8 | first));
        if (high_surrogate_) {
            if (unit < 0xDC00 || unit > 0xDFFF) fail("a high surrogate is not followed by a low one");
            append(0x10000 + ((char32_t{high_surrogate_} - 0xD800) << 10) + (unit - 0xDC00), out);
            high_surrogate_ = 0;
        } else if (unit >= 0xD800 && unit <= 0xDBFF) {
            high_surrogate_ = unit;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            fail("a low surrogate without a high one before it");
        } else {
            append(unit, out);
        }
    }
}

void Utf16Decoder::finish() const {
    if (odd_byte_ >= 0) fail("the input ends in the middle of a UTF-16 code unit (an odd number of bytes)");
    if (high_surrogate_) fail("the input ends after a high surrogate");
}

void Utf16Decoder::append(char32_t c, std::string& out) {
    const std::size_t before = out.size();
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    offset_ += out.size() - before;
    if (c == '\n') {
        ++line_;
        line_start_ = offset_;
    }
}

void Utf16Decoder::fail(const std::string& message) const {
    SourceLoc loc;
    loc.offset = offset_;
    loc.line = line_;
    loc.column = static_cast<std::uint32_t>(offset_ - line_start_ + 1);
    throw InputError({Severity::Error, "invalid-utf16", "invalid UTF-16: " + message, loc});
}

}  // namespace sqlite2pg::io
