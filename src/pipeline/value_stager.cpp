#include "pipeline/value_stager.hpp"

#include "core/real_digits.hpp"
#include "core/utf8.hpp"
#include "parse/dump_values.hpp"

namespace sqlite2pg::pipeline {

void ValueStager::stage_scanned(const parse::ValueRef& ref, const parse::InsertScan& scan, passes::ColumnStats& stats,
                                std::uint64_t line) {
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
                const real_digits::DecimalDigits digits = real_digits::decimal_digits(ref.shortest());
                stats.observe_real_shape(digits.integral() || digits.float8_prints_exponent(), line);
                stage_.put_real_digits(ref.raw.front() == '-', digits);
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
            const bool plain_ascii = stage_.put_text(text);
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
            stage_.put_blob_hex(ref.raw);
            return;
        }
        case parse::ValueRef::Form::Evaluated: break;
    }
    parse::materialize(ref, scan, value_);
    stage(value_, stats, line);
}

void ValueStager::stage(ast::Value& v, passes::ColumnStats& stats, std::uint64_t line) {
    if (invalid_utf8_ == InvalidUtf8::Replace) passes::repair_invalid_text(v, stats, line);
    stats.observe(v, line);
    stage_.put_value(v);
}

}  // namespace sqlite2pg::pipeline
