#pragma once
// Rows converted apart from the converting thread (by pipeline::ParallelRows' thread): while the converting
// thread stages the rows of a table, the other converts INSERTs into that same table further on, staging them
// apart and measuring them with column statistics of their own. The converting thread then takes them in one
// go (RowStage::take, ColumnStats::merge) where it would otherwise have converted them one by one, with the
// same result: the staged lines and the statistics are what they would have been, and the rows are taken
// only where the converting thread would not have written rows out before their last statement.
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/config.hpp"
#include "parse/statement_splitter.hpp"
#include "passes/column_stats.hpp"
#include "pipeline/row_stage.hpp"
#include "pipeline/value_stager.hpp"

namespace sqlite2pg::pipeline {

/// What the other thread made of a stretch of INSERTs into the aimed-at table.
struct AheadRows {
    /// Bytes of lines a stretch's stage holds before it grows: the capacity of its lines pool.
    static constexpr std::size_t kLinesBytes = std::size_t{1} << 18;

    /// `lines_pool` (of buffers of kLinesBytes), when given: where the stage's lines are staged (RowStage).
    explicit AheadRows(InvalidUtf8 invalid_utf8, std::shared_ptr<io::BufferPool> lines_pool = nullptr)
        : stage(kLinesBytes, RowStage::Overflow::Grow, std::move(lines_pool)), values(stage, invalid_utf8) {}

    std::uint64_t aim = 0;  ///< RowsAhead::aim()'s number for the table they were converted for
    RowStage stage;                          ///< the stretch's rows
    ValueStager values;                      ///< stages into `stage`
    std::vector<passes::ColumnStats> stats;  ///< per loaded column, of the stretch's values
    std::vector<std::uint64_t> bytes_after;  ///< stage.bytes() after each statement
};

/// The other thread's work on rows: the converting thread aims it at the table whose rows it stages, and it
/// converts the INSERTs into that table with a value for each of its loaded columns in order (the way a dump
/// writes them).
class RowsAhead {
public:
    /// Aims at the table INSERTs name `insert_name` (exactly so spelt), of `fresh.size()` loaded columns whose
    /// checks `fresh` holds (ColumnStats::fresh()). Returns the aim's number, which the rows converted for it
    /// carry (AheadRows::aim).
    std::uint64_t aim(const std::string& insert_name, std::vector<passes::ColumnStats> fresh);
    /// No more batches are converted until the next aim().
    void stop_aiming();

    /// Begins a stretch of rows into `rows` (emptied first) for the current aim, on the other thread; false when
    /// there is no aim.
    bool begin(AheadRows& rows);
    /// Converts `statement` (`rows` null when its INSERT did not scan) into `rows`, on the other thread; false
    /// when it is not one it takes (not an INSERT into the aimed-at table in the form above).
    bool take(const parse::RawStatement& statement, AheadRows& rows);

private:
    struct Target {
        std::uint64_t aim = 0;
        std::string insert_name;
        std::vector<passes::ColumnStats> fresh;
    };

    std::mutex mutex_;  ///< guards target_: aim() and stop_aiming() run on the converting thread, begin() on the other
    std::shared_ptr<const Target> target_;
    std::shared_ptr<const Target> working_for_;  ///< the target of the stretch being converted (the other thread's)
    std::uint64_t aims_ = 0;  ///< aims so far (the converting thread's)
};

}  // namespace sqlite2pg::pipeline
