// The INSERT scanner: a single forward pass over the statement text with SQLite's lexical rules
// (whitespace, `--` and `/* */` comments, the four quoting styles), evaluating each value as it goes.
// It allocates only when a string or vector must grow beyond what earlier statements left behind.
#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <limits>

#include "parse/dump_insert.hpp"

#include "core/ascii_digits.hpp"
#include "core/byte_vectors.hpp"
#include "parse/dump_values.hpp"
#include "parse/jsonb_encode.hpp"

namespace sqlite2pg::parse {
namespace {

using ast::StorageClass;

/// Nesting limit for replace()/char()/unistr()/`||` operands: dumps nest two deep; deeper input goes to the
/// full parser instead of growing the stack.
constexpr int max_depth = 32;

/// Temporaries of one nesting level, kept per thread so that their strings keep their capacity.
struct Frame {
    ast::Value rhs;    ///< right operand of `||`
    ast::Value arg_b;  ///< second replace() argument, or the char()/unistr() argument
    ast::Value arg_c;  ///< third replace() argument
    std::string scratch;
};
using Frames = std::array<Frame, max_depth>;
thread_local Frames thread_frames;

/// SQLite's IdChar: letters, digits, `_`, `$` and every byte ≥ 0x80.
constexpr std::array<bool, 256> id_char_table = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
    return t;
}();

bool is_id_char(char c) { return id_char_table[static_cast<unsigned char>(c)]; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

/// Keywords SQLite does not accept as a bare table or column name (those not in parse.y's `%fallback ID`
/// list, except the join keywords and WINDOW/OVER/FILTER, which are names in this position). A bare
/// name from this list means the statement is not valid SQLite, so the scanner declines it. RETURNING
/// is included to be safe (its fallback status differs between versions). Sorted for binary search.
constexpr std::string_view reserved_words[] = {
    "ADD", "ALL", "ALTER", "AND", "AS", "AUTOINCREMENT", "BETWEEN", "CASE", "CHECK", "COLLATE", "COMMIT",
    "CONSTRAINT", "CREATE", "DEFAULT", "DEFERRABLE", "DELETE", "DISTINCT", "DROP", "ELSE", "ESCAPE", "EXCEPT",
    "EXISTS", "FOREIGN", "FROM", "GROUP", "HAVING", "IN", "INDEX", "INDEXED", "INSERT", "INTERSECT", "INTO", "IS",
    "ISNULL", "JOIN", "LIMIT", "NOT", "NOTHING", "NOTNULL", "NULL", "ON", "OR", "ORDER", "PRIMARY", "REFERENCES",
    "RETURNING", "ROLLBACK", "SELECT", "SET", "TABLE", "THEN", "TO", "TRANSACTION", "UNION", "UNIQUE", "UPDATE",
    "USING", "VALUES", "WHEN", "WHERE",
};
static_assert(std::is_sorted(std::begin(reserved_words), std::end(reserved_words)));

bool is_reserved(std::string_view word) {
    constexpr std::size_t longest = 13;  // AUTOINCREMENT
    if (word.size() > longest) return false;
    char upper[longest];
    std::transform(word.begin(), word.end(), upper, to_upper);
    const std::string_view key(upper, word.size());
    return std::binary_search(std::begin(reserved_words), std::end(reserved_words), key);
}

/// Case-insensitive comparison of a word with an upper-case ASCII keyword.
bool word_is(std::string_view word, std::string_view upper_keyword) {
    if (word.size() != upper_keyword.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (to_upper(word[i]) != upper_keyword[i]) return false;
    return true;
}

class Scanner {
public:
    /// `frames` is the thread's scratch storage, looked up once per statement rather than per value; `padded`:
    /// byte_vectors::kPadding bytes after `text` may be read.
    Scanner(std::string_view text, Frames& frames, bool padded)
        : p_(text.data()), end_(text.data() + text.size()), frames_(frames), padded_(padded) {}

    bool at_end() const { return p_ == end_; }
    /// The cursor: the next byte to scan.
    const char* cursor() const { return p_; }

    /// Consumes `prefix` if the text continues with exactly those bytes and then a byte that cannot extend
    /// its last word.
    bool eat_prefix(std::string_view prefix) {
        const auto left = static_cast<std::size_t>(end_ - p_);
        if (prefix.empty() || left < prefix.size() || std::memcmp(p_, prefix.data(), prefix.size()) != 0) return false;
        if (left > prefix.size() && is_id_char(p_[prefix.size()])) return false;
        p_ += prefix.size();
        return true;
    }

    /// Skips whitespace and comments (an unterminated `/*` runs to the end, as in SQLite).
    void skip_space() {
        while (p_ != end_) {
            const char c = *p_;
            // Nearly always the next byte is a token's: above the space and neither '-' nor '/'.
            if (static_cast<unsigned char>(c) > ' ' && c != '-' && c != '/') return;
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                ++p_;
            } else if (c == '-' && end_ - p_ >= 2 && p_[1] == '-') {
                const void* nl = std::memchr(p_, '\n', static_cast<std::size_t>(end_ - p_));
                p_ = nl ? static_cast<const char*>(nl) + 1 : end_;
            } else if (c == '/' && end_ - p_ >= 2 && p_[1] == '*') {
                const char* close = p_ + 2;
                while (close != end_ && !(close[0] == '*' && end_ - close >= 2 && close[1] == '/')) ++close;
                p_ = close == end_ ? end_ : close + 2;
            } else {
                return;
            }
        }
    }

    /// Consumes `c` if it is the next byte.
    bool eat(char c) {
        if (p_ == end_ || *p_ != c) return false;
        ++p_;
        return true;
    }

    /// Consumes the keyword (case-insensitive) if it is the next word.
    bool keyword(std::string_view upper_keyword) {
        // Dumps write keywords in upper case: compared in place first, without collecting the word.
        const std::size_t n = upper_keyword.size();
        const auto left = static_cast<std::size_t>(end_ - p_);
        if (left >= n && std::memcmp(p_, upper_keyword.data(), n) == 0 && (left == n || !is_id_char(p_[n]))) {
            p_ += n;
            return true;
        }
        const char* start = p_;
        const std::string_view w = word();
        if (word_is(w, upper_keyword)) return true;
        p_ = start;
        return false;
    }

    /// A table or column name, bare or quoted in any of SQLite's four styles.
    bool name(ast::Identifier& out) {
        out.loc = {};
        if (p_ == end_) return false;
        switch (*p_) {
            case '"': out.quote = ast::QuoteStyle::Double; return quoted('"', out.name);
            case '`': out.quote = ast::QuoteStyle::Backtick; return quoted('`', out.name);
            case '\'': out.quote = ast::QuoteStyle::Single; return quoted('\'', out.name);
            case '[': {
                const void* close = std::memchr(p_ + 1, ']', static_cast<std::size_t>(end_ - p_ - 1));
                if (!close) return false;
                out.quote = ast::QuoteStyle::Bracket;
                out.name.assign(p_ + 1, static_cast<const char*>(close));
                p_ = static_cast<const char*>(close) + 1;
                return true;
            }
            default: break;
        }
        if (is_digit(*p_) || *p_ == '$') return false;
        const std::string_view w = word();
        // A dump names the same table in statement after statement: the last name found not to be a
        // keyword is remembered, which saves the keyword search for nearly every INSERT.
        thread_local std::string last_unreserved;
        if (w.empty()) return false;
        if (w != last_unreserved) {
            if (is_reserved(w)) return false;
            last_unreserved.assign(w);
        }
        out.quote = ast::QuoteStyle::None;
        out.name.assign(w);
        return true;
    }

    /// One value: primaries joined by `||`.
    bool value(ast::Value& out, int depth) {
        if (depth >= max_depth || !primary(out, depth)) return false;
        skip_space();
        while (end_ - p_ >= 2 && p_[0] == '|' && p_[1] == '|') {
            p_ += 2;
            skip_space();
            ast::Value& rhs = frames_[depth].rhs;
            if (!primary(rhs, depth) || !concat_values(out, rhs)) return false;
            skip_space();
        }
        return true;
    }

    /// The values of one row, from after its `(` through its `)`, appended to `scan.values` (`count` of them
    /// are in use). Dumps write a row with nothing between a value and the `,` or `)` after it: a literal
    /// followed straight by one of those is taken without looking for space or comments around it; anything
    /// else is read again the general way.
    bool row_values(InsertScan& scan, std::size_t& count, std::size_t& evaluated_used) {
        for (;;) {
            if (count == scan.values.size()) scan.values.emplace_back();
            ValueRef& ref = scan.values[count++];
            const char* const start = p_;
            if (!literal_ref(ref) || p_ == end_ || (*p_ != ',' && *p_ != ')')) {
                p_ = start;
                skip_space();
                if (!value_ref(ref, scan, evaluated_used)) return false;
                if (p_ == end_) return false;
            }
            const char next = *p_++;
            if (next == ')') return true;
            if (next != ',') return false;
        }
    }

    /// One value of a row, and the space after it. Plain literals are located in place; any other form is
    /// evaluated into the next of `scan.evaluated` (counted by `evaluated_used`).
    bool value_ref(ValueRef& ref, InsertScan& scan, std::size_t& evaluated_used) {
        const char* start = p_;
        if (literal_ref(ref)) {
            skip_space();
            if (p_ != end_ && (*p_ == ',' || *p_ == ')')) return true;
        }
        p_ = start;  // another form, an operand of `||`, or not a value at all: evaluated below
        if (evaluated_used == scan.evaluated.size()) scan.evaluated.emplace_back();
        ref.form = ValueRef::Form::Evaluated;
        ref.index = static_cast<std::uint32_t>(evaluated_used);
        return value(scan.evaluated[evaluated_used++], 0);
    }

private:
    /// A literal the converter can take from the statement text as it is: '…', X'…', a number (with a minus
    /// right before it) or NULL. False, with the cursor anywhere, for other forms.
    bool literal_ref(ValueRef& ref) {
        // The two forms of nearly every value, a string and a plain number, are found here, where the row
        // loop inlines them; blobs, NULL and other numbers take a call.
        if (p_ == end_) return false;
        const char c = *p_;
        if (c == '\'') {
            ref.form = ValueRef::Form::QuotedText;
            return locate_quoted('\'', ref.raw, ref.doubled_quotes);
        }
        if (is_digit(c) && plain_number(false, ref)) return true;
        return other_literal_ref(ref);
    }

    /// literal_ref() for the forms it does not find itself (the cursor still at the literal's start).
    [[gnu::noinline]] bool other_literal_ref(ValueRef& ref) {
        const char c = *p_;
        if ((c == 'x' || c == 'X') && end_ - p_ >= 2 && p_[1] == '\'') {
            // Its hex digits up to the closing quote, found in one walk: anything else before that quote makes
            // it no blob of the fast path.
            const char* const close = hex_digits_end(p_ + 2, end_, padded_);
            if (close == end_ || *close != '\'' || (close - (p_ + 2)) % 2 != 0) return false;
            ref.form = ValueRef::Form::HexBlob;
            ref.raw = std::string_view(p_ + 2, static_cast<std::size_t>(close - (p_ + 2)));
            p_ = close + 1;
            return true;
        }
        const bool negative = c == '-' && end_ - p_ >= 2 && (is_digit(p_[1]) || p_[1] == '.');
        if (negative || is_digit(c) || c == '.') {
            if (negative && plain_number(true, ref)) return true;
            if (negative) ++p_;
            // The top level's `||` operand slot is free while a literal is scanned: it holds the number.
            ast::Value& number_value = frames_[0].rhs;
            if (!number(negative, number_value)) return false;
            if (number_value.storage == StorageClass::Integer) {
                ref.form = ValueRef::Form::Integer;
                ref.integer = number_value.integer;
                ref.raw = {};  // not known to be the integer's spelling (a leading zero, a huge value)
            } else {
                ref.form = ValueRef::Form::Real;
                ref.real = number_value.real;
            }
            return true;
        }
        if (!word_is(word(), "NULL")) return false;
        ref.form = ValueRef::Form::Null;
        return true;
    }

    /// The commonest numbers, found in one walk over their digits: an integer of at most 18 digits (so that it
    /// fits int64 without a check), or digits, a point and digits (a real, located for decimal_value(), its
    /// shortest digits found), with nothing of an exponent or an identifier after them. Leaves the cursor
    /// alone and returns false for anything else.
    bool plain_number(bool negative, ValueRef& ref) {
        const char* const start = p_;
        const char* const digits = p_ + (negative ? 1 : 0);
        const char* q = skip_digits(digits);
        const auto count = static_cast<std::size_t>(q - digits);
        if (count == 0) return false;
        if (q != end_ && *q == '.') {
            const char* const fraction = q + 1;
            q = skip_digits(fraction);
            if (q == fraction || (q != end_ && (is_id_char(*q) || *q == '.'))) return false;
            ref.form = ValueRef::Form::Decimal;
            ref.raw = std::string_view(start, static_cast<std::size_t>(q - start));
            // Its shortest digits are found here, on the splitting thread (see ValueRef::has_shortest).
            const auto shortest = real_digits::literal_shortest(
                std::string_view(digits, static_cast<std::size_t>(q - digits)), padded_);
            ref.has_shortest = shortest.has_value();
            if (shortest) {
                ref.shortest_significand = shortest->scaled.significand;
                ref.shortest_scale = static_cast<std::uint8_t>(shortest->scaled.scale);
                ref.shortest_cut = shortest->cut;
            }
            p_ = q;
            return true;
        }
        if (count > 18 || (q != end_ && is_id_char(*q))) return false;
        std::uint64_t magnitude = 0;
        ascii_digits::append_digits(digits, count, end_, magnitude);  // digits only: it cannot fail
        ref.form = ValueRef::Form::Integer;
        ref.integer = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
        const bool canonical = !(count > 1 && *digits == '0') && !(negative && magnitude == 0);
        ref.raw = canonical ? std::string_view(start, static_cast<std::size_t>(q - start)) : std::string_view();
        p_ = q;
        return true;
    }

    /// The end of the run of digits that starts at `q`: eight bytes at a time while eight are left.
    const char* skip_digits(const char* q) const {
        while (end_ - q >= 8) {
            const int run = ascii_digits::leading_digits(ascii_digits::load(q));
            q += run;
            if (run < 8) return q;
        }
        while (q != end_ && is_digit(*q)) ++q;
        return q;
    }

    /// A run of identifier characters (empty if none).
    std::string_view word() {
        const char* start = p_;
        while (p_ != end_ && is_id_char(*p_)) ++p_;
        return {start, static_cast<std::size_t>(p_ - start)};
    }

    /// Steps over a literal or name enclosed in `quote` (at the cursor), where a doubled `quote` stands for
    /// one: `raw` is what is between the outer quotes, `doubled` whether it holds such a pair.
    bool locate_quoted(char quote, std::string_view& raw, bool& doubled) {
        const char* body = p_ + 1;
        const char* q = body;
        doubled = false;
        for (;;) {
            q = byte_vectors::find(q, end_, quote, padded_);
            if (!q) return false;
            if (end_ - q >= 2 && q[1] == quote) {
                doubled = true;
                q += 2;
                continue;
            }
            break;
        }
        raw = std::string_view(body, static_cast<std::size_t>(q - body));
        p_ = q + 1;
        return true;
    }

    /// A literal or name enclosed in `quote`, decoded. Replaces `out`.
    bool quoted(char quote, std::string& out) {
        std::string_view raw;
        bool doubled = false;
        if (!locate_quoted(quote, raw, doubled)) return false;
        if (!doubled) out.assign(raw);
        else if (quote == '\'') unescape_sql_string(raw, out);
        else unescape_doubled(raw, quote, out);
        return true;
    }

    /// `""` → `"` or ` `` ` → `` ` `` in a quoted identifier.
    static void unescape_doubled(std::string_view raw, char quote, std::string& out) {
        out.clear();
        for (std::size_t i = 0; i < raw.size(); ++i) {
            out.push_back(raw[i]);
            if (raw[i] == quote) ++i;
        }
    }

    /// A numeric literal as SQLite's tokenizer delimits it, decoded with `negative` applied.
    bool number(bool negative, ast::Value& out) {
        const char* start = p_;
        while (p_ != end_ && is_digit(*p_)) ++p_;
        if (p_ != end_ && *p_ == '.') {
            ++p_;
            while (p_ != end_ && is_digit(*p_)) ++p_;
        }
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
            const char* e = p_ + 1;
            if (e != end_ && (*e == '+' || *e == '-')) ++e;
            if (e != end_ && is_digit(*e)) {
                p_ = e;
                while (p_ != end_ && is_digit(*p_)) ++p_;
            }
        }
        // `1abc`, `1e`, `0x1F`: an identifier character right after a number is an error token in
        // SQLite (or a hex literal, which dumps never write): leave those to the full parser.
        if (p_ != end_ && is_id_char(*p_)) return false;
        return decode_number({start, static_cast<std::size_t>(p_ - start)}, negative, out);
    }

    bool primary(ast::Value& out, int depth) {
        if (p_ == end_) return false;
        const char c = *p_;
        if (c == '\'') {
            out.storage = StorageClass::Text;
            return quoted('\'', out.bytes);
        }
        if ((c == 'x' || c == 'X') && end_ - p_ >= 2 && p_[1] == '\'') {
            const void* close = std::memchr(p_ + 2, '\'', static_cast<std::size_t>(end_ - p_ - 2));
            if (!close) return false;
            const char* hex = p_ + 2;
            p_ = static_cast<const char*>(close) + 1;
            out.storage = StorageClass::Blob;
            return decode_blob_hex({hex, static_cast<std::size_t>(p_ - 1 - hex)}, out.bytes);
        }
        if (is_digit(c) || c == '.') return number(false, out);
        if (c == '-') {
            ++p_;
            skip_space();
            if (p_ != end_ && (is_digit(*p_) || *p_ == '.')) return number(true, out);
            if (!word_is(word(), "INF")) return false;
            out.storage = StorageClass::Real;
            out.real = -std::numeric_limits<double>::infinity();
            return true;
        }
        const std::string_view w = word();
        if (w.empty()) return false;
        skip_space();
        if (eat('(')) {
            skip_space();
            return call(w, out, depth);
        }
        if (word_is(w, "NULL")) {
            out.storage = StorageClass::Null;
            return true;
        }
        if (word_is(w, "INF")) {  // ≤ 3.24 and ≥ 3.52 write +Infinity as the bare word
            out.storage = StorageClass::Real;
            out.real = std::numeric_limits<double>::infinity();
            return true;
        }
        return false;
    }

    /// The rest of `name(…)` after the opening parenthesis, for the three functions dumps write.
    bool call(std::string_view name, ast::Value& out, int depth) {
        Frame& f = frames_[depth];
        if (word_is(name, "REPLACE")) {
            return value(out, depth + 1) && eat(',') && (skip_space(), value(f.arg_b, depth + 1)) && eat(',') &&
                   (skip_space(), value(f.arg_c, depth + 1)) && eat(')') &&
                   replace_values(out, f.arg_b, f.arg_c, f.scratch);
        }
        if (word_is(name, "CHAR")) {
            out.storage = StorageClass::Text;
            out.bytes.clear();
            if (eat(')')) return true;
            do {
                skip_space();
                if (!value(f.arg_b, depth + 1) || !append_char_argument(f.arg_b, out.bytes)) return false;
            } while (eat(','));
            return eat(')');
        }
        if (word_is(name, "UNISTR")) {
            if (!value(f.arg_b, depth + 1) || !eat(')') || !coerce_to_text(f.arg_b)) return false;
            out.storage = f.arg_b.storage;
            if (out.storage == StorageClass::Text) decode_unistr(f.arg_b.bytes, out.bytes);
            return true;
        }
        if (word_is(name, "JSONB")) {  // 3.53+ interactive dumps: the blob jsonb() makes of the text
            if (!value(f.arg_b, depth + 1) || !eat(')')) return false;
            return jsonb_value(f.arg_b, out);
        }
        return false;
    }

    const char* p_;
    const char* end_;
    Frames& frames_;
    const bool padded_;
};

/// The rows after VALUES, `(…)[, (…)]…`, their values appended to `out.values` from `count` on
/// (`evaluated_used` of `out.evaluated` in use), each row as wide as `width`, or as the first row when `width`
/// is 0 (it is then set to that). Leaves the cursor after the last row. Whether they scanned.
bool scan_row_list(Scanner& s, InsertScan& out, std::size_t& count, std::size_t& evaluated_used, std::size_t& width) {
    do {
        s.skip_space();
        if (!s.eat('(')) return false;
        const std::size_t row_start = count;
        if (!s.row_values(out, count, evaluated_used)) return false;
        if (width == 0) width = count - row_start;
        else if (count - row_start != width) return false;
        s.skip_space();
    } while (s.eat(','));
    return true;
}

/// `INSERT INTO name [(col, …)]`, then `VALUES (…)[, (…)]…`: what both scan entry points share. Leaves the
/// cursor after the last row. The header (through VALUES) is remembered in `out`: a dump repeats it statement
/// after statement, and a text that starts with the same bytes names the same table and columns.
bool scan_rows(Scanner& s, InsertScan& out) {
    s.skip_space();
    if (!s.eat_prefix(out.header)) {
        out.header.clear();
        out.runs_allowed = false;
        const char* const header_start = s.cursor();
        if (!s.keyword("INSERT")) return false;
        s.skip_space();
        if (!s.keyword("INTO")) return false;
        s.skip_space();
        if (!s.name(out.table)) return false;
        s.skip_space();

        std::size_t column_count = 0;
        if (s.eat('(')) {
            do {
                s.skip_space();
                if (column_count == out.columns.size()) out.columns.emplace_back();
                if (!s.name(out.columns[column_count++])) return false;
                s.skip_space();
            } while (s.eat(','));
            if (!s.eat(')')) return false;
            s.skip_space();
        }
        out.columns.resize(column_count);

        if (!s.keyword("VALUES")) return false;
        out.header.assign(header_start, s.cursor());
    }
    s.skip_space();

    std::size_t count = 0;
    std::size_t width = 0;
    std::size_t evaluated_used = 0;
    if (!scan_row_list(s, out, count, evaluated_used, width)) return false;

    // SQLite rejects a column list whose length differs from the rows' width.
    if (!out.columns.empty() && out.columns.size() != width) return false;
    out.values.resize(count);
    out.row_width = width;
    out.evaluated_used = evaluated_used;
    out.statements.resize(1);
    out.statements.front() = ScannedStatement{out.row_count(), 0, 0};
    return true;
}

/// The rows of one more statement whose header `s` has passed, through its `;`, appended to `out`'s rows
/// (which they must be as wide as): whether it scanned. `out` is left with extra values when not.
bool scan_more_rows(Scanner& s, InsertScan& out) {
    std::size_t count = out.row_count() * out.row_width;
    std::size_t evaluated_used = out.evaluated_used;
    std::size_t width = out.row_width;
    if (!scan_row_list(s, out, count, evaluated_used, width) || !s.eat(';')) return false;
    out.values.resize(count);
    out.evaluated_used = evaluated_used;
    return true;
}

}  // namespace

