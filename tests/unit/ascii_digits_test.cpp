// Digits eight at a time (core/ascii_digits.hpp) against byte-by-byte reading: where a run of digits ends,
// whether a word is all digits, and the values of its digits.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <memory>
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

TEST_CASE("load_partial: the first 1 to 8 bytes as load() has them, zeros after, nothing read past them") {
    const std::string bytes = "\x01\x82\x03\xf4\x05\x86\x07\xf8";
    const std::uint64_t whole = load(bytes.data());
    for (std::size_t count = 1; count <= 8; ++count) {
        CAPTURE(count);
        // A copy of exactly `count` bytes: AddressSanitizer (build-fuzz) catches a read past them.
        const std::unique_ptr<char[]> exact(new char[count]);
        std::memcpy(exact.get(), bytes.data(), count);
        const std::uint64_t kept = count == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * count)) - 1;
        CHECK(load_partial(exact.get(), count) == (whole & kept));
    }
}

TEST_CASE("append_digits: runs of every length, read to their end or with bytes after them, and a non-digit anywhere") {
    const std::string digits = "9081726354453627189";  // nineteen: below 2^64 whatever comes before
    for (std::size_t count = 0; count <= digits.size(); ++count) {
        const std::string run = digits.substr(0, count);
        const std::uint64_t expected = count == 0 ? 0 : std::stoull(run);
        // Readable only to the run's end (the last digits one by one), and with eight readable bytes after it.
        for (const std::string& text : {run, run + "x#######"}) {
            CAPTURE(count);
            CAPTURE(text.size());
            std::uint64_t value = 0;
            CHECK(append_digits(text.data(), count, text.data() + text.size(), value));
            CHECK(value == expected);
        }
        for (std::size_t at = 0; at < count; ++at) {
            std::string bad = run + "00000000";
            bad[at] = ':';
            CAPTURE(count);
            CAPTURE(at);
            std::uint64_t value = 0;
            CHECK_FALSE(append_digits(bad.data(), count, bad.data() + count, value));
            CHECK_FALSE(append_digits(bad.data(), count, bad.data() + bad.size(), value));
        }
    }
    const std::string more = "345";
    std::uint64_t value = 12;
    CHECK(append_digits(more.data(), more.size(), more.data() + more.size(), value));  // after what is there
    CHECK(value == 12345);
}

}  // namespace sqlite2pg::ascii_digits
