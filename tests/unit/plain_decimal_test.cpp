// Reading plain decimal literals (parse/plain_decimal.hpp) against std::from_chars, which reads every
// literal correctly rounded: the same double, bit for bit, for the literals sqlite3 writes and around them.
#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "parse/plain_decimal.hpp"

namespace sqlite2pg::parse {
namespace {

/// The bits of the double std::from_chars reads from `literal`.
std::uint64_t reference_bits(const std::string& literal) {
    double d = 0;
    const auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), d);
    REQUIRE(ec == std::errc{});
    REQUIRE(end == literal.data() + literal.size());
    return std::bit_cast<std::uint64_t>(d);
}

/// `value` printed with `digits` significant digits in plain form, as sqlite3's %!.20g writes a real.
std::string plain(double value, int digits) {
    char buf[400];
    const auto end = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed,
                                   std::max(0, digits - 1 - static_cast<int>(std::floor(std::log10(value)))))
                         .ptr;
    std::string literal(buf, end);
    if (literal.find('.') == std::string::npos) literal += ".0";  // the `!` flag keeps a real looking like one
    return literal;
}

}  // namespace

TEST_CASE("read_plain_decimal: the forms it reads and those it leaves to from_chars") {
    CHECK(read_plain_decimal("0.5") == 0.5);
    CHECK(read_plain_decimal(".5") == 0.5);
    CHECK(read_plain_decimal("5.") == 5.0);
    CHECK(read_plain_decimal("0.0") == 0.0);
    CHECK(read_plain_decimal("000.000") == 0.0);
    CHECK(read_plain_decimal("56431.699999999997089") == 56431.7);
    CHECK(read_plain_decimal("37.350000000000001421") == 37.35);
    CHECK_FALSE(read_plain_decimal("12"));                            // no point: an integer
    CHECK_FALSE(read_plain_decimal("."));
    CHECK_FALSE(read_plain_decimal("1.5e3"));                         // an exponent
    CHECK_FALSE(read_plain_decimal("-1.5"));                          // signs are the caller's
    CHECK_FALSE(read_plain_decimal("1.2.3"));
    CHECK_FALSE(read_plain_decimal("0.00000000000000000001"));        // 20 digits after the point
    CHECK_FALSE(read_plain_decimal("1234567890123456789012345678901234567.5"));  // 38 digits
}

TEST_CASE("read_plain_decimal reads the double from_chars reads, bit for bit") {
    std::vector<std::string> literals = {"0.1", "0.2", "0.30000000000000004", "1.7976931348623157", "9007199254740993.0",
                                         "9007199254740992.5", "4503599627370496.5", "4503599627370497.5",
                                         "123456789012345678901234567890.5", "0.0000000000000000001",
                                         "1.0000000000000000001", "0.99999999999999999999"};
    std::mt19937_64 random(20261126);
    // What sqlite3 writes (15 to 20 significant digits of a double), and random digit strings of every length
    // up to 36 with the point anywhere: halfway cases and long tails included.
    std::uniform_real_distribution<double> log_scale(-12.0, 22.0);
    for (int i = 0; i < 300000; ++i) {
        const double value = std::pow(10.0, log_scale(random));
        literals.push_back(plain(value, 15 + static_cast<int>(random() % 6)));
    }
    for (int i = 0; i < 300000; ++i) {
        const int count = 1 + static_cast<int>(random() % 36);
        std::string digits;
        for (int k = 0; k < count; ++k) digits += static_cast<char>('0' + random() % 10);
        const auto point = static_cast<std::size_t>(random() % (digits.size() + 1));
        const std::string literal = digits.substr(0, point) + "." + digits.substr(point);
        if (literal.size() > 1) literals.push_back(literal);
    }
    // Exact halfway points between neighbouring doubles of 2^34 and above, whose halves have at most 19
    // binary (so decimal) fraction digits, and a hair above them: ties go to even, the rest up.
    for (int i = 0; i < 50000; ++i) {
        const int exponent = 34 + static_cast<int>(random() % 19);            // low = M × 2^(exponent − 52)
        const std::uint64_t mantissa = (std::uint64_t{1} << 52) | (random() & ((std::uint64_t{1} << 52) - 1));
        const int fraction_bits = 53 - exponent;                             // of (2M + 1) × 2^(exponent − 53)
        const std::uint64_t twice_plus_one = 2 * mantissa + 1;
        std::uint64_t fraction = twice_plus_one & ((std::uint64_t{1} << fraction_bits) - 1);
        for (int k = 0; k < fraction_bits; ++k) fraction *= 5;               // fraction / 2^f = fraction × 5^f / 10^f
        std::string decimals = std::to_string(fraction);
        const auto width = static_cast<std::size_t>(fraction_bits);
        if (decimals.size() < width) decimals.insert(0, width - decimals.size(), '0');
        const std::string halfway = std::to_string(twice_plus_one >> fraction_bits) + "." + decimals;
        literals.push_back(halfway);
        if (fraction_bits < 19) literals.push_back(halfway + "1");
    }
    std::size_t read = 0;
    for (const std::string& literal : literals) {
        CAPTURE(literal);
        const std::optional<double> got = read_plain_decimal(literal);
        // Declined only for more than 19 digits after the point, more than 36 digits, or 2^60 and above.
        const std::size_t point = literal.find('.');
        const std::size_t fraction_digits = literal.size() - point - 1;
        if (fraction_digits <= 19 && literal.size() <= 36 && point <= 18) REQUIRE(got.has_value());
        if (!got) continue;
        ++read;
        REQUIRE(std::bit_cast<std::uint64_t>(*got) == reference_bits(literal));
    }
    CHECK(read > literals.size() / 2);
}

}  // namespace sqlite2pg::parse