bool scan_dump_insert(std::string_view statement, InsertScan& out, bool padded) {
    out.padded = padded;
    Scanner s(statement, thread_frames, padded);
    if (!scan_rows(s, out)) return false;
    if (s.eat(';')) s.skip_space();
    return s.at_end();
}

std::size_t scan_dump_insert_prefix(std::string_view text, InsertScan& out, bool padded) {
    out.padded = padded;
    Scanner s(text, thread_frames, padded);
    if (!scan_rows(s, out) || !s.eat(';')) return 0;
    return static_cast<std::size_t>(s.cursor() - text.data());
}

std::size_t scan_dump_insert_more(std::string_view text, InsertScan& out, bool padded) {
    Scanner s(text, thread_frames, padded);
    const std::size_t rows_before = out.row_count();
    if (out.header.empty() || out.row_width == 0 || !s.eat_prefix(out.header) || !scan_more_rows(s, out)) {
        out.values.resize(rows_before * out.row_width);
        return 0;
    }
    const std::size_t length = static_cast<std::size_t>(s.cursor() - text.data());
    out.statements.push_back(ScannedStatement{out.row_count(), 0, 0});
    return length;
}

double real_value(const ValueRef& ref) { return ref.form == ValueRef::Form::Decimal ? decimal_value(ref.raw) : ref.real; }

