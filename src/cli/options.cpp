#include "cli/options.hpp"

#include <boost/program_options.hpp>
#include <charconv>
#include <cstdint>
#include <sstream>

#include <unistd.h>

#include "passes/cast_rules.hpp"

namespace po = boost::program_options;

namespace sqlite2pg::cli {
namespace {

constexpr const char* kUsage = R"(Usage: sqlite2pg [OPTIONS] [INPUT]

Converts what `sqlite3 DB .dump` prints into a script that psql loads into PostgreSQL: every table, row and
value exactly, with every change explained in the script (-- sqlite2pg: comments) and in the report.
INPUT is a dump file, or - (the default) for standard input.

Examples:
  sqlite3 app.db .dump | sqlite2pg | psql -X -q -v ON_ERROR_STOP=1 -d app
  sqlite3 app.db .dump > app.dump
  sqlite2pg --summary-only --report app.report.json app.dump   # review the decisions first, then:
  sqlite2pg app.dump -o app.sql --report app.report.json
  psql -X -q -v ON_ERROR_STOP=1 -d app -f app.sql               # one transaction: all or nothing
  sqlite2pg --schema legacy --rows insert app.dump -o app.sql
  sqlite2pg --strict app.dump -o app.sql || echo "not exact: see the errors above"

Options)";

constexpr const char* kExitStatus = R"(
Exit status: 0 converted; 1 the input cannot be converted (FILE:LINE:COL: error: … on stderr); 2 usage error;
3 --strict refused a lossy change. A failed conversion's output never applies anything when loaded.
)";

/// `--type-window`: `all`, or a positive byte count with an optional K, M or G (binary) suffix.
std::uint64_t parse_type_window(const std::string& text) {
    if (text == "all") return Config::kWholeTables;
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    std::string_view suffix(end, static_cast<std::size_t>(text.data() + text.size() - end));
    unsigned shift = 0;
    if (suffix == "K" || suffix == "k") shift = 10;
    else if (suffix == "M" || suffix == "m") shift = 20;
    else if (suffix == "G" || suffix == "g") shift = 30;
    else if (!suffix.empty()) n = 0;
    if (ec != std::errc() || n == 0 || n > (UINT64_MAX >> 31))
        throw UsageError("--type-window must be a positive size (e.g. 8M, 512K, 1G) or 'all', not '" + text + "'");
    return n << shift;
}

}  // namespace

Invocation parse_options(int argc, char** argv, std::string_view version) {
    Invocation inv;
    Config& c = inv.config;
    std::string rows = "copy";
    std::string invalid_utf8 = "bytea";
    std::string type_window;
    bool progress = false;
    bool single_thread = false;
    po::options_description visible(kUsage);
    visible.add_options()
        ("help,h", "print this help and exit")
        ("version", "print the version and exit")
        ("output,o", po::value(&c.output)->value_name("FILE"), "write the script to FILE instead of standard output")
        ("split", po::value(&c.split_dir)->value_name("DIR"),
         "write DIR/pre-data.sql, DIR/data/*.sql (one COPY each), DIR/post-data.sql and DIR/load.sh, which loads "
         "them with -j N parallel sessions (for dumps too big for one serial load)")
        ("report", po::value(&c.report)->value_name("FILE"), "write a JSON report of every table, column and decision")
        ("schema", po::value(&c.schema)->value_name("NAME"), "create the tables in schema NAME (created if missing; default public)")
        ("schema-from", po::value(&c.schema_from)->value_name("FILE"),
         "read the tables from FILE, a schema-only dump of the same database (`sqlite3 DB .schema`), before "
         "INPUT: for dumps made with --data-only")
        ("rows", po::value(&rows)->value_name("copy|insert"), "write rows as COPY blocks (default, fastest) or multi-row INSERTs")
        ("type-window", po::value(&type_window)->value_name("SIZE|all"),
         "choose a table's column types from its first SIZE of rows (default 8M; K, M, G suffixes), then let its "
         "rows flow while the rest are read, widening a column (ALTER … TYPE, reported) for a later value that "
         "does not fit; 'all' reads every row of a table first (held in a temporary file)")
        ("cast", po::value(&c.casts)->value_name("RULE")->composing(),
         "give columns declared DECLARED (or matching /REGEX/, ignoring case) PostgreSQL TYPE when every value "
         "fits it: 'datetime=timestamptz', 'int=integer', '/^varchar\\(\\d+\\)$/=text' (repeatable)")
        ("invalid-utf8", po::value(&invalid_utf8)->value_name("bytea|replace"),
         "text PostgreSQL cannot hold (invalid UTF-8, NUL): make the column bytea (default) or replace each bad "
         "byte by U+FFFD (lossy)")
        ("strict", po::bool_switch(&c.strict), "refuse any change that loses a value, a constraint or an object (exit 3)")
        ("summary-only", po::bool_switch(&c.summary_only), "convert without writing the script: print the summary (and write --report) to review before a real run")
        ("quiet,q", po::bool_switch(&c.quiet), "print no summary and no progress line on standard error")
        ("progress", po::bool_switch(&progress), "draw the progress line on standard error even when it is not a terminal")
        ("single-thread", po::bool_switch(&single_thread),
         "convert on one thread (by default the rows of a dump file named by its path are converted on two, "
         "each a stretch of the file, when it may run on two CPUs or more; the output is the same)")
        ("compat-functions", po::bool_switch(&c.compat_functions),
         "create schema sqlite_compat with SQLite's exact substr(), date/time functions and casts, so that more "
         "views, checks and triggers are translated");
    po::options_description hidden;
    hidden.add_options()("input", po::value(&c.input));
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("input", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    if (vm.count("help")) {
        std::ostringstream text;
        text << visible << kExitStatus;
        inv.print_and_exit = text.str();
        return inv;
    }
    if (vm.count("version")) {
        inv.print_and_exit = "sqlite2pg " + std::string(version) + "\n";
        return inv;
    }
    if (rows == "copy") c.rows = RowFormat::Copy;
    else if (rows == "insert") c.rows = RowFormat::Insert;
    else throw UsageError("--rows must be copy or insert, not '" + rows + "'");
    if (!type_window.empty()) c.type_window = parse_type_window(type_window);
    if (invalid_utf8 == "bytea") c.invalid_utf8 = InvalidUtf8::Bytea;
    else if (invalid_utf8 == "replace") c.invalid_utf8 = InvalidUtf8::Replace;
    else throw UsageError("--invalid-utf8 must be bytea or replace, not '" + invalid_utf8 + "'");
    try {
        passes::CastRules rules(c.casts);  // checked here so that a bad rule is a usage error
    } catch (const passes::CastRuleError& e) {
        throw UsageError(e.what());
    }
    if (c.schema.empty()) throw UsageError("--schema needs a name");
    if (!c.split_dir.empty() && vm.count("output")) throw UsageError("--split writes a directory; it does not go with --output");
    c.progress = progress || (!c.quiet && ::isatty(STDERR_FILENO));
    c.second_thread = !single_thread;
    if (c.summary_only && (vm.count("output") || !c.split_dir.empty()))
        throw UsageError("--summary-only writes no script: drop --output and --split");
    return inv;
}

}  // namespace sqlite2pg::cli
