// Digits eight at a time (core/ascii_digits.hpp) against byte-by-byte reading: where a run of digits ends,
// whether a word is all digits, and the values of its digits.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "core/ascii_digits.hpp"

namespace sqlite2pg::ascii_digits {

TEST_CASE("leading_digits and all_digits: every byte value at every position after digits") {
    for (int b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        const bool digit = c >= '0' && c <= '9';
        for (int at = 0; at < 8; ++at) {
            // Digits before it, and after it bytes that would mislead a test with borrows: 0x00 and '/'.
            for (const char after : {'5', '\0', '/', '\xff'}) {
                std::string word = std::string(static_cast<std::size_t>(at), '9') + c;
                word.resize(8, after);
                CAPTURE(b);
                CAPTURE(at);
                CAPTURE(static_cast<int>(static_cast<unsigned char>(after)));
                int expected = 0;
                while (expected < 8 && word[static_cast<std::size_t>(expected)] >= '0' &&
                       word[static_cast<std::size_t>(expected)] <= '9')
                    ++expected;
                CHECK(leading_digits(load(word.data())) == expected);
                CHECK(all_digits(load(word.data())) == (expected == 8));
                CHECK((expected > at) == digit);
            }
        }
    }
}

TEST_CASE("value and value_of_first read the digits of a word; store undoes load") {
    const std::string digits = "90817263";
    CHECK(value(load(digits.data())) == 90817263);
    for (int count = 1; count <= 8; ++count)
        CHECK(value_of_first(load(digits.data()), count) == std::stoull(digits.substr(0, static_cast<std::size_t>(count))));
    CHECK(value(load("00000000")) == 0);
    CHECK(value(load("99999999")) == 99999999);
    char back[8];
    store(back, load(digits.data()));
    CHECK(std::string(back, 8) == digits);
}

}  // namespace sqlite2pg::ascii_digits
