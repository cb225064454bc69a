#include "pipeline/rows_ahead.hpp"

#include <utility>

namespace sqlite2pg::pipeline {

std::uint64_t RowsAhead::aim(const std::string& insert_name, std::vector<passes::ColumnStats> fresh) {
    auto target = std::make_shared<Target>(Target{++aims_, insert_name, std::move(fresh)});
    std::lock_guard lock(mutex_);
    target_ = std::move(target);
    return aims_;
}

void RowsAhead::stop_aiming() {
    std::lock_guard lock(mutex_);
    target_.reset();
}

bool RowsAhead::begin(AheadRows& rows) {
    {
        std::lock_guard lock(mutex_);
        working_for_ = target_;
    }
    if (!working_for_) return false;
    rows.aim = working_for_->aim;
    rows.stage.discard();
    rows.stats = working_for_->fresh;
    rows.bytes_after.clear();
    return true;
}

bool RowsAhead::take(const parse::RawStatement& statement, AheadRows& rows) {
    const parse::InsertScan* scan = statement.rows;
    const std::size_t width = working_for_->fresh.size();
    if (!statement.terminated || scan == nullptr || scan->table.name != working_for_->insert_name ||
        !scan->columns.empty() || scan->row_width != width)
        return false;
    // A run of statements (InsertScan::statements) is staged statement by statement, as the converting thread
    // would have.
    std::size_t r = 0;
    for (const parse::ScannedStatement& each : scan->statements) {
        for (; r < each.rows_end; ++r) {
            const parse::ValueRef* row = scan->values.data() + r * width;
            for (std::size_t c = 0; c < width; ++c) rows.values.stage_scanned(row[c], *scan, rows.stats[c], each.line);
            rows.stage.end_row();
        }
        rows.bytes_after.push_back(rows.stage.bytes());
    }
    return true;
}

}  // namespace sqlite2pg::pipeline
