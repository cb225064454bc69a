// UTF-16 input (PowerShell's `>` writes dumps as UTF-16LE with a byte order mark): decoded to UTF-8 piece by
// piece, invalid sequences refused with their position in the decoded text.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "core/diagnostics.hpp"
#include "io/input_reader.hpp"
#include "io/utf16_decoder.hpp"

using namespace sqlite2pg;

namespace {

/// `text` (given as UTF-16 code units) as little- or big-endian bytes.
std::string bytes_of(std::u16string_view text, bool big_endian) {
    std::string out;
    for (char16_t u : text) {
        char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
        out += big_endian ? hi : lo;
        out += big_endian ? lo : hi;
    }
    return out;
}

/// Decodes `bytes` handed over `piece` bytes at a time.
std::string decode_in_pieces(const std::string& bytes, bool big_endian, std::size_t piece) {
    io::Utf16Decoder decoder(big_endian);
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += piece) decoder.decode(std::string_view(bytes).substr(i, piece), out);
    decoder.finish();
    return out;
}

}  // namespace

TEST_CASE("utf16: decodes both byte orders, whatever the pieces") {
    struct Case {
        std::u16string utf16;
        std::string utf8;
    };
    const Case cases[] = {
        {u"", ""},
        {u"CREATE TABLE t(a);\n", "CREATE TABLE t(a);\n"},
        {u"h\u00e9llo \u2713", "h\xc3\xa9llo \xe2\x9c\x93"},
        {u"\U0001F600 emoji", "\xf0\x9f\x98\x80 emoji"},           // a surrogate pair
        {std::u16string(u"\U0010FFFF\u0000\uFFFF", 4), std::string("\xf4\x8f\xbf\xbf\0\xef\xbf\xbf", 8)},
        {u"a\r\nb", "a\r\nb"},
    };
    for (const Case& c : cases) {
        for (bool big_endian : {false, true}) {
            std::string bytes = bytes_of(c.utf16, big_endian);
            for (std::size_t piece : {std::size_t{1}, std::size_t{3}, std::size_t{4096}}) {
                CAPTURE(c.utf8);
                CAPTURE(big_endian);
                CAPTURE(piece);
                CHECK(decode_in_pieces(bytes, big_endian, piece) == c.utf8);
            }
        }
    }
}

TEST_CASE("utf16: invalid input is refused where it is, in decoded lines and columns") {
    struct Case {
        std::string bytes;  // little-endian
        std::uint64_t line;
        std::uint32_t column;
    };
    const Case cases[] = {
        {bytes_of(u"ab\ncd", false) + std::string("\x00\xd8", 2) + bytes_of(u"x", false), 2, 3},  // lone high
        {bytes_of(u"\u00e9", false) + std::string("\x00\xdc", 2), 1, 3},                       // lone low
        {bytes_of(u"ab", false) + std::string("\x00\xd8", 2), 1, 3},                          // high at the end
        {bytes_of(u"a\nb", false) + "c", 2, 2},                                                // odd length
    };
    for (const Case& c : cases) {
        CAPTURE(c.line);
        try {
            decode_in_pieces(c.bytes, false, 1);
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK(e.diagnostic().id == "invalid-utf16");
            CHECK(e.diagnostic().loc.line == c.line);
            CHECK(e.diagnostic().loc.column == c.column);
        }
    }
}

TEST_CASE("input reader: a UTF-16 byte order mark means decoding; anything else passes through") {
    struct Case {
        std::string file;
        std::string read;
        std::string_view decoded_from;
    };
    const Case cases[] = {
        {"\xff\xfe" + bytes_of(u"x\u00e9;", false), "x\xc3\xa9;", "UTF-16LE"},
        {"\xfe\xff" + bytes_of(u"x\u00e9;", true), "x\xc3\xa9;", "UTF-16BE"},
        {"\xef\xbb\xbfSELECT 1;", "\xef\xbb\xbfSELECT 1;", ""},  // the splitter skips a UTF-8 BOM
        {"\xff", "\xff", ""},
        {"", "", ""},
        {"\xfe", "\xfe", ""},
    };
    const std::string path = "utf16_reader_test.tmp";
    for (const Case& c : cases) {
        {
            std::ofstream out(path, std::ios::binary);
            out << c.file;
        }
        for (std::size_t capacity : {std::size_t{1}, std::size_t{2}, std::size_t{64}}) {
            io::InputReader reader(path);
            std::string got;
            char buf[64];
            while (std::size_t n = reader.read(buf, capacity)) got.append(buf, n);
            CAPTURE(capacity);
            CHECK(got == c.read);
            CHECK(reader.decoded_from() == c.decoded_from);
        }
    }
    std::remove(path.c_str());
}
