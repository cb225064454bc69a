#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace sqlite2pg {

bool is_postgres_text(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const unsigned char* end = p + bytes.size();
    while (p < end) {
        // Most text is ASCII: check eight bytes at a time for a high bit or a zero byte.
        if (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kLow = 0x0101010101010101ULL;
            bool has_zero = ((word - kLow) & ~word & kHigh) != 0;
            if (((word & kHigh) == 0) && !has_zero) {
                p += 8;
                continue;
            }
        }
        unsigned char c = *p;
        if (c == 0) return false;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra;
        std::uint32_t min;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) { extra = 1; min = 0x80; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { extra = 2; min = 0x800; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { extra = 3; min = 0x10000; cp = c & 0x07; }
        else return false;
        if (end - p <= extra) return false;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        p += extra + 1;
    }
    return true;
}

}  // namespace sqlite2pg
