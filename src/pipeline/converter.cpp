#include "pipeline/converter.hpp"

#include <sched.h>

#include <algorithm>
#include <ostream>
#include <system_error>
#include <thread>
#include <utility>

#include "emit/script_writer.hpp"
#include "io/input_reader.hpp"
#include "io/output_writer.hpp"
#include "parse/dump_insert.hpp"
#include "parse/dump_values.hpp"
#include "parse/sql_parser.hpp"
#include "parse/statement_splitter.hpp"
#include "parse/swallowed_semicolon.hpp"
#include "passes/passes.hpp"
#include "pg/identifiers.hpp"
#include "pipeline/parallel_rows.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/report.hpp"
#include "pipeline/row_stage.hpp"
#include "pipeline/rows_ahead.hpp"
#include "pipeline/split_output.hpp"
#include "pipeline/value_stager.hpp"

namespace sqlite2pg::pipeline {
namespace {

/// From this many tables on, the summary mentions PostgreSQL's lock table (max_locks_per_transaction).
constexpr std::size_t kManyTables = 1000;

/// Whether `text` starts with `lower_prefix` with ASCII letters in any case. Used for every statement and
/// every INSERT of the dump, so it allocates nothing.
bool starts_with_folded(std::string_view text, std::string_view lower_prefix) {
    if (text.size() < lower_prefix.size()) return false;
    for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower_prefix[i]) return false;
    }
    return true;
}

bool starts_with_insert(std::string_view text) { return text.size() > 6 && starts_with_folded(text, "insert"); }

/// SQLite's own tables (sqlite_sequence, sqlite_stat1, …).
bool is_sqlite_internal(std::string_view name) { return starts_with_folded(name, "sqlite_"); }

bool is_rowid_name(std::string_view name) {
    std::string key = passes::sqlite_name_key(name);
    return key == "rowid" || key == "_rowid_" || key == "oid";
}

/// The CPUs this process may run on (`taskset`, cgroup cpusets), which may be fewer than the machine has.
unsigned usable_cpus() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) != 0) return std::thread::hardware_concurrency();
    return static_cast<unsigned>(CPU_COUNT(&set));
}

/// Input bytes between two checks whether the output's reader is gone.
constexpr std::uint64_t kPipeCheckBytes = 4u << 20;

/// Once a table's types are chosen, its rows go out in blocks of about this many bytes of COPY lines.
constexpr std::uint64_t kStreamBlockBytes = 4u << 20;

/// The row stage's memory: 8 MiB when tables are read whole; else the type window (at most 8 MiB of it)
/// and a block beyond it, so that rows reach a temporary file only when a table is read whole (held back,
/// or a window larger than that).
std::size_t stage_memory(bool streaming, std::uint64_t type_window) {
    constexpr std::uint64_t kBase = 8u << 20;
    return static_cast<std::size_t>(streaming ? std::min(type_window, kBase) + kStreamBlockBytes : kBase);
}

/// Runs one conversion. Statement by statement: rows are decoded (fast path first), staged and measured;
/// everything else goes through the statement passes. When a table's rows end, or earlier once its first
/// --type-window of rows is staged, its types are chosen and its CREATE TABLE and rows are written; after
/// that its rows go out block by block, each column widened first if the block holds values its type does
/// not. At the end the post-data objects follow.
class Conversion {
public:
    Conversion(const Config& config, std::ostream& diagnostics, std::string_view version)
        : config_(config),
          diagnostics_(diagnostics),
          version_(version),
          // The schema name follows the rule of every other name: ASCII letters folded to lower case.
          schema_(pg::fold_ascii_lower(config.schema)),
          decisions_(config.strict),
          casts_(config.casts),
          ctx_{config_, catalog_, decisions_, names_, post_, casts_},
          // --split loads each table's rows from files after pre-data.sql has created every table: there
          // they are read whole, since a type cannot change after its CREATE TABLE is written there.
          streaming_(config.type_window != Config::kWholeTables && config.split_dir.empty()),
          stage_(stage_memory(streaming_, config.type_window)) {}

