#pragma once
// Splits a `sqlite3 .dump` stream into statements without parsing them, by SQLite's own tokenizer rules
// (those of sqlite3_complete()): quotes, comments and the `; END;` rule of CREATE TRIGGER.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/source_location.hpp"
#include "io/input_reader.hpp"
#include "parse/dump_insert.hpp"

namespace sqlite2pg::parse {

/// One complete statement of the dump: `text` runs from its first token through its terminating ';'
/// (leading whitespace and comments excluded), `begin` is where that first token is.
struct RawStatement {
    std::string_view text;      ///< the statement's bytes; for an unterminated one, up to the end of input
                                ///< with trailing whitespace removed (a trailing comment stays)
    SourceLoc begin;            ///< position of the first byte of `text`
    bool terminated = true;     ///< false for a last statement that ends at end of input without ';'
    const InsertScan* rows = nullptr;  ///< for a dump-shaped INSERT scanned while it was split: its rows (the
                                       ///< InsertScan given to StatementSplitter::scan_rows_into())
    bool padded = false;  ///< byte_vectors::kPadding bytes after `text` may be read (StatementSplitter's are)
};

/// A comment sqlite3 writes between statements when it meets an error while dumping (dump-format.md §7):
/// `/****** CORRUPTION ERROR *******/`, `/**** ERROR: (11) database disk image is malformed *****/`, …
/// Recognised by its start: `/*`, three or more stars, then `CORRUPTION ERROR` or `ERROR:`. (The line
/// `/****** <errmsg> ******/` that follows a CORRUPTION comment is not reported again.)
struct ErrorComment {
    SourceLoc loc;       ///< where the comment opens
    std::string text;    ///< the comment (cut at 200 bytes or at the end of what is buffered)
};

/// Reads an InputReader chunk by chunk and hands out one statement at a time.
///
/// Memory: one buffer holding the statement being scanned plus at most one unread chunk; consumed bytes
/// are dropped by moving the unscanned tail to the front when the free space falls below a chunk. The
/// buffer grows (by doubling) only for a statement that does not fit, so its capacity stays below
/// max(2 × chunk, 2 × (largest statement + chunk)), and is 2 × chunk again after that statement.
///
/// An unterminated block comment at end of input is an error here, although SQLite accepts it: in a dump
/// it can only mean truncation or a pre-3.40 dump of a hand-edited schema (dump-format.md §2.2), and either
/// way text was swallowed.
class StatementSplitter {
public:
    /// Splits `input`, reading `chunk_size` bytes at a time (tests use tiny chunks to exercise every
    /// boundary). `input` must outlive the splitter.
    explicit StatementSplitter(io::InputReader& input, std::size_t chunk_size = io::InputReader::kChunkSize);
    /// Releases the buffer.
    ~StatementSplitter();

    /// Not copyable: statements point into the buffer.
    StatementSplitter(const StatementSplitter&) = delete;
    /// Not copyable: statements point into the buffer.
    StatementSplitter& operator=(const StatementSplitter&) = delete;

    /// The next statement, or std::nullopt at end of input. `text` stays valid until the next call.
    /// Throws InputError (core/diagnostics.hpp) for an unterminated string, quoted identifier ("…", `…`,
    /// […]) or block comment at end of input, positioned at where it opened (id "unterminated-string" /
    /// "unterminated-identifier" / "unterminated-comment").
    std::optional<RawStatement> next();

    /// From now on, a statement that starts with a dump-shaped INSERT is scanned into `scan` while its end
    /// is looked for (parse/dump_insert.hpp, scan_dump_insert_prefix): its bytes are read once, not twice.
    /// Such statements come back with `rows` pointing at it; `scan` must outlive the splitter's use of it.
    void scan_rows_into(InsertScan& scan) { rows_scan_ = &scan; }
    /// Where the statements handed out will likely stop being read: from the statement that begins at `offset`
    /// on, another thread has converted them (ParallelRows), and the caller will skip_to() past them. A run of
    /// INSERTs stops before it: when the scan allows it (InsertScan::runs_allowed), the INSERTs that follow a
    /// scanned one on the next lines with the same header come back with it as one statement (`text` spans them
    /// all, InsertScan::statements tells them apart), up to kRunStatements of them, and none that begins at
    /// `offset` or after. And reading stops kReadPastSkip bytes past it, enough for the statement there (the
    /// caller splits it before it knows whether it skips it): the copy read(2) makes of bytes that are then
    /// skipped is time lost.
    void likely_skip_from(std::uint64_t offset) { likely_skip_from_ = offset; }
    /// A run takes no more statements once its text is `bytes` long (kRunBytes unless set).
    void run_bytes(std::size_t bytes) { run_bytes_ = bytes; }

