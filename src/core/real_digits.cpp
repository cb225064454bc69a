#include "core/real_digits.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/ascii_digits.hpp"
#include "core/byte_vectors.hpp"

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
using ascii_digits::kEachByte;

/// Bytes literal_shortest() may read past a literal's end: byte_vectors::kPadding.
constexpr std::ptrdiff_t kReadAhead = byte_vectors::kPadding;

/// A word whose first `count` bytes are all ones (none for 0 or fewer, all eight for 8 or more).
std::uint64_t low_bytes(int count) {
    const int kept = std::clamp(count, 0, 8);
    return kept == 0 ? 0 : ~std::uint64_t{0} >> (64 - 8 * kept);
}
/// The units of the offset of a literal from its candidate: a tail of five digits.
constexpr std::int64_t kOffsetUnits = 100'000;

/// A double's stored fraction bits.
constexpr std::uint64_t kMantissaBits = (std::uint64_t{1} << 52) - 1;

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

/// How many bytes of `word`, from its first, run up to its last byte that is not 0 (none for 0).
int bytes_to_last_set(std::uint64_t word) {
    return 8 - static_cast<int>(static_cast<unsigned>(std::countl_zero(word)) / 8);
}

/// 5^0 … 5^21, for 10^scale = 5^scale × 2^scale.
constexpr std::array<std::uint64_t, 22> kPowersOfFive = [] {
    std::array<std::uint64_t, 22> powers{};
    std::uint64_t p = 1;
    for (std::uint64_t& power : powers) {
        power = p;
        p *= 5;
    }
    return powers;
}();

