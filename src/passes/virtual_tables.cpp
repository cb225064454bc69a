// Pass virtual-tables: what becomes of each virtual table and of its shadow tables
// (postgres-semantics.md §6.6, dump-format.md §4.4).
//
// A dump declares a virtual table as a row of sqlite_schema (the converter hands its SQL here as a
// CREATE VIRTUAL TABLE) and then dumps its shadow tables as ordinary tables, right after it (they are
// created by the module right after the declaration, and the dump goes in sqlite_schema rowid order):
//   INSERT INTO sqlite_schema(…)VALUES('table','ft','ft',0,'CREATE VIRTUAL TABLE ft USING fts5(title, body)');
//   CREATE TABLE IF NOT EXISTS 'ft_data'(id INTEGER PRIMARY KEY, block BLOB);   → dropped (index data)
//   CREATE TABLE IF NOT EXISTS 'ft_content'(id INTEGER PRIMARY KEY, c0, c1);    → the rows of table ft
// Shadow tables are never created in PostgreSQL. What the virtual table becomes:
//   fts3/fts4/fts5 holding its text → table ft (rowid bigint identity primary key, title, body), filled
//       from `ft_content` (id/docid → rowid, c<i>… → the i-th declared column); the virtual-table-objects pass
//       adds its GIN index.
//   fts with content=''             → left out and reported: SQLite kept only the index, not the text.
//   fts with content=tbl            → not created: the text is table tbl, which gets the GIN index.
//   rtree / rtree_i32               → table rt (id bigint identity primary key, coordinates as double
//       precision (exact for float32) or bigint (int32), auxiliary `+columns`), its rows decoded from the
//       `rt_node` blobs of the leaf nodes that `rt_rowid` names; auxiliary values come from `rt_rowid`.
//   any other module                → left out and reported, its SQL kept as a comment.
// The table is named after the virtual table, so queries keep their FROM clause. Rows of the converted
// table stream through the row stage like any table's (the converter routes them here by shadow name).
#include <algorithm>

#include "passes/passes.hpp"
#include "passes/rtree_node.hpp"