    int run() {
        io::InputReader input(config_.input, io::InputReader::LineEnds::AsSqlite3Reads);
        // One script, or with --split a directory of files whose first is pre-data.sql. --summary-only:
        // the whole conversion runs (every check and decision), the script goes nowhere.
        std::optional<SplitOutput> split;
        std::optional<io::OutputWriter> single;
        if (config_.split_dir.empty()) single.emplace(config_.summary_only ? "/dev/null" : config_.output);
        else split.emplace(config_.split_dir);
        io::OutputWriter& output = split ? split->pre_data() : *single;
        emit::ScriptWriter script(output);
        source_name_ = input.display_name();
        script_ = &script;
        output_ = &output;
        split_ = split ? &*split : nullptr;
        script.header(source_name_, schema_, version_);
        // The header goes out at once: a reader sees output start while the first table's rows are staged.
        output.push();
        if (config_.compat_functions) script.compat_functions();
        Progress progress(diagnostics_, config_.progress, input.size());
        // The rows of a dump file are converted on a second thread too, a stretch ahead of this one, when the
        // process may use two CPUs (pipeline/parallel_rows.hpp). It starts with the first rows, by when the input
        // is known not to be UTF-16 (whose offsets are not the file's). Only for a file named by its path: the
        // thread opens and reads it itself (standard input, even from a file, has one read position).
        parallel_wanted_ = config_.second_thread && config_.input != "-" && input.size() && usable_cpus() > 1;
        input_ = &input;
        parse::StatementSplitter statements(input);
        statements.scan_rows_into(scan_);
        std::uint64_t next_pipe_check = 0;
        // After each statement, or rows taken from the second thread in their stead.
        const auto after_statement = [&] {
            write_rows_when_due();
            progress.update(statements.bytes_consumed(), rows_written_ + stage_.rows(), catalog_.tables().size());
            // While a table's rows are staged nothing is written, so a closed pipe (`| head`) would go
            // unnoticed until the table ends: look every few megabytes of input.
            if (statements.bytes_consumed() >= next_pipe_check) {
                next_pipe_check = statements.bytes_consumed() + kPipeCheckBytes;
                if (output.reader_gone()) throw io::BrokenPipe();
            }
        };
        try {
            if (!config_.schema_from.empty()) read_schema_file();
            for (;;) {
                if (parallel_ && take_following_unit(statements)) {
                    after_statement();
                    continue;
                }
                // A run of INSERTs split as one stops where the second thread's next unit begins, so that the
                // unit's first statement comes back on its own (take_parallel_unit), and reading stops there too.
                if (parallel_) statements.likely_skip_from(parallel_->next_start());
                const std::optional<parse::RawStatement> raw = statements.next();
                if (!raw) break;
                current_text_ = raw->text;
                current_loc_ = raw->begin;
                if (!raw->terminated)
                    throw InputError({Severity::Error, "unterminated-statement",
                                      "the last statement has no ';': the dump looks truncated", raw->begin});
                note_error_comments(statements);
                if (!parallel_ || !take_parallel_unit(*raw, statements)) handle(*raw);
                after_statement();
            }
            note_error_comments(statements);
            current_text_ = {};
            if (open_transaction_)
                throw InputError({Severity::Error, "no-commit",
                                  "the dump's transaction never ends (no COMMIT): the dump looks truncated, and "
                                  "sqlite3 itself would roll it back",
                                  *open_transaction_});
            flush_table();
            note_crlf(input.crlf_count());
            // Tables that no statement of theirs ended: a virtual table's whose shadow data held no rows.
            for (const auto& t : catalog_.tables())
                if (!t->skipped && !t->created && !leave_out_without_shadow_tables(*t)) {
                    current_ = t.get();
                    flush_table();
                }
            progress.finish(statements.bytes_consumed(), rows_written_, catalog_.tables().size());
            for (const passes::Pass* pass : passes::ordered_passes())
                if (pass->on_finish) pass->on_finish(ctx_);
            if (split) {
                // pre-data.sql ends with its transaction; post-data.sql is loaded by a session of its own.
                script.commit();
                output_ = &split->post_data();
                script.set_output(*output_);
                script.session(schema_);
                script.begin();
            }
            script.post_data(post_);
            std::vector<std::string> converted;
            for (const auto& t : catalog_.tables())
                if (!t->skipped) converted.push_back(t->pg_name);
            script.finish(post_, converted);
            // load.sh is written last: a failed conversion leaves a directory that load.sh cannot load.
            if (split) split->finish();
            else output.close();
        } catch (const InputError& e) {
            diagnostics_ << render_diagnostic(e.diagnostic(), source_name_, current_text_, current_loc_);
            return fail(e.diagnostic().message, kInputError);
        } catch (const StrictRefusal& e) {
            const std::string message = "--strict: " + e.decision().describe();
            diagnostics_ << source_name_ << ":" << e.decision().line << ": error: " << message << " [strict]\n";
            return fail(message, kStrictRefusal);
        }
        bytes_read_ = statements.bytes_consumed() + input.crlf_count();
        decoded_from_ = input.decoded_from();
        if (!config_.report.empty()) write_report(config_.report, catalog_, decisions_, schema_, version_);
        if (!config_.quiet) print_summary();
        return kSuccess;
    }

private:
    /// `--schema-from FILE`: the CREATE statements of a schema-only dump (`sqlite3 DB .schema`) go through
    /// the same passes before the data dump is read, so that a `--data-only` dump's rows have tables.
    /// Rows of user tables have no place there.
    void read_schema_file() {
        io::InputReader schema(config_.schema_from, io::InputReader::LineEnds::AsSqlite3Reads);
        const std::string dump_name = std::exchange(source_name_, schema.display_name());
        parse::StatementSplitter splitter(schema);
        while (auto raw = splitter.next()) {
            current_text_ = raw->text;
            current_loc_ = raw->begin;
            if (!raw->terminated)
                throw InputError({Severity::Error, "unterminated-statement",
                                  "the last statement has no ';': the schema file looks truncated", raw->begin});
            if (starts_with_insert(raw->text) && parse::parse_dump_insert(raw->text, rows_) &&
                passes::sqlite_name_key(rows_.table.name).rfind("sqlite_", 0) != 0)
                throw InputError({Severity::Error, "rows-in-schema-file",
                                  "--schema-from takes a schema-only dump, but this file has rows of \"" +
                                      rows_.table.name + "\"",
                                  raw->begin});
            handle(*raw);
        }
        flush_table();
        note_crlf(schema.crlf_count());
        current_text_ = {};
        source_name_ = dump_name;
    }

    /// A converted virtual table whose data-holding shadow table (`_content`, `_node`) the dump never
    /// defined: its rows are unknown, not absent — `.dump ft` of sqlite3 before 3.36 writes the virtual table
    /// but not its shadow tables (dump-format.md §6.3) — so it is left out rather than created empty.
    bool leave_out_without_shadow_tables(passes::TableInfo& table) {
        using Kind = passes::VirtualTableInfo::Kind;
        for (std::size_t i = 0; i < catalog_.virtual_tables.size(); ++i) {
            const passes::VirtualTableInfo& vt = catalog_.virtual_tables[i];
            if ((vt.kind != Kind::FullText && vt.kind != Kind::Rtree) ||
                passes::sqlite_name_key(vt.table_name) != passes::sqlite_name_key(table.sqlite_name))
                continue;
            for (const auto& [name, shadow] : catalog_.shadow_tables)
                if (shadow.virtual_table == i && (shadow.role == passes::ShadowRole::Content ||
                                                  shadow.role == passes::ShadowRole::RtreeNode))
                    return false;
            table.skipped = true;
            const std::string object = "virtual table \"" + vt.name + "\"";
            const std::string why = "the dump has none of its shadow tables, which hold its rows (`.dump " + vt.name +
                                    "` of sqlite3 before 3.36 leaves them out): its rows are unknown";
            decisions_.record({"object-skipped", Severity::Warning, true, object, vt.line,
                               "virtual table (" + vt.module + ") not created", why});
            post_.skipped.push_back({object, why, vt.sql, vt.line});
            return true;
        }
        return false;
    }

