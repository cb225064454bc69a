#pragma once
// Decimal digits eight at a time: a word of eight ASCII bytes loaded little-endian (the first byte in the
// lowest one, whatever the machine), searched and read with integer arithmetic instead of a loop over its
// bytes. Shared by the INSERT scanner, which locates numbers, the real spelling, which reads and writes their
// digits, and the COPY text escaping, which loads the last bytes of a text a word at a time.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sqlite2pg::ascii_digits {

/// 10^0 … 10^19, the powers of ten below 2^64.
inline constexpr std::uint64_t kPowersOfTen[20] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL,
    10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
    1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL, 1000000000000000000ULL,
    10000000000000000000ULL,
};

inline constexpr std::uint64_t kEachByte = 0x0101010101010101ULL;
inline constexpr std::uint64_t kZeros = kEachByte * '0';  ///< eight ASCII `0`
inline constexpr std::uint64_t kHighBits = kEachByte * 0x80;

/// The eight bytes at `p` as a word, the first in its lowest byte.
inline std::uint64_t load(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
    return word;
}

/// The `count` (1–8) bytes at `p` as a word like load()'s, zeros above them, read without passing p + count.
inline std::uint64_t load_partial(const char* p, std::size_t count) {
    if (count == 8) return load(p);
    // Two loads that overlap in the middle, or meet: their common bytes are the same bytes at the same place.
    if (count >= 4) {
        std::uint32_t first;
        std::uint32_t last;
        std::memcpy(&first, p, 4);
        std::memcpy(&last, p + count - 4, 4);
        if constexpr (std::endian::native == std::endian::big) {
            first = __builtin_bswap32(first);
            last = __builtin_bswap32(last);
        }
        return first | (static_cast<std::uint64_t>(last) << (8 * (count - 4)));
    }
    const auto byte = [p](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])); };
    if (count >= 2) return byte(0) | (byte(1) << 8) | (byte(count - 1) << (8 * (count - 1)));
    return byte(0);
}

/// Stores a word as eight bytes at `p`, its lowest byte first (the inverse of load()).
inline void store(char* p, std::uint64_t word) {
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
    std::memcpy(p, &word, 8);
}

/// How many of the word's bytes, from the first, are digits `0`–`9` (8 when all are).
inline int leading_digits(std::uint64_t word) {
    // Subtracting '0' leaves a digit 0–9 in its byte; a byte below '0' borrows and gets its high bit set, and
    // adding 0x76 sets the high bit of a byte of 10 and more. A borrow or a carry only runs upward from a
    // byte that is not a digit, so the lowest flagged byte is always the first non-digit.
    const std::uint64_t offset = word - kZeros;
    const std::uint64_t flagged = (offset | (offset + kEachByte * 0x76)) & kHighBits;
    return flagged == 0 ? 8 : std::countr_zero(flagged) / 8;
}

/// Whether all eight bytes of the word are digits.
inline bool all_digits(std::uint64_t word) {
    // Every byte 0x30–0x39: its high nibble is 3, and adding 6 does not carry out of its low one.
    constexpr std::uint64_t kHighNibbles = kEachByte * 0xF0;
    return (word & kHighNibbles) == kZeros && ((word + kEachByte * 6) & kHighNibbles) == kZeros;
}

/// The value of a word of eight digits.
inline std::uint64_t value(std::uint64_t word) {
    word -= kZeros;
    // Neighbouring digits become two-digit numbers in the even bytes, then those pair up into the upper half.
    word = word * 10 + (word >> 8);
    constexpr std::uint64_t kEvenPairs = 0x000000FF000000FFULL;
    return ((word & kEvenPairs) * (100 + (1'000'000ULL << 32)) + ((word >> 16) & kEvenPairs) * (1 + (10'000ULL << 32))) >> 32;
}

/// The value of the first `count` (1–8) bytes of a word of digits; the bytes after them are ignored.
inline std::uint64_t value_of_first(std::uint64_t word, int count) {
    // Shifted up so that they are the last digits, with `0`s before them.
    const int shift = 8 * (8 - count);
    return value(shift == 0 ? word : (word << shift) | (kZeros >> (64 - shift)));
}

/// Appends the `count` bytes at `text` to `out` as decimal digits (out × 10^count + their value, which must stay
/// below 2^64); false if one of them is not a digit. Eight at a time; fewer left over are read as a word too
/// when the bytes up to `readable_end` allow it (those after the digits are read, not used).
inline bool append_digits(const char* text, std::size_t count, const char* readable_end, std::uint64_t& out) {
    for (; count >= 8; text += 8, count -= 8) {
        const std::uint64_t word = load(text);
        if (!all_digits(word)) return false;
        out = out * 100'000'000 + value(word);
    }
    if (count == 0) return true;
    const int rest = static_cast<int>(count);
    if (readable_end - text >= 8) {
        const std::uint64_t word = load(text);
        if (leading_digits(word) < rest) return false;
        out = out * kPowersOfTen[count] + value_of_first(word, rest);
        return true;
    }
    for (; count > 0; ++text, --count) {
        const auto digit = static_cast<unsigned>(*text - '0');
        if (digit > 9) return false;
        out = out * 10 + digit;
    }
    return true;
}

}  // namespace sqlite2pg::ascii_digits
