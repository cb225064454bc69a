// Pass virtual-table-objects: what makes the tables virtual tables became behave like them for queries and
// new writes (postgres-semantics.md §6.6): the GIN index of each full-text table, the CHECKs of each R*Tree.
//
// Full-text tables get one index each, over all of its indexed columns together:
//   CREATE INDEX ft_fts ON ft USING gin (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, '')));
// One index over the concatenation, not one per column, because `ft MATCH 'word'` searches every indexed
// column at once; the same expression in a query uses the index:
//   SELECT rowid FROM ft WHERE to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))
//                              @@ plainto_tsquery('simple', 'word');
// The configuration is `simple` (lower-cased words, no stemming, no stop words, like SQLite's default
// tokenizers), or `english` when the table used the porter stemmer. UNINDEXED (FTS5) and notindexed= (FTS4)
// columns are left out of the expression, as SQLite leaves them out of its index. Columns whose values made
// them non-text are cast to text. An external-content table's index goes on its content table.
// The index is created after the user's own indexes have claimed their names.
//
// An R*Tree rejects a row whose minimum exceeds its maximum ("rtree constraint failed"), so each coordinate
// pair gets a CHECK, added NOT VALID like every CHECK (the rows SQLite kept satisfy it):
//   ALTER TABLE rt ADD CONSTRAINT rt_minx_maxx_check CHECK (minx <= maxx) NOT VALID;
// Two differences stay (reported with the table): SQLite stores a NULL coordinate as 0 and rounds new
// rtree coordinates outwards to float32; PostgreSQL keeps NULL and the double as given.
#include "passes/passes.hpp"

namespace sqlite2pg::passes {
namespace {

ast::ExprPtr string_literal(std::string text) { return ast::make_expr(ast::Literal{ast::Literal::Kind::String, std::move(text)}); }

ast::ExprPtr concat(ast::ExprPtr left, ast::ExprPtr right) {
    return ast::make_expr(ast::Binary{ast::BinaryOp::Concat, std::move(left), std::move(right)});
}

ast::ExprPtr call(std::string name, std::vector<ast::ExprPtr> args) {
    ast::FunctionCall f;
    f.name.name = std::move(name);
    f.args = std::move(args);
    return ast::make_expr(std::move(f));
}

/// `coalesce(col, '')`, with the column cast to text when its type is not text.
ast::ExprPtr text_of(const ColumnInfo& col) {
    ast::ColumnRef ref;
    ref.column.name = col.pg_name;
    ast::ExprPtr e = ast::make_expr(std::move(ref));
    if (col.pg_type != pg::Type::Text) e = ast::make_expr(ast::Cast{std::move(e), ast::TypeName{"text", {}}});
    std::vector<ast::ExprPtr> args;
    args.push_back(std::move(e));
    args.push_back(string_literal(""));
    return call("coalesce", std::move(args));
}

void index_table(VirtualTableInfo& vt, PassContext& ctx) {
    std::string object = "virtual table \"" + vt.name + "\"";
    TableInfo* table = ctx.catalog.find_table(vt.table_name);
    if (!table || table->skipped) {
        if (vt.kind == VirtualTableInfo::Kind::ExternalContent)
            ctx.decisions.record({"object-skipped", Severity::Warning, true, object, vt.line, "full-text index left out",
                                  "its content table \"" + vt.table_name + "\" is not converted"});
        return;
    }
    ast::ExprPtr text;
    for (std::size_t i = 0; i < vt.columns.size(); ++i) {
        if (!vt.indexed[i]) continue;
        // The FTS table's own columns follow its rowid; an external table's are found by name.
        const ColumnInfo* col = vt.kind == VirtualTableInfo::Kind::FullText ? &table->columns[i + 1]
                                                                           : table->find_column(vt.columns[i]);
        if (!col) {
            ctx.decisions.record({"object-skipped", Severity::Warning, true, object, vt.line,
                                  "full-text index left out",
                                  "its content table \"" + vt.table_name + "\" has no column \"" + vt.columns[i] + "\""});
            return;
        }
        text = text ? concat(concat(std::move(text), string_literal(" ")), text_of(*col)) : text_of(*col);
    }
    if (!text) return;  // every column UNINDEXED: SQLite indexes nothing either
    pg::Index index;
    index.name = ctx.names.claim(generated_name(table->pg_name, "", "fts"));
    index.table = table->pg_name;
    index.method = "gin";
    index.source_line = vt.line;
    std::vector<ast::ExprPtr> args;
    args.push_back(string_literal(vt.text_search_config));
    args.push_back(std::move(text));
    index.keys.push_back({call("to_tsvector", std::move(args)), ast::SortOrder::None, ast::NullsOrder::None});
    ctx.post.indexes.push_back(std::move(index));
}

ast::ExprPtr column_ref(const std::string& name) {
    ast::ColumnRef ref;
    ref.column.name = name;
    return ast::make_expr(std::move(ref));
}

void check_boxes(const VirtualTableInfo& vt, PassContext& ctx) {
    TableInfo* table = ctx.catalog.find_table(vt.table_name);
    if (!table || table->skipped) return;
    for (std::size_t d = 0; d < vt.dimensions; ++d) {
        const ColumnInfo& min = table->columns[1 + 2 * d];
        const ColumnInfo& max = table->columns[2 + 2 * d];
        pg::Constraint c;
        c.kind = pg::Constraint::Kind::Check;
        c.table = table->pg_name;
        c.name = generated_name(table->pg_name, min.pg_name + "_" + max.pg_name, "check");
        c.check = ast::make_expr(ast::Binary{ast::BinaryOp::Le, column_ref(min.pg_name), column_ref(max.pg_name)});
        c.not_valid = true;
        c.source_line = vt.line;
        ctx.post.references.push_back(std::move(c));
    }
}

void finish(PassContext& ctx) {
    for (VirtualTableInfo& vt : ctx.catalog.virtual_tables) {
        if (vt.kind == VirtualTableInfo::Kind::FullText || vt.kind == VirtualTableInfo::Kind::ExternalContent)
            index_table(vt, ctx);
        if (vt.kind == VirtualTableInfo::Kind::Rtree) check_boxes(vt, ctx);
    }
}

}  // namespace

const Pass kVirtualTableObjects{.name = "virtual-table-objects",
                       .summary = "a GIN to_tsvector index for each full-text table, min <= max CHECKs for each R*Tree",
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
