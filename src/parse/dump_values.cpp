#include "parse/dump_values.hpp"

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

#include "core/byte_vectors.hpp"
#include "parse/jsonb_encode.hpp"
#include "parse/plain_decimal.hpp"

namespace sqlite2pg::parse {
namespace {

using ast::StorageClass;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Value of each byte as a hex digit, or -1: a table, because blob literals are decoded digit by digit.
constexpr std::array<std::int8_t, 256> kHexDigit = [] {
    std::array<std::int8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        if (c >= '0' && c <= '9') t[c] = static_cast<std::int8_t>(c - '0');
        else if (c >= 'a' && c <= 'f') t[c] = static_cast<std::int8_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') t[c] = static_cast<std::int8_t>(c - 'A' + 10);
        else t[c] = -1;
    }
    return t;
}();

/// Value of one hex digit, or -1.
int hex_digit(char c) { return kHexDigit[static_cast<unsigned char>(c)]; }

/// Reads exactly `count` hex digits at the start of `s`.
bool parse_hex_digits(std::string_view s, std::size_t count, std::uint32_t& value) {
    if (s.size() < count) return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const int d = hex_digit(s[i]);
        if (d < 0) return false;
        value = value * 16 + static_cast<std::uint32_t>(d);
    }
    return true;
}

void set_real(ast::Value& out, double v) {
    out.storage = StorageClass::Real;
    out.real = v;
}

void set_integer(ast::Value& out, std::int64_t v) {
    out.storage = StorageClass::Integer;
    out.integer = v;
}

/// For a decimal literal that std::from_chars reports out of range: true if it overflows (≥ 1 in
/// magnitude, so ±Infinity), false if it underflows (so ±0.0). The literal's shape is already checked.
bool decimal_overflows(std::string_view lit) {
    // Decimal exponent of the first non-zero mantissa digit, plus the written exponent.
    std::int64_t lead = 0;
    bool found = false;
    std::size_t i = 0;
    std::int64_t integer_digits = 0;
    while (i < lit.size() && is_digit(lit[i])) {
        if (!found && lit[i] != '0') { found = true; lead = -integer_digits; }
        ++integer_digits;
        ++i;
    }
    if (found) lead += integer_digits - 1;
    if (i < lit.size() && lit[i] == '.') {
        ++i;
        std::int64_t position = -1;
        while (i < lit.size() && is_digit(lit[i])) {
            if (!found && lit[i] != '0') { found = true; lead = position; }
            --position;
            ++i;
        }
    }
    std::int64_t exponent = 0;
    if (i < lit.size() && (lit[i] == 'e' || lit[i] == 'E')) {
        ++i;
        bool negative = false;
        if (lit[i] == '+' || lit[i] == '-') negative = lit[i++] == '-';
        // Saturate: any exponent beyond a million decides the outcome on its own.
        for (; i < lit.size(); ++i) exponent = std::min<std::int64_t>(exponent * 10 + (lit[i] - '0'), 1'000'000);
        if (negative) exponent = -exponent;
    }
    return found && lead + exponent >= 0;
}

/// An unsigned decimal literal of a real (its shape already checked), correctly rounded: ±Infinity's
/// magnitude when it overflows, 0.0 when it underflows. std::nullopt if from_chars cannot read it.
std::optional<double> read_real(std::string_view lit) {
    if (const std::optional<double> plain = read_plain_decimal(lit)) return plain;  // how sqlite3 writes nearly every real
    double v = 0.0;
    const auto [end, ec] = std::from_chars(lit.data(), lit.data() + lit.size(), v);
    if (ec == std::errc::result_out_of_range) return decimal_overflows(lit) ? std::numeric_limits<double>::infinity() : 0.0;
    if (ec != std::errc{} || end != lit.data() + lit.size()) return std::nullopt;
    return v;
}

/// `0x…` as sqlite3DecOrHexToI64 + codeInteger read it: at most 16 significant digits, two's complement,
/// and negating 0x8000000000000000 is an error.
bool decode_hex_integer(std::string_view digits, bool negative, ast::Value& out) {
    if (digits.empty()) return false;
    std::size_t i = 0;
    while (i < digits.size() && digits[i] == '0') ++i;
    if (digits.size() - i > 16) return false;
    std::uint64_t u = 0;
    for (; i < digits.size(); ++i) {
        const int d = hex_digit(digits[i]);
        if (d < 0) return false;
        u = u * 16 + static_cast<std::uint64_t>(d);
    }
    auto v = static_cast<std::int64_t>(u);
    if (negative) {
        if (v == std::numeric_limits<std::int64_t>::min()) return false;
        v = -v;
    }
    set_integer(out, v);
    return true;
}

}  // namespace