    /// Each error comment sqlite3 wrote into the dump (dump-format.md §7) is a lossy warning naming the
    /// table it was dumping: the database was damaged, rows of that table may be missing.
    void note_error_comments(parse::StatementSplitter& statements) {
        if (!statements.has_error_comments()) return;
        for (const parse::ErrorComment& comment : statements.take_error_comments()) {
            const std::string object = last_table_.empty() ? "the schema" : "table \"" + last_table_ + "\"";
            catalog_.damaged_tables.push_back(object);
            decisions_.record({"dump-damaged", Severity::Warning, true, object, comment.loc.line,
                               "sqlite3 wrote " + comment.text + " while dumping it; the rows the dump has are "
                               "loaded",
                               "the database was damaged when it was dumped; rows may be missing, and those after "
                               "the comment come in reverse order"});
        }
    }

    /// Says once per file that CR LF pairs were read as LF (io::InputReader), since inside a string
    /// literal of an old or `--newlines` dump that is a change of bytes, made as sqlite3 makes it.
    void note_crlf(std::uint64_t count) {
        if (count == 0) return;
        decisions_.record({"crlf-read-as-lf", Severity::Note, false, source_name_, 0,
                           std::to_string(count) + " CR LF pairs read as LF",
                           "sqlite3 reads a script line by line and drops the CR before each LF, also inside "
                           "string literals, so that is what the dump means"});
    }

    int fail(const std::string& message, int status) {
        try {
            script_->failure(message);
            output_->close();
        } catch (const std::system_error&) {
            // The output is already broken; the diagnostic above says why the conversion stopped.
        }
        return status;
    }

    void handle(const parse::RawStatement& raw) {
        const parse::InsertScan* scan = raw.rows;
        if (scan == nullptr && starts_with_insert(raw.text) && parse::scan_dump_insert(raw.text, scan_, raw.padded)) {
            scan_.statements.front().line = raw.begin.line;
            scan = &scan_;
        }
        if (scan != nullptr) {
            if (passes::TableInfo* table = plain_table_for_rows(scan->table.name)) {
                stage_scanned_rows(*table, *scan, raw);
                return;
            }
            parse::materialize(*scan, rows_);
            handle_rows(rows_, raw);
            return;
        }
        // Anything but rows may change the catalog: look the next INSERT's table up afresh, and split the next
        // INSERT alone, whatever its header.
        rows_lookup_valid_ = false;
        scan_.runs_allowed = false;
        stop_aiming();
        ast::Statement stmt = parse_explained(raw);
        if (auto* insert = std::get_if<ast::Insert>(&stmt.node)) {
            std::optional<ast::InsertRows> folded = parse::fold_dump_insert(*insert);
            if (!folded)
                throw InputError({Severity::Error, "unsupported-insert",
                                  "only INSERT … VALUES with constant values occurs in a dump; this INSERT is not "
                                  "converted",
                                  raw.begin});
            handle_rows(*folded, raw);
            return;
        }
        handle_statement(stmt, raw);
    }

    void handle_statement(ast::Statement& stmt, const parse::RawStatement& raw) {
        flush_table();
        if (auto* tx = std::get_if<ast::Transaction>(&stmt.node))
            open_transaction_ = tx->kind == ast::Transaction::Kind::Begin ? std::optional(raw.begin) : std::nullopt;
        // Passes may move the statement into the Catalog: remember which table it creates first.
        auto* create = std::get_if<ast::CreateTable>(&stmt.node);
        std::optional<std::string> created = create ? std::optional(create->name.name.name) : std::nullopt;
        auto* virtual_table = std::get_if<ast::CreateVirtualTable>(&stmt.node);
        std::optional<std::string> declared =
            virtual_table ? std::optional(virtual_table->name.name.name) : std::nullopt;
        run_statement_passes(stmt, raw);
        if (created) {
            last_table_ = *created;
            open_table(*created, raw.begin.line);
        }
        // The table a virtual table becomes is filled later, from its shadow tables' rows.
        if (declared)
            if (passes::TableInfo* t = catalog_.find_table(*declared); t && !t->skipped) define_table(*t);
    }

    /// The full parser, with a better message for the one syntax error old dumps themselves cause.
    static ast::Statement parse_explained(const parse::RawStatement& raw) {
        try {
            return parse::parse_statement(raw.text, raw.begin);
        } catch (const InputError&) {
            const std::optional<std::size_t> at = parse::find_comment_swallowing_semicolon(raw.text);
            if (!at) throw;
            SourceLoc loc = raw.begin;
            const std::string_view before = raw.text.substr(0, *at);
            const std::size_t newline = before.rfind('\n');
            loc.offset += *at;
            loc.line += static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n'));
            loc.column = newline == std::string_view::npos ? raw.begin.column + static_cast<std::uint32_t>(*at)
                                                           : static_cast<std::uint32_t>(*at - newline);
            throw InputError({Severity::Error, "comment-swallows-semicolon",
                              "this `--` comment ends the statement's text and swallows its ';' (a dump by "
                              "sqlite3 before 3.40 of a schema whose text ends in a comment): SQLite cannot "
                              "read it back either; put the ';' on a line of its own",
                              loc});
        }
    }

    /// sqlite3 writes a virtual table as a row of sqlite_schema whose `sql` is its CREATE VIRTUAL TABLE
    /// (dump-format.md §4.4); that statement is converted as if the dump had said it. False for other rows.
    bool declare_virtual_table(const ast::InsertRows& rows, const parse::RawStatement& raw) {
        if (rows.row_count() != 1 || rows.row_width != 5) return false;
        const ast::Value& sql = rows.values[4];
        constexpr std::string_view kCreate = "create virtual table";
        if (sql.storage != ast::StorageClass::Text || sql.bytes.size() < kCreate.size() ||
            passes::sqlite_name_key(std::string_view(sql.bytes).substr(0, kCreate.size())) != kCreate)
            return false;
        const std::string text = sql.bytes;
        ast::Statement stmt = parse::parse_statement(text, raw.begin);
        if (!std::holds_alternative<ast::CreateVirtualTable>(stmt.node)) return false;
        handle_statement(stmt, parse::RawStatement{text, raw.begin});
        return true;
    }

