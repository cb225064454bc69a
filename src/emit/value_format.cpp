#include "emit/value_format.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace sqlite2pg::emit {
namespace {

constexpr char kHex[] = "0123456789abcdef";

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

/// Text of a number, as it is stored when a column holds numbers among text: the shortest form keeps
/// the value exactly.
void append_number_text(std::string& out, const ast::Value& v) {
    if (v.storage == ast::StorageClass::Integer) append_integer(out, v.integer);
    else append_real(out, v.real);
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

void append_copy_text(std::string& out, std::string_view bytes) {
    // Escape only what COPY's text format gives meaning to; other bytes, control characters included, are
    // raw. Runs without escapes (nearly all text) are appended in one piece.
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    const char* run = p;
    for (; p != end; ++p) {
        const char esc = kCopyEscape[static_cast<unsigned char>(*p)];
        if (esc == 0) continue;
        out.append(run, static_cast<std::size_t>(p - run));
        const char pair[2] = {'\\', esc};
        out.append(pair, 2);
        run = p + 1;
    }
    out.append(run, static_cast<std::size_t>(end - run));
}

/// The bytes a value stands for in a bytea column: blobs as they are, text as its bytes, numbers as text.
std::string_view bytes_of(const ast::Value& v, std::string& scratch) {
    if (v.storage == ast::StorageClass::Text || v.storage == ast::StorageClass::Blob) return v.bytes;
    scratch.clear();
    append_number_text(scratch, v);
    return scratch;
}

}  // namespace

void append_real(std::string& out, double d) {
    if (std::isnan(d)) {
        out += "NaN";
        return;
    }
    if (std::isinf(d)) {
        out += d > 0 ? "Infinity" : "-Infinity";
        return;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    out.append(buf, r.ptr);
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
            out += v.integer != 0 ? 't' : 'f';
            return;
        case pg::Type::Bytea: {
            std::string scratch;
            out += "\\\\x";
            append_hex(out, bytes_of(v, scratch));
            return;
        }
        case pg::Type::Bigint:
        case pg::Type::Numeric:
        case pg::Type::DoublePrecision:
        case pg::Type::Text:
            if (v.storage == ast::StorageClass::Text || v.storage == ast::StorageClass::Blob) append_copy_text(out, v.bytes);
            else append_number_text(out, v);
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
    append_number_text(out, v);
    out += '\'';
}

}  // namespace sqlite2pg::emit
