// Pass keys: PRIMARY KEY and UNIQUE constraints, added after the data (postgres-semantics.md §5.4, §5.5, §3.8).
//
// Adding keys after COPY is faster and matches pg_dump. SQLite constraint names need not be unique at all
// (two tables may both say `CONSTRAINT pk PRIMARY KEY`), while PostgreSQL gives each key an index in the
// schema-wide relation namespace, so a user's name is kept only when it is free there; otherwise the key
// gets PostgreSQL's own style of name (`album_pkey`, `track_name_key`). Each key rejects exactly what SQLite's
// rejected:
//   id INT PRIMARY KEY holding NULLs    → UNIQUE (id)     (SQLite lets non-rowid keys hold NULLs; PostgreSQL keys cannot)
//   name TEXT COLLATE NOCASE UNIQUE     → UNIQUE (name) + CREATE UNIQUE INDEX … (lower(name COLLATE "C"))
//   code TEXT COLLATE RTRIM UNIQUE      → UNIQUE (code) + CREATE UNIQUE INDEX … (rtrim(code, ' '))
//   body TEXT UNIQUE, values > 2704 B   → EXCLUDE USING hash (body WITH =)   (B-tree entries are limited)
//   UNIQUE (a, body), values > 2704 B   → CREATE UNIQUE INDEX … (a, md5(body))
// The plain key beside a collation index is implied by it and keeps the columns usable by foreign keys.
// A key over a column holding values of several storage classes (1 and '1' in one column, distinct in SQLite)
// may collide once the column has one PostgreSQL type: it is added in a block that turns a collision into a
// WARNING, and reported.
#include "passes/collations.hpp"
#include "passes/key_values.hpp"
#include "passes/passes.hpp"
#include "pg/identifiers.hpp"

namespace sqlite2pg::passes {
namespace {

/// One column of a key with the collation SQLite compares it under.
struct KeyColumn {
    ColumnInfo* column;
    CollationKind collation;
    std::string collation_name;
};

struct KeySpec {
    bool primary = false;
    std::vector<KeyColumn> columns;
    std::optional<ast::Identifier> name;
    SourceLoc loc;
};

std::vector<KeySpec> collect_keys(TableInfo& table) {
    std::vector<KeySpec> keys;
    for (ColumnInfo& col : table.columns)
        for (const auto& c : col.def.constraints) {
            bool pk = std::holds_alternative<ast::PrimaryKeyConstraint>(c.kind);
            if (!pk && !std::holds_alternative<ast::UniqueConstraint>(c.kind)) continue;
            const ast::Identifier* collation = declared_collation(col);
            keys.push_back({pk,
                            {{&col, collation ? collation_kind(collation->name) : CollationKind::Binary,
                              collation ? collation->name : "BINARY"}},
                            c.name,
                            c.loc});
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
            std::string name = "BINARY";
            CollationKind kind = key_collation(ic, table, &name);
            spec.columns.push_back({col, kind, name});
        }
        if (!spec.columns.empty()) keys.push_back(std::move(spec));
    }
    return keys;
}

/// The largest index entry the key's values can make, by the column statistics.
std::size_t entry_bytes(const KeySpec& key) {
    std::vector<const ColumnInfo*> columns;
    for (const KeyColumn& k : key.columns) columns.push_back(k.column);
    return btree_entry_bytes(columns);
}

class KeyConverter {
public:
    KeyConverter(TableInfo& table, PassContext& ctx) : table_(table), ctx_(ctx), object_("table \"" + table.sqlite_name + "\"") {}