    void run_statement_passes(ast::Statement& stmt, const parse::RawStatement& raw) {
        passes::StatementEvent event{stmt, raw.text};
        for (const passes::Pass* pass : passes::ordered_passes())
            if (pass->on_statement && !event.consumed) pass->on_statement(event, ctx_);
        if (!event.consumed)
            throw InputError({Severity::Error, "unsupported-statement",
                              "this kind of statement does not occur in a dump and is not converted", raw.begin});
    }

    /// A table was just created: its rows (which follow in a dump) are staged from now on.
    void open_table(std::string_view sqlite_name, std::uint64_t line) {
        passes::TableInfo* t = catalog_.find_table(sqlite_name);
        current_ = nullptr;
        if (!t || t->skipped) return;
        begin_rows_of(*t, line);
        define_table(*t);
    }

    void define_table(passes::TableInfo& table) {
        for (const passes::Pass* pass : passes::ordered_passes())
            if (pass->on_table_defined) pass->on_table_defined(table, ctx_);
    }

    void handle_rows(ast::InsertRows& rows, const parse::RawStatement& raw) {
        if (is_sqlite_internal(rows.table.name)) {
            rows_lookup_valid_ = false;
            const std::string key = passes::sqlite_name_key(rows.table.name);
            flush_table();
            if ((key == "sqlite_schema" || key == "sqlite_master") && declare_virtual_table(rows, raw)) return;
            ast::Statement stmt{std::move(rows), raw.begin};
            run_statement_passes(stmt, raw);
            rows = std::move(std::get<ast::InsertRows>(stmt.node));
            return;
        }
        look_up_rows_table(rows.table.name);
        if (rows_shadow_) {
            handle_shadow_rows(*rows_shadow_, rows, raw);
            return;
        }
        if (const passes::VirtualTableInfo* vt = rows_virtual_) {
            // `--data-only` dumps hold the rows of a virtual table itself, read through the module, besides
            // its shadow tables. A table the virtual table became is filled from the shadow tables, which
            // hold the same rows with their rowids; the module's rows (no rowid) would only repeat them.
            if (!virtual_rows_noted_.insert(passes::sqlite_name_key(rows.table.name)).second) return;
            const bool converted = vt->kind == passes::VirtualTableInfo::Kind::FullText ||
                                   vt->kind == passes::VirtualTableInfo::Kind::Rtree;
            if (converted)
                decisions_.record({"statement-dropped", Severity::Note, false, "virtual table \"" + vt->name + "\"",
                                   raw.begin.line, "its rows as read through the module left out",
                                   "the table it became is filled from its shadow tables, which hold the same "
                                   "rows with their rowids"});
            else
                decisions_.record({"object-skipped", Severity::Warning, true, "virtual table \"" + vt->name + "\"",
                                   raw.begin.line, "rows of a virtual table left out",
                                   "the virtual table is not created"});
            return;
        }
        passes::TableInfo* table = rows_table_;
        if (!table) {
            if (catalog_.tables().empty() && config_.schema_from.empty())
                throw InputError({Severity::Error, "unknown-table",
                                  "INSERT into \"" + rows.table.name + "\", but the dump creates no table before "
                                  "it: for a --data-only dump, give its schema with --schema-from FILE (e.g. the "
                                  "output of `sqlite3 DB .schema`)",
                                  raw.begin});
            throw InputError({Severity::Error, "unknown-table",
                              "INSERT into \"" + rows.table.name + "\", which " +
                                  (config_.schema_from.empty() ? "the dump has not created"
                                                               : "neither the dump nor --schema-from creates"),
                              raw.begin});
        }
        if (table->skipped) return;
        stage_rows(*table, rows, raw);
    }

    /// Finds what rows into `name` go to (rows_table_, rows_shadow_, rows_virtual_). A dump writes a table's
    /// rows one statement after another: the last name's lookups are remembered (until a statement other
    /// than rows may have changed the catalog).
    void look_up_rows_table(const std::string& name) {
        if (rows_lookup_valid_ && name == rows_table_name_) return;
        last_table_ = name;
        rows_shadow_ = catalog_.find_shadow(name);
        rows_table_ = catalog_.find_table(name);
        rows_virtual_ = find_virtual_table(name);
        rows_table_name_ = name;
        rows_lookup_valid_ = true;
    }

    /// The table rows into `name` are staged for when it is an ordinary table (not SQLite's own, a shadow or
    /// a virtual table, nor one given up on), else nullptr.
    passes::TableInfo* plain_table_for_rows(const std::string& name) {
        if (is_sqlite_internal(name)) return nullptr;
        look_up_rows_table(name);
        if (rows_shadow_ || rows_virtual_ || !rows_table_ || rows_table_->skipped) return nullptr;
        return rows_table_;
    }

