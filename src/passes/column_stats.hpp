#pragma once
// What the staged rows of a table show about each column: which storage classes occur and whether the
// values fit the PostgreSQL type the declared type (or a --cast rule) asks for. Type choice reads only these.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "ast/value.hpp"
#include "pg/types.hpp"

namespace sqlite2pg::passes {

/// The form every value must have for the column's intended type, beyond its storage class. Chosen before
/// the rows arrive, so that a value is only checked for what its column may become.
enum class ValueCheck : std::uint8_t { None, Timestamp, Timestamptz, Date, Time, Json, Uuid, NumericTypmod };

/// Per-column facts gathered while a table's rows stream by. Updated once per value on the fast path,
/// so it does no allocation except the first time a column shows a value of each kind it keeps a sample of.
struct ColumnStats {
    std::array<std::uint64_t, 5> count{};       ///< values seen, by StorageClass
    std::array<std::uint64_t, 5> first_line{};  ///< dump line of the first value of each class (0: none)
    std::array<std::string, 5> first_value{};   ///< that value, shortened, for reports
    std::int64_t min_integer = std::numeric_limits<std::int64_t>::max();
    std::int64_t max_integer = std::numeric_limits<std::int64_t>::min();
    bool integers_are_boolean = true;    ///< every INTEGER is 0 or 1
    bool integers_fit_double = true;     ///< every INTEGER is exactly representable as a double (|i| ≤ 2^53)
    std::uint64_t infinities = 0;        ///< REALs that are ±Infinity (no numeric before PostgreSQL 14)
    /// Finite REALs that numeric prints otherwise than they are written (integral ones lose their `.0`, those
    /// written with an exponent are printed without), so that a numeric column cannot give their text back.
    std::uint64_t reals_numeric_respells = 0;
    bool text_is_postgres_text = true;   ///< every TEXT is valid UTF-8 without NUL
    bool blobs_are_postgres_text = true; ///< every BLOB would also be valid PostgreSQL text
    std::uint64_t bad_texts = 0;         ///< TEXT values that are not valid UTF-8 or hold NUL
    std::uint64_t first_bad_text_line = 0;
    std::string first_bad_text;          ///< the first of them, shortened
    std::uint64_t replaced_texts = 0;    ///< TEXT values repaired by --invalid-utf8 replace
    std::uint64_t first_replaced_line = 0;
    std::size_t max_bytes = 0;           ///< longest TEXT or BLOB value

    // The intended type's value check (set before the rows arrive).
    ValueCheck check = ValueCheck::None;
    bool accept_same_meaning = false;    ///< a --cast rule: values read with the same meaning fit too
    pg::NumericTypmod typmod;            ///< for ValueCheck::NumericTypmod
    std::uint64_t misfits = 0;           ///< values the check rejects
    std::uint64_t first_misfit_line = 0;
    std::string first_misfit;            ///< the first of them, shortened
    std::uint64_t reformatted = 0;       ///< values that fit with their meaning but print differently

    // Declared lengths (VARCHAR(n), CHAR(n)): reported, never enforced.
    std::uint64_t length_limit = 0;      ///< n, 0 when the declared type has none
    std::uint64_t over_length = 0;       ///< TEXT values longer than n characters
    std::uint64_t first_over_length_line = 0;
    std::uint64_t trailing_spaces = 0;   ///< TEXT values ending in a space
    std::uint64_t first_trailing_space_line = 0;

