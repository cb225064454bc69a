// The literal decoding shared by the INSERT scanner and the folder (parse/dump_values.hpp). Expected reals
// are hex-float literals, so a check is bit-exact and independent of any decimal parser.
#include <doctest/doctest.h>

#include <cctype>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "core/byte_vectors.hpp"
#include "parse/dump_values.hpp"
#include "value_testing.hpp"

namespace sqlite2pg::parse {
namespace {

using namespace sqlite2pg::testing;

constexpr double inf = std::numeric_limits<double>::infinity();

TEST_CASE("decode_number: integers, reals, infinities and hex, as SQLite reads them") {
    struct Case {
        std::string_view literal;
        bool negative;
        std::optional<ast::Value> expected;  ///< nullopt: rejected
    };
    const std::string huge_integer = "1" + std::string(400, '0');
    const std::vector<Case> cases = {
        {"0", false, integer(0)},
        {"0", true, integer(0)},  // an integer zero has no sign
        {"1", true, integer(-1)},
        {"007", false, integer(7)},
        {"9223372036854775807", false, integer(std::numeric_limits<std::int64_t>::max())},
        {"9223372036854775807", true, integer(-std::numeric_limits<std::int64_t>::max())},
        {"9223372036854775808", true, integer(std::numeric_limits<std::int64_t>::min())},
        // Integer literals outside int64 are REAL (SQLite's rule), correctly rounded.
        {"9223372036854775808", false, real(0x1p63)},
        {"9223372036854775809", true, real(-0x1p63)},
        {"18446744073709551616", false, real(0x1p64)},
        {"99999999999999999999999", false, real(0x1.52d02c7e14af6p+76)},
        {"1.5", false, real(1.5)},
        {".5", false, real(0.5)},
        {"5.", false, real(5.0)},
        {"1e5", false, real(100000.0)},
        {"1E5", false, real(100000.0)},
        {"2.25", true, real(-2.25)},
        {"100.0", false, real(100.0)},
        // The digits each era writes; all must land on the same double as the value that was stored.
        {"0.1", false, real(0x1.999999999999ap-4)},
        {"0.10000000000000000555", false, real(0x1.999999999999ap-4)},
        {"0.1000000000000000055", false, real(0x1.999999999999ap-4)},
        {"3.33333333333333314829e-01", false, real(0x1.5555555555555p-2)},
        {"41.999999999999999998", false, real(0x1.5p+5)},
        {"9223372036854775807.8", false, real(0x1p63)},
        {"9.2233720368547758078e+18", false, real(0x1p63)},
        {"9223372036854775810.0", false, real(0x1p63)},
        {"9.2233720368547758e+18", false, real(0x1p63)},
        {"1.499999999999999781e+300", false, real(0x1.1eb2d66005834p+997)},  // 3.47–3.51: not 1.5e300
        {"4.9406564584124654428e-324", false, real(0x0.0000000000001p-1022)},
        {"4.94065645841246544288e-324", false, real(0x0.0000000000001p-1022)},
        {"1.7976931348623156223e+308", false, real(0x1.fffffffffffffp+1023)},
        {"1.0000000000000000817e-05", false, real(0x1.4f8b588e368f1p-17)},
        {"1.0e+20", false, real(0x1.5af1d78b58c4p+66)},
        {"1.0e+20", true, real(-0x1.5af1d78b58c4p+66)},
        // Overflowing exponents are infinities, in every spelling; underflow is a signed zero.
        {"1e999", false, real(inf)},
        {"1e999", true, real(-inf)},
        {"9.0e+999", false, real(inf)},
        {"9.0e+999", true, real(-inf)},
        {"1.0e99999999999999999999", false, real(inf)},
        {"0.000001e309", false, real(0x1.754e31cd072dap+1006)},
        {huge_integer, false, real(inf)},
        {"1e-999", false, real(0.0)},
        {"1e-999", true, real(-0.0)},
        {"0e999", false, real(0.0)},
        {"0.0", true, real(-0.0)},
        // Hex (only the folder meets these): 64-bit two's complement, at most 16 significant digits.
        {"0x1F", false, integer(31)},
        {"0X1f", true, integer(-31)},
        {"0xFFFFFFFFFFFFFFFF", false, integer(-1)},
        {"0x00000000000000000001", false, integer(1)},
        {"0x8000000000000000", false, integer(std::numeric_limits<std::int64_t>::min())},
        {"0x8000000000000000", true, std::nullopt},  // "hex literal too big"
        {"0x10000000000000000", false, std::nullopt},
        {"0x", false, std::nullopt},
        {"0xG", false, std::nullopt},
        {"", false, std::nullopt},
        {".", false, std::nullopt},
        {"1e", false, std::nullopt},
        {"1e+", false, std::nullopt},
        {"1.2.3", false, std::nullopt},
        {"-1", false, std::nullopt},
        {"+1", false, std::nullopt},
        {"Inf", false, std::nullopt},
        {"1_000", false, std::nullopt},
    };
    for (const Case& c : cases) {
        CAPTURE(c.literal);
        CAPTURE(c.negative);
        ast::Value v = text("stale");
        const bool ok = decode_number(c.literal, c.negative, v);
        CHECK(ok == c.expected.has_value());
        if (ok && c.expected) CHECK(v == *c.expected);
    }
}

TEST_CASE("unescape_sql_string and decode_blob_hex") {
    std::string out = "stale";
    unescape_sql_string("it''s \"quoted\"", out);
    CHECK(out == "it's \"quoted\"");
    unescape_sql_string("''''", out);
    CHECK(out == "''");
    unescape_sql_string("", out);
    CHECK(out.empty());
    unescape_sql_string("C:\\path\\n\\t\\\\x", out);  // backslashes are data
    CHECK(out == "C:\\path\\n\\t\\\\x");

    struct Case {
        std::string_view hex;
        std::optional<std::string> bytes;
    };
    const std::vector<Case> cases = {
        {"", std::string()},
        {"00FF", std::string("\x00\xff", 2)},
        {"deadbeef", std::string("\xde\xad\xbe\xef")},
        {"DeAdBeEf", std::string("\xde\xad\xbe\xef")},
        {"0", std::nullopt},
        {"0g", std::nullopt},
        {"00 1", std::nullopt},
    };
    for (const Case& c : cases) {
        CAPTURE(c.hex);
        const bool ok = decode_blob_hex(c.hex, out);
        CHECK(ok == c.bytes.has_value());
        if (ok && c.bytes) CHECK(out == *c.bytes);
    }
}

TEST_CASE("decode_unistr: every escape, and a lone backslash kept") {
    struct Case {
        std::string_view in;
        std::string_view out;
    };
    const std::vector<Case> cases = {
        {"line1\\u000aline2", "line1\nline2"},
        {"a\\u000d\\u000ab", "a\r\nb"},
        {"bell\\u0007esc\\u001bx\\u0001", "bell\x07" "esc\x1b" "x\x01"},
        {"back\\\\slash\\u0009", "back\\slash\t"},
        {"has \\\\n and \\\\012 and real\\u000anl", "has \\n and \\012 and real\nnl"},
        {"\\00e9", "\xc3\xa9"},
        {"\\u00E9", "\xc3\xa9"},
        {"\\+01F600", "\xf0\x9f\x98\x80"},
        {"\\U0001F600", "\xf0\x9f\x98\x80"},
        {"\\u0000", std::string_view("\0", 1)},
        // 3.50–3.51 `--newlines`: backslashes not doubled; not an escape → literal backslash.
        {"C:\\dir\\u0007", "C:\\dir\x07"},
        {"\\q", "\\q"},
        {"\\u12", "\\u12"},
        {"\\", "\\"},
        {"\\U00110000", "\\U00110000"},  // above U+10FFFF: not a code point
        {"no escapes", "no escapes"},
    };
    std::string out;
    for (const Case& c : cases) {
        CAPTURE(c.in);
        decode_unistr(c.in, out);
        CHECK(out == c.out);
    }
}

TEST_CASE("char(): UTF-8 of each code point, NUL kept, out of range → U+FFFD") {
    struct Case {
        std::vector<ast::Value> args;
        std::optional<std::string> out;
    };
    const std::vector<Case> cases = {
        {{integer(10)}, "\n"},
        {{integer(13), integer(10)}, "\r\n"},
        {{integer(0), integer(65)}, std::string("\0A", 2)},
        {{null()}, std::string("\0", 1)},
        {{integer(0xe9), integer(0x65e5), integer(0x1F600)}, "\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80"},
        {{integer(0xD800)}, "\xed\xa0\x80"},  // SQLite encodes surrogates as they are
        {{integer(-1)}, "\xef\xbf\xbd"},
        {{integer(0x110000)}, "\xef\xbf\xbd"},
        {{text("65")}, std::nullopt},
        {{real(65.0)}, std::nullopt},
    };
    for (const Case& c : cases) {
        std::string out;
        bool ok = true;
        for (const ast::Value& a : c.args) ok = ok && append_char_argument(a, out);
        CHECK(ok == c.out.has_value());
        if (ok && c.out) CHECK(out == *c.out);
    }
}

TEST_CASE("replace() and || with SQLite's semantics") {
    struct Case {
        ast::Value a, b, c;
        std::optional<ast::Value> expected;
    };
    const std::vector<Case> cases = {
        {text("line1\\nline2"), text("\\n"), text("\n"), text("line1\nline2")},
        {text("a\\r\\nb"), text("\\r"), text("\r"), text("a\r\\nb")},
        {text("has \\n literal and real\\012newline"), text("\\012"), text("\n"), text("has \\n literal and real\nnewline")},
        {text("has \\n and \\012 and real(\\n0)nl"), text("(\\n0)"), text("\n"), text("has \\n and \\012 and real\nnl")},
        {text("\\n"), text("\\n"), text("\n"), text("\n")},
        {text("aaaa"), text("aa"), text("b"), text("bb")},  // left to right, non-overlapping
        {text("aaa"), text("aa"), text("b"), text("ba")},
        {text("abc"), text("x"), text("y"), text("abc")},
        {text("abc"), text("b"), text(""), text("ac")},
        {integer(1212), integer(1), text("x"), text("x2x2")},
        {null(), text("a"), text("b"), null()},
        {text("a"), null(), text("b"), null()},
        {text("abc"), text("b"), null(), null()},
        {text("abc"), text(""), null(), text("abc")},  // empty pattern is checked before a NULL replacement
        {integer(5), text(""), text("x"), integer(5)},  // … and returns the first argument unchanged
        {real(1.5), text("1"), text("2"), std::nullopt},
        {text("a"), blob("a"), text("b"), std::nullopt},
    };
    for (const Case& c : cases) {
        ast::Value a = c.a, b = c.b, r = c.c;
        std::string scratch;
        CAPTURE(describe(c.a));
        const bool ok = replace_values(a, b, r, scratch);
        CHECK(ok == c.expected.has_value());
        if (ok && c.expected) CHECK(a == *c.expected);
    }

    struct Concat {
        ast::Value a, b;
        std::optional<ast::Value> expected;
    };
    const std::vector<Concat> concats = {
        {text("line1"), text("\n"), text("line1\n")},
        {integer(-5), text("a"), text("-5a")},
        {text(""), integer(0), text("0")},
        {null(), text("a"), null()},
        {text("a"), null(), null()},
        {text("a"), real(1.0), std::nullopt},
        {blob("a"), text("a"), std::nullopt},
    };
    for (const Concat& c : concats) {
        ast::Value a = c.a, b = c.b;
        const bool ok = concat_values(a, b);
        CHECK(ok == c.expected.has_value());
        if (ok && c.expected) CHECK(a == *c.expected);
    }
}

TEST_CASE("negate_value and coerce_to_text") {
    ast::Value v = integer(std::numeric_limits<std::int64_t>::min());
    REQUIRE(negate_value(v));
    CHECK(v == real(0x1p63));  // 0 - INT64_MIN overflows into floating point
    v = real(0.0);
    REQUIRE(negate_value(v));
    CHECK(v == real(-0.0));
    CHECK(v != real(0.0));
    v = null();
    REQUIRE(negate_value(v));
    CHECK(v == null());
    v = text("1");
    CHECK_FALSE(negate_value(v));

    v = integer(-9223372036854775807 - 1);
    REQUIRE(coerce_to_text(v));
    CHECK(v == text("-9223372036854775808"));
    v = real(1.0);
    CHECK_FALSE(coerce_to_text(v));
}

TEST_CASE("is_blob_hex and hex_digits_end accept what decode_blob_hex decodes, at every offset of two vectors and a tail") {
    std::string out;
    for (int b = 0; b < 256; ++b) {
        for (std::size_t at = 0; at < 36; ++at) {
            std::string hex(36, 'A');
            hex[at] = static_cast<char>(b);
            CAPTURE(b);
            CAPTURE(at);
            CHECK(is_blob_hex(hex) == decode_blob_hex(hex, out));
            // Padded, every length up to the changed byte's: what follows is read and not used.
            const std::string padded = hex + std::string(byte_vectors::kPadding, 'g');
            CHECK(is_blob_hex(std::string_view(padded).substr(0, at), true) == (at % 2 == 0));
            CHECK(is_blob_hex(std::string_view(padded).substr(0, 36), true) == is_blob_hex(hex));
            // The first byte that is not a hex digit: the changed one, unless it is one; then the end.
            const bool digit = std::isxdigit(b) != 0;
            for (const bool pad : {false, true}) {
                const char* const end = (pad ? padded.data() : hex.data()) + 36;
                CHECK(hex_digits_end(end - 36, end, pad) == end - 36 + (digit ? 36 : at));
            }
        }
    }
    CHECK(is_blob_hex(""));
    CHECK_FALSE(is_blob_hex("abc"));
    CHECK(is_blob_hex("0123456789abcdefABCDEF00"));
}

}  // namespace
}  // namespace sqlite2pg::parse