    /// Stages the rows `scan` holds for `table`: each value is measured and spelt for COPY straight from the
    /// statement text, without being decoded into an ast::Value first when it is a plain literal.
    void stage_scanned_rows(passes::TableInfo& table, const parse::InsertScan& scan, const parse::RawStatement& raw) {
        switch_to(table, raw.begin.line);
        const std::size_t width = table.loaded_columns.size();
        // The usual dump INSERT, without a column list and as wide as the table, needs no mapping.
        const bool in_order = (scan.columns.empty() && scan.row_width == width) ||
                              map_columns(table, scan.columns, scan.row_width, raw);
        if (!in_order) {
            source_of_.assign(width, 0);
            for (std::size_t i = 0; i < mapping_.size(); ++i)
                if (mapping_[i] >= 0) source_of_[static_cast<std::size_t>(mapping_[i])] = i;
        }
        if (parallel_wanted_ && in_order && (aimed_at_ != &table || aimed_name_ != scan.table.name))
            aim_rows_ahead(table, scan.table.name);
        // The statements that follow with the same header may come as a run of them (a run):
        // their rows are staged statement by statement, each with its line, and written out early where they
        // would have been had they come one by one.
        scan_.runs_allowed = true;
        std::size_t r = 0;
        for (std::size_t s = 0; s < scan.statements.size(); ++s) {
            if (s != 0) write_rows_when_due();
            const std::uint64_t line = scan.statements[s].line;
            for (; r < scan.statements[s].rows_end; ++r) {
                const parse::ValueRef* row = scan.values.data() + r * scan.row_width;
                for (std::size_t c = 0; c < width; ++c)
                    values_.stage_scanned(row[in_order ? c : source_of_[c]], scan,
                                          table.columns[table.loaded_columns[c]].stats, line);
                stage_.end_row();
            }
        }
    }

    /// The read-ahead thread converts batches of rows into `table` (named `insert_name` by its INSERTs) from
    /// now on, measured with its columns' checks.
    void aim_rows_ahead(passes::TableInfo& table, const std::string& insert_name) {
        std::vector<passes::ColumnStats> fresh;
        for (std::size_t c : table.loaded_columns) fresh.push_back(table.columns[c].stats.fresh());
        aim_ = rows_ahead_.aim(insert_name, std::move(fresh));
        if (parallel_) parallel_->reaimed();
        else if (parallel_wanted_ && input_->decoded_from().empty()) {
            parallel_.emplace(config_.input, *input_, rows_ahead_, config_.invalid_utf8, config_.parallel);
            if (config_.parallel.wait_for_units) parallel_->wait_for_units(config_.parallel.wait_for_units);
        }
        aimed_at_ = &table;
        aimed_name_ = insert_name;
    }

    void stop_aiming() {
        if (!aimed_at_) return;
        rows_ahead_.stop_aiming();
        aimed_at_ = nullptr;
    }

    /// Takes rows the second thread converted, when it was aimed at the table being staged as it still is, and
    /// this thread would not have written rows out before their last statement (where it would, the statements
    /// are converted one by one instead). `line_offset` turns the lines the thread counted into the dump's.
    /// Whether it took them.
    bool take_rows_ahead(AheadRows& rows, std::uint64_t line_offset) {
        if (rows.aim != aim_ || aimed_at_ == nullptr || aimed_at_ != current_) return false;
        if (current_streams_) {
            const std::uint64_t limit = current_->created ? block_bytes() : config_.type_window;
            const std::uint64_t before = stage_.bytes();
            for (std::size_t i = 0; i + 1 < rows.bytes_after.size(); ++i)
                if (before + rows.bytes_after[i] >= limit) return false;
        }
        stage_.take(rows.stage);
        for (std::size_t c = 0; c < rows.stats.size(); ++c)
            current_->columns[current_->loaded_columns[c]].stats.merge(rows.stats[c], line_offset);
        return true;
    }

    /// When the second thread converted the statements from `raw` (the statement just split) on
    /// (pipeline/parallel_rows.hpp), takes their rows as take_rows_ahead() does and skips them. Whether it did.
    bool take_parallel_unit(const parse::RawStatement& raw, parse::StatementSplitter& statements) {
        RowsUnit* unit = parallel_->at(raw.begin.offset);
        if (unit == nullptr) return false;
        const bool took = take_unit(*unit, raw.begin, unit->start, statements);
        parallel_->release(took ? unit->end.offset : raw.begin.offset);
        return took;
    }

    /// When the second thread converted the statements that follow where the splitter stands (it went on to them
    /// from the last statement, converted or taken here), takes them as take_parallel_unit() does, before the
    /// splitter reads a byte of them. Whether it did.
    bool take_following_unit(parse::StatementSplitter& statements) {
        const std::uint64_t here = statements.bytes_consumed();
        RowsUnit* unit = parallel_->following(here);
        if (unit == nullptr) return false;
        const bool took = take_unit(*unit, statements.consumed_loc(), unit->after, statements);
        parallel_->release(took ? unit->end.offset : here);
        if (took && config_.parallel.units_followed) ++*config_.parallel.units_followed;
        return took;
    }

    /// Takes `unit`'s rows (take_rows_ahead) and skips its statements. `here` is a place in the dump, as this
    /// thread counts it and as the second thread did (`there`): the thread counted lines from its own start;
    /// offsets are the file's, as long as no CR LF was read as LF. Whether it took them.
    bool take_unit(RowsUnit& unit, const SourceLoc& here, const SourceLoc& there,
                   parse::StatementSplitter& statements) {
        const std::uint64_t line_offset = here.line - there.line;
        if (input_->crlf_count() != 0 || !take_rows_ahead(unit.rows, line_offset)) return false;
        SourceLoc end = unit.end;
        end.line += line_offset;
        if (unit.end.line == there.line) end.column = here.column + (unit.end.column - there.column);
        statements.skip_to(end);
        if (config_.parallel.units_taken) ++*config_.parallel.units_taken;
        return true;
    }

    /// Rows of a virtual table's shadow table: the FTS text and the R*Tree nodes become rows of the table
    /// the virtual table was made into; the rest is SQLite's index data and is dropped.
    void handle_shadow_rows(const passes::ShadowTable& shadow, ast::InsertRows& rows, const parse::RawStatement& raw) {
        passes::VirtualTableInfo& vt = catalog_.virtual_tables[shadow.virtual_table];
        passes::TableInfo* table = catalog_.find_table(vt.table_name);
        switch (shadow.role) {
            case passes::ShadowRole::Ignored: return;
            case passes::ShadowRole::RtreeRowid: passes::collect_rtree_rowids(vt, rows, ctx_, raw.begin.line); return;
            case passes::ShadowRole::Content:
                if (table && !table->skipped) stage_rows(*table, rows, raw);
                return;
            case passes::ShadowRole::RtreeNode:
                if (!table || table->skipped) return;
                switch_to(*table, raw.begin.line);
                passes::decode_rtree_rows(vt, rows, ctx_, raw.begin.line, [&](std::span<const ast::Value> row) {
                    for (std::size_t c = 0; c < row.size(); ++c)
                        table->columns[table->loaded_columns[c]].stats.observe(row[c], raw.begin.line);
                    stage_.append(row);
                });
                return;
        }
    }

