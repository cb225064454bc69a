#pragma once
// One value of a row on its way into a RowStage: measured for its column's type choice (passes::ColumnStats)
// and spelt for COPY. Shared by the converting thread and the read-ahead thread (pipeline/rows_ahead.hpp),
// which stage rows the same way into stages of their own.
#include <cstdint>
#include <string>

#include "ast/value.hpp"
#include "core/config.hpp"
#include "core/real_digits.hpp"
#include "core/utf8.hpp"
#include "parse/dump_insert.hpp"
#include "parse/dump_values.hpp"
#include "passes/column_stats.hpp"
#include "pipeline/row_stage.hpp"

namespace sqlite2pg::pipeline {

/// Measures and stages values into one RowStage.
class ValueStager {
public:
    /// Values go to `stage`, which must outlive this object; `invalid_utf8` is --invalid-utf8.
    ValueStager(RowStage& stage, InvalidUtf8 invalid_utf8) : stage_(stage), invalid_utf8_(invalid_utf8) {}

    /// Measures and stages one scanned value of `scan`: a plain literal straight from the statement text, any
    /// other (and text to repair under --invalid-utf8 replace) decoded first. `line`: the statement's. (Inline,
    /// below: it runs for nearly every value of a dump, in each thread's row loop.)
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

// Forced inline: left to itself the compiler calls it, and it then calls RowStage's small functions rather
// than inlining them (4 % more instructions a byte, measured with callgrind).
[[gnu::always_inline]] inline void ValueStager::stage_scanned(const parse::ValueRef& ref, const parse::InsertScan& scan,
                                                              passes::ColumnStats& stats, std::uint64_t line) {
    switch (ref.form) {
        case parse::ValueRef::Form::Null:
            stats.observe_null(line);
            stage_.put_null();
            return;
        case parse::ValueRef::Form::Integer:
            stats.observe_integer(ref.integer, line);
            stage_.put_integer(ref.integer, ref.raw);
            return;
        case parse::ValueRef::Form::Decimal:
            // sqlite3's spelling of nearly every real: the scanner found its shortest digits in the text.
            if (ref.has_shortest && !stats.wants_real_value()) {
                const bool negative = ref.raw.front() == '-';
                if (const real_digits::LiteralCut cut = ref.shortest_cut; cut.length != 0) {
                    stats.observe_real_shape((cut.flags & real_digits::LiteralCut::kIntegral) != 0, line);
                    stage_.put_literal_cut(negative, ref.raw.data() + (negative ? 1 : 0), cut);
                    return;
                }
                const real_digits::DecimalDigits digits = real_digits::decimal_digits(ref.shortest());
                stats.observe_real_shape(digits.integral() || digits.float8_prints_exponent(), line);
                stage_.put_real_digits(negative, digits);
                return;
            }
            [[fallthrough]];
        case parse::ValueRef::Form::Real: {
            const double real = parse::real_value(ref);
            stats.observe_real(real, line);
            stage_.put_real(real);
            return;
        }
        case parse::ValueRef::Form::QuotedText: {
            std::string_view text = ref.raw;
            if (ref.doubled_quotes) {
                parse::unescape_sql_string(ref.raw, scratch_);
                text = scratch_;
            }
            if (invalid_utf8_ == InvalidUtf8::Replace && !is_postgres_text(text)) break;
            // Spelt first: writing it tells whether it is plain ASCII, which spares measuring its encoding.
            const bool plain_ascii = stage_.put_text(text, scan.padded && !ref.doubled_quotes);
            stats.observe_text(text, line, plain_ascii);
            return;
        }
        case parse::ValueRef::Form::HexBlob: {
            std::string_view bytes;
            if (stats.wants_blob_bytes()) {
                parse::decode_blob_hex(ref.raw, scratch_);
                bytes = scratch_;
            }
            stats.observe_blob(ref.raw.size() / 2, bytes, line);
            stage_.put_blob_hex(ref.raw, scan.padded);
            return;
        }
        case parse::ValueRef::Form::Evaluated: break;
    }
    parse::materialize(ref, scan, value_);
    stage(value_, stats, line);
}

}  // namespace sqlite2pg::pipeline
