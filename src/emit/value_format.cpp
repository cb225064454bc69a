#include "emit/value_format.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>

#include "core/ascii_digits.hpp"
#include "core/byte_vectors.hpp"
#include "core/real_digits.hpp"

namespace sqlite2pg::emit {
namespace {

constexpr char kHex[] = "0123456789abcdef";

/// A number as a column of `type` is given it: integers in decimal; reals in their shortest exact form for
/// numeric and double precision, and as text (append_real_text) for any other type.
void append_number(std::string& out, const ast::Value& v, pg::Type type) {
    char buf[kRealSpellingRoom];
    if (v.storage == ast::StorageClass::Integer) append_integer(out, v.integer);
    else if (type == pg::Type::Numeric || type == pg::Type::DoublePrecision) out.append(buf, write_real_number(buf, v.real));
    else append_real_text(out, v.real);
}

/// The escape letter COPY's text format needs after a backslash for each byte, or 0 for a byte written raw.
constexpr std::array<char, 256> kCopyEscape = [] {
    std::array<char, 256> t{};
    t['\\'] = '\\';
    t['\t'] = 't';
    t['\n'] = 'n';
    t['\r'] = 'r';
    return t;
}();

}  // namespace

CopyText write_copy_text(char* out, std::string_view bytes, bool padded) {
    // Escape only what COPY's text format gives meaning to; other bytes, control characters included, are
    // raw. Sixteen bytes at a time (core/byte_vectors.hpp): each vector is stored whole, then, if any of its
    // bytes may need an escape (a backslash, or below 14: tab, newline and carriage return are 9, 10 and 13,
    // and NUL is 0), the text resumes after the first such byte. The last bytes (fewer than sixteen) are loaded
    // whole when the text is padded, else without reading past the text, zeros after them; what is stored past
    // them lies within kCopyTextSlack, and a mask leaves those bytes out.
    using byte_vectors::Bytes;
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    Bytes passed{};               // the whole vectors' bytes OR-ed together: a high bit means one was not ASCII
    std::uint32_t last_high = 0;  // the same for the last bytes, a bit each
    bool nul = false;
    while (p != end) {
        const auto left = static_cast<std::size_t>(end - p);
        Bytes x;
        std::uint32_t in_text = 0xFFFF;
        if (left >= 16) {
            x = byte_vectors::load(p);
            passed |= x;
        } else {
            x = padded ? byte_vectors::load(p) : byte_vectors::load_partial(p, left);
            in_text = byte_vectors::first_bytes(left);
            last_high |= byte_vectors::mask(x) & in_text;
        }
        byte_vectors::store(out, x);
        const std::uint32_t may_escape = byte_vectors::mask((x == '\\') | (x < 14)) & in_text;
        if (may_escape == 0) {
            const std::size_t taken = std::min<std::size_t>(left, 16);
            p += taken;
            out += taken;
            continue;
        }
        const int clean = std::countr_zero(may_escape);  // bytes before the first flagged one
        p += clean;
        out += clean;
        if (const char esc = kCopyEscape[static_cast<unsigned char>(*p)]) {
            *out++ = '\\';
            *out++ = esc;
        } else {
            nul |= *p == '\0';
            *out++ = *p;
        }
        ++p;
    }
    return {out, (byte_vectors::mask(passed) | last_high) == 0 && !nul};
}

void decode_copy_text(std::string_view text, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        // The escape letters of kCopyEscape, undone; `\\` gives the backslash itself.
        switch (text[++i]) {
            case 't': out += '\t'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            default: out += text[i]; break;
        }
    }
}

void append_copy_text(std::string& out, std::string_view bytes) {
    const std::size_t at = out.size();
    out.resize(at + 2 * bytes.size() + kCopyTextSlack);
    out.resize(static_cast<std::size_t>(write_copy_text(out.data() + at, bytes).end - out.data()));
}

namespace {

/// The bytes a value stands for in a bytea column: blobs as they are, text as its bytes, numbers as text.
std::string_view bytes_of(const ast::Value& v, std::string& scratch) {
    if (v.storage == ast::StorageClass::Text || v.storage == ast::StorageClass::Blob) return v.bytes;
    scratch.clear();
    append_number(scratch, v, pg::Type::Bytea);
    return scratch;
}

}  // namespace

void append_integer(std::string& out, std::int64_t i) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, i);
    out.append(buf, r.ptr);
}

void append_hex(std::string& out, std::string_view bytes) {
    const std::size_t at = out.size();
    out.resize(at + 2 * bytes.size());
    char* p = out.data() + at;
    for (unsigned char c : bytes) {
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 15];
    }
}

