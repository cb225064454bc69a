#pragma once
// Decoded row values. Every value a dump writes carries its SQLite storage class
// (https://sqlite.org/datatype3.html §2): NULL, INTEGER, REAL, TEXT or BLOB.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

namespace sqlite2pg::ast {

/// SQLite's five storage classes, in the order SQLite sorts them.
enum class StorageClass : std::uint8_t { Null, Integer, Real, Text, Blob };

/// One decoded value of a row. Only the member matching `storage` is meaningful; `bytes` holds TEXT
/// (raw bytes, not necessarily valid UTF-8) and BLOB contents. Reused across rows on the fast path,
/// so `bytes` keeps its capacity.
struct Value {
    StorageClass storage = StorageClass::Null;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string bytes;

    static Value null() { return {}; }
    static Value of_integer(std::int64_t v) { Value x; x.storage = StorageClass::Integer; x.integer = v; return x; }
    static Value of_real(double v) { Value x; x.storage = StorageClass::Real; x.real = v; return x; }
    static Value of_text(std::string v) { Value x; x.storage = StorageClass::Text; x.bytes = std::move(v); return x; }
    static Value of_blob(std::string v) { Value x; x.storage = StorageClass::Blob; x.bytes = std::move(v); return x; }

    /// Equality by storage class and content; reals compare bit for bit (so -0.0 != 0.0, NaN == NaN).
    friend bool operator==(const Value& a, const Value& b) {
        if (a.storage != b.storage) return false;
        switch (a.storage) {
            case StorageClass::Null: return true;
            case StorageClass::Integer: return a.integer == b.integer;
            case StorageClass::Real: return std::memcmp(&a.real, &b.real, sizeof(double)) == 0;
            case StorageClass::Text:
            case StorageClass::Blob: return a.bytes == b.bytes;
        }
        return false;
    }
};

}  // namespace sqlite2pg::ast
