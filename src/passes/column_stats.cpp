#include "passes/column_stats.hpp"

#include <charconv>
#include <cmath>

#include "core/utf8.hpp"
#include "passes/value_forms.hpp"

namespace sqlite2pg::passes {
namespace {

constexpr std::size_t kSampleBytes = 40;

Fit temporal_fit(ValueCheck check, std::string_view text) {
    switch (check) {
        case ValueCheck::Timestamp: return timestamp_fit(text);
        case ValueCheck::Timestamptz: return timestamptz_fit(text);
        case ValueCheck::Date: return date_fit(text);
        case ValueCheck::Time: return time_fit(text);
        case ValueCheck::Json: return is_json_text(text) ? Fit::Exact : Fit::No;
        case ValueCheck::Uuid: return is_canonical_uuid(text) ? Fit::Exact : Fit::No;
        case ValueCheck::None:
        case ValueCheck::NumericTypmod: break;
    }
    return Fit::Exact;
}

}  // namespace

std::string value_sample(const ast::Value& v) {
    std::string s;
    switch (v.storage) {
        case ast::StorageClass::Null: return "NULL";
        case ast::StorageClass::Integer: return std::to_string(v.integer);
        case ast::StorageClass::Real: {
            if (std::isinf(v.real)) return v.real > 0 ? "Infinity" : "-Infinity";
            if (std::isnan(v.real)) return "NaN";
            char buf[32];
            return std::string(buf, std::to_chars(buf, buf + sizeof buf, v.real).ptr);
        }
        case ast::StorageClass::Text: s = "'"; break;
        case ast::StorageClass::Blob: s = "X'"; break;
    }
    std::size_t cut = std::min(v.bytes.size(), kSampleBytes);
    // Never cut a character in two: the sample goes into comments of a UTF-8 script.
    while (cut > 0 && cut < v.bytes.size() && (static_cast<unsigned char>(v.bytes[cut]) & 0xC0) == 0x80) --cut;
    const std::string_view bytes(v.bytes.data(), cut);
    constexpr char kHex[] = "0123456789abcdef";
    const bool valid = is_postgres_text(v.bytes);
    for (unsigned char c : bytes) {
        if (v.storage == ast::StorageClass::Blob) {
            s += kHex[c >> 4];
            s += kHex[c & 15];
        } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && !valid)) {
            s += "\\x";
            s += kHex[c >> 4];
            s += kHex[c & 15];
        } else {
            s += static_cast<char>(c);
        }
    }
    if (cut < v.bytes.size()) s += "…";
    s += "'";
    return s;
}

void ColumnStats::observe(const ast::Value& v, std::uint64_t line) {
    const int c = static_cast<int>(v.storage);
    if (count[c]++ == 0) {
        first_line[c] = line;
        if (v.storage != ast::StorageClass::Null) first_value[c] = value_sample(v);
    }
    switch (v.storage) {
        case ast::StorageClass::Null:
            break;
        case ast::StorageClass::Integer: {
            if (v.integer < min_integer) min_integer = v.integer;
            if (v.integer > max_integer) max_integer = v.integer;
            if (v.integer != 0 && v.integer != 1) integers_are_boolean = false;
            constexpr std::int64_t kExactDouble = std::int64_t{1} << 53;
            if (v.integer > kExactDouble || v.integer < -kExactDouble) integers_fit_double = false;
            if (check == ValueCheck::NumericTypmod) check_number(v, line);
            break;
        }
        case ast::StorageClass::Real:
            if (std::isinf(v.real)) ++infinities;
            if (check == ValueCheck::NumericTypmod) check_number(v, line);
            break;
        case ast::StorageClass::Text:
            if (v.bytes.size() > max_bytes) max_bytes = v.bytes.size();
            if (!is_postgres_text(v.bytes)) {
                if (bad_texts++ == 0) {
                    first_bad_text_line = line;
                    first_bad_text = value_sample(v);
                }
                text_is_postgres_text = false;
                break;
            }
            if (check != ValueCheck::None && check != ValueCheck::NumericTypmod) check_text(v, line);
            if (length_limit > 0) {
                // No more characters than bytes: only long values need counting.
                if (v.bytes.size() > length_limit && utf8_length(v.bytes) > length_limit && over_length++ == 0)
                    first_over_length_line = line;
                if (!v.bytes.empty() && v.bytes.back() == ' ' && trailing_spaces++ == 0) first_trailing_space_line = line;
            }
            break;
        case ast::StorageClass::Blob:
            if (v.bytes.size() > max_bytes) max_bytes = v.bytes.size();
            if (blobs_are_postgres_text && !is_postgres_text(v.bytes)) blobs_are_postgres_text = false;
            break;
    }
}

void ColumnStats::check_text(const ast::Value& v, std::uint64_t line) {
    switch (temporal_fit(check, v.bytes)) {
        case Fit::Exact: return;
        case Fit::SameMeaning:
            if (accept_same_meaning) {
                ++reformatted;
                return;
            }
            break;
        case Fit::No: break;
    }
    misfit(v, line);
}

void ColumnStats::check_number(const ast::Value& v, std::uint64_t line) {
    if (v.storage == ast::StorageClass::Real && !std::isfinite(v.real)) return misfit(v, line);
    DecimalDigits d = v.storage == ast::StorageClass::Integer ? decimal_digits(v.integer) : decimal_digits(v.real);
    if (d.fraction > typmod.scale || d.integer > typmod.precision - typmod.scale) misfit(v, line);
}

void ColumnStats::misfit(const ast::Value& v, std::uint64_t line) {
    if (misfits++ == 0) {
        first_misfit_line = line;
        first_misfit = value_sample(v);
    }
}

std::uint64_t ColumnStats::non_null() const {
    return count[1] + count[2] + count[3] + count[4];
}

void repair_invalid_text(ast::Value& v, ColumnStats& stats, std::uint64_t line) {
    if (v.storage != ast::StorageClass::Text || is_postgres_text(v.bytes)) return;
    if (stats.replaced_texts++ == 0) stats.first_replaced_line = line;
    v.bytes = replace_invalid_utf8(v.bytes);
}

}  // namespace sqlite2pg::passes
