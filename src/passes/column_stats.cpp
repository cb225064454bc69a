#include "passes/column_stats.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

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

/// value_sample() of a REAL.
std::string real_sample(double d) {
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (std::isnan(d)) return "NaN";
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, d).ptr);
}

/// value_sample() of a TEXT (or, with `blob`, BLOB) value with contents `all`.
std::string bytes_sample(std::string_view all, bool blob) {
    std::string s = blob ? "X'" : "'";
    std::size_t cut = std::min(all.size(), kSampleBytes);
    // Never cut a character in two: the sample goes into comments of a UTF-8 script.
    while (cut > 0 && cut < all.size() && (static_cast<unsigned char>(all[cut]) & 0xC0) == 0x80) --cut;
    const std::string_view bytes(all.data(), cut);
    constexpr char kHex[] = "0123456789abcdef";
    const bool valid = blob || is_postgres_text(all);
    for (unsigned char c : bytes) {
        if (blob) {
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
    if (cut < all.size()) s += "…";
    s += "'";
    return s;
}

}  // namespace

std::string value_sample(const ast::Value& v) {
    switch (v.storage) {
        case ast::StorageClass::Null: return "NULL";
        case ast::StorageClass::Integer: return std::to_string(v.integer);
        case ast::StorageClass::Real: return real_sample(v.real);
        case ast::StorageClass::Text: return bytes_sample(v.bytes, false);
        case ast::StorageClass::Blob: return bytes_sample(v.bytes, true);
    }
    return {};
}

void ColumnStats::observe(const ast::Value& v, std::uint64_t line) {
    switch (v.storage) {
        case ast::StorageClass::Null: return observe_null(line);
        case ast::StorageClass::Integer: return observe_integer(v.integer, line);
        case ast::StorageClass::Real: return observe_real(v.real, line);
        case ast::StorageClass::Text: return observe_text(v.bytes, line);
        case ast::StorageClass::Blob: return observe_blob(v.bytes.size(), v.bytes, line);
    }
}

void ColumnStats::sample_first_integer(std::int64_t i) { first_value[1] = std::to_string(i); }

void ColumnStats::check_integer_typmod(std::int64_t i, std::uint64_t line) {
    const DecimalDigits d = decimal_digits(i);
    if (!fits_typmod(d.integer, d.fraction)) misfit(line, [&] { return std::to_string(i); });
}

void ColumnStats::observe_real_shape(bool numeric_respells, std::uint64_t line) {
    count_first(ast::StorageClass::Real, line);
    if (numeric_respells) ++reals_numeric_respells;
}

void ColumnStats::observe_real(double d, std::uint64_t line) {
    if (of(ast::StorageClass::Real) == 0) first_value[2] = real_sample(d);
    if (std::isinf(d)) {
        count_first(ast::StorageClass::Real, line);
        ++infinities;
    } else {
        observe_real_shape(d == std::trunc(d) || pg::float8_prints_exponent(d), line);
    }
    if (check == ValueCheck::NumericTypmod) {
        bool fits = std::isfinite(d);
        if (fits) {
            const DecimalDigits digits = decimal_digits(d);
            fits = fits_typmod(digits.integer, digits.fraction);
        }
        if (!fits) misfit(line, [&] { return real_sample(d); });
    }
}

void ColumnStats::observe_any_text(std::string_view bytes, std::uint64_t line, bool plain_ascii) {
    if (count_first(ast::StorageClass::Text, line)) first_value[3] = bytes_sample(bytes, false);
    if (bytes.size() > max_bytes) max_bytes = bytes.size();
    if (!plain_ascii && !is_postgres_text(bytes)) {
        if (bad_texts++ == 0) {
            first_bad_text_line = line;
            first_bad_text = bytes_sample(bytes, false);
        }
        text_is_postgres_text = false;
        return;
    }
    if (check != ValueCheck::None && check != ValueCheck::NumericTypmod) check_text(bytes, line);
    if (length_limit > 0) {
        // No more characters than bytes: only long values need counting.
        if (bytes.size() > length_limit && utf8_length(bytes) > length_limit && over_length++ == 0)
            first_over_length_line = line;
        if (!bytes.empty() && bytes.back() == ' ' && trailing_spaces++ == 0) first_trailing_space_line = line;
    }
}

void ColumnStats::observe_blob(std::size_t size, std::string_view bytes, std::uint64_t line) {
    if (count_first(ast::StorageClass::Blob, line)) first_value[4] = bytes_sample(bytes, true);
    if (size > max_bytes) max_bytes = size;
    if (blobs_are_postgres_text && !is_postgres_text(bytes)) blobs_are_postgres_text = false;
}

void ColumnStats::check_text(std::string_view bytes, std::uint64_t line) {
    switch (temporal_fit(check, bytes)) {
        case Fit::Exact: return;
        case Fit::SameMeaning:
            if (accept_same_meaning) {
                ++reformatted;
                return;
            }
            break;
        case Fit::No: break;
    }
    misfit(line, [&] { return bytes_sample(bytes, false); });
}

bool ColumnStats::fits_typmod(int integer_digits, int fraction_digits) const {
    return fraction_digits <= typmod.scale && integer_digits <= typmod.precision - typmod.scale;
}

ColumnStats ColumnStats::fresh() const {
    ColumnStats s;
    s.check = check;
    s.accept_same_meaning = accept_same_meaning;
    s.typmod = typmod;
    s.length_limit = length_limit;
    return s;
}

namespace {

/// merge()'s rule for a count with the line (and maybe sample) of its first occurrence: the earlier stretch's
/// first stays first.
template <class... Firsts>
void merge_counted(std::uint64_t& count, std::uint64_t later_count, std::pair<Firsts&, const Firsts&>... firsts) {
    if (count == 0 && later_count != 0) ((firsts.first = firsts.second), ...);
    count += later_count;
}

/// A line `later` recorded, as a line of the dump.
std::uint64_t shifted(std::uint64_t line, std::uint64_t line_offset) { return line == 0 ? 0 : line + line_offset; }

}  // namespace

void ColumnStats::merge(const ColumnStats& later, std::uint64_t line_offset) {
    if (line_offset != 0) {
        ColumnStats shifted_later = later;
        for (std::uint64_t& line : shifted_later.first_line) line = shifted(line, line_offset);
        for (std::uint64_t* line : {&shifted_later.first_bad_text_line, &shifted_later.first_replaced_line,
                                    &shifted_later.first_misfit_line, &shifted_later.first_over_length_line,
                                    &shifted_later.first_trailing_space_line})
            *line = shifted(*line, line_offset);
        merge(shifted_later);
        return;
    }
    for (std::size_t c = 0; c < count.size(); ++c)
        merge_counted<std::uint64_t, std::string>(count[c], later.count[c], {first_line[c], later.first_line[c]},
                                                  {first_value[c], later.first_value[c]});
    min_integer = std::min(min_integer, later.min_integer);
    max_integer = std::max(max_integer, later.max_integer);
    integers_are_boolean = integers_are_boolean && later.integers_are_boolean;
    integers_fit_double = integers_fit_double && later.integers_fit_double;
    infinities += later.infinities;
    reals_numeric_respells += later.reals_numeric_respells;
    text_is_postgres_text = text_is_postgres_text && later.text_is_postgres_text;
    blobs_are_postgres_text = blobs_are_postgres_text && later.blobs_are_postgres_text;
    merge_counted<std::uint64_t, std::string>(bad_texts, later.bad_texts, {first_bad_text_line, later.first_bad_text_line},
                                              {first_bad_text, later.first_bad_text});
    merge_counted<std::uint64_t>(replaced_texts, later.replaced_texts, {first_replaced_line, later.first_replaced_line});
    max_bytes = std::max(max_bytes, later.max_bytes);
    merge_counted<std::uint64_t, std::string>(misfits, later.misfits, {first_misfit_line, later.first_misfit_line},
                                              {first_misfit, later.first_misfit});
    reformatted += later.reformatted;
    merge_counted<std::uint64_t>(over_length, later.over_length, {first_over_length_line, later.first_over_length_line});
    merge_counted<std::uint64_t>(trailing_spaces, later.trailing_spaces,
                                 {first_trailing_space_line, later.first_trailing_space_line});
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
