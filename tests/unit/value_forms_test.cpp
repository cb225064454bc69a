// Value checks: what PostgreSQL's date/time, json and uuid types would store and print back for a text, and
// the digits a number needs in numeric(p,s).
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "passes/value_forms.hpp"

using namespace sqlite2pg::passes;

TEST_CASE("value forms: date and time texts against timestamp, timestamptz, date and time") {
    struct Case {
        const char* text;
        Fit timestamp, timestamptz, date, time;
    };
    constexpr Fit N = Fit::No, S = Fit::SameMeaning, E = Fit::Exact;
    const Case cases[] = {
        {"2020-01-01 10:00:00", E, S, N, N},
        {"2020-01-01 10:00:00.123456", E, S, N, N},
        {"2020-01-01 10:00:00.5", E, S, N, N},
        {"2020-01-01 10:00:00.500", S, S, N, N},        // printed as .5
        {"2020-01-01T10:00:00", S, S, N, N},            // printed with a space
        {"2020-01-01 10:00", S, S, N, N},               // printed with :00
        {"2020-01-01", S, S, E, N},                     // midnight as a timestamp
        {"2020-01-01T10:00:00Z", N, S, N, N},           // timestamp would drop the offset
        {"2020-01-01 10:00:00+05:00", N, S, N, N},
        {"2020-01-01 10:00:00.123456789", N, N, N, N},  // rounded to microseconds
        {"2020-01-01 24:00:00", N, N, N, N},            // rolled over to the next day
        {"2020-12-31 23:59:60", N, N, N, N},
        {"2020-02-30", N, N, N, N},
        {"2021-02-29 00:00:00", N, N, N, N},
        {"2024-02-29 00:00:00", E, S, N, N},
        {"0000-00-00 00:00:00", N, N, N, N},
        {"0000-01-01", N, N, N, N},                     // PostgreSQL has no year 0
        {"0099-01-01", S, S, E, N},
        {"now", N, N, N, N},
        {"today", N, N, N, N},
        {"epoch", N, N, N, N},
        {"infinity", N, N, N, N},
        {"allballs", N, N, N, N},
        {"Jan 5 2020", N, N, N, N},
        {"20200101", N, N, N, N},
        {"", N, N, N, N},
        {" 2020-01-01", N, N, N, N},
        {"2020-01-01 ", N, N, N, N},
        {"10:00:00", N, N, N, E},
        {"23:59:59.999999", N, N, N, E},
        {"10:00", N, N, N, S},
        {"10:00:00.10", N, N, N, S},
        {"24:00:00", N, N, N, N},
        {"25:00", N, N, N, N},
        {"10:00:60", N, N, N, N},
        {"10:00:00Z", N, N, N, N},
        {"2020-01-01 10:00:00+15:00", N, N, N, N},
        {"2020-01-01t10:00:00", N, N, N, N},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(timestamp_fit(c.text) == c.timestamp);
        CHECK(timestamptz_fit(c.text) == c.timestamptz);
        CHECK(date_fit(c.text) == c.date);
        CHECK(time_fit(c.text) == c.time);
    }
}

TEST_CASE("value forms: every byte of a date is checked, and every day of a leap and a common year") {
    // A reference by byte and by calendar, independent of the reader.
    auto valid_date = [](const std::string& s) {
        if (s.size() != 10) return false;
        for (std::size_t i = 0; i < 10; ++i) {
            const bool dash = i == 4 || i == 7;
            if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
        }
        const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
    };
    for (const std::string base : {"2024-02-29", "1999-12-31"}) {
        for (std::size_t at = 0; at < base.size(); ++at) {
            for (const char c : {'/', ':', 'a', '-', '0', '1', '3', '9', ' ', '\0', '\x80'}) {
                std::string text = base;
                text[at] = c;
                CAPTURE(text);
                CHECK((date_fit(text) == Fit::Exact) == valid_date(text));
                CHECK((timestamp_fit(text + " 10:00:00") == Fit::Exact) == valid_date(text));
            }
        }
    }
    for (const int year : {2023, 2024}) {
        for (int month = 0; month <= 13; ++month) {
            for (int day = 0; day <= 32; ++day) {
                char text[16];
                std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
                CAPTURE(text);
                CHECK((date_fit(text) == Fit::Exact) == valid_date(text));
            }
        }
    }
}