    void convert(KeySpec& key) {
        std::string cols_sqlite;
        bool has_nulls = false;
        bool guarded = false;
        bool collated = false;
        for (KeyColumn& k : key.columns) {
            ColumnInfo& col = *k.column;
            cols_sqlite += (cols_sqlite.empty() ? "" : ", ") + col.def.name.name;
            has_nulls |= col.stats.of(ast::StorageClass::Null) > 0;
            guarded |= may_collide_after_unification(col);
            // Collations compare only text; a column of another type compares its values exactly anyway.
            if (col.pg_type != pg::Type::Text) k.collation = CollationKind::Binary;
            collated |= k.collation == CollationKind::NoCase || k.collation == CollationKind::RTrim;
        }
        what_ = std::string(key.primary ? "PRIMARY KEY" : "UNIQUE") + " (" + cols_sqlite + ")";
        for (const KeyColumn& k : key.columns)
            if (k.collation == CollationKind::Other)
                note({"collation-dropped", Severity::Warning, true, object_, key.loc.line,
                      "COLLATE " + k.collation_name + " dropped from " + what_,
                      "it is not built into SQLite; the key compares \"" + k.column->def.name.name + "\" exactly"});
        if (guarded)
            note({"constraint-guarded", Severity::Warning, true, object_, key.loc.line, what_ + " added only if its values stay distinct",
                  "its columns mix text, numbers or blobs, which SQLite keeps apart (1 <> '1') but which become one "
                  "PostgreSQL type; if two collide, the load prints a WARNING and goes on without the key"});
        if (entry_bytes(key) > kBtreeEntryLimit) return convert_long(key, guarded);
        pg::Constraint c = plain_key(key, has_nulls);
        c.guarded = guarded;
        c.notes = std::move(notes_);
        notes_.clear();
        ctx_.post.keys.push_back(std::move(c));
        if (collated) ctx_.post.indexes.push_back(collation_index(key, guarded));
    }

private:
    void note(Decision d) { notes_.push_back(ctx_.decisions.record(std::move(d))); }

    std::string joined_pg_names(const KeySpec& key) const {
        std::string s;
        for (const KeyColumn& k : key.columns) s += (s.empty() ? "" : "_") + k.column->pg_name;
        return s;
    }

    /// The user's name for the key when it has one (renamed if taken), otherwise `generated`.
    std::string key_name(const KeySpec& key, const std::string& generated) {
        std::string wanted = key.name && !key.name->name.empty() ? pg::shorten_identifier(pg::fold_ascii_lower(key.name->name))
                                                                 : generated;
        std::string name = ctx_.names.claim_key(table_.pg_name, wanted);
        if (key.name && name != wanted)
            note({"name-changed", Severity::Note, false, object_, key.loc.line,
                  "constraint \"" + key.name->name + "\" named " + name, "the name is already taken in the schema"});
        return name;
    }

    pg::Constraint plain_key(const KeySpec& key, bool has_nulls) {
        pg::Constraint c;
        c.table = table_.pg_name;
        c.source_line = key.loc.line;
        for (const KeyColumn& k : key.columns) c.columns.push_back(k.column->pg_name);
        bool primary = key.primary && !has_nulls;
        c.kind = primary ? pg::Constraint::Kind::PrimaryKey : pg::Constraint::Kind::Unique;
        if (key.primary && has_nulls)
            note({"primary-key-as-unique", Severity::Warning, true, object_, key.loc.line, what_ + " became UNIQUE",
                  "its columns hold NULLs, which a PostgreSQL primary key forbids"});
        c.name = key_name(key, primary ? generated_name(table_.pg_name, "", "pkey")
                                       : generated_name(table_.pg_name, joined_pg_names(key), "key"));
        return c;
    }

