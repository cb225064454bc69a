#include "parse/plain_decimal.hpp"

#include <bit>
#include <cstdint>

#include "core/ascii_digits.hpp"

namespace sqlite2pg::parse {
namespace {

__extension__ typedef unsigned __int128 u128;  // GCC's 128-bit integer: exact products of two 64-bit ones

constexpr std::size_t kMaxFractionDigits = 19;
constexpr std::size_t kHeadDigits = 19;  // any 19 digits fit 64 bits
constexpr std::size_t kMaxDigits = 36;   // 10^36 < 2^120

/// Bits needed to write `x` (0 for 0).
int bit_width(u128 x) {
    const auto high = static_cast<std::uint64_t>(x >> 64);
    return high != 0 ? 64 + std::bit_width(high) : std::bit_width(static_cast<std::uint64_t>(x));
}

}  // namespace

std::optional<double> read_plain_decimal(std::string_view literal) {
    // The literal as the integer N of all its digits over D = 10^(digits after the point). The first 19
    // digits are gathered in 64 bits, any after them in a second word.
    const std::size_t point = literal.find('.');
    if (point == std::string_view::npos || literal.size() < 2) return std::nullopt;
    const std::size_t fraction_digits = literal.size() - point - 1;
    if (fraction_digits > kMaxFractionDigits || literal.size() - 1 > kMaxDigits) return std::nullopt;
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    std::size_t tail_digits = 0;
    std::size_t digits = 0;
    for (std::size_t i = 0; i < literal.size(); ++i) {
        if (i == point) continue;
        const auto digit = static_cast<unsigned>(literal[i] - '0');
        if (digit > 9) return std::nullopt;
        if (++digits <= kHeadDigits) {
            head = head * 10 + digit;
        } else {
            tail = tail * 10 + digit;
            ++tail_digits;
        }
    }
    const u128 numerator = static_cast<u128>(head) * ascii_digits::kPowersOfTen[tail_digits] + tail;
    if (numerator == 0) return 0.0;
    const std::uint64_t denominator = ascii_digits::kPowersOfTen[fraction_digits];

    // Q = floor(N × 2^s / D) with 61 or 62 bits, its lowest bit set when the division leaves a remainder: 53
    // of them make the double and at least eight lie below, so converting Q rounds once, as the exact
    // quotient would round. Scaling back by 2^-s is exact (a power of two, far from the subnormals).
    const int shift = 61 - bit_width(numerator) + std::bit_width(denominator);
    if (shift < 0) return std::nullopt;
    const u128 scaled = numerator << shift;  // below 2^(61 + 64): no overflow
    const u128 quotient = scaled / denominator;
    const bool inexact = quotient * denominator != scaled;
    const auto sticky = static_cast<std::int64_t>(quotient) | (inexact ? 1 : 0);
    const double power_of_two = std::bit_cast<double>(static_cast<std::uint64_t>(1023 - shift) << 52);
    return static_cast<double>(sticky) * power_of_two;
}

}  // namespace sqlite2pg::parse
