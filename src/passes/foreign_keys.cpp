// Pass foreign-keys: FOREIGN KEY constraints added after the data as NOT VALID (postgres-semantics.md §5.2).
//
// SQLite ships with foreign keys off, so a dump can hold child rows whose parent is gone, keys to tables or
// columns that do not exist, and keys to columns that are not unique. PostgreSQL rejects all of these at
// ALTER TABLE time. NOT VALID adds the constraint for new writes without checking the rows already there,
// so dangling rows never abort the load:
//   parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE
//     → ALTER TABLE child ADD CONSTRAINT child_parent_id_fkey FOREIGN KEY (parent_id)
//         REFERENCES parent (id) ON DELETE CASCADE NOT VALID;
//     then, in a block that turns orphan rows into a WARNING: ALTER TABLE child VALIDATE CONSTRAINT …;
// Keys PostgreSQL cannot create (missing table or column, no PRIMARY KEY/UNIQUE on the referenced columns,
// incompatible types) are left out and reported. MATCH clauses are dropped: SQLite parses but ignores them.
#include "passes/collations.hpp"
#include "passes/expressions.hpp"
#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

struct ForeignKeySpec {
    std::vector<std::string> columns;  ///< SQLite names of the child columns
    const ast::ForeignKeyClause* clause;
    std::optional<ast::Identifier> name;
    SourceLoc loc;
};

/// The key or index that makes some columns a valid foreign-key target in PostgreSQL.
struct ReferencedKey {
    bool guarded = false;  ///< it is added in a guarded block and may not survive the load
};

/// The target over exactly `columns` of `table` (in any order): a PRIMARY KEY or UNIQUE constraint, or a
/// unique index without predicate or expressions (SQLite accepts both as parent keys, and so does PostgreSQL).
std::optional<ReferencedKey> key_on(const pg::PostData& post, const std::string& table, const std::vector<std::string>& columns) {
    std::optional<ReferencedKey> found;
    auto consider = [&](const std::vector<std::string>& key_columns, bool guarded) {
        if (key_columns.size() != columns.size() || !std::is_permutation(key_columns.begin(), key_columns.end(), columns.begin()))
            return;
        // An unguarded key is certain to exist; prefer it.
        if (!found || found->guarded) found = ReferencedKey{guarded};
    };
    for (const pg::Constraint& k : post.keys)
        if (k.table == table && (k.kind == pg::Constraint::Kind::PrimaryKey || k.kind == pg::Constraint::Kind::Unique))
            consider(k.columns, k.guarded);
    for (const pg::Index& ix : post.indexes) {
        if (ix.table != table || !ix.unique || ix.where || !ix.method.empty()) continue;
        std::vector<std::string> key_columns;
        for (const pg::IndexKey& k : ix.keys) {
            auto* ref = std::get_if<ast::ColumnRef>(&k.expr->node);
            if (!ref) break;
            key_columns.push_back(ref->column.name);
        }
        if (key_columns.size() == ix.keys.size()) consider(key_columns, ix.guarded);
    }
    return found;
}

/// The referenced columns, or the parent's primary key when the clause names none (SQLite's rule).
std::vector<ColumnInfo*> referenced_columns(TableInfo& parent, const ast::ForeignKeyClause& clause, std::string& why) {
    std::vector<ColumnInfo*> out;
    if (!clause.columns.empty()) {
        for (const ast::Identifier& id : clause.columns) {
            ColumnInfo* c = parent.find_column(id.name);
            if (!c) {
                why = "\"" + parent.sqlite_name + "\" has no column \"" + id.name + "\"";
                return {};
            }
            out.push_back(c);
        }
        return out;
    }
    for (ColumnInfo& col : parent.columns)
        for (const auto& c : col.def.constraints)
            if (std::holds_alternative<ast::PrimaryKeyConstraint>(c.kind)) out.push_back(&col);
    for (const auto& c : parent.def.constraints)
        if (auto* pk = std::get_if<ast::TablePrimaryKey>(&c.kind))
            for (const auto& ic : pk->columns)
                if (auto* ref = std::get_if<ast::ColumnRef>(&ic.expr->node))
                    if (ColumnInfo* col = parent.find_column(ref->column.name)) out.push_back(col);
    if (out.empty()) why = "\"" + parent.sqlite_name + "\" has no PRIMARY KEY (only a rowid)";
    return out;
}