void unescape_sql_string(std::string_view body, std::string& out) {
    out.clear();
    std::size_t start = 0;
    for (std::size_t q = body.find('\''); q != std::string_view::npos; q = body.find('\'', start)) {
        out.append(body.data() + start, q + 1 - start);  // keeps one quote of the pair
        start = q + 2;
    }
    if (start < body.size()) out.append(body.data() + start, body.size() - start);
}

bool decode_blob_hex(std::string_view hex, std::string& out) {
    if (hex.size() % 2 != 0) return false;
    out.resize(hex.size() / 2);
    const char* in = hex.data();
    char* p = out.data();
    // Any invalid digit makes the OR negative; checked once at the end rather than per byte.
    int invalid = 0;
    for (std::size_t i = 0; i < out.size(); ++i, in += 2) {
        const int hi = hex_digit(in[0]);
        const int lo = hex_digit(in[1]);
        invalid |= hi | lo;
        p[i] = static_cast<char>((hi << 4) | (lo & 15));
    }
    return invalid >= 0;
}

const char* hex_digits_end(const char* p, const char* end, bool padded) {
    // Sixteen bytes at a time (core/byte_vectors.hpp): each byte, taken as unsigned, is a digit when
    // byte − '0' < 10 and a letter when (byte | 0x20) − 'a' < 6. The last bytes are loaded whole when the text
    // is padded, the mask leaving out those past it.
    using byte_vectors::Bytes;
    for (; p < end; p += 16) {
        const auto left = static_cast<std::size_t>(end - p);
        if (left < 16 && !padded) {
            while (p != end && hex_digit(*p) >= 0) ++p;
            return p;
        }
        const Bytes x = byte_vectors::load(p);
        const Bytes digit = x - '0';
        const Bytes letter = (x | 0x20) - 'a';
        const auto hex_digits = (digit < 10) | (letter < 6);
        const std::uint32_t others = ~byte_vectors::mask(hex_digits) & byte_vectors::first_bytes(left);
        if (others != 0) return p + std::countr_zero(others);
    }
    return end;
}

bool is_blob_hex(std::string_view hex, bool padded) {
    const char* const end = hex.data() + hex.size();
    return hex.size() % 2 == 0 && hex_digits_end(hex.data(), end, padded) == end;
}

bool decode_number(std::string_view lit, bool negative, ast::Value& out) {
    if (lit.size() >= 2 && lit[0] == '0' && (lit[1] == 'x' || lit[1] == 'X'))
        return decode_hex_integer(lit.substr(2), negative, out);

    // Shape: digits [. digits] [e [+-] digits], with at least one mantissa digit.
    std::size_t i = 0;
    std::size_t mantissa_digits = 0;
    bool integral = true;
    while (i < lit.size() && is_digit(lit[i])) ++i, ++mantissa_digits;
    if (i < lit.size() && lit[i] == '.') {
        integral = false;
        ++i;
        while (i < lit.size() && is_digit(lit[i])) ++i, ++mantissa_digits;
    }
    if (mantissa_digits == 0) return false;
    if (i < lit.size() && (lit[i] == 'e' || lit[i] == 'E')) {
        integral = false;
        ++i;
        if (i < lit.size() && (lit[i] == '+' || lit[i] == '-')) ++i;
        const std::size_t exponent_start = i;
        while (i < lit.size() && is_digit(lit[i])) ++i;
        if (i == exponent_start) return false;
    }
    if (i != lit.size()) return false;

    if (integral) {
        std::uint64_t magnitude = 0;
        bool overflow = false;
        for (const char c : lit) {
            const auto d = static_cast<std::uint64_t>(c - '0');
            if (magnitude > (std::numeric_limits<std::uint64_t>::max() - d) / 10) { overflow = true; break; }
            magnitude = magnitude * 10 + d;
        }
        constexpr std::uint64_t two_to_63 = std::uint64_t{1} << 63;
        if (!overflow && magnitude < two_to_63) {
            set_integer(out, negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude));
            return true;
        }
        if (!overflow && magnitude == two_to_63 && negative) {
            set_integer(out, std::numeric_limits<std::int64_t>::min());
            return true;
        }
        // SQLite reads an integer literal outside int64 as a REAL.
    }

    const std::optional<double> v = read_real(lit);
    if (!v) return false;
    set_real(out, negative ? -*v : *v);
    return true;
}

double decimal_value(std::string_view signed_decimal) {
    const bool negative = !signed_decimal.empty() && signed_decimal.front() == '-';
    // Digits, a point and digits are always a real that read_real() reads.
    const double v = *read_real(signed_decimal.substr(negative ? 1 : 0));
    return negative ? -v : v;
}

