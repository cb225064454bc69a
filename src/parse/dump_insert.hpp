#pragma once
// The two ways a dump-shaped INSERT becomes rows of values: a hand-written scanner for the statement text
// (the hot path: almost every byte of a dump is in such statements) and a folder over the INSERT the full
// parser produced, for statements the scanner declined. Both decode values with parse/dump_values.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/dml.hpp"
#include "core/real_digits.hpp"

namespace sqlite2pg::parse {

/// One value of a scanned INSERT. A plain literal is only located, not copied or decoded: most of a dump's
/// bytes are such literals, and the converter spells them for COPY straight from the statement text.
struct ValueRef {
    enum class Form : std::uint8_t {
        Null,
        Integer,     ///< `integer` holds it; `raw` is its literal when that is already its decimal spelling
                     ///< (no leading zero, no `-0`), else empty
        Real,        ///< `real` holds it
        Decimal,     ///< a REAL written `[-]digits.digits`, not read yet: `raw` is the literal (sign included)
                     ///< and parse::decimal_value(raw) its value. How sqlite3 writes nearly every real; the
                     ///< reading is left to whoever takes the value, who needs it only now and then: its
                     ///< shortest digits are found here, when they are quick to find (`has_shortest`,
                     ///< shortest(), `shortest_cut`), and are what nearly every value is staged from.
        QuotedText,  ///< `raw` is the body of a '…' literal; `doubled_quotes`: it holds '' pairs to undo
        HexBlob,     ///< `raw` is the hex digits of X'…' (already checked: even count, hex digits only)
        Evaluated,   ///< any other form (replace(), char(), `||`, unistr(), jsonb(), a spaced minus): the value
                     ///< is `InsertScan::evaluated[index]`
    };
    Form form = Form::Null;
    bool doubled_quotes = false;
    /// Form::Decimal: whether real_digits::literal_shortest() found the literal's digits (shortest() has them).
    bool has_shortest = false;
    std::uint8_t shortest_scale = 0;  ///< Form::Decimal with has_shortest: ScaledDigits::scale
    /// Form::Decimal with has_shortest: where the spelling of those digits lies in `raw` after its sign (its
    /// length is 0 when it does not).
    real_digits::LiteralCut shortest_cut;
    /// What a form holds beside `raw`, one at a time (a ValueRef is written and read for every value of every
    /// row, so it is kept small: the fields above fill what would be padding).
    union {
        std::int64_t integer = 0;           ///< Form::Integer
        double real;                        ///< Form::Real
        std::uint32_t index;                ///< Form::Evaluated
        std::uint64_t shortest_significand; ///< Form::Decimal with has_shortest: ScaledDigits::significand
    };
    std::string_view raw;

    /// The shortest digits of a Form::Decimal with has_shortest (of its magnitude: the sign is `raw`'s).
    real_digits::ScaledDigits shortest() const { return {shortest_significand, shortest_scale}; }
};
static_assert(sizeof(ValueRef) <= 32, "a ValueRef is written and read per value: keep it to four words");

/// One of the INSERT statements an InsertScan holds: sqlite3 writes a statement per row, and the statement
/// splitter scans a run of them with the same header as one (InsertScan::runs_allowed), sparing the work done
/// per statement (a third of a conversion's time on the narrow rows of a dump).
struct ScannedStatement {
    std::size_t rows_end = 0;  ///< the scan's rows up to this statement's last (its rows follow the previous')
    std::size_t begin = 0;     ///< where it begins in the scanned text (the first: 0)
    std::uint64_t line = 0;    ///< the dump line it begins on (0 until the splitter, or who scanned it, sets it)
};

/// A dump-shaped INSERT as the scanner found it: names decoded, values located (they point into the
/// statement text, valid while it is). Reused from statement to statement so that nothing is allocated in
/// the steady state.
struct InsertScan {
    ast::Identifier table;
    std::vector<ast::Identifier> columns;  ///< empty when the INSERT names none
    std::size_t row_width = 0;
    std::vector<ValueRef> values;          ///< row after row, `row_width` each
    std::vector<ast::Value> evaluated;     ///< the values of Form::Evaluated refs (more may be allocated than used)
    std::string header;                    ///< the text through VALUES that gave `table` and `columns`, kept
                                           ///< so that the next statement with the same header skips them
    bool padded = false;                   ///< the statement text was padded (byte_vectors::kPadding bytes
                                           ///< after it may be read), and so are the literals located in it
    /// The statements scanned: one, or a run of them (scan_dump_insert_more()) in the order of their rows.
    std::vector<ScannedStatement> statements;
    std::size_t evaluated_used = 0;        ///< how many of `evaluated` the refs use
    /// Set by whoever takes the rows: the statements that follow with the same header (the same table and
    /// columns) may be scanned into this scan as a run of the statement just scanned. Cleared by the scanner
    /// whenever it meets another header.
    bool runs_allowed = false;

