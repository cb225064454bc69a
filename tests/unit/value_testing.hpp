#pragma once
// Shorthands for expected values in table-driven tests, and how doctest prints a Value when a check fails.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "ast/value.hpp"

namespace sqlite2pg::testing {

inline ast::Value null() { return ast::Value::null(); }
inline ast::Value integer(std::int64_t v) { return ast::Value::of_integer(v); }
inline ast::Value real(double v) { return ast::Value::of_real(v); }
inline ast::Value text(std::string v) { return ast::Value::of_text(std::move(v)); }
inline ast::Value blob(std::string v) { return ast::Value::of_blob(std::move(v)); }

/// `TEXT 'a\x0a'`, `REAL 0x1.8p+0`: storage class plus content, non-printable bytes as \xNN, reals in hex
/// so that a failure shows the bits that differ.
inline std::string describe(const ast::Value& v) {
    const auto escaped = [](const std::string& bytes) {
        std::string s;
        for (const unsigned char c : bytes) {
            if (c >= 0x20 && c < 0x7F && c != '\\') s.push_back(static_cast<char>(c));
            else {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                s += buf;
            }
        }
        return s;
    };
    char buf[64];
    switch (v.storage) {
        case ast::StorageClass::Null: return "NULL";
        case ast::StorageClass::Integer: return "INTEGER " + std::to_string(v.integer);
        case ast::StorageClass::Real: std::snprintf(buf, sizeof buf, "REAL %a", v.real); return buf;
        case ast::StorageClass::Text: return "TEXT '" + escaped(v.bytes) + "'";
        case ast::StorageClass::Blob: return "BLOB x'" + escaped(v.bytes) + "'";
    }
    return "?";
}

}  // namespace sqlite2pg::testing

template <>
struct doctest::StringMaker<sqlite2pg::ast::Value> {
    static doctest::String convert(const sqlite2pg::ast::Value& v) { return sqlite2pg::testing::describe(v).c_str(); }
};