    /// Takes one value into account (dispatches to the observe_* below).
    void observe(const ast::Value& v, std::uint64_t line);
    /// A NULL.
    void observe_null(std::uint64_t line) { count_first(ast::StorageClass::Null, line); }
    /// An INTEGER. (Inline: most values of a dump are integers; the first one's sample and a typmod check go
    /// out of line.)
    void observe_integer(std::int64_t i, std::uint64_t line) {
        constexpr std::int64_t kExactDouble = std::int64_t{1} << 53;
        if (count_first(ast::StorageClass::Integer, line)) sample_first_integer(i);
        if (i < min_integer) min_integer = i;
        if (i > max_integer) max_integer = i;
        if (i != 0 && i != 1) integers_are_boolean = false;
        if (i > kExactDouble || i < -kExactDouble) integers_fit_double = false;
        if (check == ValueCheck::NumericTypmod) check_integer_typmod(i, line);
    }
    void observe_real(double d, std::uint64_t line);
    /// Whether observe_real() needs the REAL itself: for the first one's sample and under a numeric typmod
    /// check. Otherwise observe_real_shape() is enough, so a caller holding its digits need not read it.
    bool wants_real_value() const {
        return count[static_cast<int>(ast::StorageClass::Real)] == 0 || check == ValueCheck::NumericTypmod;
    }
    /// A finite REAL known by its shape (when wants_real_value() is false): `numeric_respells` is whether
    /// numeric prints it otherwise than it is written (it is integral, or written with an exponent).
    void observe_real_shape(bool numeric_respells, std::uint64_t line);
    /// A TEXT value; `bytes` are its contents. `plain_ascii`: the caller knows them to be ASCII other than NUL,
    /// so they need no check that they are valid PostgreSQL text. (Inline for the commonest text, plain ASCII
    /// in a column that checks nothing else; any other goes out of line.)
    void observe_text(std::string_view bytes, std::uint64_t line, bool plain_ascii = false) {
        auto& texts = count[static_cast<std::size_t>(ast::StorageClass::Text)];
        if (!plain_ascii || texts == 0 || check != ValueCheck::None || length_limit != 0) {
            observe_any_text(bytes, line, plain_ascii);
            return;
        }
        ++texts;
        if (bytes.size() > max_bytes) max_bytes = bytes.size();
    }
    /// Whether observe_blob() needs the blob's bytes: for the first blob's sample, and while every blob so far
    /// would also be valid text. Otherwise its size is enough, so a caller holding hex digits need not decode.
    bool wants_blob_bytes() const { return count[static_cast<int>(ast::StorageClass::Blob)] == 0 || blobs_are_postgres_text; }
    /// A BLOB of `size` bytes: `bytes` are its contents, or may be empty when wants_blob_bytes() is false.
    void observe_blob(std::size_t size, std::string_view bytes, std::uint64_t line);

    /// A ColumnStats with this one's checks (check, accept_same_meaning, typmod, length_limit) and nothing
    /// observed: what a stretch of the column's values is measured with apart from the rest (merge()).
    ColumnStats fresh() const;
    /// Takes in the values `later` observed (fresh() from this one's checks), as if they had been observed
    /// here after this one's: counts add up, the first line and sample of each kind stay the earliest.
    /// `line_offset` is added to the lines `later` recorded (it counted them from another line than the dump's first).
    void merge(const ColumnStats& later, std::uint64_t line_offset = 0);

    /// Whether two have observed alike (every field the same).
    friend bool operator==(const ColumnStats&, const ColumnStats&) = default;

    std::uint64_t of(ast::StorageClass c) const { return count[static_cast<int>(c)]; }
    std::uint64_t line_of(ast::StorageClass c) const { return first_line[static_cast<int>(c)]; }
    const std::string& sample_of(ast::StorageClass c) const { return first_value[static_cast<int>(c)]; }
    std::uint64_t non_null() const;

private:
    /// Counts a value of class `c`; true for the first one (whose line and sample the caller then records).
    bool count_first(ast::StorageClass c, std::uint64_t line) {
        const auto index = static_cast<std::size_t>(c);
        if (count[index]++ != 0) return false;
        first_line[index] = line;
        return true;
    }
    /// observe_integer()'s out-of-line parts: the first INTEGER's sample, and the numeric typmod check.
    void sample_first_integer(std::int64_t i);
    void check_integer_typmod(std::int64_t i, std::uint64_t line);
    /// observe_text() for any TEXT value.
    void observe_any_text(std::string_view bytes, std::uint64_t line, bool plain_ascii);
    void check_text(std::string_view bytes, std::uint64_t line);
    /// Whether a number with these digits before and after the point fits `typmod`.
    bool fits_typmod(int integer_digits, int fraction_digits) const;
    /// Counts a value the check rejects; `sample` makes its report sample (only called for the first).
    template <class Sample>
    void misfit(std::uint64_t line, Sample sample) {
        if (misfits++ == 0) {
            first_misfit_line = line;
            first_misfit = sample();
        }
    }
};

/// Under `--invalid-utf8 replace`: a TEXT value PostgreSQL would reject gets U+FFFD for each bad byte, and
/// `stats` counts it. Called before observe().
void repair_invalid_text(ast::Value& v, ColumnStats& stats, std::uint64_t line);

/// A short printable form of `v` for reports: numbers as decimals, text quoted and cut at 40 bytes, blobs
/// as X'…', bytes outside printable ASCII and UTF-8 escaped as \xHH.
std::string value_sample(const ast::Value& v);

}  // namespace sqlite2pg::passes
