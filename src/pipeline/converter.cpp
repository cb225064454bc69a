#include "pipeline/converter.hpp"

#include <ostream>
#include <system_error>

#include "emit/script_writer.hpp"
#include "io/input_reader.hpp"
#include "io/output_writer.hpp"
#include "parse/dump_insert.hpp"
#include "parse/sql_parser.hpp"
#include "parse/statement_splitter.hpp"
#include "passes/passes.hpp"
#include "pg/identifiers.hpp"
#include "pipeline/report.hpp"
#include "pipeline/row_stage.hpp"

namespace sqlite2pg::pipeline {
namespace {

bool starts_with_insert(std::string_view text) {
    return text.size() > 6 && (text[0] == 'I' || text[0] == 'i') &&
           passes::sqlite_name_key(text.substr(0, 6)) == "insert";
}

bool is_rowid_name(std::string_view name) {
    std::string key = passes::sqlite_name_key(name);
    return key == "rowid" || key == "_rowid_" || key == "oid";
}

/// Runs one conversion. Statement by statement: rows are decoded (fast path first), staged and measured;
/// everything else goes through the statement passes; when a table's rows end, its types are chosen and
/// its CREATE TABLE and rows are written; at the end the post-data objects follow.
class Conversion {
public:
    Conversion(const Config& config, std::ostream& diagnostics, std::string_view version)
        : config_(config),
          diagnostics_(diagnostics),
          version_(version),
          // The schema name follows the rule of every other name: ASCII letters folded to lower case.
          schema_(pg::fold_ascii_lower(config.schema)),
          decisions_(config.strict),
          ctx_{config_, catalog_, decisions_, names_, post_} {}

    int run() {
        io::InputReader input(config_.input);
        io::OutputWriter output(config_.output);
        emit::ScriptWriter script(output);
        source_name_ = input.display_name();
        script_ = &script;
        output_ = &output;
        script.header(source_name_, schema_, version_);
        if (config_.compat_functions) script.compat_functions();
        parse::StatementSplitter splitter(input);
        try {
            while (auto raw = splitter.next()) {
                current_text_ = raw->text;
                current_loc_ = raw->begin;
                if (!raw->terminated)
                    throw InputError({Severity::Error, "unterminated-statement",
                                      "the last statement has no ';': the dump looks truncated", raw->begin});
                handle(*raw);
            }
            current_text_ = {};
            flush_table();
            // Tables that no statement of theirs ended: a virtual table's whose shadow data held no rows.
            for (const auto& t : catalog_.tables())
                if (!t->skipped && !t->created) {
                    current_ = t.get();
                    flush_table();
                }
            for (const passes::Pass* pass : passes::ordered_passes())
                if (pass->on_finish) pass->on_finish(ctx_);
            script.post_data(post_);
            std::vector<std::string> converted;
            for (const auto& t : catalog_.tables())
                if (!t->skipped) converted.push_back(t->pg_name);
            script.finish(post_, converted);
            output.close();
        } catch (const InputError& e) {
            diagnostics_ << render_diagnostic(e.diagnostic(), source_name_, current_text_, current_loc_);
            return fail(e.diagnostic().message, kInputError);
        } catch (const StrictRefusal& e) {
            const std::string message = "--strict: " + e.decision().describe();
            diagnostics_ << source_name_ << ":" << e.decision().line << ": error: " << message << " [strict]\n";
            return fail(message, kStrictRefusal);
        }
        bytes_read_ = splitter.bytes_consumed();
        if (!config_.report.empty()) write_report(config_.report, catalog_, decisions_, schema_, version_);
        if (!config_.quiet) print_summary();
        return kSuccess;
    }

private:
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
        if (starts_with_insert(raw.text) && parse::parse_dump_insert(raw.text, rows_)) {
            handle_rows(rows_, raw);
            return;
        }
        ast::Statement stmt = parse::parse_statement(raw.text, raw.begin);
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
        // Passes may move the statement into the Catalog: remember which table it creates first.
        auto* create = std::get_if<ast::CreateTable>(&stmt.node);
        std::optional<std::string> created = create ? std::optional(create->name.name.name) : std::nullopt;
        auto* virtual_table = std::get_if<ast::CreateVirtualTable>(&stmt.node);
        std::optional<std::string> declared =
            virtual_table ? std::optional(virtual_table->name.name.name) : std::nullopt;
        run_statement_passes(stmt, raw);
        if (created) open_table(*created);
        // The table a virtual table becomes is filled later, from its shadow tables' rows.
        if (declared)
            if (passes::TableInfo* t = catalog_.find_table(*declared); t && !t->skipped) define_table(*t);
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

