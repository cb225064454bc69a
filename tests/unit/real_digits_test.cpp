// The fast shortest-digits path for reals (core/real_digits.hpp) against std::to_chars, the general algorithm
// it stands in for: the same digits and the same layout, for both spellings of a real.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/byte_vectors.hpp"
#include "core/real_digits.hpp"
#include "emit/value_format.hpp"
#include "parse/dump_values.hpp"
#include "pg/types.hpp"

namespace sqlite2pg::emit {
namespace {

using real_digits::DecimalDigits;
using real_digits::fifteen_digit_shortest;

/// literal_shortest() written out, as the converter writes the digits the scanner found, for a literal whose
/// bytes after it may not be read.
std::optional<DecimalDigits> literal_shortest(std::string_view literal) {
    const auto found = real_digits::literal_shortest(literal, false);
    if (!found) return std::nullopt;
    CHECK(found->cut.length == 0);
    return real_digits::decimal_digits(found->scaled);
}

/// literal_shortest() of `literal` followed by byte_vectors::kPadding bytes of `padding`, as a statement
/// holds it (digits there must not be taken for the literal's).
std::optional<real_digits::LiteralShortest> padded_shortest(const std::string& literal, char padding) {
    const std::string padded = literal + std::string(byte_vectors::kPadding, padding);
    return real_digits::literal_shortest(std::string_view(padded.data(), literal.size()), true);
}

/// write_literal_cut() of `found`'s cut of `literal` (padded with `#`), negative when `negative`, checking
/// that it stores nothing past kRealSpellingRoom bytes.
std::string cut_spelling(const std::string& literal, const real_digits::LiteralShortest& found, bool negative) {
    const std::string padded = literal + std::string(byte_vectors::kPadding, '#');
    char buf[kRealSpellingRoom + 8];
    std::memset(buf, '#', sizeof buf);
    const std::string spelt(buf, write_literal_cut(buf, negative, padded.data(), found.cut));
    CHECK(std::string_view(buf + kRealSpellingRoom, 8) == "########");
    return spelt;
}

/// `.0` after digits that would read as an integer, as write_real_number and append_real_text keep it.
std::string keep_real(std::string s) {
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

/// PostgreSQL's spelling of the reals that have no digits.
std::string non_finite(double d) { return std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"; }

/// What write_real_number writes, by std::to_chars alone.
std::string reference_number(double d) {
    if (!std::isfinite(d)) return non_finite(d);
    char buf[64];
    return keep_real(std::string(buf, std::to_chars(buf, buf + sizeof buf, d).ptr));
}

/// What append_real_text appends, by std::to_chars alone.
std::string reference_text(double d) {
    if (!std::isfinite(d)) return non_finite(d);
    char buf[64];
    const auto format = pg::float8_prints_exponent(d) ? std::chars_format::scientific : std::chars_format::fixed;
    return keep_real(std::string(buf, std::to_chars(buf, buf + sizeof buf, d, format).ptr));
}

/// What write_real_number() writes for `d`, checking that it stores nothing past kRealSpellingRoom bytes.
std::string number(double d) {
    char buf[kRealSpellingRoom + 8];
    std::memset(buf, '#', sizeof buf);
    const std::string spelt(buf, write_real_number(buf, d));
    CHECK(std::string_view(buf + kRealSpellingRoom, 8) == "########");
    return spelt;
}

std::string text(double d) {
    std::string out;
    append_real_text(out, d);
    return out;
}

double parse(const std::string& s) {
    double d = 0;
    std::from_chars(s.data(), s.data() + s.size(), d);
    return d;
}

}  // namespace

TEST_CASE("fifteen_digit_shortest: the digits of reals that 15 digits give, nothing for others") {
    auto digits_of = [](double d) {
        const auto got = fifteen_digit_shortest(d);
        return got ? std::string(got->digits, static_cast<std::size_t>(got->count)) + "e" + std::to_string(got->exponent)
                   : std::string("none");
    };
    CHECK(digits_of(0.1) == "1e-1");
    CHECK(digits_of(123.456) == "123456e2");
    CHECK(digits_of(56431.699999999997089) == "564317e4");
    CHECK(digits_of(1500.0) == "15e3");
    CHECK(digits_of(1e-7) == "1e-7");
    CHECK(digits_of(999999999999999.0) == "999999999999999e14");
    CHECK(digits_of(0.1 + 0.2) == "none");            // 0.30000000000000004: 17 digits
    CHECK(digits_of(1.0 / 3.0) == "none");            // 16 digits
    CHECK(digits_of(1e15) == "none");                 // outside the range handled
    CHECK(digits_of(9.99e-8) == "none");
    CHECK(digits_of(std::nextafter(1.0, 2.0)) == "none");
}

TEST_CASE("write_real_number and append_real_text spell every real as std::to_chars does") {
    std::vector<double> values = {1.0, 0.5, 0.25, 3.0, 100.0, 1e14, 1e-4, 1e-5, 1.5e-5, 0.0001234, 123456789012345.0,
                                  12345678901234.5, 0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0, 37.350000000000001421,
                                  924.96000000000003641, 0.0, -0.0, 1e15, 1e16, 1e300, 5e-324,
                                  std::numeric_limits<double>::max(), std::numeric_limits<double>::infinity(),
                                  std::numeric_limits<double>::quiet_NaN()};
    // Powers of ten and their neighbours, where the exponent and the layout change.
    for (int e = -10; e <= 17; ++e) {
        const double p = parse("1e" + std::to_string(e));
        for (double v : {p, std::nextafter(p, 0.0), std::nextafter(p, 1e300), 9.5 * p, 9.99999999999999 * p})
            values.push_back(v);
    }
    std::mt19937_64 random(20261126);
    // Decimals of 1 to 17 significant digits at scales from 1e-12 to 1e17: what data holds.
    for (int i = 0; i < 200000; ++i) {
        const int count = 1 + static_cast<int>(random() % 17);
        std::string digits = std::to_string(1 + random() % 9);
        for (int k = 1; k < count; ++k) digits += static_cast<char>('0' + random() % 10);
        const int exponent = static_cast<int>(random() % 30) - 12 - count;
        values.push_back(parse(digits + "e" + std::to_string(exponent)));
    }
    // Arbitrary doubles between 1e-9 and 1e17.
    std::uniform_real_distribution<double> log_scale(-9.0, 17.0);
    for (int i = 0; i < 200000; ++i) values.push_back(std::pow(10.0, log_scale(random)));
    std::size_t fast = 0;
    for (double v : values) {
        for (double d : {v, -v}) {
            CAPTURE(d);
            REQUIRE(number(d) == reference_number(d));
            REQUIRE(text(d) == reference_text(d));
            if (d > 0 && fifteen_digit_shortest(d)) ++fast;
        }
    }
    // Both kinds were met: the decimals mostly take the fast path, the arbitrary doubles mostly not.
    CHECK(fast > 100000);
    CHECK(fast < values.size() - 100000);
}

namespace {

/// `d` as printf's %.<precision>f or %.<precision>g spells it, kept in the `digits.digits` form the scanner
/// hands to literal_shortest (empty when printf uses an exponent or drops the point).
std::string plain_spelling(double d, int precision, char conversion) {
    char buf[512];
    const char format[] = {'%', '.', '*', conversion, '\0'};
    std::snprintf(buf, sizeof buf, format, precision, d);
    const std::string s(buf);
    if (s.find_first_of("eE") != std::string::npos || s.find('.') == std::string::npos) return {};
    return s;
}

/// What the converter writes for an unsigned decimal literal: by literal_shortest when it answers, else from
/// the double read the general way. Counts the answers in `fast`.
std::string spelt_from_literal(const std::string& literal, std::size_t& fast) {
    char buf[kRealSpellingRoom + 8];
    std::memset(buf, '#', sizeof buf);
    if (const std::optional<DecimalDigits> digits = literal_shortest(literal)) {
        ++fast;
        // After a sign, which takes one byte of the room.
        const std::string spelt(buf, write_real_digits(buf, false, *digits));
        CHECK(std::string_view(buf + kRealSpellingRoom - 1, 9) == "#########");
        return spelt;
    }
    return number(parse::decimal_value(literal));
}

}  // namespace

TEST_CASE("literal_shortest: the shortest digits of a literal's double, read from its text") {
    auto digits_of = [](const std::string& literal) {
        const auto got = literal_shortest(literal);
        return got ? std::string(got->digits, static_cast<std::size_t>(got->count)) + "e" + std::to_string(got->exponent)
                   : std::string("none");
    };
    // sqlite3's spellings (20 significant digits) of 37.35, 924.96, 56431.7, 0.57, 0.36 and 0.1.
    CHECK(digits_of("37.350000000000001421") == "3735e1");
    CHECK(digits_of("924.96000000000003641") == "92496e2");
    CHECK(digits_of("56431.699999999997089") == "564317e4");
    CHECK(digits_of("0.56999999999999995115") == "57e-1");
    CHECK(digits_of("0.35999999999999998667") == "36e-1");
    CHECK(digits_of("0.10000000000000000555") == "1e-1");
    // Short literals are their own shortest digits; zeros around them are not digits.
    CHECK(digits_of("1500.0") == "15e3");
    CHECK(digits_of("007.250") == "725e0");
    CHECK(digits_of("0.0000001") == "1e-7");
    CHECK(digits_of("999999999999999.0") == "999999999999999e14");
    CHECK(digits_of("123456789012345.0") == "123456789012345e14");
    // Declined: doubles that need 16 or 17 digits, zero, values outside 1e-7 ≤ v < 1e15, more than 20
    // significant digits that are not zeros, halfway candidates, and anything not `digits.digits`.
    CHECK(digits_of("0.30000000000000004441") == "none");  // 0.1 + 0.2
    CHECK(digits_of("0.33333333333333331483") == "none");  // 1 / 3
    CHECK(digits_of("0.0") == "none");
    CHECK(digits_of("000.000") == "none");
    CHECK(digits_of("0.00000009999") == "none");
    CHECK(digits_of("1000000000000000.0") == "none");
    CHECK(digits_of("1.000000000000000000001") == "none");
    CHECK(digits_of("1.00000000000000000000000") == "1e0");
    CHECK(digits_of("1.00000000000000050000") == "none");
    CHECK(digits_of("12") == "none");
    CHECK(digits_of("1.2.3") == "none");
    CHECK(digits_of("1.2x") == "none");
    CHECK(digits_of("1.23456789x123456") == "none");
    CHECK(digits_of("") == "none");
}

TEST_CASE("literal_shortest: the spelling cut from the literal's text") {
    auto cut_of = [](const std::string& literal) {
        const auto found = padded_shortest(literal, '#');
        if (!found) return std::string("none");
        if (found->cut.length == 0) return std::string("no cut");
        const bool integral = (found->cut.flags & real_digits::LiteralCut::kIntegral) != 0;
        return cut_spelling(literal, *found, false) + (integral ? " integral" : "");
    };
    CHECK(cut_of("32284.889999999999417") == "32284.89");        // the digits cut off round down
    CHECK(cut_of("332.68999999999999772") == "332.69");          // up: the last digit kept is one more
    CHECK(cut_of("0.10000000000000000555") == "0.1");
    CHECK(cut_of("0.0015") == "0.0015");
    CHECK(cut_of("1.50") == "1.5");
    CHECK(cut_of("42.0") == "42.0 integral");
    CHECK(cut_of("1500.0000000000000001") == "1500.0 integral");
    CHECK(cut_of("1499.9999999999999999") == "1500.0 integral");  // zeros from the carried digit to the point
    CHECK(cut_of("19.999999999999999999") == "20.0 integral");
    CHECK(cut_of("123456789012345.00001") == "123456789012345.0 integral");  // digits after the point dropped
    CHECK(cut_of("999999999999999.0") == "999999999999999.0 integral");
    // Spelt with an exponent (1e+14, 1e-05) or not starting as the text does (7.25): the digits only.
    CHECK(cut_of("100000000000000.0") == "no cut");
    CHECK(cut_of("0.00001") == "no cut");
    CHECK(cut_of("007.250") == "no cut");
    CHECK(cut_of("0.30000000000000004441") == "none");
    // Digits after the literal are not its digits.
    for (const char* literal : {"1.5", "0.25", "12.0", "0.0015", "3.1400000000000001243"}) {
        CAPTURE(literal);
        for (char padding : {'0', '5', '9', '#', '.'}) {
            const auto found = padded_shortest(literal, padding);
            REQUIRE(found);
            CHECK(cut_spelling(literal, *found, false) == cut_of(literal).substr(0, cut_of(literal).find(' ')));
        }
    }
}

TEST_CASE("literal_shortest agrees with reading the double whenever it answers") {
    std::vector<double> values;
    std::mt19937_64 random(20261127);
    // Decimals of 1 to 17 significant digits from 1e-9 to 1e16: what data holds (most have at most 15).
    for (int i = 0; i < 150000; ++i) {
        const int count = 1 + static_cast<int>(random() % 17);
        std::string digits = std::to_string(1 + random() % 9);
        for (int k = 1; k < count; ++k) digits += static_cast<char>('0' + random() % 10);
        values.push_back(parse(digits + "e" + std::to_string(static_cast<int>(random() % 26) - 9 - count)));
    }
    // Arbitrary doubles, and the neighbours of powers of ten and of two, where exponents and units change.
    std::uniform_real_distribution<double> log_scale(-9.0, 16.0);
    for (int i = 0; i < 100000; ++i) values.push_back(std::pow(10.0, log_scale(random)));
    for (int e = -9; e <= 16; ++e) {
        const double p = parse("1e" + std::to_string(e));
        for (double v : {p, std::nextafter(p, 0.0), std::nextafter(p, 1e300)}) values.push_back(v);
    }
    for (int e = -30; e <= 50; ++e) {
        const double p = std::ldexp(1.0, e);
        for (double v : {p, std::nextafter(p, 0.0), std::nextafter(p, 1e300), 3 * p}) values.push_back(v);
    }
    std::size_t fast = 0;
    std::size_t asked = 0;
    std::size_t fast_at_twenty = 0;
    std::size_t short_at_twenty = 0;
    std::size_t cut = 0;
    for (double d : values) {
        // sqlite3 writes %!.20g; other tools and hand-made dumps write fewer digits, or more after the point.
        const std::string twenty = plain_spelling(d, 20, 'g');
        std::vector<std::string> literals = {twenty, plain_spelling(d, 17, 'g'), plain_spelling(d, 15, 'g'),
                                             plain_spelling(d, 25, 'f')};
        // Older sqlite3 versions get the last digits of the twenty slightly wrong: the literal still means d.
        if (!twenty.empty() && twenty.back() >= '1' && twenty.back() <= '8') {
            std::string nudged = twenty;
            nudged.back() = static_cast<char>(nudged.back() + (random() % 2 == 0 ? 1 : -1));
            literals.push_back(nudged);
        }
        for (const std::string& literal : literals) {
            if (literal.empty()) continue;
            CAPTURE(literal);
            ++asked;
            REQUIRE(spelt_from_literal(literal, fast) == number(parse::decimal_value(literal)));
            if (const std::optional<DecimalDigits> digits = literal_shortest(literal)) {
                // The shape the converter measures the real by, from the digits alone.
                const double value = parse::decimal_value(literal);
                REQUIRE(digits->integral() == (value == std::trunc(value)));
                REQUIRE(digits->float8_prints_exponent() == pg::float8_prints_exponent(value));
                // In a statement: the same digits, and the cut spells them as the digits do, both signs.
                const auto found = padded_shortest(literal, '7');
                REQUIRE(found);
                REQUIRE(real_digits::decimal_digits(found->scaled).count == digits->count);
                REQUIRE(real_digits::decimal_digits(found->scaled).exponent == digits->exponent);
                if (found->cut.length != 0) {
                    ++cut;
                    char buf[kRealSpellingRoom];
                    const std::string positive(buf, write_real_digits(buf, false, *digits));
                    const std::string negative(buf, write_real_digits(buf, true, *digits));
                    REQUIRE(cut_spelling(literal, *found, false) == positive);
                    REQUIRE(cut_spelling(literal, *found, true) == negative);
                    REQUIRE(((found->cut.flags & real_digits::LiteralCut::kIntegral) != 0) == digits->integral());
                }
            }
        }
        if (!twenty.empty() && d >= 1e-7 && d < 1e15 && fifteen_digit_shortest(d)) {
            ++short_at_twenty;
            if (literal_shortest(twenty)) ++fast_at_twenty;
        }
    }
    // The text answers for nearly every 20-digit spelling of a real with at most 15 digits.
    CHECK(short_at_twenty > 50000);
    CHECK(fast_at_twenty > short_at_twenty * 999 / 1000);
    CHECK(fast > asked / 3);
    // Nearly every answer is spelt from its text.
    CHECK(cut > fast * 9 / 10);
}

}  // namespace sqlite2pg::emit