/// Whether the literal (candidate + offset / 10^5) × 10^−scale reads back as the same double as the candidate
/// × 10^−scale does, where 10^14 ≤ candidate < 10^15 and |offset| < 10^5: whether it lies closer to that
/// double c than half of c's unit in the last place, with a wide margin for the roundings in `gap`.
bool reads_back_as_candidate(std::uint64_t candidate, int scale, std::int64_t offset) {
    // c is one correctly rounded division of two exact doubles. With c = m × 2^q (2^52 ≤ m < 2^53), the
    // candidate minus c × 10^scale, times 2^(−q−scale), is candidate × 2^(−q−scale) − m × 5^scale: an
    // integer of at most half of 5^scale in magnitude (c is the double nearest to the quotient), so computed
    // exactly modulo 2^64. −q − scale lies between 2 and 55, since c < 2^50 and c ≥ 10^(14 − scale). Half of c's
    // unit is 5^scale / 2 on that scale. When c is a power of two its lower neighbour is nearer: declined.
    // (Converted as signed: an unsigned conversion takes a test and a branch without AVX-512.)
    const double c =
        static_cast<double>(static_cast<std::int64_t>(candidate)) / kExactPowersOfTen[static_cast<std::size_t>(scale)];
    const auto bits = std::bit_cast<std::uint64_t>(c);
    if ((bits & kMantissaBits) == 0) return false;
    const std::uint64_t m = (bits & kMantissaBits) | (std::uint64_t{1} << 52);
    const int shift = 52 - (static_cast<int>(bits >> 52) - 1023) - scale;
    const std::uint64_t five_power = kPowersOfFive[static_cast<std::size_t>(scale)];
    const auto remainder = static_cast<std::int64_t>((candidate << shift) - m * five_power);
    const double two_to_the_shift = std::bit_cast<double>(static_cast<std::uint64_t>(1023 + shift) << 52);
    const double gap = static_cast<double>(remainder) +
                       static_cast<double>(offset) * two_to_the_shift * (1.0 / static_cast<double>(kOffsetUnits));
    return std::fabs(gap) < 0.5 * static_cast<double>(static_cast<std::int64_t>(five_power)) * (1 - 0x1p-30);
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

std::optional<LiteralShortest> literal_shortest(std::string_view literal, bool padded) {
    if (!padded) {
        // Read through a padded copy: the words below reach up to 16 bytes past the text. The cut is not
        // kept, as its writer reads ahead of the text too.
        constexpr std::size_t kLongestCopied = 64;
        if (literal.size() > kLongestCopied) return std::nullopt;
        char copy[kLongestCopied + kReadAhead] = {};
        std::memcpy(copy, literal.data(), literal.size());
        std::optional<LiteralShortest> found = literal_shortest(std::string_view(copy, literal.size()), true);
        if (found) found->cut = {};
        return found;
    }
    using ascii_digits::load;
    const char* const text = literal.data();
    const auto size = static_cast<std::ptrdiff_t>(literal.size());

    // The digits before the point (at most 15, given the exponent range), and at least one after it.
    int integer_digits = ascii_digits::leading_digits(load(text));
    if (integer_digits == 8) integer_digits += ascii_digits::leading_digits(load(text + 8));
    if (integer_digits == 0 || integer_digits + 1 >= size || integer_digits > 15 || text[integer_digits] != '.')
        return std::nullopt;
    const int fraction_at = integer_digits + 1;

    // The first significant digit: after the zeros that begin the integer part, or, when it is all zeros
    // (at most eight of them), after those that begin the fraction. Its exponent is that of the value.
    const auto zero_bytes = [](std::uint64_t word) {  // 8 when all are
        return static_cast<int>(static_cast<unsigned>(std::countr_zero(word ^ ascii_digits::kZeros)) / 8);
    };
    const int integer_zeros = zero_bytes(load(text));
    if (integer_zeros == 8 && integer_digits > 8) return std::nullopt;
    int first = integer_zeros;
    int integer_significant = integer_digits - integer_zeros;
    int exponent = integer_significant - 1;
    int fraction_zeros = 0;
    if (integer_significant <= 0) {
        fraction_zeros = zero_bytes(load(text + fraction_at));
        // Past the text's end, or more than six: zero, or below 1e-7.
        if (fraction_zeros >= size - fraction_at || -fraction_zeros - 1 < kLowestExponent) return std::nullopt;
        first = fraction_at + fraction_zeros;
        integer_significant = 0;
        exponent = -fraction_zeros - 1;
    }
    const int significant = static_cast<int>(size) - first - (integer_significant > 0 ? 1 : 0);

    // The first 24 significant digits in three words, `0`s after the last: each word takes its bytes before
    // the point from one load and those after it from a load a byte further on. A word wholly past the
    // text is loaded from where the text can be read, and is all `0`s once masked.
    const int before_point = integer_significant > 0 ? integer_significant : 64;
    std::uint64_t words[3];
    for (int j = 0; j < 3; ++j) {
        const std::ptrdiff_t at = std::min<std::ptrdiff_t>(first + 8 * j, size + kReadAhead - 9);
        const std::uint64_t unshifted = low_bytes(before_point - 8 * j);
        const std::uint64_t word = (load(text + at) & unshifted) | (load(text + at + 1) & ~unshifted);
        const std::uint64_t present = low_bytes(significant - 8 * j);
        words[j] = (word & present) | (ascii_digits::kZeros & ~present);
        if (!ascii_digits::all_digits(words[j])) return std::nullopt;
    }
    // Beyond the twentieth, only zeros.
    if ((words[2] >> 32) != (ascii_digits::kZeros >> 32)) return std::nullopt;
    for (std::ptrdiff_t i = first + 24 + (integer_significant > 0 ? 1 : 0); i < size; ++i)
        if (text[i] != '0') return std::nullopt;
    const std::uint64_t second = ascii_digits::value(words[1]);
    const std::uint64_t head = ascii_digits::value(words[0]) * 10'000'000 + second / 10;  // 15 digits
    const std::uint64_t tail = (second % 10) * 10'000 + ascii_digits::value_of_first(words[2], 4);  // 5 more

    // The candidate C: the literal rounded to 15 significant digits (C × 10^(exponent − 14) is its value).
    constexpr std::uint64_t kHalf = static_cast<std::uint64_t>(kOffsetUnits) / 2;
    if (tail == kHalf) return std::nullopt;  // halfway between two candidates
    // Whether the tail rounds the candidate up, as 0 or 1: used in arithmetic rather than to choose, so that
    // the compiler does not branch on it (it is as likely as not, and a wrong guess costs more than the rest).
    const std::uint64_t up = (kHalf - tail) >> 63;  // tail > kHalf (tail < 10^5)
    const std::uint64_t candidate = head + up;
    // Rounding up to a power of ten: such a literal is not a power of ten, which is a double itself.
    if (candidate == kTenToThe15) return std::nullopt;
    const int scale = kHighestExponent - exponent;
    const std::int64_t offset = static_cast<std::int64_t>(tail) - static_cast<std::int64_t>(up) * kOffsetUnits;
    if (tail != 0 && !reads_back_as_candidate(candidate, scale, offset)) return std::nullopt;
    LiteralShortest found;
    found.scaled = ScaledDigits{candidate, scale};

    // How many digits C has before the zeros that end it: the text's up to the last that is not a 0 (not a
    // 9, when rounding up carried over the 9s).
    const std::uint64_t carried = ascii_digits::kZeros + up * (kEachByte * 9);
    const std::uint64_t rest_high = (words[1] ^ carried) & low_bytes(7);
    const int count = rest_high != 0 ? 8 + bytes_to_last_set(rest_high) : bytes_to_last_set(words[0] ^ carried);

    // The cut, when the spelling is fixed (as emit::write_real_digits chooses) and the text starts as it does.
    const bool integral = integer_significant >= count;
    const auto flags = static_cast<std::uint8_t>(up * LiteralCut::kRoundUp | (integral ? LiteralCut::kIntegral : 0));
    const int scientific_length = count + (count > 1 ? 1 : 0) + 4;
    const auto cut = [&](int length, int point, int zeros_from) {
        found.cut = {static_cast<std::uint8_t>(length), static_cast<std::uint8_t>(point),
                     static_cast<std::uint8_t>(zeros_from), flags};
    };
    if (integer_significant > 0 && integer_zeros == 0) {
        if (!integral)
            cut(count + 1, integer_digits, count + 1);  // 32284.89: the digits and the point among them
        else if (integer_digits <= scientific_length)
            cut(integer_digits + 2, integer_digits, up != 0 ? count : integer_digits + 1);  // 1500.0
    } else if (integer_significant == 0 && integer_digits == 1 && fraction_zeros + count + 2 <= scientific_length) {
        cut(fraction_zeros + count + 2, 1, fraction_zeros + count + 2);  // 0.0015
    }
    return found;
}

}  // namespace sqlite2pg::real_digits
