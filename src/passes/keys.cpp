// Pass keys: PRIMARY KEY and UNIQUE constraints, added after the data (postgres-semantics.md §5.4).
//
// Adding keys after COPY is faster and matches pg_dump. SQLite constraint names need not be unique at all
// (two tables may both say `CONSTRAINT pk PRIMARY KEY`), while PostgreSQL gives each key an index in the
// schema-wide relation namespace, so a user's name is kept only when it is free there; otherwise the key
// gets PostgreSQL's own style of name (`album_pkey`, `track_name_key`). Keys SQLite did not enforce are not
// invented:
//   id INT PRIMARY KEY holding NULLs   → UNIQUE (id)   (SQLite lets non-rowid keys hold NULLs; PostgreSQL keys cannot)
//   a key over values > 2704 bytes      → left out      (PostgreSQL's B-tree entries are limited; reported)
#include "passes/passes.hpp"
#include "pg/identifiers.hpp"

namespace sqlite2pg::passes {
namespace {

constexpr std::size_t kBtreeEntryLimit = 2704;

struct KeySpec {
    bool primary = false;
    std::vector<ColumnInfo*> columns;
    std::optional<ast::Identifier> name;
    SourceLoc loc;
};

std::vector<KeySpec> collect_keys(TableInfo& table) {
    std::vector<KeySpec> keys;
    for (ColumnInfo& col : table.columns)
        for (const auto& c : col.def.constraints) {
            bool pk = std::holds_alternative<ast::PrimaryKeyConstraint>(c.kind);
            if (pk || std::holds_alternative<ast::UniqueConstraint>(c.kind))
                keys.push_back({pk, {&col}, c.name, c.loc});
        }
    for (const auto& c : table.def.constraints) {
        const std::vector<ast::IndexedColumn>* cols = nullptr;
        bool pk = false;
        if (auto* p = std::get_if<ast::TablePrimaryKey>(&c.kind)) cols = &p->columns, pk = true;
        if (auto* u = std::get_if<ast::TableUnique>(&c.kind)) cols = &u->columns;
        if (!cols) continue;
        KeySpec spec{pk, {}, c.name, c.loc};
        for (const ast::IndexedColumn& ic : *cols) {
            auto* ref = ic.expr ? std::get_if<ast::ColumnRef>(&ic.expr->node) : nullptr;
            ColumnInfo* col = ref ? table.find_column(ref->column.name) : nullptr;
            if (!col) {
                spec.columns.clear();
                break;
            }
            spec.columns.push_back(col);
        }
        if (!spec.columns.empty()) keys.push_back(std::move(spec));
    }
    return keys;
}

void finish(PassContext& ctx) {
    for (const auto& table_ptr : ctx.catalog.tables()) {
        TableInfo& table = *table_ptr;
        if (table.skipped) continue;
        for (KeySpec& key : collect_keys(table)) {
            std::string cols_sqlite, cols_pg;
            bool has_nulls = false;
            std::size_t longest = 0;
            pg::Constraint c;
            c.table = table.pg_name;
            c.source_line = table.line;
            for (ColumnInfo* col : key.columns) {
                cols_sqlite += (cols_sqlite.empty() ? "" : ", ") + col->def.name.name;
                cols_pg += (cols_pg.empty() ? "" : "_") + col->pg_name;
                c.columns.push_back(col->pg_name);
                has_nulls |= col->stats.of(ast::StorageClass::Null) > 0;
                longest = std::max(longest, col->stats.max_bytes);
            }
            std::string object = "table \"" + table.sqlite_name + "\"";
            std::string what = std::string(key.primary ? "PRIMARY KEY" : "UNIQUE") + " (" + cols_sqlite + ")";
            if (longest > kBtreeEntryLimit) {
                ctx.decisions.record({"constraint-skipped", Severity::Warning, true, object, key.loc.line,
                                      what + " left out",
                                      "it holds a value of " + std::to_string(longest) +
                                          " bytes; PostgreSQL's B-tree entries are limited to 2704"});
                continue;
            }
            c.kind = key.primary && !has_nulls ? pg::Constraint::Kind::PrimaryKey : pg::Constraint::Kind::Unique;
            if (key.primary && has_nulls)
                c.notes.push_back(ctx.decisions.record(
                    {"primary-key-as-unique", Severity::Warning, true, object, key.loc.line,
                     what + " became UNIQUE", "its columns hold NULLs, which a PostgreSQL primary key forbids"}));
            std::string generated = key.primary && !has_nulls ? generated_name(table.pg_name, "", "pkey")
                                                              : generated_name(table.pg_name, cols_pg, "key");
            std::string wanted = key.name && !key.name->name.empty() ? pg::fold_ascii_lower(key.name->name) : generated;
            c.name = ctx.names.claim(wanted);
            if (key.name && c.name != wanted)
                c.notes.push_back(ctx.decisions.record({"name-changed", Severity::Note, false, object, key.loc.line,
                                                        "constraint \"" + key.name->name + "\" named " + c.name,
                                                        "the name is already taken in the schema"}));
            ctx.post.keys.push_back(std::move(c));
        }
    }
}

}  // namespace

const Pass kKeys{.name = "keys",
                       .summary = "PRIMARY KEY and UNIQUE after the data, with checked names",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
