// The INSERT, UPDATE and DELETE statements of trigger bodies: target table, values assigned with the
// conversions SQLite's column affinity makes, WHERE clauses, and INSERT OR IGNORE / OR REPLACE as
// ON CONFLICT where PostgreSQL has the same effect.
#include "passes/translate/translator.hpp"

namespace sqlite2pg::passes::translate {
namespace {

const RelationColumn& target_column(const FromItem& table, const std::string& name) {
    for (const RelationColumn& c : table.columns)
        if (c.name == name) return c;
    throw Untranslatable{"column \"" + name + "\" of \"" + table.name + "\", which cannot be resolved"};
}

/// Makes `v` (already translated, of type `vt`) fit `target` as SQLite's affinity would store it.
void assign(ast::ExprPtr& v, Typed vt, const RelationColumn& target) {
    SqlType want = target.type.type;
    bool numeric_affinity = target.type.affinity && *target.type.affinity != ast::Affinity::Text &&
                            *target.type.affinity != ast::Affinity::Blob;
    if (want == SqlType::Text && vt.type == SqlType::Text && numeric_affinity && !vt.never_numeric)
        throw Untranslatable{"storing text that may look like a number in column \"" + target.name +
                             "\" (SQLite's affinity would store a number)"};
    if (vt.type == SqlType::Null || vt.type == want) return;
    const ast::Literal* lit = literal_of(v);
    switch (want) {
        case SqlType::Text:
            if (vt.type == SqlType::Integer || vt.type == SqlType::Bool) {
                v = as_text(std::move(v), vt, "storing a number in a text column");
                return;
            }
            break;
        case SqlType::Real:
            if (vt.type == SqlType::Integer) return;  // REAL affinity stores integers as reals
            break;
        case SqlType::Integer:
            if (vt.type == SqlType::Text && lit) {
                char* end = nullptr;
                long long n = std::strtoll(lit->text.c_str(), &end, 10);
                if (!lit->text.empty() && end && *end == '\0') {
                    v = make_integer(n);
                    return;
                }
            }
            break;
        case SqlType::Bool:
            if (vt.type == SqlType::Integer && lit && (lit->text == "0" || lit->text == "1")) {
                v = ast::make_expr(ast::Literal{lit->text == "1" ? ast::Literal::Kind::True : ast::Literal::Kind::False, ""});
                return;
            }
            break;
        default: break;
    }
    throw Untranslatable{"storing " + type_word(vt.type) + " in column \"" + target.name + "\" (" +
                         type_word(want) + " in PostgreSQL)"};
}

FromItem target_table(Translator& tr, const ast::QualifiedName& name, const std::optional<ast::Identifier>& alias,
                      const Scope& scope) {
    auto cols = tr.relation(name.name.name, &scope);
    if (!cols) throw Untranslatable{"\"" + name.name.name + "\", which is not a converted table"};
    return FromItem{alias ? alias->name : name.name.name, std::move(*cols)};
}

/// The unique keys (PRIMARY KEY and UNIQUE) of a table, as PostgreSQL column names.
std::vector<std::vector<std::string>> unique_keys(TableInfo& table) {
    std::vector<std::vector<std::string>> keys;
    auto names = [&](const std::vector<ast::IndexedColumn>& cols) {
        std::vector<std::string> out;
        for (const auto& ic : cols)
            if (auto* ref = ic.expr ? std::get_if<ast::ColumnRef>(&ic.expr->node) : nullptr)
                if (ColumnInfo* c = table.find_column(ref->column.name)) out.push_back(c->pg_name);
        return out;
    };
    for (ColumnInfo& c : table.columns)
        for (const auto& con : c.def.constraints)
            if (std::holds_alternative<ast::PrimaryKeyConstraint>(con.kind) ||
                std::holds_alternative<ast::UniqueConstraint>(con.kind))
                keys.push_back({c.pg_name});
    for (const auto& con : table.def.constraints) {
        if (auto* pk = std::get_if<ast::TablePrimaryKey>(&con.kind)) keys.push_back(names(pk->columns));
        if (auto* u = std::get_if<ast::TableUnique>(&con.kind)) keys.push_back(names(u->columns));
    }
    return keys;
}

ast::IndexedColumn key_column(const std::string& name) {
    ast::ColumnRef ref;
    ref.column = ast::Identifier{name, ast::QuoteStyle::None, {}};
    return ast::IndexedColumn{ast::make_expr(std::move(ref)), std::nullopt, ast::SortOrder::None};
}

}  // namespace

void Translator::insert(ast::Insert& s, const Scope& scope) {
    if (s.with) throw Untranslatable{"WITH in a trigger's INSERT"};
    if (!s.returning.empty()) throw Untranslatable{"RETURNING"};
    if (!s.upserts.empty()) throw Untranslatable{"an ON CONFLICT clause in a trigger's INSERT"};
    FromItem table = target_table(*this, s.table, std::nullopt, scope);
    std::vector<const RelationColumn*> targets;
    if (s.columns.empty())
        for (const RelationColumn& c : table.columns) targets.push_back(&c);
    else
        for (const ast::Identifier& id : s.columns) targets.push_back(&target_column(table, id.name));
    for (auto& row : s.values) {
        if (row.size() != targets.size()) throw Untranslatable{"an INSERT with a wrong number of values"};
        for (std::size_t i = 0; i < row.size(); ++i) assign(row[i], value(row[i], scope), *targets[i]);
    }
    if (s.select) {
        std::vector<RelationColumn> cols = query(*s.select, &scope);
        if (cols.size() != targets.size()) throw Untranslatable{"an INSERT … SELECT with a wrong number of columns"};
        for (std::size_t i = 0; i < cols.size(); ++i) {
            if (cols[i].type.type == targets[i]->type.type || cols[i].type.type == SqlType::Null) continue;
            if (!s.select->compounds.empty() || s.select->first.is_values || s.select->first.columns[i].star)
                throw Untranslatable{"an INSERT … SELECT whose column types need conversion"};
            assign(s.select->first.columns[i].expr, cols[i].type, *targets[i]);
        }
    }
    // INSERT OR IGNORE / OR REPLACE: PostgreSQL's ON CONFLICT covers unique violations only.
    TableInfo* info = nullptr;
    for (const auto& t : catalog_.tables())
        if (t->pg_name == s.table.name.name) info = t.get();
    bool replace = s.replace_keyword || s.or_action == ast::ConflictAction::Replace;
    if (replace) {
        auto keys = info ? unique_keys(*info) : decltype(unique_keys(*info)){};
        if (keys.size() != 1 || keys[0].empty())
            throw Untranslatable{"INSERT OR REPLACE on a table without exactly one unique key"};
        ast::UpsertClause up;
        for (const std::string& k : keys[0]) up.target.push_back(key_column(k));
        up.do_nothing = false;
        for (const RelationColumn* c : targets) {
            ast::ColumnRef excluded;
            excluded.table = ast::Identifier{"excluded", ast::QuoteStyle::None, {}};
            excluded.column = ast::Identifier{c->name, ast::QuoteStyle::None, {}};
            up.set.push_back({{ast::Identifier{c->name, ast::QuoteStyle::None, {}}}, ast::make_expr(std::move(excluded))});
        }
        s.upserts.push_back(std::move(up));
    } else if (s.or_action == ast::ConflictAction::Ignore) {
        s.upserts.push_back(ast::UpsertClause{});  // ON CONFLICT DO NOTHING
    } else if (s.or_action != ast::ConflictAction::None && s.or_action != ast::ConflictAction::Abort) {
        throw Untranslatable{"INSERT OR ROLLBACK/FAIL"};
    }
    s.replace_keyword = false;
    s.or_action = ast::ConflictAction::None;
}

void Translator::update(ast::Update& s, const Scope& scope) {
    if (s.with || s.from || !s.returning.empty() || !s.order_by.empty() || s.limit)
        throw Untranslatable{"UPDATE with WITH, FROM, RETURNING, ORDER BY or LIMIT in a trigger"};
    if (s.or_action != ast::ConflictAction::None && s.or_action != ast::ConflictAction::Abort)
        throw Untranslatable{"UPDATE OR …"};
    s.or_action = ast::ConflictAction::None;
    Scope inner;
    inner.parent = &scope;
    inner.items.push_back(target_table(*this, s.table, s.alias, scope));
    for (auto& a : s.set) {
        if (a.columns.size() != 1) throw Untranslatable{"UPDATE SET (a, b) = …"};
        assign(a.value, value(a.value, inner), target_column(inner.items[0], a.columns[0].name));
    }
    if (s.where) condition(s.where, inner);
}

void Translator::remove(ast::Delete& s, const Scope& scope) {
    if (s.with || !s.returning.empty() || !s.order_by.empty() || s.limit)
        throw Untranslatable{"DELETE with WITH, RETURNING, ORDER BY or LIMIT in a trigger"};
    Scope inner;
    inner.parent = &scope;
    inner.items.push_back(target_table(*this, s.table, s.alias, scope));
    if (s.where) condition(s.where, inner);
}

}  // namespace sqlite2pg::passes::translate
