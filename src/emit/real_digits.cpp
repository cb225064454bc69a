#include "emit/real_digits.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <utility>

namespace sqlite2pg::emit {
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

/// Powers of ten to divide trailing zeros away by, with their zeros.
constexpr std::pair<std::uint64_t, int> kZeroSteps[] = {{100'000'000, 8}, {10'000, 4}, {100, 2}, {10, 1}};

}  // namespace

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

    // Trailing zeros of the candidate are not digits of the shortest form: dropped in large steps first.
    int zeros = 0;
    for (const auto& [step, step_zeros] : kZeroSteps) {
        while (candidate % step == 0) {
            candidate /= step;
            zeros += step_zeros;
        }
    }
    DecimalDigits out;
    out.count = 1;
    for (std::uint64_t rest = candidate / 10; rest != 0; rest /= 10) ++out.count;
    out.exponent = out.count + zeros - 1 - scale;
    for (int i = out.count - 1; i >= 0; --i) {
        out.digits[i] = static_cast<char>('0' + candidate % 10);
        candidate /= 10;
    }
    return out;
}

}  // namespace sqlite2pg::emit
