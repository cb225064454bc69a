#include "core/real_digits.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

#include "core/ascii_digits.hpp"

namespace sqlite2pg::real_digits {
namespace {

/// 10^0 … 10^22: every one of them is a double exactly.
constexpr std::array<double, 23> kExactPowersOfTen = [] {
    std::array<double, 23> powers{};
    double p = 1.0;
    for (double& power : powers) {
        power = p;
        p *= 10.0;
    }
    return powers;
}();

/// The decimal exponent range handled: 1e-7 ≤ magnitude < 1e15, so that the scale 10^(14 − exponent) is
/// one of kExactPowersOfTen.
constexpr int kLowestExponent = -7;
constexpr int kHighestExponent = 14;

/// The doubles nearest to 10^-7 … 10^14, to find a magnitude's decimal exponent by comparison. Those below 1
/// are not exact: a magnitude between 10^e and its double gets the exponent e − 1, and then a 16-digit
/// candidate, which fifteen_digit_shortest declines.
constexpr std::array<double, kHighestExponent - kLowestExponent + 1> kExponentThresholds = [] {
    std::array<double, kHighestExponent - kLowestExponent + 1> thresholds{};
    for (int e = kLowestExponent; e <= kHighestExponent; ++e) {
        thresholds[static_cast<std::size_t>(e - kLowestExponent)] =
            e >= 0 ? kExactPowersOfTen[static_cast<std::size_t>(e)] : 1.0 / kExactPowersOfTen[static_cast<std::size_t>(-e)];
    }
    return thresholds;
}();

constexpr std::uint64_t kTenToThe15 = 1'000'000'000'000'000;
constexpr std::uint64_t kTenToThe5 = 100'000;

/// A double's stored fraction bits, and its exponent bits.
constexpr std::uint64_t kMantissaBits = (std::uint64_t{1} << 52) - 1;
constexpr std::uint64_t kExponentBits = std::uint64_t{0x7FF} << 52;

/// `value` (below 10^8) as eight ASCII digits in a word, little-endian (the first digit in the lowest byte).
std::uint64_t eight_digit_word(std::uint32_t value) {
    // Split into lanes in one register, each step dividing every lane at once by multiplying by a reciprocal
    // that is exact for the lane's range: two 32-bit lanes of four digits, then 16-bit lanes of two digits
    // (n / 100 = n × 5243 >> 19 for n < 10^4), then bytes of one digit (n / 10 = n × 103 >> 10 for n < 100).
    // A lane's product stays inside the lane, and what a shift brings down from the next lane lies above the
    // bits the mask keeps.
    const std::uint64_t fours = (value / 10'000) | (static_cast<std::uint64_t>(value % 10'000) << 32);
    const std::uint64_t hundreds = ((fours * 5243) >> 19) & 0x0000007F0000007FULL;
    const std::uint64_t twos = hundreds | ((fours - hundreds * 100) << 16);
    const std::uint64_t tens = ((twos * 103) >> 10) & 0x000F000F000F000FULL;
    return (tens | ((twos - tens * 10) << 8)) + ascii_digits::kZeros;
}

}  // namespace

DecimalDigits decimal_digits(ScaledDigits scaled) {
    const std::uint64_t value = scaled.significand;
    // All sixteen digits in two words, the first eight in `low`; the zeros at either end are found a word at
    // a time, and the digits shifted down over the leading ones in the registers.
    const std::uint64_t low = eight_digit_word(static_cast<std::uint32_t>(value / 100'000'000));
    const std::uint64_t high = eight_digit_word(static_cast<std::uint32_t>(value % 100'000'000));
    const std::uint64_t low_zeros = low ^ ascii_digits::kZeros;  // a zero byte for each 0 digit
    const std::uint64_t high_zeros = high ^ ascii_digits::kZeros;
    const int first = low_zeros != 0 ? std::countr_zero(low_zeros) / 8 : 8 + std::countr_zero(high_zeros) / 8;
    const int last = high_zeros != 0 ? 16 - std::countl_zero(high_zeros) / 8 : 8 - std::countl_zero(low_zeros) / 8;
    std::uint64_t words[2];
    if (first == 0) {
        words[0] = low;
        words[1] = high;
    } else if (first < 8) {
        words[0] = (low >> (8 * first)) | (high << (64 - 8 * first));
        words[1] = high >> (8 * first);
    } else {
        words[0] = high >> (8 * (first - 8));
        words[1] = 0;
    }
    DecimalDigits out;
    ascii_digits::store(out.digits, words[0]);
    ascii_digits::store(out.digits + 8, words[1]);
    out.count = last - first;
    out.exponent = 15 - first - scaled.scale;
    return out;
}