    /// Makes `table` the one whose rows are being staged, ending the previous one's; `line` is the dump line
    /// of the rows that start it.
    void switch_to(passes::TableInfo& table, std::uint64_t line) {
        if (&table == current_) return;
        flush_table();
        begin_rows_of(table, line);
    }

    /// Makes `table` the one whose rows are being staged, from dump line `line` on.
    void begin_rows_of(passes::TableInfo& table, std::uint64_t line) {
        current_ = &table;
        current_streams_ = streaming_;
        late_line_ = line;
        late_rows_ = table.created;
    }

    /// Stages rows of `table` (the dump's VALUES in its loaded columns' order, or named by a column list).
    void stage_rows(passes::TableInfo& table, ast::InsertRows& rows, const parse::RawStatement& raw) {
        switch_to(table, raw.begin.line);
        const bool in_order = map_columns(table, rows.columns, rows.row_width, raw);
        const std::size_t width = table.loaded_columns.size();
        row_.resize(width);
        for (std::size_t r = 0; r < rows.row_count(); ++r) {
            std::span<ast::Value> row(rows.values.data() + r * rows.row_width, rows.row_width);
            if (!in_order) {
                // Values are swapped, not moved, so that the parser's and the row's strings both keep their
                // capacity: no allocation per row.
                for (ast::Value& v : row_) v.storage = ast::StorageClass::Null;
                for (std::size_t i = 0; i < rows.row_width; ++i)
                    if (mapping_[i] >= 0) std::swap(row_[static_cast<std::size_t>(mapping_[i])], row[i]);
                row = row_;
            }
            for (std::size_t c = 0; c < width; ++c)
                values_.stage(row[c], table.columns[table.loaded_columns[c]].stats, raw.begin.line);
            stage_.end_row();
        }
    }

    /// The virtual table named `name`, or nullptr.
    const passes::VirtualTableInfo* find_virtual_table(std::string_view name) const {
        const std::string key = passes::sqlite_name_key(name);
        for (const passes::VirtualTableInfo& vt : catalog_.virtual_tables)
            if (passes::sqlite_name_key(vt.name) == key) return &vt;
        return nullptr;
    }