namespace {

/// Where a real's spelling uses an exponent.
enum class RealLayout {
    Shortest,        ///< whichever of fixed and exponent form is shorter (std::to_chars)
    PostgresFloat8,  ///< as PostgreSQL's float8 output: below 1e-4 and from 1e15 on
};

/// Whether `digits` are shorter (or as short) without an exponent, the choice std::to_chars makes.
bool fixed_is_not_longer(const real_digits::DecimalDigits& digits) {
    const int n = digits.count;
    const int e = digits.exponent;
    const int fixed = e >= 0 ? (n <= e + 1 ? e + 1 : n + 1) : n + 1 - e;  // 1500 / 1.5 / 0.0015
    const int scientific = n + (n > 1 ? 1 : 0) + 4;  // 1.5e+03: the exponent has two digits here
    return fixed <= scientific;
}

/// `digits` with a two-digit exponent, as printf's %e writes one below 100: `1.5e+03`, `1e-05`.
char* write_scientific(char* out, const real_digits::DecimalDigits& digits) {
    *out++ = digits.digits[0];
    if (digits.count > 1) {
        *out++ = '.';
        out = std::copy_n(digits.digits + 1, digits.count - 1, out);
    }
    *out++ = 'e';
    *out++ = digits.exponent < 0 ? '-' : '+';
    const int magnitude = digits.exponent < 0 ? -digits.exponent : digits.exponent;
    *out++ = static_cast<char>('0' + magnitude / 10);
    *out++ = static_cast<char>('0' + magnitude % 10);
    return out;
}

/// Ends the spelling of a real written from `start` to `out` with `.0` if it would read as an integer: a
/// real keeps looking like one (3.0, not 3).
char* keep_looking_real(const char* start, char* out) {
    if (std::find_if(start, static_cast<const char*>(out), [](char c) { return c == '.' || c == 'e'; }) == out) {
        *out++ = '.';
        *out++ = '0';
    }
    return out;
}

/// The first `count` bytes of `word` (all of them from 8 on, none at 0 or below), and `0`s after them.
std::uint64_t digits_then_zeros(std::uint64_t word, int count) {
    if (count <= 0) return ascii_digits::kZeros;
    const std::uint64_t kept = count >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * count)) - 1;
    return (word & kept) | (ascii_digits::kZeros & ~kept);
}

/// `digits` without an exponent, and with a `.0` after a whole number: `1500.0`, `1.5`, `0.0015`. The digits
/// move sixteen bytes at a time rather than being counted out (nearly every real of a dump is written
/// here), which the exponent range of DecimalDigits bounds: `out` has room for kRealSpellingRoom − 1 bytes
/// (after a sign).
char* write_fixed(char* out, const real_digits::DecimalDigits& digits) {
    const int n = digits.count;
    const int e = digits.exponent;
    // The digits and then `0`s, 32 bytes of them, so that any sixteen from the first e + 1 are readable.
    char padded[32];
    ascii_digits::store(padded, digits_then_zeros(ascii_digits::load(digits.digits), n));
    ascii_digits::store(padded + 8, digits_then_zeros(ascii_digits::load(digits.digits + 8), n - 8));
    ascii_digits::store(padded + 16, ascii_digits::kZeros);
    ascii_digits::store(padded + 24, ascii_digits::kZeros);
    if (e < 0) {  // 0.0015: `0.`, −e − 1 zeros (at most six), the digits
        std::memcpy(out, "0.000000", 8);
        out += 1 - e;
        std::memcpy(out, padded, 16);
        return out + n;
    }
    std::memcpy(out, padded, 16);  // the e + 1 (at most 15) digits before the point, and more
    if (digits.integral()) {  // 1500.0: the digits, zeros to the point, `.0`
        std::memcpy(out + e + 1, ".0", 2);
        return out + e + 3;
    }
    out[e + 1] = '.';  // 1.5: the n − e − 1 digits after the point, over what followed them
    std::memcpy(out + e + 2, padded + e + 1, 16);
    return out + n + 1;
}

/// The shortest digits that read back as exactly `d` into `out`, which has room for kRealSpellingRoom bytes, laid out as
/// `layout` says, or `Infinity`, `-Infinity`, `NaN`; with a `.0` when they would read as an integer.
/// Returns the end of what was written.
char* write_real(char* out, double d, RealLayout layout) {
    if (std::isnan(d)) return std::copy_n("NaN", 3, out);
    if (std::isinf(d)) return d > 0 ? std::copy_n("Infinity", 8, out) : std::copy_n("-Infinity", 9, out);
    // Most reals: the same digits and layout as std::to_chars below, found far faster.
    if (const std::optional<real_digits::DecimalDigits> digits = real_digits::fifteen_digit_shortest(std::fabs(d))) {
        if (layout == RealLayout::Shortest) return write_real_digits(out, d < 0, *digits);
        if (d < 0) *out++ = '-';
        return pg::float8_prints_exponent(d) ? write_scientific(out, *digits) : write_fixed(out, *digits);
    }
    char* const start = out;
    if (layout == RealLayout::Shortest) {
        out = std::to_chars(out, out + 30, d).ptr;
    } else {
        const auto format = pg::float8_prints_exponent(d) ? std::chars_format::scientific : std::chars_format::fixed;
        out = std::to_chars(out, out + 30, d, format).ptr;
    }
    return keep_looking_real(start, out);
}

}  // namespace

char* write_real_digits(char* out, bool negative, const real_digits::DecimalDigits& digits) {
    if (negative) *out++ = '-';
    return fixed_is_not_longer(digits) ? write_fixed(out, digits) : write_scientific(out, digits);
}