    /// The unique index that compares the key under its columns' collations, as SQLite's key did.
    pg::Index collation_index(const KeySpec& key, bool guarded) {
        pg::Index ix;
        ix.table = table_.pg_name;
        ix.unique = true;
        ix.guarded = guarded;
        ix.source_line = key.loc.line;
        std::string suffix;
        for (const KeyColumn& k : key.columns) {
            ix.keys.push_back({collation_key(column_ref(*k.column), k.collation), ast::SortOrder::None, ast::NullsOrder::None});
            if (k.collation == CollationKind::NoCase) suffix = "nocase";
            if (k.collation == CollationKind::RTrim && suffix.empty()) suffix = "rtrim";
        }
        ix.name = ctx_.names.claim(generated_name(table_.pg_name, joined_pg_names(key), suffix));
        ix.notes.push_back(ctx_.decisions.record(
            {"collation-emulated", Severity::Note, false, object_, key.loc.line,
             what_ + " also enforced by unique index " + ix.name,
             "SQLite's key compares under its collation (NOCASE folds ASCII letters only, RTRIM ignores trailing spaces)"}));
        return ix;
    }

    /// A key whose entries can exceed the B-tree limit: a hash exclusion constraint (one column, exact), or a
    /// unique index over MD5 digests of the long columns.
    void convert_long(const KeySpec& key, bool guarded) {
        std::string why = "index entries of up to " + std::to_string(entry_bytes(key)) +
                          " bytes exceed PostgreSQL's B-tree entry limit of 2704 bytes";
        if (key.columns.size() == 1) {
            const KeyColumn& k = key.columns.front();
            pg::Constraint c;
            c.kind = pg::Constraint::Kind::Exclude;
            c.table = table_.pg_name;
            c.source_line = key.loc.line;
            c.guarded = guarded;
            c.exclude.push_back({collation_key(column_ref(*k.column), k.collation), ast::SortOrder::None, ast::NullsOrder::None});
            note({"key-as-exclusion", Severity::Warning, false, object_, key.loc.line,
                  what_ + " became EXCLUDE USING hash (… WITH =)",
                  why + "; a hash exclusion constraint rejects the same duplicates, but accepts NULLs and cannot be "
                        "the target of a foreign key"});
            c.name = key_name(key, generated_name(table_.pg_name, k.column->pg_name, "excl"));
            c.notes = std::move(notes_);
            notes_.clear();
            ctx_.post.keys.push_back(std::move(c));
            return;
        }
        pg::Index ix;
        ix.table = table_.pg_name;
        ix.unique = true;
        ix.guarded = guarded;
        ix.source_line = key.loc.line;
        for (const KeyColumn& k : key.columns) {
            ast::ExprPtr e = collation_key(column_ref(*k.column), k.collation);
            if (k.column->stats.max_bytes > kDigestBytes) e = md5_of(std::move(e));
            ix.keys.push_back({std::move(e), ast::SortOrder::None, ast::NullsOrder::None});
        }
        note({"key-as-digest-index", Severity::Warning, false, object_, key.loc.line,
              what_ + " became a unique index over md5() of its long columns",
              why + "; two different values with one MD5 digest would be rejected (never by accident), NULLs are "
                    "accepted, and foreign keys cannot reference it"});
        ix.name = ctx_.names.claim(generated_name(table_.pg_name, joined_pg_names(key), "key"));
        ix.notes = std::move(notes_);
        notes_.clear();
        ctx_.post.indexes.push_back(std::move(ix));
    }

    TableInfo& table_;
    PassContext& ctx_;
    std::string object_;
    std::string what_;
    pg::Notes notes_;
};

void finish(PassContext& ctx) {
    for (const auto& table_ptr : ctx.catalog.tables()) {
        TableInfo& table = *table_ptr;
        if (table.skipped) continue;
        // PostgreSQL 18 names NOT NULL constraints `<table>_<column>_not_null`; none of ours may take them.
        for (const pg::Column& c : table.pg.columns)
            if (c.not_null) ctx.names.reserve_constraint(table.pg_name, generated_name(table.pg_name, c.name, "not_null"));
        KeyConverter converter(table, ctx);
        for (KeySpec& key : collect_keys(table)) converter.convert(key);
    }
}

}  // namespace

const Pass kKeys{.name = "keys",
                       .summary = "PRIMARY KEY and UNIQUE after the data, with checked names and SQLite's collations",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