namespace sqlite2pg::passes {
namespace {

constexpr std::string_view kFts5Shadows[] = {"data", "idx", "content", "docsize", "config"};
constexpr std::string_view kFts34Shadows[] = {"content", "segments", "segdir", "docsize", "stat"};
constexpr std::string_view kRtreeShadows[] = {"node", "parent", "rowid"};
constexpr std::string_view kSpellfixShadows[] = {"vocab"};
/// SQLite's own modules that create no shadow tables: a `<name>_…` table next to one is the user's.
constexpr std::string_view kModulesWithoutShadows[] = {"fts5vocab", "fts4aux", "dbstat", "csv", "series",
                                                        "generate_series", "json_each", "json_tree", "carray",
                                                        "zipfile", "sqlite_dbpage", "sqlite_stmt", "completion"};

/// The bound on auxiliary R*Tree values held until their coordinates arrive (the row stage's bound).
constexpr std::size_t kRtreeAuxLimit = 32u << 20;

/// The shadow table suffixes of `module`, or nullopt when the module is not one whose tables are known.
std::optional<std::span<const std::string_view>> shadow_suffixes(std::string_view module) {
    if (module == "fts5") return kFts5Shadows;
    if (module == "fts3" || module == "fts4") return kFts34Shadows;
    if (module == "rtree" || module == "rtree_i32" || module == "geopoly") return kRtreeShadows;
    if (module == "spellfix1") return kSpellfixShadows;
    for (std::string_view m : kModulesWithoutShadows)
        if (m == module) return std::span<const std::string_view>();
    return std::nullopt;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/// One module argument split the way FTS and rtree read it: a leading word (dequoted: 'x', "x", [x], `x`)
/// and what follows it; `option` when the word is followed by `=` (then `rest` is the dequoted value).
struct Argument {
    std::string word;
    std::string rest;
    bool option = false;
};

std::string dequote(std::string_view s, std::size_t& pos) {
    std::string out;
    if (pos >= s.size()) return out;
    char open = s[pos];
    char close = open == '[' ? ']' : open;
    if (open == '\'' || open == '"' || open == '`' || open == '[') {
        for (++pos; pos < s.size(); ++pos) {
            if (s[pos] == close) {
                if (close != ']' && pos + 1 < s.size() && s[pos + 1] == close) {
                    out += close;
                    ++pos;
                    continue;
                }
                ++pos;
                return out;
            }
            out += s[pos];
        }
        return out;
    }
    while (pos < s.size() && !is_space(s[pos]) && s[pos] != '=') out += s[pos++];
    return out;
}

Argument split_argument(std::string_view arg) {
    Argument a;
    std::size_t pos = 0;
    while (pos < arg.size() && is_space(arg[pos])) ++pos;
    a.word = dequote(arg, pos);
    while (pos < arg.size() && is_space(arg[pos])) ++pos;
    if (pos < arg.size() && arg[pos] == '=') {
        a.option = true;
        ++pos;
        while (pos < arg.size() && is_space(arg[pos])) ++pos;
        a.rest = dequote(arg, pos);
    } else {
        a.rest = std::string(arg.substr(pos));
    }
    return a;
}

ast::ColumnDef column(std::string name, std::string type = {}, bool primary_key = false) {
    ast::ColumnDef def;
    def.name.name = std::move(name);
    if (!type.empty()) def.type = ast::TypeName{std::move(type), {}};
    if (primary_key) def.constraints.push_back({std::nullopt, ast::PrimaryKeyConstraint{}, {}});
    return def;
}

/// Files the table a virtual table becomes, with the columns its shadow data fills, in that order.
void file_table(VirtualTableInfo& vt, std::vector<ast::ColumnDef> columns, PassContext& ctx) {
    TableInfo info;
    info.sqlite_name = vt.name;
    info.source_text = vt.sql;
    info.line = vt.line;
    info.def.name.name.name = vt.name;
    for (ast::ColumnDef& def : columns) {
        ColumnInfo col;
        col.declared_type = def.type ? def.type->name : "";
        col.def = def;
        info.loaded_columns.push_back(info.columns.size());
        info.columns.push_back(std::move(col));
        info.def.columns.push_back(std::move(def));
    }
    vt.table_name = vt.name;
    ctx.catalog.add_table(std::move(info));
}

void leave_out(VirtualTableInfo& vt, PassContext& ctx, const std::string& why, bool lossy = true) {
    vt.kind = VirtualTableInfo::Kind::LeftOut;
    std::string object = "virtual table \"" + vt.name + "\"";
    ctx.decisions.record({"object-skipped", Severity::Warning, lossy, object, vt.line,
                          "virtual table (" + vt.module + ") not created", why});
    ctx.post.skipped.push_back({object, why, vt.sql, vt.line});
}

void declare_full_text(VirtualTableInfo& vt, PassContext& ctx) {
    const bool fts5 = vt.module == "fts5";
    std::optional<std::string> content;
    std::string language_column;
    std::vector<std::string> not_indexed, ignored_options;
    bool compressed = false;
    vt.text_search_config = "simple";
    for (const std::string& raw : vt.args) {
        Argument a = split_argument(raw);
        std::string key = sqlite_name_key(a.word);
        // FTS3/4 also accept `tokenize porter` without `=`.
        bool tokenize = key == "tokenize" && !fts5;
        if (!a.option && !tokenize) {
            vt.columns.push_back(a.word);
            vt.indexed.push_back(!(fts5 && sqlite_name_key(a.rest) == "unindexed"));
            continue;
        }
        const std::string& value = a.rest;
        if (key == "content") content = value;
        else if ((key == "compress" || key == "uncompress") && !fts5) compressed = true;
        else if (key == "languageid" && !fts5) language_column = value;
        else if (key == "notindexed" && !fts5) not_indexed.push_back(sqlite_name_key(value));
        else if (key == "tokenize") {
            if (sqlite_name_key(value).find("porter") != std::string::npos) vt.text_search_config = "english";
            if (sqlite_name_key(value).find("trigram") != std::string::npos)
                ignored_options.push_back("tokenize=" + value + " (substring matching)");
        } else if (key != "content_rowid") ignored_options.push_back(a.word + "=" + value);
    }
    for (std::size_t i = 0; i < vt.columns.size(); ++i)
        for (const std::string& n : not_indexed)
            if (sqlite_name_key(vt.columns[i]) == n) vt.indexed[i] = false;
    if (vt.columns.empty()) vt.columns.push_back("content"), vt.indexed.push_back(true);  // FTS3/4's default
    std::string object = "virtual table \"" + vt.name + "\"";
    if (content && content->empty())
        return leave_out(vt, ctx, "contentless full-text table (content=''): SQLite kept only its index, the text "
                                  "itself is not in the database");
    if (compressed)
        return leave_out(vt, ctx, "its text is stored compressed by an application function (compress=), which "
                                  "PostgreSQL cannot call");
    if (content) {
        vt.kind = VirtualTableInfo::Kind::ExternalContent;
        vt.table_name = *content;
        std::string why = "its text is the table \"" + *content + "\" (external content); that table gets the "
                          "full-text index instead";
        ctx.decisions.record({"virtual-table-converted", Severity::Warning, false, object, vt.line,
                              "external-content " + vt.module + " table not created", why});
        ctx.post.skipped.push_back({object, why, vt.sql, vt.line});
        return;
    }
    vt.kind = VirtualTableInfo::Kind::FullText;
    std::vector<ast::ColumnDef> columns{column("rowid", "INTEGER", true)};
    for (const std::string& c : vt.columns) columns.push_back(column(c));
    if (!language_column.empty()) columns.push_back(column(language_column, "INTEGER"));
    file_table(vt, std::move(columns), ctx);
    std::string why = "PostgreSQL has no " + vt.module +
                      " module: the text is a table with the SQLite rowid as column \"rowid\" and a GIN index on "
                      "to_tsvector('" + vt.text_search_config +
                      "', …) of its indexed columns; MATCH queries become @@ queries on that expression";
    if (vt.text_search_config == "english")
        why += "; the english configuration stems like porter but also leaves out English stop words (the, over, …)";
    if (!language_column.empty())
        why += "; the language id is the column \"" + language_column + "\" and searches no longer keep to one language";
    if (!ignored_options.empty()) {
        why += "; options without a PostgreSQL counterpart:";
        for (const std::string& o : ignored_options) why += " " + o;
    }
    ctx.catalog.find_table(vt.name)->pg.notes.push_back(ctx.decisions.record(
        {"virtual-table-converted", Severity::Warning, false, object, vt.line, vt.module + " table made a table", why}));
}

void declare_rtree(VirtualTableInfo& vt, PassContext& ctx) {
    vt.int32_coordinates = vt.module == "rtree_i32";
    std::vector<ast::ColumnDef> columns;
    std::size_t coordinates = 0;
    for (const std::string& raw : vt.args) {
        std::string_view arg = raw;
        bool aux = !arg.empty() && arg.front() == '+';
        if (aux) arg.remove_prefix(1);
        Argument a = split_argument(arg);
        if (aux) {
            // An auxiliary column's declared type is kept, as SQLite keeps its affinity.
            std::string type = std::string(a.rest);
            while (!type.empty() && is_space(type.back())) type.pop_back();
            columns.push_back(column(a.word, type));
            ++vt.aux_columns;
        } else if (columns.empty()) {
            columns.push_back(column(a.word, "INTEGER", true));
        } else {
            if (vt.aux_columns > 0)
                return leave_out(vt, ctx, "a coordinate column follows an auxiliary column, which rtree rejects");
            columns.push_back(column(a.word, vt.int32_coordinates ? "INT" : "REAL"));
            ++coordinates;
        }
    }
    if (columns.empty() || coordinates < 2 || coordinates > 10 || coordinates % 2 != 0)
        return leave_out(vt, ctx, "an rtree has an id and 2 to 10 coordinate columns in pairs; this declaration "
                                  "is not one SQLite accepts");
    vt.kind = VirtualTableInfo::Kind::Rtree;
    vt.dimensions = coordinates / 2;
    file_table(vt, std::move(columns), ctx);
    ctx.catalog.find_table(vt.name)->pg.notes.push_back(ctx.decisions.record(
        {"virtual-table-converted", Severity::Warning, false, "virtual table \"" + vt.name + "\"", vt.line,
         vt.module + " table made a table",
         std::string("PostgreSQL has no rtree module: the rows decoded from its nodes, coordinates as ") +
             (vt.int32_coordinates ? "bigint" : "double precision (SQLite stored them as float32, exactly kept)") +
             "; each min <= max pair is a CHECK; range queries work, without an R*Tree index; new rows keep a NULL "
             "coordinate as NULL (SQLite stores 0) and are not rounded to float32"}));
}

void declare(const ast::CreateVirtualTable& create, StatementEvent& event, PassContext& ctx) {
    VirtualTableInfo vt;
    vt.name = create.name.name.name;
    vt.module = sqlite_name_key(create.module.name);
    vt.sql = std::string(event.source_text);
    vt.line = event.statement.loc.line;
    vt.args = create.args;
    if (ctx.catalog.find_table(vt.name))
        throw InputError({Severity::Error, "duplicate-table", "table \"" + vt.name + "\" is created twice",
                          event.statement.loc});
    ctx.catalog.virtual_tables.push_back(std::move(vt));
    VirtualTableInfo& added = ctx.catalog.virtual_tables.back();
    const std::string& m = added.module;
    // sqlite3 dumps shadow tables right after their virtual table; in a dump edited by hand they may come
    // first, and have then been converted as ordinary tables.
    for (std::string_view suffix : shadow_suffixes(m).value_or(std::span<const std::string_view>()))
        if (ctx.catalog.find_table(added.name + "_" + std::string(suffix)))
            return leave_out(added, ctx, "its shadow table \"" + added.name + "_" + std::string(suffix) +
                                             "\" came before it in the dump and was converted as an ordinary table");
    if (m == "fts3" || m == "fts4" || m == "fts5") declare_full_text(added, ctx);
    else if (m == "rtree" || m == "rtree_i32") declare_rtree(added, ctx);
    else leave_out(added, ctx, "PostgreSQL has no " + m + " module");
}

/// The role of table `name` if it is a shadow table of a declared virtual table, with that table's index.
std::optional<ShadowTable> shadow_of(const Catalog& catalog, std::string_view name) {
    std::string key = sqlite_name_key(name);
    for (std::size_t i = 0; i < catalog.virtual_tables.size(); ++i) {
        const VirtualTableInfo& vt = catalog.virtual_tables[i];
        std::string prefix = sqlite_name_key(vt.name) + "_";
        if (key.size() <= prefix.size() || key.compare(0, prefix.size(), prefix) != 0) continue;
        std::string_view suffix = std::string_view(key).substr(prefix.size());
        // Other modules' shadow tables are unknown: every `<name>_…` table is taken for one, the name rule
        // SQLite's own shadow tables follow (https://sqlite.org/vtab.html §2.1.3), and reported as a guess.
        if (auto known = shadow_suffixes(vt.module);
            known && std::find(known->begin(), known->end(), suffix) == known->end())
            continue;
        ShadowTable shadow{ShadowRole::Ignored, i};
        if (vt.kind == VirtualTableInfo::Kind::FullText && suffix == "content") shadow.role = ShadowRole::Content;
        if (vt.kind == VirtualTableInfo::Kind::Rtree && suffix == "node") shadow.role = ShadowRole::RtreeNode;
        if (vt.kind == VirtualTableInfo::Kind::Rtree && suffix == "rowid") shadow.role = ShadowRole::RtreeRowid;
        return shadow;
    }
    return std::nullopt;
}

/// Marks the converted table of `vt` as not created and reports why (its rows are dropped).
void give_up(VirtualTableInfo& vt, PassContext& ctx, const std::string& why, std::uint64_t line) {
    if (TableInfo* t = ctx.catalog.find_table(vt.table_name); t && !t->skipped && !t->created) {
        t->skipped = true;
        vt.kind = VirtualTableInfo::Kind::LeftOut;
        std::string object = "virtual table \"" + vt.name + "\"";
        ctx.decisions.record({"object-skipped", Severity::Warning, true, object, line,
                              "virtual table (" + vt.module + ") not created", why});
        ctx.post.skipped.push_back({object, why, vt.sql, vt.line});
    }
}

void shadow_defined(const ast::CreateTable& create, const ShadowTable& shadow, StatementEvent& event,
                    PassContext& ctx) {
    VirtualTableInfo& vt = ctx.catalog.virtual_tables[shadow.virtual_table];
    const std::string& name = create.name.name.name;
    const std::uint64_t line = event.statement.loc.line;
    ctx.catalog.shadow_tables[sqlite_name_key(name)] = shadow;
    if (shadow.role == ShadowRole::Content) {
        TableInfo* t = ctx.catalog.find_table(vt.table_name);
        if (t && create.columns.size() != t->loaded_columns.size())
            give_up(vt, ctx, "its shadow table \"" + name + "\" has " + std::to_string(create.columns.size()) +
                                 " columns where " + std::to_string(t->loaded_columns.size()) + " were expected",
                    line);
        return;
    }
    if (shadow.role == ShadowRole::RtreeRowid) {
        vt.rowid_first = !vt.node_defined;
        if (create.columns.size() != 2 + vt.aux_columns)
            give_up(vt, ctx, "its shadow table \"" + name + "\" does not have the columns rtree gives it", line);
    }
    if (shadow.role == ShadowRole::RtreeNode) vt.node_defined = true;
    if (shadow.role != ShadowRole::Ignored) return;
    if (shadow_suffixes(vt.module))
        ctx.decisions.record({"object-skipped", Severity::Note, false, "table \"" + name + "\"", line,
                              "shadow table of a virtual table left out", "it holds SQLite's private index data"});
    else
        ctx.decisions.record({"object-skipped", Severity::Warning, true, "table \"" + name + "\"", line,
                              "table taken for a shadow table of virtual table \"" + vt.name + "\" and left out",
                              "its name starts with the virtual table's, and the shadow tables of module " +
                                  vt.module + " are not known"});
}

void run(StatementEvent& event, PassContext& ctx) {
    ast::Statement& stmt = event.statement;
    if (auto* vt = std::get_if<ast::CreateVirtualTable>(&stmt.node)) {
        declare(*vt, event, ctx);
        event.consumed = true;
    } else if (auto* create = std::get_if<ast::CreateTable>(&stmt.node)) {
        if (auto shadow = shadow_of(ctx.catalog, create->name.name.name)) {
            shadow_defined(*create, *shadow, event, ctx);
            event.consumed = true;
        }
    }
}

/// An R*Tree's rows are complete when every row `_rowid` listed has been decoded from a leaf node. When
/// `_rowid` comes after `_node` (older SQLite), the rows are already written by then: see finish.
void rows_end(TableInfo& table, PassContext& ctx) {
    for (VirtualTableInfo& vt : ctx.catalog.virtual_tables) {
        if (vt.kind != VirtualTableInfo::Kind::Rtree || vt.table_name != table.sqlite_name || !vt.rowid_first)
            continue;
        if (vt.decoded_cells != vt.rowid_rows)
            give_up(vt, ctx, "its nodes hold " + std::to_string(vt.decoded_cells) + " rows where its _rowid table lists " +
                                 std::to_string(vt.rowid_rows) + "; the tree could not be read reliably",
                    table.line);
        vt.aux_values.clear();
        vt.leaf_nodes.clear();
    }
}

void finish(PassContext& ctx) {
    for (VirtualTableInfo& vt : ctx.catalog.virtual_tables)
        if (vt.kind == VirtualTableInfo::Kind::Rtree && !vt.rowid_first && vt.decoded_cells != vt.rowid_rows)
            ctx.decisions.record({"rows-missing", Severity::Warning, true, "virtual table \"" + vt.name + "\"",
                                  vt.line, "rows may be missing",
                                  "its nodes held " + std::to_string(vt.decoded_cells) +
                                      " rows where its _rowid table, which came after them, lists " +
                                      std::to_string(vt.rowid_rows)});
}

/// Whether node `nodeno` holds rows. With `_rowid` first, the leaves are the nodes it names. Otherwise the
/// root (node 1, the first row) tells: at depth 0 it is the only leaf, at depth 1 its children are the
/// leaves; deeper trees would need the `_parent` table, which comes later, so they are given up on.
std::optional<bool> is_leaf(VirtualTableInfo& vt, std::int64_t nodeno, const RtreeNode& node, std::string& why) {
    if (vt.rowid_first) return vt.leaf_nodes.count(nodeno) > 0;
    if (nodeno == 1) {
        if (node.depth > 1) {
            why = "its tree has depth " + std::to_string(node.depth) +
                  " and its _node table comes before its _rowid table (older SQLite): the leaves cannot be told";
            return std::nullopt;
        }
        vt.decoded_root = true;
        if (node.depth == 1)
            for (const RtreeCell& c : node.cells) vt.leaf_nodes.insert(c.id);
        return node.depth == 0;
    }
    if (!vt.decoded_root) {
        why = "its _node table does not start with the root node";
        return std::nullopt;
    }
    return vt.leaf_nodes.count(nodeno) > 0;
}

}  // namespace

void collect_rtree_rowids(VirtualTableInfo& vt, const ast::InsertRows& rows, PassContext& ctx, std::uint64_t line) {
    if (vt.kind != VirtualTableInfo::Kind::Rtree) return;
    if (rows.row_width != 2 + vt.aux_columns || !rows.columns.empty())
        return give_up(vt, ctx, "a row of its _rowid table is not (rowid, nodeno, auxiliary values)", line);
    for (std::size_t r = 0; r < rows.row_count(); ++r) {
        const ast::Value* v = &rows.values[r * rows.row_width];
        if (v[0].storage != ast::StorageClass::Integer || v[1].storage != ast::StorageClass::Integer)
            return give_up(vt, ctx, "a row of its _rowid table does not hold integer ids", line);
        ++vt.rowid_rows;
        vt.leaf_nodes.insert(v[1].integer);
        if (vt.aux_columns == 0) continue;
        std::vector<ast::Value> aux(v + 2, v + 2 + vt.aux_columns);
        // A map node (its key, vector and tree links) plus each value and its bytes.
        vt.aux_bytes += sizeof(std::pair<const std::int64_t, std::vector<ast::Value>>) + 4 * sizeof(void*);
        for (const ast::Value& a : aux) vt.aux_bytes += sizeof(ast::Value) + a.bytes.size();
        if (vt.aux_bytes > kRtreeAuxLimit)
            return give_up(vt, ctx, "its auxiliary columns hold more than " + std::to_string(kRtreeAuxLimit >> 20) +
                                        " MiB, more than is held in memory while its nodes are read", line);
        vt.aux_values[v[0].integer] = std::move(aux);
    }
}

bool decode_rtree_rows(VirtualTableInfo& vt, const ast::InsertRows& rows, PassContext& ctx, std::uint64_t line,
                       const std::function<void(std::span<const ast::Value>)>& each) {
    if (vt.kind != VirtualTableInfo::Kind::Rtree) return false;
    if (rows.row_width != 2 || !rows.columns.empty()) {
        give_up(vt, ctx, "a row of its _node table is not (nodeno, data)", line);
        return false;
    }
    std::vector<ast::Value> out(1 + 2 * vt.dimensions + vt.aux_columns);
    for (std::size_t r = 0; r < rows.row_count(); ++r) {
        const ast::Value* v = &rows.values[r * 2];
        if (v[0].storage != ast::StorageClass::Integer || v[1].storage != ast::StorageClass::Blob) {
            give_up(vt, ctx, "a row of its _node table does not hold a node number and a blob", line);
            return false;
        }
        std::string error;
        std::optional<RtreeNode> node = decode_rtree_node(v[1].bytes, vt.dimensions, vt.int32_coordinates, error);
        if (!node) {
            give_up(vt, ctx, "node " + std::to_string(v[0].integer) + " cannot be decoded: " + error, line);
            return false;
        }
        std::optional<bool> leaf = is_leaf(vt, v[0].integer, *node, error);
        if (!leaf) {
            give_up(vt, ctx, error, line);
            return false;
        }
        if (!*leaf) continue;  // interior nodes hold child node numbers
        for (const RtreeCell& cell : node->cells) {
            out[0] = ast::Value::of_integer(cell.id);
            for (std::size_t k = 0; k < cell.coordinates.size(); ++k)
                out[1 + k] = vt.int32_coordinates ? ast::Value::of_integer(static_cast<std::int64_t>(cell.coordinates[k]))
                                                  : ast::Value::of_real(cell.coordinates[k]);
            if (vt.aux_columns > 0) {
                auto it = vt.aux_values.find(cell.id);
                if (it == vt.aux_values.end()) {
                    give_up(vt, ctx, "row " + std::to_string(cell.id) + " of node " + std::to_string(v[0].integer) +
                                         " is missing from its _rowid table", line);
                    return false;
                }
                for (std::size_t a = 0; a < vt.aux_columns; ++a) out[1 + cell.coordinates.size() + a] = it->second[a];
            }
            ++vt.decoded_cells;
            each(out);
        }
    }
    return true;
}

const Pass kVirtualTables{.name = "virtual-tables",
                       .summary = "FTS and R*Tree tables become tables filled from their shadow data; "
                                  "shadow tables and other modules left out",
                       .on_statement = run,
                       .on_table_rows_end = rows_end,
                       .on_finish = finish};

}  // namespace sqlite2pg::passes
