#pragma once
// Checks of one value's exact form against what a PostgreSQL type would store and print back for it
// (postgres-semantics.md §1.5). Each check reads the value's bytes only: no allocation, so they can run on
// every value of a column whose declared type asks for them.
#include <cstdint>
#include <string>
#include <string_view>

namespace sqlite2pg::passes {

/// How a value fits a PostgreSQL type.
enum class Fit : std::uint8_t {
    No,           ///< rejected, or read as something else ('now', '24:00:00', '2020-02-30', an offset dropped)
    SameMeaning,  ///< read with the same meaning but printed differently ('2020-01-01T10:00' → '… 10:00:00')
    Exact,        ///< printed back byte for byte as it was written
};

/// How `text` fits `timestamp`: `YYYY-MM-DD HH:MM:SS[.ffffff]` is exact when the fraction has no trailing zero;
/// a `T` separator, a missing seconds field, a trailing zero or a date alone keep the meaning. Anything with an
/// offset (it would be dropped), more than 6 fractional digits (rounded), hour 24 or second 60 (rolled over), an
/// invalid date, year 0 or a word ('now', 'epoch', 'infinity') does not fit.
Fit timestamp_fit(std::string_view text);
/// How `text` fits `timestamptz` with the session time zone UTC: the forms timestamp_fit() accepts, plus a `Z`
/// or `±HH:MM` offset; never exact (PostgreSQL prints `+00`), a value without an offset is taken as UTC.
Fit timestamptz_fit(std::string_view text);
/// How `text` fits `date`: exact for a valid `YYYY-MM-DD` (year 1–9999), otherwise no (a time part would be
/// dropped).
Fit date_fit(std::string_view text);
/// How `text` fits `time`: `HH:MM:SS[.ffffff]` is exact (no trailing fractional zero), `HH:MM` keeps the meaning;
/// hour 24, second 60 and more than 6 fractional digits do not fit.
Fit time_fit(std::string_view text);
/// Whether `text` (valid UTF-8) is a JSON text PostgreSQL's `json` accepts and keeps as written: RFC 8259 values
/// with any top-level kind, nesting at most 1000 deep, no unpaired UTF-16 surrogate escapes.
bool is_json_text(std::string_view text);
/// Whether `text` is a UUID in the one form PostgreSQL prints: 36 characters, lower-case hex, hyphens at
/// 8-4-4-4-12.
bool is_canonical_uuid(std::string_view text);

/// The decimal digits a number needs in a `numeric(p,s)` column: before and after the decimal point.
struct DecimalDigits {
    int integer = 0;
    int fraction = 0;
};
/// Digits of `v` in its shortest round-trip decimal form (0.1 → {0,1}, 1e20 → {21,0}). Only for finite `v`.
DecimalDigits decimal_digits(double v);
/// Digits of `v` (12345 → {5,0}; 0 → {0,0}).
DecimalDigits decimal_digits(std::int64_t v);

/// Number of Unicode characters in valid UTF-8 `text` (what PostgreSQL's char_length counts).
std::size_t utf8_length(std::string_view text);

/// `bytes` with every byte sequence PostgreSQL text rejects (invalid UTF-8, NUL) replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view bytes);

}  // namespace sqlite2pg::passes
