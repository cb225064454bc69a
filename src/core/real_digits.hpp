#pragma once
// The shortest decimal digits of a double, found without the general algorithm for the doubles most data
// holds: those that read back from at most 15 significant digits (prices, measures, 0.1). std::to_chars
// finds the same digits for every double but costs several hundred instructions a value; this costs a
// multiplication, a division and a comparison, and declines (std::nullopt) whatever it cannot prove. For a
// real still in its literal's text, the digits come from the text, without reading the double at all. In
// core because two layers need it: the INSERT scanner finds a literal's digits (on the splitting thread, which
// has less to do than the converting one) and the printer spells them.
#include <cstdint>
#include <optional>
#include <string_view>

namespace sqlite2pg::real_digits {

/// A positive double as d₁.d₂…dₙ × 10^exponent with n ≤ 15, dₙ ≠ 0 and −7 ≤ exponent ≤ 14.
struct DecimalDigits {
    char digits[16];  ///< ASCII digits, the first `count` used
    int count = 0;
    int exponent = 0;  ///< the decimal exponent of the first digit: −7 … 14 from both functions below

    /// Whether the value is a whole number (no digit after the point).
    bool integral() const { return exponent >= count - 1; }
    /// pg::float8_prints_exponent() of the value: whether PostgreSQL's float8 output uses an exponent for it.
    bool float8_prints_exponent() const { return exponent < -4 || exponent >= 15; }
};

/// The shortest digits that read back as exactly `magnitude` (which must be positive and finite), when there
/// are at most 15 of them and 1e-7 ≤ magnitude < 1e15; otherwise std::nullopt. They are then the digits
/// std::to_chars gives: two decimals of at most 15 significant digits differ by at least 1e-15 of their
/// value, while the decimals that read back as one double lie within 2.3e-16 of it, so at most one of them
/// reads back as `magnitude`, and no shorter one can either (padded with zeros it would be a second one).
std::optional<DecimalDigits> fifteen_digit_shortest(double magnitude);

/// Shortest digits not yet written out: the value is `significand` × 10^−`scale`, where `significand`
/// (0 < significand ≤ 10^15) holds them followed by zeros up to fifteen digits. Compact enough to travel in
/// a scanned value (parse::ValueRef).
struct ScaledDigits {
    std::uint64_t significand = 0;
    int scale = 0;  ///< 0 … 21, from the exponent range of DecimalDigits
};

/// The digits of `scaled` (as found by literal_shortest()), without the zeros that end its significand.
DecimalDigits decimal_digits(ScaledDigits scaled);

/// Where a literal's shortest spelling lies in its own text: nearly always a prefix of it (`32284.89` of
/// `32284.889999999999417`), its last digit one more when the digits cut off round up, and zeros after it
/// up to the point in a whole number (`1500.0` of `1499.9999999999999999`). Written out by
/// emit::write_literal_cut(); four bytes, so that it travels in a scanned value (parse::ValueRef).
struct LiteralCut {
    std::uint8_t length = 0;      ///< bytes of the spelling, or 0: none (its spelling has an exponent)
    std::uint8_t point = 0;       ///< where its `.` is
    std::uint8_t zeros_from = 0;  ///< the text's digits are `0`s from here up to the length
    std::uint8_t flags = 0;       ///< kRoundUp, kIntegral

    static constexpr std::uint8_t kRoundUp = 1;   ///< the digit before zeros_from is one more than the text's
    static constexpr std::uint8_t kIntegral = 2;  ///< DecimalDigits::integral() of the value
};

/// What literal_shortest() finds: the shortest digits, and where they are in the literal's text.
struct LiteralShortest {
    ScaledDigits scaled;
    LiteralCut cut;
};

/// The shortest digits of the double nearest to `literal` (those std::to_chars finds), when they number at
/// most 15, found from the literal's text without reading the double (decimal_digits() writes them out).
/// `literal` is unsigned digits, a point and digits (`37.350000000000001421`, sqlite3's 20-digit spelling of
/// 37.35). The literal rounded to 15 significant digits is the candidate, and it is proven to read back as
/// the same double as the literal (both lie within half a unit in the last place of one double);
/// std::nullopt when that cannot be shown quickly, when the literal has more than 20 significant digits
/// that are not zeros, when it is zero, when the value is outside 1e-7 ≤ v < 1e15, or when the literal is
/// not of that form. `padded`: byte_vectors::kPadding bytes after the literal may be read; only then is the
/// cut found (its length is 0 otherwise, and whenever the digits are spelt with an exponent or the text
/// starts with a zero that is not the spelling's).
std::optional<LiteralShortest> literal_shortest(std::string_view literal, bool padded);

}  // namespace sqlite2pg::real_digits
