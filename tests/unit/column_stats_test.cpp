// passes::ColumnStats::merge: values measured in two stretches (the second with fresh() statistics, as the
// second thread measures the rows it converts, counting lines from where it started) and merged give exactly
// what measuring them all in one go gives, for every kind of value and every check a column may have.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ast/value.hpp"
#include "passes/column_stats.hpp"
#include "value_testing.hpp"

namespace {

using sqlite2pg::ast::Value;
using sqlite2pg::passes::ColumnStats;
using sqlite2pg::passes::ValueCheck;

/// Values of every storage class, with firsts of each kind in both halves and values each check rejects,
/// reformats, finds too long or ending in a space.
std::vector<Value> sample_values() {
    std::vector<Value> values;
    for (int i = 0; i < 60; ++i) {
        switch (i % 6) {
            case 0: values.push_back(Value::of_integer(i % 12 == 0 ? i * 1'000'000'000'000'000LL : i % 2)); break;
            case 1: values.push_back(Value::of_real(i % 4 == 1 ? i + 0.25 : (i % 5 == 0 ? 1e300 * 1e300 : i * 1.0))); break;
            case 2:
                values.push_back(Value::of_text(i % 8 == 2    ? "2020-01-0" + std::to_string(1 + i % 9) + " 10:00:00"
                                                : i % 8 == 6  ? "not a date " + std::to_string(i)
                                                : i % 16 == 4 ? std::string("bad \xff utf-8 ") + std::to_string(i)
                                                              : "2020-01-01T10:00:0" + std::to_string(i % 10) + " "));
                break;
            case 3: values.push_back(Value::of_blob(i % 2 ? std::string("\x00\xff", 2) : "text-like")); break;
            case 4: values.push_back(Value::null()); break;
            case 5: values.push_back(Value::of_integer(-i)); break;
        }
    }
    return values;
}

ColumnStats with_checks(ValueCheck check, std::uint64_t length_limit, bool accept_same_meaning) {
    ColumnStats s;
    s.check = check;
    s.length_limit = length_limit;
    s.accept_same_meaning = accept_same_meaning;
    s.typmod = {6, 2};
    return s;
}

}  // namespace

TEST_CASE("ColumnStats measured in two stretches and merged are the same as measured in one") {
    const std::vector<Value> values = sample_values();
    for (const ValueCheck check : {ValueCheck::None, ValueCheck::Timestamp, ValueCheck::Date, ValueCheck::NumericTypmod}) {
        for (const bool same_meaning : {false, true}) {
            const ColumnStats checks = with_checks(check, check == ValueCheck::None ? 12 : 0, same_meaning);
            ColumnStats whole = checks;
            for (std::size_t i = 0; i < values.size(); ++i) whole.observe(values[i], 100 + i);
            CHECK(whole.misfits + whole.over_length + whole.bad_texts > 0);  // the values test something
            for (const std::size_t split : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{31}, values.size()}) {
                CAPTURE(static_cast<int>(check));
                CAPTURE(same_meaning);
                CAPTURE(split);
                ColumnStats first = checks;
                ColumnStats second = checks.fresh();
                CHECK(second == checks);  // nothing observed yet: only the checks
                for (std::size_t i = 0; i < split; ++i) first.observe(values[i], 100 + i);
                for (std::size_t i = split; i < values.size(); ++i) second.observe(values[i], 100 + i);
                // The second stretch again, its lines counted from 1 at its first value (shifted by the merge).
                ColumnStats counted_apart = checks.fresh();
                for (std::size_t i = split; i < values.size(); ++i) counted_apart.observe(values[i], 1 + i - split);
                ColumnStats first_again = first;
                first.merge(second);
                CHECK(first == whole);
                first_again.merge(counted_apart, 100 + split - 1);
                CHECK(first_again == whole);
            }
        }
    }
}

TEST_CASE("ColumnStats::fresh keeps the checks and nothing observed") {
    ColumnStats s = with_checks(ValueCheck::Timestamp, 5, true);
    s.observe(Value::of_text("abcdefgh "), 3);
    s.observe(Value::of_integer(7), 4);
    const ColumnStats fresh = s.fresh();
    CHECK(fresh == with_checks(ValueCheck::Timestamp, 5, true));
    CHECK(fresh.of(sqlite2pg::ast::StorageClass::Text) == 0);
}