    std::size_t row_count() const { return row_width == 0 ? 0 : values.size() / row_width; }
};

/// Scans a dump-shaped INSERT (the grammar parse_dump_insert() accepts) into `out`. False for anything else.
/// `padded`: byte_vectors::kPadding bytes after `statement` may be read (InsertScan::padded).
bool scan_dump_insert(std::string_view statement, InsertScan& out, bool padded = false);

/// Scans a dump-shaped INSERT at the start of `text` through its terminating ';' and returns that statement's
/// length (';' included), or 0 when `text` does not start with one that ends in it. This lets the statement
/// splitter find where such a statement ends and scan its values in one pass: the ';' it stops at is the one
/// SQLite would end the statement at, since the values and names before it were read by the same quoting and
/// comment rules. `padded` as for scan_dump_insert().
std::size_t scan_dump_insert_prefix(std::string_view text, InsertScan& out, bool padded);

/// Scans one more statement into `out` as scan_dump_insert_prefix() does, appending its rows to those `out`
/// holds, and a ScannedStatement for it (whose `begin` and `line` the caller sets): only a statement with
/// exactly `out.header` and rows as wide as `out`'s (a dump's next row). Returns its length, or 0 with `out` as
/// it was (another statement, or one whose ';' is not in `text`).
std::size_t scan_dump_insert_more(std::string_view text, InsertScan& out, bool padded);

/// The number a Real or Decimal `ref` stands for.
double real_value(const ValueRef& ref);
/// The value `ref` (of `scan`) stands for, decoded into `out` (whose string keeps its capacity).
void materialize(const ValueRef& ref, const InsertScan& scan, ast::Value& out);
/// The whole INSERT decoded into `out` (whose storage is reused).
void materialize(const InsertScan& scan, ast::InsertRows& out);

/// Decodes a dump-shaped INSERT — `INSERT INTO name [(col, …)] VALUES (v, …)[, (v, …)]…[;]` where name/cols are
/// bare or quoted in any of SQLite's four styles ("x" with "" escape, [x], `x` with `` escape, 'x') and every v is
/// one of the dump's value forms — into `out`, reusing its storage (out.values' strings keep their capacity across calls: no
/// allocation in the steady state). Whitespace/comments between tokens are allowed as SQLite allows them.
/// Returns false (out unspecified) for anything else; the caller then uses the full parser. Never throws for valid SQL
/// of another shape, never emits diagnostics, never guesses.
bool parse_dump_insert(std::string_view statement, ast::InsertRows& out);

/// The same decoding applied to an INSERT the full parser produced (`ast::Insert` with `values` rows of expressions):
/// std::nullopt unless it is a plain `INSERT INTO t [(cols)] VALUES …` (no OR/REPLACE, schema, alias, upsert,
/// returning, WITH) whose every value folds to a constant by the rules of parse/dump_values.hpp, plus what only a
/// parser sees: parentheses, unary `+`, hex integers, `CAST(x AS <TEXT affinity>)` and the bare word `Inf` (a
/// ColumnRef) as +Infinity.
std::optional<ast::InsertRows> fold_dump_insert(const ast::Insert& insert);

}  // namespace sqlite2pg::parse