    /// At most this many statements are scanned as one run.
    static constexpr std::size_t kRunStatements = 64;
    /// run_bytes() unless set.
    static constexpr std::size_t kRunBytes = std::size_t{1} << 13;
    /// How far past likely_skip_from()'s offset a read goes (unless the statement there is longer).
    static constexpr std::size_t kReadPastSkip = std::size_t{1} << 14;
    /// An INSERT that begins less than this (or a chunk) before the end of what is buffered and does not end in
    /// it is scanned after a refill rather than split unscanned.
    static constexpr std::size_t kScanAfterRefill = std::size_t{1} << 16;

    /// Goes on splitting at `at` (an offset of the input, with the line and column it has there) as if the
    /// statements up to there had been returned: `at` must be where a statement begins or one ended, since
    /// splitting goes on between statements. Called between statements (after next() returned one), never
    /// with statements handed out still in use. An offset past what is buffered seeks the input
    /// (io::InputReader::seek: a regular file whose offsets are the file's). Lines and columns go on from
    /// `at`'s, whatever they are (a thread splitting a stretch of a file counts them from its start).
    void skip_to(const SourceLoc& at);
    /// Where the last statement returned ends (just past its ';'), with its line and column.
    SourceLoc consumed_loc() { return loc_at(pos_); }

    /// Bytes of input scanned so far: through the end of the last statement returned, or the whole input
    /// once next() has returned std::nullopt.
    std::uint64_t bytes_consumed() const { return base_offset_ + pos_; }

    /// The error comments met between statements since the last call, in order: those before the
    /// statement next() just returned (or, after it returned std::nullopt, before the end of input).
    std::vector<ErrorComment> take_error_comments() { return std::exchange(error_comments_, {}); }
    /// Whether take_error_comments() would return any (a check for every statement, nearly always false).
    bool has_error_comments() const { return !error_comments_.empty(); }

    /// Current size of the internal buffer, for tests that check memory stays bounded.
    std::size_t buffer_capacity() const { return capacity_; }


private:
    /// What the scanner is inside of; all but Code can span chunk boundaries.
    enum class Lex : std::uint8_t { Code, SingleQuote, DoubleQuote, Backtick, Bracket, LineComment, BlockComment };
    /// Progress of the check for `CREATE [TEMP|TEMPORARY] TRIGGER`, which changes where a statement ends.
    /// Only statements starting with C/c look at words at all; every other statement uses the fast scan.
    enum class Trigger : std::uint8_t { No, FirstWord, AfterCreate, AfterTemp, Body };
    enum class Scan : std::uint8_t { Found, NeedMore };

    Scan scan();
    /// After an INSERT scanned whole at stmt_begin_ (pos_ past its ';'): the statements of its run
    /// (stopping before likely_skip_from()'s offset) scanned into the same InsertScan, pos_ past the last one's ';'.
    void scan_run();
    Scan scan_words();
    void on_word(std::string_view word);
    void on_other_token();
    void note_error_comment(std::size_t at);
    void refill();
    void advance_lines_to(std::size_t index);
    SourceLoc loc_at(std::size_t index);
    [[noreturn]] void throw_unterminated();

    io::InputReader& input_;
    std::size_t chunk_size_;
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
    std::size_t end_ = 0;              ///< bytes of buffer_ filled with input
    std::uint64_t base_offset_ = 0;    ///< input offset of buffer_[0]
    bool eof_ = false;
    bool started_ = false;             ///< BOM check done

    // Scanner state; indexes are into buffer_.
    std::size_t pos_ = 0;              ///< next byte to scan
    Lex lex_ = Lex::Code;
    std::size_t open_ = 0;             ///< where the current quote or comment opened (for errors)
    std::optional<SourceLoc> open_loc_;  ///< its location, pinned by refill() when it discards the opener of a
                                         ///< comment between statements; empty whenever no such comment is open
    bool in_statement_ = false;
    std::size_t stmt_begin_ = 0;
    Trigger trigger_ = Trigger::No;
    bool after_semi_ = false;          ///< in a trigger body, the last token was ';'
    bool end_after_semi_ = false;      ///< in a trigger body, the last tokens were '; END'

    std::vector<ErrorComment> error_comments_;
    InsertScan* rows_scan_ = nullptr;  ///< where dump-shaped INSERTs are scanned, if anywhere
    bool rows_scanned_ = false;        ///< the statement just found was scanned into *rows_scan_
    std::uint64_t likely_skip_from_ = UINT64_MAX;  ///< likely_skip_from()'s offset
    std::size_t run_bytes_ = kRunBytes;      ///< run_bytes()

    // Line counting is lazy: newlines are counted from the cursor up to a position only when its
    // location is needed, so each byte is counted once.
    std::size_t line_cursor_ = 0;
    std::uint64_t line_ = 1;
    std::uint64_t line_start_offset_ = 0;  ///< input offset of the first byte of line_
};

}  // namespace sqlite2pg::parse