    void open_table(std::string_view sqlite_name) {
        passes::TableInfo* t = catalog_.find_table(sqlite_name);
        current_ = (t && !t->skipped) ? t : nullptr;
        if (current_) define_table(*current_);
    }

    void define_table(passes::TableInfo& table) {
        for (const passes::Pass* pass : passes::ordered_passes())
            if (pass->on_table_defined) pass->on_table_defined(table, ctx_);
    }

    void handle_rows(ast::InsertRows& rows, const parse::RawStatement& raw) {
        const std::string key = passes::sqlite_name_key(rows.table.name);
        if (key.rfind("sqlite_", 0) == 0) {
            flush_table();
            if ((key == "sqlite_schema" || key == "sqlite_master") && declare_virtual_table(rows, raw)) return;
            ast::Statement stmt{std::move(rows), raw.begin};
            run_statement_passes(stmt, raw);
            rows = std::move(std::get<ast::InsertRows>(stmt.node));
            return;
        }
        if (const passes::ShadowTable* shadow = catalog_.find_shadow(rows.table.name)) {
            handle_shadow_rows(*shadow, rows, raw);
            return;
        }
        passes::TableInfo* table = catalog_.find_table(rows.table.name);
        if (!table)
            throw InputError({Severity::Error, "unknown-table",
                              "INSERT into \"" + rows.table.name + "\", which the dump has not created", raw.begin});
        if (table->skipped) return;
        stage_rows(*table, rows, raw);
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
                switch_to(*table);
                passes::decode_rtree_rows(vt, rows, ctx_, raw.begin.line, [&](std::span<const ast::Value> row) {
                    for (std::size_t c = 0; c < row.size(); ++c)
                        table->columns[table->loaded_columns[c]].stats.observe(row[c], raw.begin.line);
                    stage_.append(row);
                });
                return;
        }
    }

    /// Makes `table` the one whose rows are being staged, ending the previous one's.
    void switch_to(passes::TableInfo& table) {
        if (&table == current_) return;
        flush_table();
        current_ = &table;
    }

    /// Stages rows of `table` (the dump's VALUES in its loaded columns' order, or named by a column list).
    void stage_rows(passes::TableInfo& table, ast::InsertRows& rows, const parse::RawStatement& raw) {
        switch_to(table);
        map_columns(table, rows, raw);
        const std::size_t width = table.loaded_columns.size();
        row_.resize(width);
        for (std::size_t r = 0; r < rows.row_count(); ++r) {
            for (ast::Value& v : row_) v = ast::Value::null();
            for (std::size_t i = 0; i < rows.row_width; ++i) {
                int target = mapping_[i];
                if (target < 0) continue;
                row_[target] = std::move(rows.values[r * rows.row_width + i]);
            }
            for (std::size_t c = 0; c < width; ++c)
                table.columns[table.loaded_columns[c]].stats.observe(row_[c], raw.begin.line);
            stage_.append(row_);
        }
    }

    /// Where each value of the INSERT goes among the table's loaded columns (-1: dropped).
    void map_columns(passes::TableInfo& table, const ast::InsertRows& rows, const parse::RawStatement& raw) {
        const std::size_t width = table.loaded_columns.size();
        mapping_.assign(rows.row_width, -1);
        if (rows.columns.empty()) {
            if (rows.row_width != width)
                throw InputError({Severity::Error, "row-width",
                                  "table \"" + table.sqlite_name + "\" takes " + std::to_string(width) +
                                      " values per row in a dump, but this row has " + std::to_string(rows.row_width),
                                  raw.begin});
            for (std::size_t i = 0; i < width; ++i) mapping_[i] = static_cast<int>(i);
            return;
        }
        std::vector<bool> filled(width, false);
        for (std::size_t i = 0; i < rows.columns.size(); ++i) {
            const std::string& name = rows.columns[i].name;
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
            filled[target] = true;
        }
        for (std::size_t c = 0; c < width; ++c)
            if (!filled[c])
                throw InputError({Severity::Error, "missing-column",
                                  "this row gives no value for column \"" +
                                      table.columns[table.loaded_columns[c]].def.name.name + "\"",
                                  raw.begin});
    }