bool negate_value(ast::Value& value) {
    switch (value.storage) {
        case StorageClass::Null: return true;
        case StorageClass::Integer:
            // SQLite computes 0 - x; for INT64_MIN that overflows and is done in floating point.
            if (value.integer == std::numeric_limits<std::int64_t>::min()) set_real(value, 9223372036854775808.0);
            else value.integer = -value.integer;
            return true;
        case StorageClass::Real: value.real = -value.real; return true;
        case StorageClass::Text:
        case StorageClass::Blob: return false;
    }
    return false;
}

bool coerce_to_text(ast::Value& value) {
    switch (value.storage) {
        case StorageClass::Null:
        case StorageClass::Text: return true;
        case StorageClass::Integer: {
            char buffer[24];
            const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value.integer);
            value.bytes.assign(buffer, end);
            value.storage = StorageClass::Text;
            return ec == std::errc{};
        }
        case StorageClass::Real:
        case StorageClass::Blob: return false;
    }
    return false;
}

bool concat_values(ast::Value& acc, ast::Value& rhs) {
    if (!coerce_to_text(acc) || !coerce_to_text(rhs)) return false;
    if (rhs.storage == StorageClass::Null) acc.storage = StorageClass::Null;
    if (acc.storage == StorageClass::Null) return true;
    acc.bytes.append(rhs.bytes);
    return true;
}

bool replace_values(ast::Value& a, ast::Value& b, ast::Value& c, std::string& scratch) {
    for (const ast::Value* v : {&a, &b, &c})
        if (v->storage == StorageClass::Real || v->storage == StorageClass::Blob) return false;
    // The order of SQLite's replaceFunc: replace('x', '', NULL) is 'x', replace(5, '', 'y') is the integer 5.
    if (a.storage == StorageClass::Null || b.storage == StorageClass::Null) {
        a.storage = StorageClass::Null;
        return true;
    }
    coerce_to_text(b);
    if (b.bytes.empty()) return true;
    if (c.storage == StorageClass::Null) {
        a.storage = StorageClass::Null;
        return true;
    }
    coerce_to_text(a);
    coerce_to_text(c);
    const std::string_view haystack = a.bytes;
    std::size_t hit = haystack.find(b.bytes);
    if (hit == std::string_view::npos) return true;
    scratch.clear();
    std::size_t start = 0;
    for (; hit != std::string_view::npos; hit = haystack.find(b.bytes, start)) {
        scratch.append(haystack.data() + start, hit - start);
        scratch.append(c.bytes);
        start = hit + b.bytes.size();
    }
    scratch.append(haystack.data() + start, haystack.size() - start);
    std::swap(a.bytes, scratch);
    return true;
}

void append_char_code_point(std::int64_t code_point, std::string& out) {
    if (code_point < 0 || code_point > 0x10FFFF) code_point = 0xFFFD;
    const auto cp = static_cast<std::uint32_t>(code_point);
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool append_char_argument(const ast::Value& argument, std::string& out) {
    switch (argument.storage) {
        case StorageClass::Null: append_char_code_point(0, out); return true;  // sqlite3_value_int64(NULL) is 0
        case StorageClass::Integer: append_char_code_point(argument.integer, out); return true;
        default: return false;
    }
}

bool jsonb_value(ast::Value& argument, ast::Value& out) {
    if (argument.storage == StorageClass::Null) {
        out.storage = StorageClass::Null;
        return true;
    }
    if (argument.storage != StorageClass::Text || !encode_jsonb(argument.bytes, out.bytes)) return false;
    out.storage = StorageClass::Blob;
    return true;
}

void decode_unistr(std::string_view text, std::string& out) {
    out.clear();
    std::size_t start = 0;
    for (std::size_t bs = text.find('\\'); bs != std::string_view::npos; bs = text.find('\\', start)) {
        out.append(text.data() + start, bs - start);
        const std::string_view rest = text.substr(bs + 1);
        std::uint32_t cp = 0;
        std::size_t length = 0;  // bytes after the backslash that form the escape
        if (!rest.empty() && rest[0] == '\\') {
            out.push_back('\\');
            start = bs + 2;
            continue;
        }
        if (!rest.empty() && rest[0] == 'u' && parse_hex_digits(rest.substr(1), 4, cp)) length = 5;
        else if (!rest.empty() && rest[0] == '+' && parse_hex_digits(rest.substr(1), 6, cp)) length = 7;
        else if (!rest.empty() && rest[0] == 'U' && parse_hex_digits(rest.substr(1), 8, cp)) length = 9;
        else if (parse_hex_digits(rest, 4, cp)) length = 4;
        if (length == 0 || cp > 0x10FFFF) {
            out.push_back('\\');  // lenient: not an escape, so the backslash is data
            start = bs + 1;
            continue;
        }
        append_char_code_point(cp, out);
        start = bs + 1 + length;
    }
    out.append(text.data() + start, text.size() - start);
}

}  // namespace sqlite2pg::parse