    /// Where each value of the INSERT goes among the table's loaded columns (-1: dropped). Returns true
    /// when every value goes to the column of its own position (the INSERT of a plain dump).
    bool map_columns(passes::TableInfo& table, const std::vector<ast::Identifier>& columns, std::size_t row_width,
                     const parse::RawStatement& raw) {
        const std::size_t width = table.loaded_columns.size();
        mapping_.assign(row_width, -1);
        if (columns.empty()) {
            if (row_width != width)
                throw InputError({Severity::Error, "row-width",
                                  "table \"" + table.sqlite_name + "\" takes " + std::to_string(width) +
                                      " values per row in a dump, but this row has " + std::to_string(row_width),
                                  raw.begin});
            for (std::size_t i = 0; i < width; ++i) mapping_[i] = static_cast<int>(i);
            return true;
        }
        std::vector<bool> filled(width, false);
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const std::string& name = columns[i].name;
            passes::ColumnInfo* col = table.find_column(name);
            if (!col && is_rowid_name(name)) {
                // `--preserve-rowids`: the rowid is the alias column's value, or has no column to go to.
                col = table.rowid_alias();
                if (!col) {
                    note_dropped_rowids(table, raw);
                    continue;
                }
            }
            std::size_t index = col ? static_cast<std::size_t>(col - table.columns.data()) : 0;
            auto pos = std::find(table.loaded_columns.begin(), table.loaded_columns.end(), index);
            if (!col || pos == table.loaded_columns.end())
                throw InputError({Severity::Error, "unknown-column",
                                  "table \"" + table.sqlite_name + "\" has no column \"" + name + "\" to insert into",
                                  raw.begin});
            std::size_t target = static_cast<std::size_t>(pos - table.loaded_columns.begin());
            if (!filled[target]) mapping_[i] = static_cast<int>(target);
            else note_duplicate_column(table, name, raw);
            filled[target] = true;
        }
        for (std::size_t c = 0; c < width; ++c)
            if (!filled[c])
                throw InputError({Severity::Error, "missing-column",
                                  "this row gives no value for column \"" +
                                      table.columns[table.loaded_columns[c]].def.name.name + "\"",
                                  raw.begin});
        if (row_width != width) return false;
        for (std::size_t i = 0; i < width; ++i)
            if (mapping_[i] != static_cast<int>(i)) return false;
        return true;
    }

    /// A column named twice in an INSERT's list (3.52's `--preserve-rowids` writes `(rowid,rowid,b)` for a
    /// table with a real column named rowid): like SQLite, the first value is the column's, later ones are
    /// dropped — so the dump means what replaying it in SQLite gives, and the dropped values are reported.
    void note_duplicate_column(passes::TableInfo& table, const std::string& column, const parse::RawStatement& raw) {
        if (!duplicate_noted_.insert(&table).second) return;
        decisions_.record({"duplicate-column", Severity::Warning, true, "table \"" + table.sqlite_name + "\"",
                           raw.begin.line, "values of a second \"" + column + "\" in the INSERT column list dropped",
                           "SQLite gives a column named twice its first value (sqlite3 3.52 writes rowid twice "
                           "with --preserve-rowids when a column is named rowid)"});
    }

    void note_dropped_rowids(passes::TableInfo& table, const parse::RawStatement& raw) {
        if (!rowid_noted_.insert(&table).second) return;
        decisions_.record({"rowid-dropped", Severity::Warning, true, "table \"" + table.sqlite_name + "\"",
                           raw.begin.line, "rowid values from --preserve-rowids not kept",
                           "the table has no INTEGER PRIMARY KEY column to hold them"});
    }

    /// Ends the current table's rows: what is staged of them is written, and so is its CREATE TABLE if that
    /// has not been yet.
    void flush_table() {
        if (!current_) return;
        passes::TableInfo& table = *current_;
        current_ = nullptr;
        write_staged_rows(table, true);
    }

    /// Bytes of COPY lines per block once a table's types are chosen.
    std::uint64_t block_bytes() const { return std::min(config_.type_window, kStreamBlockBytes); }

    /// Whether `table` is a virtual table's, filled from its shadow tables' rows: those are read whole (an
    /// R*Tree's nodes are checked against its _rowid table when they end).
    bool fills_from_shadow_tables(const passes::TableInfo& table) const {
        const std::string key = passes::sqlite_name_key(table.sqlite_name);
        for (const passes::VirtualTableInfo& vt : catalog_.virtual_tables)
            if ((vt.kind == passes::VirtualTableInfo::Kind::FullText || vt.kind == passes::VirtualTableInfo::Kind::Rtree) &&
                passes::sqlite_name_key(vt.table_name) == key)
                return true;
        return false;
    }

    /// After each statement of rows: the staged rows of a table that streams are written out once they fill a
    /// block (or, before its CREATE TABLE, the type window).
    void write_rows_when_due() {
        if (current_ && current_streams_ &&
            stage_.bytes() >= (current_->created ? block_bytes() : config_.type_window))
            write_rows_early(*current_);
    }

    /// Writes what is staged of `table`'s rows before its last row is read, unless it is read whole: a virtual
    /// table's, or one whose values would leave a column that a later widening could not bring to text exactly
    /// (passes::rows_can_flow; then no value is written until the table ends).
    void write_rows_early(passes::TableInfo& table) {
        if (fills_from_shadow_tables(table) || !passes::rows_can_flow(table, ctx_)) {
            current_streams_ = false;
            return;
        }
        write_staged_rows(table, false);
    }

    /// Writes the staged rows of `table`. The first time, its types are chosen from them and its CREATE TABLE
    /// is written; later, the columns these rows do not fit are widened (and NOT NULLs they break dropped)
    /// between two COPY blocks. `table_ends`: no more rows follow now, and the table's COPY block ends.
    void write_staged_rows(passes::TableInfo& table, bool table_ends) {
        if (!table.created && !table.skipped)
            for (const passes::Pass* pass : passes::ordered_passes())
                if (pass->on_table_rows_end) pass->on_table_rows_end(table, ctx_);
        if (table.skipped) {  // given up on while its rows arrived (an R*Tree that cannot be decoded)
            stage_.discard();
            return;
        }
        if (!table.created) {
            script_->create_table(table.pg);
            table.created = true;
            typed_from_rows_ = stage_.rows();
        } else {
            fit_table_to_staged_rows(table);
        }
        if (stage_.rows() > 0) {
            if (!rows_block_open_) begin_rows_block(table);
            std::vector<pg::Type> types;
            for (std::size_t c : table.loaded_columns) types.push_back(table.columns[c].pg_type);
            table.rows += stage_.rows();
            rows_written_ += stage_.rows();
            if (config_.rows == RowFormat::Copy)
                stage_.write_copy(*output_, types);
            else
                stage_.drain(types.size(), [&](std::span<const ast::Value> row) { script_->insert_row(row, types); });
            for (std::size_t c : table.loaded_columns) {
                passes::ColumnInfo& col = table.columns[c];
                col.written_integers = col.stats.of(ast::StorageClass::Integer);
                col.written_numeric_respelt_reals = col.stats.reals_numeric_respells;
            }
        }
        if (table_ends) end_rows_block();
    }

    /// For a table already created: widens the columns the staged rows do not fit and drops the NOT NULLs
    /// they break, ending the open COPY block first (ALTER TABLE cannot run inside one).
    void fit_table_to_staged_rows(passes::TableInfo& table) {
        const std::string after =
            late_rows_ ? "rows arriving after the table was created (from line " + std::to_string(late_line_) + ")"
                       : "rows after the first " + std::to_string(typed_from_rows_) +
                             ", which its types were chosen from by --type-window";
        const std::vector<passes::LateRetype> retypes = passes::widen_for_late_rows(table, ctx_, after);
        const std::vector<passes::LateNullable> nullables = passes::drop_not_null_for_late_rows(table, ctx_, after);
        if (retypes.empty() && nullables.empty()) return;
        end_rows_block();
        for (const passes::LateRetype& r : retypes)
            script_->retype_column(table.pg_name, r.column, r.from, r.from_typmod, r.to, r.to_typmod, r.collation, {r.note});
        for (const passes::LateNullable& n : nullables) script_->drop_not_null(table.pg_name, n.column, {n.note});
    }

    /// Starts a COPY block (or INSERT statements) for `table`'s rows; with --split, in a data file of its own,
    /// loaded in a session of its own.
    void begin_rows_block(const passes::TableInfo& table) {
        if (split_) {
            output_ = &split_->next_data_file(table.pg.name);
            script_->set_output(*output_);
            script_->session(schema_);
        }
        if (config_.rows == RowFormat::Copy) script_->copy_begin(table.pg);
        else script_->insert_begin(table.pg);
        rows_block_open_ = true;
    }

    /// Ends the open block of rows, if any, and hands what is written to the output's writing thread.
    void end_rows_block() {
        if (rows_block_open_) {
            rows_block_open_ = false;
            if (config_.rows == RowFormat::Copy) script_->copy_end();
            else script_->insert_end();
            if (split_) {
                split_->close_data_file();
                output_ = &split_->pre_data();
                script_->set_output(*output_);
                return;
            }
        }
        if (!split_) output_->push();
    }

    /// The warnings (up to a screenful), then the counts last, where a reader's eye lands.
    void print_summary() {
        // The warnings and column type changes themselves, up to a screenful; all of them are in the script
        // and the report.
        constexpr std::size_t kShown = 40;
        std::size_t listed = 0, omitted = 0;
        for (const Decision& d : decisions_.all()) {
            const bool warning = d.severity == Severity::Warning;
            if (!warning && d.kind.rfind("type-", 0) != 0) continue;
            if (++listed > kShown) {
                ++omitted;
                continue;
            }
            diagnostics_ << source_name_ << ":" << d.line << (warning ? ": warning: " : ": note: ") << d.describe()
                         << " [" << d.kind << "]\n";
        }
        if (omitted > 0) diagnostics_ << "  … " << omitted << " more in the script and report\n";
        std::size_t tables = 0;
        for (const auto& t : catalog_.tables()) tables += !t->skipped;
        diagnostics_ << "sqlite2pg: " << tables << " tables, " << rows_written_ << " rows, " << bytes_read_
                     << " bytes read; " << decisions_.all().size() << " decisions, " << decisions_.warnings()
                     << " warnings" << (config_.summary_only ? "; no script written (--summary-only)" : "")
                     << "\n";
        // Every table, index, sequence and TOAST table created holds a lock until COMMIT; the server's lock
        // table has room for max_locks_per_transaction × max_connections (64 × 100 by default).
        if (tables >= kManyTables)
            diagnostics_ << "  note: " << tables << " tables in one transaction take several locks each; if the "
                         << "load fails with \"out of shared memory\", raise max_locks_per_transaction (e.g. to "
                         << (tables / 10 + 64) << ") and restart PostgreSQL\n";
        if (!decoded_from_.empty())
            diagnostics_ << "  the input is " << decoded_from_ << " (it starts with a byte order mark): decoded to "
                         << "UTF-8, and bytes read counts the decoded bytes\n";
        for (const auto& [kind, count] : decisions_.counts_by_kind())
            diagnostics_ << "  " << kind << ": " << count << "\n";
    }

    const Config& config_;
    std::ostream& diagnostics_;
    std::string_view version_;
    std::string source_name_;
    std::string_view decoded_from_;  ///< the input's UTF-16 byte order when it was decoded, else empty
    std::string schema_;
    passes::Catalog catalog_;
    DecisionLog decisions_;
    passes::NameRegistry names_;
    pg::PostData post_;
    passes::CastRules casts_;
    passes::PassContext ctx_;
    emit::ScriptWriter* script_ = nullptr;
    io::OutputWriter* output_ = nullptr;  ///< the file the script is being written to
    SplitOutput* split_ = nullptr;        ///< --split: the directory's files
    const bool streaming_;  ///< a table's rows go out before its last row is read (DESIGN.md §6, --type-window)
    passes::TableInfo* current_ = nullptr;  ///< the table whose rows are staged
    bool current_streams_ = false;  ///< its rows are written as they come (else when its last row is read)
    bool rows_block_open_ = false;  ///< a COPY block (or INSERT statement) of current_'s rows is open
    std::uint64_t typed_from_rows_ = 0;  ///< how many rows the types of the last table created were chosen from
    bool rows_lookup_valid_ = false;                   ///< the three below describe the last INSERT's table
    std::string rows_table_name_;                      ///< its name, exactly as the INSERT spelled it
    passes::TableInfo* rows_table_ = nullptr;          ///< the table of that name, if any
    const passes::ShadowTable* rows_shadow_ = nullptr;  ///< the virtual table's shadow table of that name, if any
    const passes::VirtualTableInfo* rows_virtual_ = nullptr;  ///< the virtual table of that name, if any
    RowStage stage_;
    ValueStager values_{stage_, config_.invalid_utf8};  ///< stages each value into stage_
    RowsAhead rows_ahead_;                   ///< what the second thread converts rows for
    bool parallel_wanted_ = false;           ///< rows are converted on a second thread too, once there are some
    io::InputReader* input_ = nullptr;       ///< the dump
    std::optional<ParallelRows> parallel_;   ///< that thread, once started (after rows_ahead_: it uses it)
    passes::TableInfo* aimed_at_ = nullptr;  ///< the table rows_ahead_ is aimed at, or nullptr
    std::string aimed_name_;                 ///< as its INSERTs name it
    std::uint64_t aim_ = 0;                  ///< the aim's number
    /// Where the splitter scans dump-shaped INSERTs, and an INSERT that came without rows (the splitter's
    /// buffer ended inside it) is scanned here.
    parse::InsertScan scan_;
    ast::InsertRows rows_;                  ///< its rows decoded, when they go elsewhere than a plain table
    std::vector<ast::Value> row_;
    std::vector<int> mapping_;              ///< for each value of an INSERT's row, its column (-1: dropped)
    std::vector<std::size_t> source_of_;    ///< for each column, the value of the row that goes to it
    std::set<const passes::TableInfo*> rowid_noted_;
    std::set<const passes::TableInfo*> duplicate_noted_;
    std::set<std::string> virtual_rows_noted_;
    std::string_view current_text_;
    std::string last_table_;  ///< the table whose CREATE or rows came last (what an error comment is about)
    SourceLoc current_loc_;
    std::uint64_t late_line_ = 0;  ///< dump line of the rows that made current_ the table being staged
    bool late_rows_ = false;  ///< current_ was created before those rows (rows after other statements)
    std::optional<SourceLoc> open_transaction_;  ///< where the dump's BEGIN is, until its COMMIT or ROLLBACK
    std::uint64_t rows_written_ = 0;
    std::uint64_t bytes_read_ = 0;
};

}  // namespace

int convert(const Config& config, std::ostream& diagnostics, std::string_view version) {
    Conversion conversion(config, diagnostics, version);
    return conversion.run();
}

}  // namespace sqlite2pg::pipeline
