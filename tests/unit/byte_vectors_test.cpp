// byte_vectors: the masks of comparisons and the search for a byte, against plain loops, at every position
// around their sixteen-byte steps, padded texts followed by bytes that would match.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <string_view>

#include "core/byte_vectors.hpp"

namespace sqlite2pg::byte_vectors {
namespace {

TEST_CASE("byte_vectors::mask has bit i for byte i, and first_bytes the first ones") {
    for (int i = 0; i < 16; ++i) {
        char bytes[16] = {};
        bytes[i] = '\x80';
        CHECK(mask(load(bytes)) == (std::uint32_t{1} << i));
        CHECK(mask(load(bytes) == std::uint8_t{0}) == (0xFFFFu & ~(std::uint32_t{1} << i)));
    }
    CHECK(first_bytes(0) == 0);
    CHECK(first_bytes(3) == 0b111);
    CHECK(first_bytes(16) == 0xFFFF);
    CHECK(first_bytes(100) == 0xFFFF);
}

TEST_CASE("byte_vectors::find finds the first byte, padded or not, never past the end") {
    for (std::size_t size = 0; size <= 40; ++size) {
        for (std::size_t at = 0; at <= size; ++at) {
            // `q` at `at` (none when at == size), and more of them after the end, where a padded search may read.
            std::string text(size, 'a');
            if (at < size) text[at] = 'q';
            if (at + 1 < size) text[at + 1] = 'q';
            const std::string padded = text + std::string(kPadding, 'q');
            CAPTURE(size);
            CAPTURE(at);
            const char* const begin = padded.data();
            const char* const expected = at < size ? begin + at : nullptr;
            CHECK(find(begin, begin + size, 'q', true) == expected);
            CHECK(find(begin, begin + size, 'q', false) == expected);
        }
    }
}

}  // namespace
}  // namespace sqlite2pg::byte_vectors
