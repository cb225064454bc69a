#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pg/identifiers.hpp"
#include "pg/keywords.hpp"

namespace {

using namespace sqlite2pg::pg;

/// True if `s` is well-formed UTF-8 (no check for overlong forms or surrogates: enough for cut points).
bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto lead = static_cast<unsigned char>(s[i]);
        std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += len;
    }
    return true;
}

std::string repeat(std::string_view unit, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += unit;
    return out;
}

}  // namespace

TEST_CASE("quote_ident follows pg_dump's rule") {
    struct Case {
        std::string name;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"plain", "plain"},
        {"_under_score1", "_under_score1"},
        {"MixedCase", "\"MixedCase\""},
        {"1starts_digit", "\"1starts_digit\""},
        {"has space", "\"has space\""},
        {"user", "\"user\""},          // reserved
        {"order", "\"order\""},        // reserved
        {"window", "\"window\""},      // reserved
        {"end", "\"end\""},            // reserved
        {"desc", "\"desc\""},          // reserved
        {"offset", "\"offset\""},      // reserved
        {"true", "\"true\""},          // reserved
        {"left", "\"left\""},          // type_func_name
        {"like", "\"like\""},          // type_func_name
        {"between", "\"between\""},    // col_name
        {"json_table", "\"json_table\""},  // col_name, newer servers only
        {"key", "key"},                // unreserved
        {"action", "action"},          // unreserved
        {"name", "name"},              // unreserved
        {"", "\"\""},
        {"a\"b", "\"a\"\"b\""},
        {"ünïcödé", "\"ünïcödé\""},
        {"列", "\"列\""},
        {"dollar$", "\"dollar$\""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(quote_ident(c.name) == c.expected);
    }
}

TEST_CASE("keyword_category") {
    CHECK(keyword_category("select") == KeywordCategory::Reserved);
    CHECK(keyword_category("authorization") == KeywordCategory::TypeFuncName);
    CHECK(keyword_category("varchar") == KeywordCategory::ColName);
    CHECK(keyword_category("abort") == KeywordCategory::Unreserved);
    CHECK(keyword_category("zone") == KeywordCategory::Unreserved);
    CHECK(keyword_category("system_user") == KeywordCategory::Reserved);
    CHECK_FALSE(keyword_category("SELECT"));  // callers fold first
    CHECK_FALSE(keyword_category("sqlite_sequence"));
    CHECK_FALSE(keyword_category(""));
    CHECK_FALSE(keyword_category("zzz"));
}

TEST_CASE("fold_ascii_lower touches ASCII letters only") {
    CHECK(fold_ascii_lower("MixedCase_1") == "mixedcase_1");
    CHECK(fold_ascii_lower("ÄÖÜ Straße") == "ÄÖÜ straße");
    CHECK(fold_ascii_lower("") == "");
}

TEST_CASE("shorten_identifier") {
    SUBCASE("at most 63 bytes unchanged") {
        const std::string exact(kMaxIdentifierBytes, 'a');
        CHECK(shorten_identifier(exact) == exact);
        CHECK(shorten_identifier("short") == "short");
    }
    SUBCASE("33 × é (66 bytes) is cut on a character boundary") {
        const std::string name = repeat("é", 33);
        REQUIRE(name.size() == 66);
        const std::string out = shorten_identifier(name);
        CHECK(out.size() <= kMaxIdentifierBytes);
        CHECK(is_valid_utf8(out));
        CHECK(out.substr(0, 54) == repeat("é", 27));
        CHECK(out[54] == '_');
        CHECK(out.find_first_not_of("0123456789abcdef", 55) == std::string::npos);
        CHECK(out.size() == 63);
        CHECK(shorten_identifier(name) == out);  // deterministic
    }
    SUBCASE("odd cut point backs up to a boundary") {
        const std::string name = "a" + repeat("é", 40);
        const std::string out = shorten_identifier(name);
        CHECK(out.size() == 62);
        CHECK(is_valid_utf8(out));
        CHECK(out.substr(0, 53) == "a" + repeat("é", 26));
    }
    SUBCASE("names sharing a 63-byte prefix differ") {
        const std::string prefix(63, 'x');
        const std::string a = shorten_identifier(prefix + "_one");
        const std::string b = shorten_identifier(prefix + "_two");
        CHECK(a != b);
        CHECK(a.size() == 63);
        CHECK(b.size() == 63);
        CHECK(a.substr(0, 54) == b.substr(0, 54));
    }
}
