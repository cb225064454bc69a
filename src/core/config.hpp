#pragma once
// The conversion settings, as plain data. Only src/cli/ knows how they are spelled on the command line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sqlite2pg {

/// How rows are written: COPY blocks (fast, the default) or multi-row INSERT statements (readable, diffable).
enum class RowFormat { Copy, Insert };

/// What becomes of TEXT values PostgreSQL text cannot hold (invalid UTF-8, NUL): the column turns bytea and
/// keeps every byte (the default), or each bad byte is replaced by U+FFFD (a reported, lossy change).
enum class InvalidUtf8 { Bytea, Replace };

struct Config {
    std::string input = "-";      ///< dump file, "-" for standard input
    std::string output = "-";     ///< script file, "-" for standard output
    std::string report;           ///< JSON report file; empty for none
    std::string split_dir;        ///< --split: write a directory for a parallel load instead of one script
    std::string schema_from;      ///< schema-only dump whose CREATE statements come before the input's; empty for none
    std::string schema = "public";  ///< target schema, created if missing
    RowFormat rows = RowFormat::Copy;
    /// Bytes of a table's rows (as COPY lines) read before its column types are chosen and its rows start
    /// to flow; a later row that does not fit widens the column (ALTER … TYPE). kWholeTables: every row is
    /// read first (`--type-window all`, and always with --split).
    std::uint64_t type_window = kDefaultTypeWindow;
    static constexpr std::uint64_t kDefaultTypeWindow = 8u << 20;
    static constexpr std::uint64_t kWholeTables = UINT64_MAX;
    bool strict = false;          ///< a lossy decision is an error (exit status 3)
    bool quiet = false;           ///< no summary on stderr
    bool compat_functions = false;  ///< create the sqlite_compat schema so more expressions translate exactly
    bool progress = false;        ///< a progress line on stderr (the CLI's default: when stderr is a terminal)
    /// The rows of a dump file are converted on a second thread too, a stretch ahead of the first, when the
    /// process may use two CPUs or more (`--single-thread`: false). The output is the same either way.
    bool second_thread = true;
    /// How the second thread shares the rows (pipeline/parallel_rows.hpp); tests make the stretches small.
    struct Parallel {
        std::uint64_t lead_bytes = std::uint64_t{4} << 20;  ///< how far ahead of the first thread it starts again
        std::uint64_t unit_bytes = std::uint64_t{1} << 17;  ///< statements' bytes per unit it hands over
        /// When set, counts the units of rows the first thread took from the second (tests check there were some).
        std::uint64_t* units_taken = nullptr;
        /// When set, counts those of them taken before a byte of their statements was read (tests check there
        /// were some).
        std::uint64_t* units_followed = nullptr;
        /// Tests: having started the second thread, the first waits until it has this many units ready (or has
        /// paused or ended), so that whether units are taken does not depend on how the threads are scheduled.
        std::size_t wait_for_units = 0;
    };
    Parallel parallel;
    bool summary_only = false;    ///< convert but write no script: only the summary (and the report, if asked)
    InvalidUtf8 invalid_utf8 = InvalidUtf8::Bytea;
    std::vector<std::string> casts;  ///< --cast rules as written (`datetime=timestamptz`, `/regex/=text`)
};

}  // namespace sqlite2pg
