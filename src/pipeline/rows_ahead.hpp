#pragma once
// Rows converted on the read-ahead thread (parse::ReadAhead), so that both processors convert: while the
// converting thread stages the rows of a table, the read-ahead thread may convert the INSERTs into that same
// table that begin a batch, staging them apart and measuring them with column statistics of their own. The
// converting thread then takes them in one go (RowStage::take, ColumnStats::merge) where it would otherwise
// have converted them one by one, with the same result: the staged lines and the statistics are what they
// would have been, and the rows are taken only where the converting thread would not have written rows out
// before their last statement.
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "parse/read_ahead.hpp"
#include "passes/column_stats.hpp"
#include "pipeline/row_stage.hpp"
#include "pipeline/value_stager.hpp"

namespace sqlite2pg::pipeline {

/// What the read-ahead thread made of the INSERTs into the aimed-at table that begin a batch.
struct AheadRows : parse::BatchWork::Result {
    explicit AheadRows(InvalidUtf8 invalid_utf8) : values(stage, invalid_utf8) {}

    std::uint64_t aim = 0;  ///< RowsAhead::aim()'s number for the table they were converted for
    RowStage stage{std::size_t{1} << 18, RowStage::Overflow::Grow};  ///< the batch's rows
    ValueStager values;                      ///< stages into `stage`
    std::vector<passes::ColumnStats> stats;  ///< per loaded column, of the batch's values
    std::vector<std::uint64_t> bytes_after;  ///< stage.bytes() after each statement
};

/// The read-ahead thread's work on batches of rows: the converting thread aims it at the table whose rows it
/// stages, and it converts the INSERTs into that table with a value for each of its loaded columns in order
/// (the way a dump writes them) with which a batch begins.
class RowsAhead : public parse::BatchWork {
public:
    explicit RowsAhead(InvalidUtf8 invalid_utf8) : invalid_utf8_(invalid_utf8) {}

    /// Aims at the table INSERTs name `insert_name` (exactly so spelt), of `fresh.size()` loaded columns whose
    /// checks `fresh` holds (ColumnStats::fresh()). Returns the aim's number, which the rows converted for it
    /// carry (AheadRows::aim).
    std::uint64_t aim(const std::string& insert_name, std::vector<passes::ColumnStats> fresh);
    /// No more batches are converted until the next aim().
    void stop_aiming();

    std::unique_ptr<Result> make_result() const override { return std::make_unique<AheadRows>(invalid_utf8_); }
    bool begin(Result& result) override;
    bool take(const parse::RawStatement& statement, Result& result) override;

private:
    struct Target {
        std::uint64_t aim = 0;
        std::string insert_name;
        std::vector<passes::ColumnStats> fresh;
    };

    const InvalidUtf8 invalid_utf8_;
    std::mutex mutex_;  ///< guards target_: aim() and stop_aiming() run on the converting thread, begin() on the other
    std::shared_ptr<const Target> target_;
    std::shared_ptr<const Target> working_for_;  ///< the target of the batch being worked on (the thread's)
    std::uint64_t aims_ = 0;  ///< aims so far (the converting thread's)
};

}  // namespace sqlite2pg::pipeline