void convert(TableInfo& child, const ForeignKeySpec& fk, PassContext& ctx) {
    std::string columns_text;
    for (const auto& c : fk.columns) columns_text += (columns_text.empty() ? "" : ", ") + c;
    std::string object = "table \"" + child.sqlite_name + "\"";
    std::string what = "FOREIGN KEY (" + columns_text + ") REFERENCES " + fk.clause->table.name;
    auto skip = [&](const std::string& why) {
        ctx.decisions.record({"constraint-skipped", Severity::Warning, true, object, fk.loc.line, what + " left out", why});
    };
    TableInfo* parent = ctx.catalog.find_table(fk.clause->table.name);
    if (!parent || parent->skipped) return skip("table \"" + fk.clause->table.name + "\" is not in the dump");
    std::string why;
    std::vector<ColumnInfo*> parent_cols = referenced_columns(*parent, *fk.clause, why);
    if (parent_cols.empty()) return skip(why);
    if (parent_cols.size() != fk.columns.size()) return skip("the column counts differ");
    pg::Constraint c;
    c.kind = pg::Constraint::Kind::ForeignKey;
    c.table = child.pg_name;
    c.ref_table = parent->pg_name;
    c.on_delete = fk.clause->on_delete;
    c.on_update = fk.clause->on_update;
    c.deferral = fk.clause->deferral;
    c.not_valid = true;
    c.source_line = fk.loc.line;
    for (std::size_t i = 0; i < fk.columns.size(); ++i) {
        ColumnInfo* col = child.find_column(fk.columns[i]);
        if (!col) return skip("\"" + child.sqlite_name + "\" has no column \"" + fk.columns[i] + "\"");
        if (!pg::key_compatible(col->pg_type, parent_cols[i]->pg_type))
            return skip("\"" + col->def.name.name + "\" is " + std::string(pg::type_name(col->pg_type)) + " but \"" +
                        parent_cols[i]->def.name.name + "\" is " + std::string(pg::type_name(parent_cols[i]->pg_type)));
        c.columns.push_back(col->pg_name);
        c.ref_columns.push_back(parent_cols[i]->pg_name);
    }
    std::optional<ReferencedKey> key = key_on(ctx.post, c.ref_table, c.ref_columns);
    if (!key)
        return skip("the referenced columns have no PRIMARY KEY, UNIQUE constraint or plain unique index in PostgreSQL "
                    "(in SQLite: none, or one over values too long for a PostgreSQL B-tree)");
    c.guarded = key->guarded;
    c.validate = true;
    std::string cols_joined;
    for (const auto& n : c.columns) cols_joined += (cols_joined.empty() ? "" : "_") + n;
    std::string wanted = fk.name && !fk.name->name.empty() ? pg_name_of(fk.name->name)
                                                           : generated_name(child.pg_name, cols_joined, "fkey");
    c.name = ctx.names.claim_constraint(child.pg_name, wanted);
    if (fk.name && c.name != wanted)
        c.notes.push_back(ctx.decisions.record({"name-changed", Severity::Note, false, object, fk.loc.line,
                                                "constraint \"" + fk.name->name + "\" named " + c.name,
                                                "the table already has a constraint of that name"}));
    c.notes.push_back(ctx.decisions.record(
        {"constraint-not-valid", Severity::Note, false, object, fk.loc.line, what + " added NOT VALID, then validated",
         "SQLite enforces foreign keys only under PRAGMA foreign_keys=ON, so existing rows may violate it: "
         "if they do, the load prints a WARNING and the key stays NOT VALID (enforced for new writes)"}));
    for (const ColumnInfo* parent_col : parent_cols)
        if (const ast::Identifier* collation = declared_collation(*parent_col);
            collation && parent_col->pg_type == pg::Type::Text && collation_kind(collation->name) != CollationKind::Binary)
            c.notes.push_back(ctx.decisions.record(
                {"collation-emulated", Severity::Warning, false, object, fk.loc.line,
                 what + " matches \"" + parent_col->def.name.name + "\" exactly",
                 "SQLite matches it under COLLATE " + collation->name + "; a child value that matches its parent only "
                 "that way is an orphan in PostgreSQL"}));
    if (key->guarded)
        c.notes.push_back(ctx.decisions.record({"constraint-guarded", Severity::Warning, true, object, fk.loc.line,
                                                what + " added only if the key it references was",
                                                "that key may not survive the load (its values may collide)"}));
    if (fk.clause->match)
        c.notes.push_back(ctx.decisions.record({"clause-dropped", Severity::Note, false, object, fk.loc.line,
                                                "MATCH " + fk.clause->match->name + " dropped",
                                                "SQLite parses MATCH but ignores it"}));
    ctx.post.references.push_back(std::move(c));
}

void finish(PassContext& ctx) {
    for (const auto& table_ptr : ctx.catalog.tables()) {
        TableInfo& table = *table_ptr;
        if (table.skipped) continue;
        std::vector<ForeignKeySpec> fks;
        for (ColumnInfo& col : table.columns)
            for (const auto& c : col.def.constraints)
                if (auto* ref = std::get_if<ast::ReferencesConstraint>(&c.kind))
                    fks.push_back({{col.def.name.name}, &ref->clause, c.name, c.loc});
        for (const auto& c : table.def.constraints)
            if (auto* fk = std::get_if<ast::TableForeignKey>(&c.kind)) {
                ForeignKeySpec spec{{}, &fk->clause, c.name, c.loc};
                for (const auto& id : fk->columns) spec.columns.push_back(id.name);
                fks.push_back(std::move(spec));
            }
        // Names are unique per table (NameRegistry::claim_constraint); FKs do not take relation names.
        for (const ForeignKeySpec& fk : fks) convert(table, fk, ctx);
    }
}

}  // namespace

const Pass kForeignKeys{.name = "foreign-keys",
                       .summary = "FOREIGN KEY after the data, NOT VALID; impossible ones reported",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
