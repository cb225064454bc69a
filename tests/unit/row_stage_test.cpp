// RowStage: rows come back exactly as staged, in order, from memory and from the spill file, and the
// stage is reusable after a drain.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pipeline/row_stage.hpp"

using sqlite2pg::ast::Value;
using sqlite2pg::pipeline::RowStage;

namespace {

/// Rows of every storage class, with text of many lengths (the length prefix takes one to three bytes)
/// and one value larger than the stage's read-back block.
std::vector<std::vector<Value>> sample_rows(std::size_t count) {
    std::vector<std::vector<Value>> rows;
    for (std::size_t i = 0; i < count; ++i) {
        rows.push_back({Value::of_integer(static_cast<std::int64_t>(i) * -7919), Value::of_real(i / 3.0),
                        Value::of_text(std::string(i % 300, static_cast<char>('a' + i % 26))),
                        i % 5 ? Value::of_blob(std::string("\0\x01\xff", 3)) : Value::null()});
    }
    rows[count / 2][2] = Value::of_text(std::string(3u << 20, 'x'));
    return rows;
}

std::vector<std::vector<Value>> stage_and_drain(RowStage& stage, const std::vector<std::vector<Value>>& rows) {
    for (const auto& row : rows) stage.append(row);
    CHECK(stage.rows() == rows.size());
    std::vector<std::vector<Value>> back;
    stage.drain(4, [&](std::span<const Value> row) { back.emplace_back(row.begin(), row.end()); });
    CHECK(stage.rows() == 0);
    return back;
}

}  // namespace

TEST_CASE("RowStage gives back every row exactly, in memory and spilled") {
    const auto rows = sample_rows(2000);
    for (std::size_t limit : {std::size_t{64} << 20, std::size_t{4096}, std::size_t{1}}) {
        CAPTURE(limit);
        RowStage stage(limit);
        CHECK(stage_and_drain(stage, rows) == rows);
        // Reused after a drain (the converter stages table after table).
        CHECK(stage_and_drain(stage, rows) == rows);
    }
}