char* write_literal_cut(char* out, bool negative, const char* digits, real_digits::LiteralCut cut) {
    // Sixteen bytes of the text, eight more for a longer spelling (at most 20 bytes: `0.00` and 15 digits),
    // then the digit that rounding up made one more, `0`s from the next one (16 of them: the integer part
    // of a whole number has at most 15 digits), which overwrite the point when it is among them, so that the
    // point is put back. Stores reach the spelling's end plus 16 bytes, within kRealSpellingRoom after a sign.
    *out = '-';
    out += negative ? 1 : 0;
    std::memcpy(out, digits, 16);
    if (cut.length > 16) std::memcpy(out + 16, digits + 16, 8);
    const int round_up = cut.flags & real_digits::LiteralCut::kRoundUp;
    out[cut.zeros_from - 1] = static_cast<char>(out[cut.zeros_from - 1] + round_up);
    std::memcpy(out + cut.zeros_from, "0000000000000000", 16);
    out[cut.point] = '.';
    return out + cut.length;
}

char* write_real_number(char* out, double d) { return write_real(out, d, RealLayout::Shortest); }

void append_real_text(std::string& out, double d) {
    char buf[kRealSpellingRoom];
    out.append(buf, write_real(buf, d, RealLayout::PostgresFloat8));
}

pg::Type natural_copy_type(ast::StorageClass storage) {
    switch (storage) {
        case ast::StorageClass::Null:
        case ast::StorageClass::Integer: return pg::Type::Bigint;
        case ast::StorageClass::Real: return pg::Type::DoublePrecision;
        case ast::StorageClass::Text: return pg::Type::Text;
        case ast::StorageClass::Blob: return pg::Type::Bytea;
    }
    return pg::Type::Text;
}

bool copy_spelling_is_natural(pg::Type type, ast::StorageClass storage) {
    // Mirrors append_copy_field(): booleans keep the 0/1 integers they are made of, bytea columns spell
    // everything as hex, reals are staged as numbers (write_real_number) and spelt as text outside numeric and
    // double precision, and every other type spells numbers and text as they are and blobs as their raw bytes.
    if (storage == ast::StorageClass::Null) return true;
    if (type == pg::Type::Boolean) return storage == ast::StorageClass::Integer;
    if (type == pg::Type::Bytea) return storage == ast::StorageClass::Blob;
    if (storage == ast::StorageClass::Real) return type == pg::Type::Numeric || type == pg::Type::DoublePrecision;
    return storage != ast::StorageClass::Blob;
}

void append_quoted_string(std::string& out, std::string_view text) {
    out += '\'';
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\'') {
            out.append(text.data() + start, i + 1 - start);
            out += '\'';
            start = i + 1;
        }
    out.append(text.data() + start, text.size() - start);
    out += '\'';
}

void append_copy_field(std::string& out, const ast::Value& v, pg::Type type) {
    if (v.storage == ast::StorageClass::Null) {
        out += "\\N";
        return;
    }
    switch (type) {
        case pg::Type::Boolean:
            // boolean's input reads 1 and 0: the integers SQLite stored are written as they are.
            out += v.integer != 0 ? '1' : '0';
            return;
        case pg::Type::Bytea: {
            std::string scratch;
            out += "\\\\x";
            append_hex(out, bytes_of(v, scratch));
            return;
        }
        case pg::Type::Bigint:
        case pg::Type::Integer:
        case pg::Type::Smallint:
        case pg::Type::Numeric:
        case pg::Type::DoublePrecision:
        case pg::Type::Text:
        // Dates, times, json and uuid columns only ever hold text that their type reads as intended.
        case pg::Type::Timestamp:
        case pg::Type::Timestamptz:
        case pg::Type::Date:
        case pg::Type::Time:
        case pg::Type::Json:
        case pg::Type::Uuid:
            if (v.storage == ast::StorageClass::Text || v.storage == ast::StorageClass::Blob) append_copy_text(out, v.bytes);
            else append_number(out, v, type);
            return;
    }
}

void append_sql_literal(std::string& out, const ast::Value& v, pg::Type type) {
    if (v.storage == ast::StorageClass::Null) {
        out += "NULL";
        return;
    }
    if (type == pg::Type::Boolean) {
        out += v.integer != 0 ? "true" : "false";
        return;
    }
    if (type == pg::Type::Bytea) {
        std::string scratch;
        out += "'\\x";
        append_hex(out, bytes_of(v, scratch));
        out += '\'';
        return;
    }
    if (type == pg::Type::Bigint && v.storage == ast::StorageClass::Integer) {
        append_integer(out, v.integer);
        return;
    }
    // Everything else is quoted: a quoted literal goes straight to the column's type, so reals keep every
    // bit (an unquoted one would pass through numeric) and 'Infinity' is accepted.
    if (v.storage == ast::StorageClass::Text || v.storage == ast::StorageClass::Blob) {
        append_quoted_string(out, v.bytes);
        return;
    }
    out += '\'';
    append_number(out, v, type);
    out += '\'';
}

}  // namespace sqlite2pg::emit