std::optional<DecimalDigits> fifteen_digit_shortest(double magnitude) {
    if (!(magnitude >= kExponentThresholds.front() && magnitude < 1e15)) return std::nullopt;
    // The decimal exponent from the binary one (2^b ≤ magnitude < 2^(b+1); log10(2) ≈ 78913 / 2^18 gives
    // floor(b × log10(2)), at most one below the decimal exponent), then corrected by comparison.
    const int binary_exponent = static_cast<int>(std::bit_cast<std::uint64_t>(magnitude) >> 52) - 1023;
    int exponent = std::max(kLowestExponent, (binary_exponent * 78913) >> 18);
    while (exponent < kHighestExponent &&
           magnitude >= kExponentThresholds[static_cast<std::size_t>(exponent + 1 - kLowestExponent)])
        ++exponent;
    while (magnitude < kExponentThresholds[static_cast<std::size_t>(exponent - kLowestExponent)]) --exponent;

    // The 15-digit decimal nearest to the magnitude (one rounding in the product; the check below catches any
    // candidate it spoils), then the proof: dividing two exact doubles rounds once, so the quotient is the
    // double the candidate reads back as.
    const int scale = kHighestExponent - exponent;
    const double power = kExactPowersOfTen[static_cast<std::size_t>(scale)];
    std::uint64_t candidate = static_cast<std::uint64_t>(magnitude * power + 0.5);
    if (candidate == 0 || candidate > kTenToThe15) return std::nullopt;
    if (static_cast<double>(candidate) / power != magnitude) return std::nullopt;

    return decimal_digits({candidate, scale});
}

std::optional<ScaledDigits> literal_shortest(std::string_view literal) {
    const char* p = literal.data();
    const char* const end = p + literal.size();
    // The significant digits run from the first digit other than 0 to the end, the point aside: before the
    // point (at most 15 of them, given the exponent range) and after it.
    while (p != end && *p == '0') ++p;
    const char* const integer_part = p;
    while (p != end && *p != '.') ++p;
    if (p == end) return std::nullopt;
    const auto integer_digits = static_cast<std::size_t>(p - integer_part);
    const char* fraction = p + 1;
    int exponent = static_cast<int>(integer_digits) - 1;
    if (integer_digits == 0) {
        const char* const after_point = fraction;
        while (fraction != end && *fraction == '0') ++fraction;
        if (fraction == end) return std::nullopt;  // zero
        exponent = -static_cast<int>(fraction - after_point) - 1;
    }
    if (exponent < kLowestExponent || exponent > kHighestExponent) return std::nullopt;

    // The first 15 significant digits in `head`, the next 5 in `tail`; any after those must be zeros.
    const auto fraction_digits = static_cast<std::size_t>(end - fraction);
    const std::size_t head_from_fraction = std::min(fraction_digits, 15 - integer_digits);
    const std::size_t tail_digits = std::min<std::size_t>(fraction_digits - head_from_fraction, 5);
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    if (!ascii_digits::append_digits(integer_part, integer_digits, end, head) ||
        !ascii_digits::append_digits(fraction, head_from_fraction, end, head) ||
        !ascii_digits::append_digits(fraction + head_from_fraction, tail_digits, end, tail))
        return std::nullopt;
    for (const char* rest = fraction + head_from_fraction + tail_digits; rest != end; ++rest)
        if (*rest != '0') return std::nullopt;
    head *= ascii_digits::kPowersOfTen[15 - integer_digits - head_from_fraction];
    tail *= ascii_digits::kPowersOfTen[5 - tail_digits];

    // The candidate C: the literal rounded to 15 significant digits (C × 10^(exponent − 14) is its value).
    constexpr std::uint64_t kHalf = 50'000;
    if (tail == kHalf) return std::nullopt;  // halfway between two candidates
    const bool rounded_up = tail > kHalf;
    const std::uint64_t candidate = head + (rounded_up ? 1 : 0);
    // Rounding up to a power of ten: such a literal is not a power of ten, which is a double itself.
    if (candidate == kTenToThe15) return std::nullopt;
    const int scale = kHighestExponent - exponent;
    if (tail != 0) {
        // In units of 10^(exponent − 14), the literal is C + offset. The double c nearest to C is one correctly
        // rounded division of two exact doubles, C / power, and fma() gives C − c × power exactly (the
        // remainder of a correctly rounded division is a double). The literal reads back as c too when it lies
        // closer to c than half of c's unit in the last place, with a wide margin for the two roundings in
        // `gap`. (When c is a power of two, its lower neighbour is nearer: declined.)
        const double power = kExactPowersOfTen[static_cast<std::size_t>(scale)];
        const auto exact_candidate = static_cast<double>(candidate);
        const double c = exact_candidate / power;
        const auto bits = std::bit_cast<std::uint64_t>(c);
        if ((bits & kMantissaBits) == 0) return std::nullopt;
        const double ulp = std::bit_cast<double>((bits & kExponentBits) - (std::uint64_t{52} << 52));
        const double offset = (rounded_up ? -static_cast<double>(kTenToThe5 - tail) : static_cast<double>(tail)) * 1e-5;
        const double gap = std::fma(-c, power, exact_candidate) + offset;
        if (!(std::fabs(gap) < 0.5 * ulp * power * (1 - 0x1p-30))) return std::nullopt;
    }
    return ScaledDigits{candidate, scale};
}

}  // namespace sqlite2pg::real_digits
