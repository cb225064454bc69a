#include "cli/options.hpp"

#include <boost/program_options.hpp>
#include <sstream>

namespace po = boost::program_options;

namespace sqlite2pg::cli {
namespace {

constexpr const char* kUsage = R"(Usage: sqlite2pg [OPTIONS] [INPUT]

Converts what `sqlite3 DB .dump` prints into a script that psql loads into PostgreSQL: every table, row and
value exactly, with every change explained in the script (-- sqlite2pg: comments) and in the report.
INPUT is a dump file, or - (the default) for standard input.

Examples:
  sqlite3 app.db .dump | sqlite2pg | psql -X -q -v ON_ERROR_STOP=1 -d app
  sqlite2pg app.dump -o app.sql --report app.report.json     # review, then:
  psql -X -q -v ON_ERROR_STOP=1 -d app -f app.sql
  sqlite2pg --schema legacy --rows insert app.dump -o app.sql

Options)";

constexpr const char* kExitStatus = R"(
Exit status: 0 converted; 1 the input cannot be converted (FILE:LINE:COL: error: … on stderr); 2 usage error;
3 --strict refused a lossy change. A failed conversion's output never applies anything when loaded.
)";

}  // namespace

Invocation parse_options(int argc, char** argv, std::string_view version) {
    Invocation inv;
    Config& c = inv.config;
    std::string rows = "copy";
    po::options_description visible(kUsage);
    visible.add_options()
        ("help,h", "print this help and exit")
        ("version", "print the version and exit")
        ("output,o", po::value(&c.output)->value_name("FILE"), "write the script to FILE instead of standard output")
        ("report", po::value(&c.report)->value_name("FILE"), "write a JSON report of every table, column and decision")
        ("schema", po::value(&c.schema)->value_name("NAME"), "create the tables in schema NAME (created if missing; default public)")
        ("rows", po::value(&rows)->value_name("copy|insert"), "write rows as COPY blocks (default, fastest) or multi-row INSERTs")
        ("strict", po::bool_switch(&c.strict), "refuse any change that loses a value, a constraint or an object (exit 3)")
        ("quiet,q", po::bool_switch(&c.quiet), "print no summary on standard error")
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
    if (c.schema.empty()) throw UsageError("--schema needs a name");
    return inv;
}

}  // namespace sqlite2pg::cli
