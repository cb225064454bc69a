#pragma once
// Sixteen bytes at a time: a vector of bytes (GCC's and Clang's vector extension: SSE2 on x86-64, NEON on
// ARM), compared in one go, and the bytes a comparison flagged gathered into a mask of sixteen bits, so that
// a loop over text finds the first flagged byte with one countr_zero. Shared by the loops that look at every
// byte of most of a dump: the statement splitter's search for the bytes that end or quote, the search for a
// literal's closing quote, the blob literal check and the COPY text escaping.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/ascii_digits.hpp"

namespace sqlite2pg::byte_vectors {

/// Bytes readable after a padded text (one whose holder guarantees them, such as the statement splitter's
/// buffer): a vector loaded at any byte of the text stays within them.
inline constexpr std::size_t kPadding = 16;

/// Sixteen bytes, compared as unsigned (`x < 14` holds for the bytes 0–13, not for those from 0x80 on).
typedef std::uint8_t Bytes __attribute__((vector_size(16)));

/// The sixteen bytes at `p`.
inline Bytes load(const char* p) {
    Bytes x;
    std::memcpy(&x, p, 16);
    return x;
}

/// The `count` (0–16) bytes at `p`, zeros after them, read without passing p + count.
inline Bytes load_partial(const char* p, std::size_t count) {
    char bytes[16];
    const std::size_t low = count < 8 ? count : 8;
    ascii_digits::store(bytes, low == 0 ? 0 : ascii_digits::load_partial(p, low));
    ascii_digits::store(bytes + 8, count > 8 ? ascii_digits::load_partial(p + 8, count - 8) : 0);
    return load(bytes);
}

/// Stores the sixteen bytes at `p`.
inline void store(char* p, Bytes x) { std::memcpy(p, &x, 16); }

/// Bit i set when the high bit of byte i is: for a comparison's result (all of a byte's bits set where it
/// holds), the bytes where it holds; for bytes, those that are not ASCII.
template <class Vector>
inline std::uint32_t mask(Vector v) {
    static_assert(sizeof(Vector) == 16);
#if defined(__SSE2__)
    return static_cast<std::uint32_t>(_mm_movemask_epi8(std::bit_cast<__m128i>(v)));
#else
    // Each half's high bits brought down to one bit a byte, then gathered into its top byte by a multiplication
    // whose partial products land on distinct bits (byte k's bit at 56 + k).
    char bytes[16];
    std::memcpy(bytes, &v, 16);
    const auto gather = [](std::uint64_t word) {
        return static_cast<std::uint32_t>((((word >> 7) & ascii_digits::kEachByte) * 0x0102040810204080ULL) >> 56);
    };
    return gather(ascii_digits::load(bytes)) | gather(ascii_digits::load(bytes + 8)) << 8;
#endif
}

/// The mask of the first `count` bytes of sixteen (all of them from 16 on).
inline std::uint32_t first_bytes(std::size_t count) {
    return count >= 16 ? 0xFFFFu : (std::uint32_t{1} << count) - 1;
}

/// The first `c` in [p, end), or nullptr when there is none. When `padded` (kPadding bytes after `end` may be
/// read), the first sixteen bytes are searched in one comparison, without a call: most texts of a dump end
/// within them. The rest as std::memchr searches.
inline const char* find(const char* p, const char* end, char c, bool padded) {
    if (padded && p < end) {
        const auto left = static_cast<std::size_t>(end - p);
        const std::uint32_t hits = mask(load(p) == static_cast<std::uint8_t>(c)) & first_bytes(left);
        if (hits != 0) return p + std::countr_zero(hits);
        if (left <= 16) return nullptr;
        p += 16;
    }
    return static_cast<const char*>(std::memchr(p, c, static_cast<std::size_t>(end - p)));
}

}  // namespace sqlite2pg::byte_vectors
