// The fast shortest-digits path for reals (emit/real_digits.hpp) against std::to_chars, the general algorithm
// it stands in for: the same digits and the same layout, for both spellings of a real.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "emit/real_digits.hpp"
#include "emit/value_format.hpp"
#include "pg/types.hpp"

namespace sqlite2pg::emit {
namespace {

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

std::string number(double d) {
    char buf[32];
    return std::string(buf, write_real_number(buf, d));
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

}  // namespace sqlite2pg::emit