    void note_dropped_rowids(passes::TableInfo& table, const parse::RawStatement& raw) {
        if (!rowid_noted_.insert(&table).second) return;
        decisions_.record({"rowid-dropped", Severity::Warning, true, "table \"" + table.sqlite_name + "\"",
                           raw.begin.line, "rowid values from --preserve-rowids not kept",
                           "the table has no INTEGER PRIMARY KEY column to hold them"});
    }

    /// Ends the current table's rows: on first sight its types are chosen and its CREATE TABLE written,
    /// then its staged rows are written.
    void flush_table() {
        if (!current_) return;
        passes::TableInfo& table = *current_;
        current_ = nullptr;
        if (!table.created && !table.skipped)
            for (const passes::Pass* pass : passes::ordered_passes())
                if (pass->on_table_rows_end) pass->on_table_rows_end(table, ctx_);
        if (table.skipped) {  // given up on while its rows arrived (an R*Tree that cannot be decoded)
            stage_.drain(table.loaded_columns.size(), [](std::span<const ast::Value>) {});
            return;
        }
        if (!table.created) {
            script_->create_table(table.pg);
            table.created = true;
        } else {
            for (std::size_t c : table.loaded_columns) {
                const passes::ColumnInfo& col = table.columns[c];
                if (!passes::type_holds(col.pg_type, col.stats))
                    throw InputError({Severity::Error, "late-rows",
                                      "rows of \"" + table.sqlite_name + "\" arrive after other statements and hold "
                                      "values its column \"" + col.def.name.name + "\" (" +
                                      std::string(pg::type_name(col.pg_type)) + ") cannot hold",
                                      current_loc_});
            }
        }
        if (stage_.rows() == 0) return;
        std::vector<pg::Type> types;
        for (std::size_t c : table.loaded_columns) types.push_back(table.columns[c].pg_type);
        table.rows += stage_.rows();
        rows_written_ += stage_.rows();
        if (config_.rows == RowFormat::Copy) {
            script_->copy_begin(table.pg);
            stage_.drain(types.size(), [&](std::span<const ast::Value> row) { script_->copy_row(row, types); });
            script_->copy_end();
        } else {
            script_->insert_begin(table.pg);
            stage_.drain(types.size(), [&](std::span<const ast::Value> row) { script_->insert_row(row, types); });
            script_->insert_end();
        }
        output_->flush();
    }

    void print_summary() {
        std::size_t tables = 0;
        for (const auto& t : catalog_.tables()) tables += !t->skipped;
        diagnostics_ << "sqlite2pg: " << tables << " tables, " << rows_written_ << " rows, " << bytes_read_
                     << " bytes read; " << decisions_.all().size() << " decisions, " << decisions_.warnings()
                     << " warnings\n";
        for (const auto& [kind, count] : decisions_.counts_by_kind())
            diagnostics_ << "  " << kind << ": " << count << "\n";
        // The warnings themselves, up to a screenful; all of them are in the script and the report.
        constexpr std::size_t kShownWarnings = 40;
        std::size_t shown = 0;
        for (const Decision& d : decisions_.all()) {
            if (d.severity != Severity::Warning) continue;
            if (++shown > kShownWarnings) {
                diagnostics_ << "  … " << decisions_.warnings() - kShownWarnings << " more warnings in the script and report\n";
                break;
            }
            diagnostics_ << source_name_ << ":" << d.line << ": warning: " << d.describe() << " [" << d.kind << "]\n";
        }
    }

    const Config& config_;
    std::ostream& diagnostics_;
    std::string_view version_;
    std::string source_name_;
    std::string schema_;
    passes::Catalog catalog_;
    DecisionLog decisions_;
    passes::NameRegistry names_;
    pg::PostData post_;
    passes::PassContext ctx_;
    emit::ScriptWriter* script_ = nullptr;
    io::OutputWriter* output_ = nullptr;
    passes::TableInfo* current_ = nullptr;
    RowStage stage_;
    ast::InsertRows rows_;
    std::vector<ast::Value> row_;
    std::vector<int> mapping_;
    std::set<const passes::TableInfo*> rowid_noted_;
    std::string_view current_text_;
    SourceLoc current_loc_;
    std::uint64_t rows_written_ = 0;
    std::uint64_t bytes_read_ = 0;
};

}  // namespace

int convert(const Config& config, std::ostream& diagnostics, std::string_view version) {
    Conversion conversion(config, diagnostics, version);
    return conversion.run();
}

}  // namespace sqlite2pg::pipeline
