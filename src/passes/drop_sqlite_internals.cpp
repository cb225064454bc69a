// Pass drop-sqlite-internals: removes what only SQLite needs and keeps what it tells us.
//
// A dump is a SQLite script: PRAGMA foreign_keys=OFF, its own BEGIN/COMMIT, `DELETE FROM sqlite_sequence`,
// `ANALYZE sqlite_schema` with `sqlite_stat*` rows, and `PRAGMA writable_schema` blocks that write virtual
// tables straight into `sqlite_schema` (dump-format.md §4). None of it means anything to PostgreSQL, and
// the converter writes its own transaction. What carries information is kept:
//   INSERT INTO sqlite_sequence VALUES('t',4);   → the AUTOINCREMENT high-water mark of t (a setval seed)
//   INSERT INTO sqlite_schema(…) VALUES('table','ft','ft',0,'CREATE VIRTUAL TABLE ft USING fts5(body)');
//                                                → the converter hands its SQL on as CREATE VIRTUAL TABLE;
//                                                  any other row written there is reported and left out
//   ROLLBACK; -- due to errors                   → sqlite3 met errors while dumping: a warning
#include <string>

#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && sqlite_name_key(s.substr(0, prefix.size())) == prefix;
}

bool is_sqlite_internal_table(std::string_view name) { return starts_with_ci(name, "sqlite_"); }

void record_sequence(const ast::InsertRows& rows, PassContext& ctx, std::uint64_t line) {
    for (std::size_t r = 0; r < rows.row_count(); ++r) {
        // `INSERT INTO sqlite_sequence VALUES(name, seq)`, or with --preserve-rowids `(rowid, name, seq)`.
        const ast::Value* name = nullptr;
        const ast::Value* seq = nullptr;
        for (std::size_t i = 0; i < rows.row_width; ++i) {
            const ast::Value& v = rows.values[r * rows.row_width + i];
            std::string column = i < rows.columns.size() ? sqlite_name_key(rows.columns[i].name) : "";
            bool is_rowid = column == "rowid" || column == "_rowid_" || column == "oid";
            if (is_rowid) continue;
            if (!name) name = &v;
            else if (!seq) seq = &v;
        }
        if (!name || !seq || name->storage != ast::StorageClass::Text || seq->storage != ast::StorageClass::Integer) {
            ctx.decisions.record({"statement-dropped", Severity::Warning, false, "sqlite_sequence", line,
                                  "unreadable sqlite_sequence row ignored", "expected ('table', integer)"});
            continue;
        }
        if (TableInfo* t = ctx.catalog.find_table(name->bytes)) t->sqlite_sequence = seq->integer;
        else ctx.catalog.pending_sequences[sqlite_name_key(name->bytes)] = seq->integer;
    }
}

void report_schema_write(const ast::InsertRows& rows, PassContext& ctx, std::uint64_t line) {
    for (std::size_t r = 0; r < rows.row_count(); ++r) {
        const ast::Value* v = &rows.values[r * rows.row_width];
        std::string name = rows.row_width >= 2 && v[1].storage == ast::StorageClass::Text ? v[1].bytes : "?";
        std::string sql = rows.row_width >= 5 && v[4].storage == ast::StorageClass::Text ? v[4].bytes : "";
        ctx.decisions.record({"object-skipped", Severity::Warning, true, "\"" + name + "\"", line,
                              "row written into sqlite_schema left out",
                              "only CREATE VIRTUAL TABLE rows are a dump's own; this one is not"});
        ctx.post.skipped.push_back({"\"" + name + "\"", "a row written straight into sqlite_schema", sql, line});
    }
}

void run(StatementEvent& event, PassContext& ctx) {
    ast::Statement& stmt = event.statement;
    const std::uint64_t line = stmt.loc.line;
    if (auto* rows = std::get_if<ast::InsertRows>(&stmt.node)) {
        if (!is_sqlite_internal_table(rows->table.name)) return;
        std::string table = sqlite_name_key(rows->table.name);
        if (table == "sqlite_sequence") record_sequence(*rows, ctx, line);
        else if (table == "sqlite_schema" || table == "sqlite_master") report_schema_write(*rows, ctx, line);
        // sqlite_stat1..4 rows are SQLite's planner statistics: ANALYZE after the load rebuilds PostgreSQL's.
        event.consumed = true;
    } else if (std::holds_alternative<ast::Pragma>(stmt.node) || std::holds_alternative<ast::Analyze>(stmt.node)) {
        event.consumed = true;
    } else if (auto* tx = std::get_if<ast::Transaction>(&stmt.node)) {
        // The dump's own transaction is not ours: a ROLLBACK here must not end the script's transaction.
        if (tx->kind == ast::Transaction::Kind::Rollback) {
            std::string damaged;
            for (const std::string& t : ctx.catalog.damaged_tables) damaged += (damaged.empty() ? "" : ", ") + t;
            ctx.decisions.record({"dump-damaged", Severity::Warning, true, "dump", line,
                                  "the dump ends in ROLLBACK (-- due to errors); its rows are loaded as they are",
                                  "sqlite3 met errors while writing it, so rows may be missing" +
                                      (damaged.empty() ? std::string(" (no error comment says where)")
                                                       : " (error comments after: " + damaged + ")")});
        }
        event.consumed = true;
    } else if (auto* del = std::get_if<ast::Delete>(&stmt.node)) {
        if (sqlite_name_key(del->table.name.name) == "sqlite_sequence" && !del->where) event.consumed = true;
    } else if (auto* create = std::get_if<ast::CreateTable>(&stmt.node)) {
        if (is_sqlite_internal_table(create->name.name.name)) event.consumed = true;
    }
}

}  // namespace

const Pass kDropSqliteInternals{.name = "drop-sqlite-internals",
                       .summary = "drop PRAGMA, the dump's transaction, sqlite_stat*, sqlite_schema writes; keep " "sqlite_sequence values",
                       .on_statement = run};

}  // namespace sqlite2pg::passes