void materialize(const ValueRef& ref, const InsertScan& scan, ast::Value& out) {
    switch (ref.form) {
        case ValueRef::Form::Null: out.storage = StorageClass::Null; return;
        case ValueRef::Form::Integer:
            out.storage = StorageClass::Integer;
            out.integer = ref.integer;
            return;
        case ValueRef::Form::Real:
        case ValueRef::Form::Decimal:
            out.storage = StorageClass::Real;
            out.real = real_value(ref);
            return;
        case ValueRef::Form::QuotedText:
            out.storage = StorageClass::Text;
            if (ref.doubled_quotes) unescape_sql_string(ref.raw, out.bytes);
            else out.bytes.assign(ref.raw);
            return;
        case ValueRef::Form::HexBlob:
            out.storage = StorageClass::Blob;
            decode_blob_hex(ref.raw, out.bytes);
            return;
        case ValueRef::Form::Evaluated: {
            const ast::Value& v = scan.evaluated[ref.index];
            out.storage = v.storage;
            out.integer = v.integer;
            out.real = v.real;
            out.bytes.assign(v.bytes);
            return;
        }
    }
}

void materialize(const InsertScan& scan, ast::InsertRows& out) {
    out.table = scan.table;
    out.columns = scan.columns;
    out.row_width = scan.row_width;
    out.values.resize(scan.values.size());
    for (std::size_t i = 0; i < scan.values.size(); ++i) materialize(scan.values[i], scan, out.values[i]);
}

bool parse_dump_insert(std::string_view statement, ast::InsertRows& out) {
    thread_local InsertScan scan;
    if (!scan_dump_insert(statement, scan)) return false;
    materialize(scan, out);
    return true;
}

}  // namespace sqlite2pg::parse
