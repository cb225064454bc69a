#pragma once
// One value of a row on its way into a RowStage: measured for its column's type choice (passes::ColumnStats)
// and spelt for COPY. Shared by the converting thread and the read-ahead thread (pipeline/rows_ahead.hpp),
// which stage rows the same way into stages of their own.
#include <cstdint>
#include <string>

#include "ast/value.hpp"
#include "core/config.hpp"
#include "parse/dump_insert.hpp"
#include "passes/column_stats.hpp"
#include "pipeline/row_stage.hpp"

namespace sqlite2pg::pipeline {

/// Measures and stages values into one RowStage.
class ValueStager {
public:
    /// Values go to `stage`, which must outlive this object; `invalid_utf8` is --invalid-utf8.
    ValueStager(RowStage& stage, InvalidUtf8 invalid_utf8) : stage_(stage), invalid_utf8_(invalid_utf8) {}

    /// Measures and stages one scanned value of `scan`: a plain literal straight from the statement text, any
    /// other (and text to repair under --invalid-utf8 replace) decoded first. `line`: the statement's.
    void stage_scanned(const parse::ValueRef& ref, const parse::InsertScan& scan, passes::ColumnStats& stats,
                       std::uint64_t line);
    /// Measures and stages one decoded value (repaired first under --invalid-utf8 replace).
    void stage(ast::Value& v, passes::ColumnStats& stats, std::uint64_t line);

private:
    RowStage& stage_;
    const InvalidUtf8 invalid_utf8_;
    ast::Value value_;     ///< a scanned value being decoded
    std::string scratch_;  ///< a scanned literal's decoded bytes
};

}  // namespace sqlite2pg::pipeline