TEST_CASE("value forms: JSON texts PostgreSQL's json accepts as written") {
    struct Case {
        const char* text;
        bool json;
    };
    const Case cases[] = {
        {"{}", true}, {"[]", true}, {"123", true}, {"-0", true}, {"1.5e-7", true}, {"1E+2", true},
        {"\"x\"", true}, {"true", true}, {"null", true}, {" [1 , 2] ", true}, {"{\"a\":1,\"a\":2}", true},
        {"\"\\u0000\"", true}, {"\"\\ud83d\\ude00\"", true}, {"{\"a\":[{\"b\":null}]}", true}, {"\t\n\r1", true},
        {"", false}, {" ", false}, {"{\"a\":1", false}, {"01", false}, {"1.", false}, {".5", false}, {"+1", false},
        {"NaN", false}, {"{'a':1}", false}, {"[1,]", false}, {"{\"a\"}", false}, {"True", false},
        {"\"\\ud800\"", false}, {"\"\\udc00\"", false}, {"\"a\nb\"", false}, {"\"\\x\"", false}, {"1 2", false},
        {"\"\\u12\"", false}, {"[1]]", false}, {"{\"a\":1,}", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(is_json_text(c.text) == c.json);
    }
    CHECK(is_json_text(std::string(1000, '[') + std::string(1000, ']')));
    CHECK_FALSE(is_json_text(std::string(1001, '[') + std::string(1001, ']')));
}

TEST_CASE("value forms: only canonical UUID text fits uuid") {
    CHECK(is_canonical_uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    CHECK(is_canonical_uuid("00000000-0000-0000-0000-000000000000"));
    CHECK_FALSE(is_canonical_uuid("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"));
    CHECK_FALSE(is_canonical_uuid("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"));
    CHECK_FALSE(is_canonical_uuid("a0eebc999c0b4ef8bb6d6bb9bd380a11"));
    CHECK_FALSE(is_canonical_uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g"));
    CHECK_FALSE(is_canonical_uuid(""));
}

TEST_CASE("value forms: digits a number needs in numeric(p,s)") {
    struct Case {
        double v;
        int integer, fraction;
    };
    const Case cases[] = {
        {0.1, 0, 1},    {1.5, 1, 1},     {12.345, 2, 3}, {1.005, 1, 3}, {123456.789, 6, 3}, {100.0, 3, 0},
        {1e20, 21, 0},  {1.5e-7, 0, 8},  {-2.25, 1, 2},  {0.0, 0, 0},   {0.05, 0, 2},       {999.99, 3, 2},
    };
    for (const Case& c : cases) {
        CAPTURE(c.v);
        DecimalDigits d = decimal_digits(c.v);
        CHECK(d.integer == c.integer);
        CHECK(d.fraction == c.fraction);
    }
    CHECK(decimal_digits(std::int64_t{0}).integer == 0);
    CHECK(decimal_digits(std::int64_t{-12345}).integer == 5);
    CHECK(decimal_digits(INT64_MIN).integer == 19);
}

TEST_CASE("value forms: characters and U+FFFD replacement") {
    CHECK(utf8_length("abc") == 3);
    CHECK(utf8_length("é😀") == 2);
    CHECK(replace_invalid_utf8("ok") == "ok");
    CHECK(replace_invalid_utf8(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
    CHECK(replace_invalid_utf8("\xC3\x28") == "\xEF\xBF\xBD(");
    CHECK(replace_invalid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(replace_invalid_utf8("\xC0\x80x") == "\xEF\xBF\xBD\xEF\xBF\xBDx");
    CHECK(replace_invalid_utf8("é") == "é");
}
