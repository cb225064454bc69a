#include "emit/script_writer.hpp"

#include "emit/sql_printer.hpp"
#include "emit/value_format.hpp"
#include "pg/compat_functions.hpp"
#include "pg/identifiers.hpp"

namespace sqlite2pg::emit {
namespace {

constexpr std::size_t kRowsPerInsert = 1000;

std::string column_list(const std::vector<std::string>& names) {
    std::string s;
    for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + pg::quote_ident(names[i]);
    return s;
}

std::vector<std::string> loaded_columns(const pg::Table& table) {
    std::vector<std::string> names;
    for (const pg::Column& c : table.columns)
        if (c.loaded) names.push_back(c.name);
    return names;
}

std::string_view fk_action(ast::ForeignKeyClause::Action a) {
    using A = ast::ForeignKeyClause::Action;
    switch (a) {
        case A::SetNull: return "SET NULL";
        case A::SetDefault: return "SET DEFAULT";
        case A::Cascade: return "CASCADE";
        case A::Restrict: return "RESTRICT";
        case A::NoAction: return "NO ACTION";
        case A::None: break;
    }
    return "";
}

std::string_view deferral(ast::ForeignKeyClause::Deferral d) {
    using D = ast::ForeignKeyClause::Deferral;
    switch (d) {
        case D::NotDeferrable: return " NOT DEFERRABLE";
        case D::Deferrable: return " DEFERRABLE";
        case D::DeferrableInitiallyDeferred: return " DEFERRABLE INITIALLY DEFERRED";
        case D::DeferrableInitiallyImmediate: return " DEFERRABLE INITIALLY IMMEDIATE";
        case D::NotDeferrableInitiallyDeferred: return " NOT DEFERRABLE";  // SQLite ignores INITIALLY here
        case D::NotDeferrableInitiallyImmediate: return " NOT DEFERRABLE";
        case D::None: break;
    }
    return "";
}

/// A dollar-quote tag that does not occur in `body`.
std::string dollar_tag(std::string_view base, std::string_view body) {
    std::string tag = "$" + std::string(base) + "$";
    for (int n = 1; body.find(tag) != std::string_view::npos; ++n) tag = "$" + std::string(base) + std::to_string(n) + "$";
    return tag;
}

/// `DO $tag$ body $tag$;` with a tag that does not occur in the body. `separator` goes around the body.
std::string do_block(const std::string& body, std::string_view separator = " ") {
    std::string tag = dollar_tag("sqlite2pg", body);
    return "DO " + tag + std::string(separator) + body + std::string(separator) + tag + ";\n";
}

/// `DO $tag$ BEGIN <statements> EXCEPTION WHEN others THEN RAISE WARNING '<what> not created: …' END $tag$;`
std::string guarded(const std::string& statements, const std::string& what) {
    std::string message;
    append_quoted_string(message, what + " not created: % (%)");
    return do_block("BEGIN\n" + statements + "EXCEPTION WHEN others THEN\n  RAISE WARNING " + message +
                        ", SQLERRM, SQLSTATE;\nEND",
                    "\n");
}

/// `EXECUTE $tag$sql$tag$;` with a tag that does not occur in `sql`.
std::string execute(const std::string& sql, std::string_view base) {
    std::string tag = dollar_tag(base, sql);
    return "  EXECUTE " + tag + sql + tag + ";\n";
}

/// PL/pgSQL for one trigger body statement, indented by `indent`.
void pl_statement(std::string& out, const pg::PlStatement& st, const pg::Trigger& t, const std::string& indent) {
    using K = pg::PlStatement::Kind;
    switch (st.kind) {
        case K::Sql:
            out += indent;
            if (auto* i = std::get_if<ast::Insert>(&*st.sql)) out += print_insert(*i);
            else if (auto* u = std::get_if<ast::Update>(&*st.sql)) out += print_update(*u);
            else out += print_delete(std::get<ast::Delete>(*st.sql));
            out += ";\n";
            break;
        case K::Perform:
            out += indent + "PERFORM 1 FROM (" + print_select(std::get<ast::Select>(*st.sql)) + ") AS sqlite2pg_select;\n";
            break;
        case K::Raise: out += indent + "RAISE EXCEPTION USING MESSAGE = " + print_expr(*st.expr) + ";\n"; break;
        case K::Return:
            if (!t.recursion_guard.empty())
                out += indent + "PERFORM set_config('" + t.recursion_guard + "', 'off', true);\n";
            out += indent + "RETURN " + st.returned + ";\n";
            break;
        case K::If:
            out += indent + "IF " + print_expr(*st.expr) + " THEN\n";
            for (const auto& s : st.then) pl_statement(out, s, t, indent + "  ");
            if (!st.otherwise.empty()) {
                out += indent + "ELSE\n";
                for (const auto& s : st.otherwise) pl_statement(out, s, t, indent + "  ");
            }
            out += indent + "END IF;\n";
            break;
    }
}

/// `what` as the text of a RAISE format string: `%` is a placeholder there, so literal ones are doubled.
std::string raise_format(std::string_view what) {
    std::string out;
    for (char c : what) {
        if (c == '%') out += '%';
        out += c;
    }
    return out;
}

/// A DO block that runs `statement` and turns the named error `conditions` into a WARNING that says
/// `what` and PostgreSQL's message, so that the load goes on (the statement's effects are rolled back).
std::string guarded_block(const std::string& statement, std::string_view conditions, const std::string& what) {
    std::string message;
    append_quoted_string(message, "sqlite2pg: " + raise_format(what) + ": % (%)");
    return do_block("BEGIN\n  " + statement + "\nEXCEPTION WHEN " + std::string(conditions) + " THEN\n  RAISE WARNING " +
                        message + ", SQLERRM, SQLSTATE;\nEND",
                    "\n");
}

/// `statement` as is, or inside guarded_block() when `guarded`.
std::string guarded_if(bool guarded, const std::string& statement, std::string_view conditions, const std::string& what) {
    return guarded ? guarded_block(statement, conditions, what) : statement + "\n";
}

/// `constraint "c" on "t"`, for messages.
std::string constraint_label(const pg::Constraint& c) {
    return "constraint " + pg::quote_ident(c.name) + " on " + pg::quote_ident(c.table);
}

/// One index key: a plain column or function call as is, any other expression in the parentheses
/// PostgreSQL requires; then its order.
std::string index_key_sql(const pg::IndexKey& k) {
    bool plain = std::holds_alternative<ast::ColumnRef>(k.expr->node) ||
                 std::holds_alternative<ast::FunctionCall>(k.expr->node);
    return (plain ? print_expr(*k.expr) : "(" + print_expr(*k.expr) + ")") + print_sort_suffix(k.order, k.nulls);
}

/// `CREATE [UNIQUE] INDEX … ;`
std::string index_sql(const pg::Index& ix) {
    std::string s = std::string(ix.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + pg::quote_ident(ix.name) +
                    " ON " + pg::quote_ident(ix.table) + (ix.method.empty() ? "" : " USING " + ix.method) + " (";
    for (std::size_t i = 0; i < ix.keys.size(); ++i) s += (i ? ", " : "") + index_key_sql(ix.keys[i]);
    s += ")";
    if (ix.where) s += " WHERE " + print_expr(*ix.where);
    return s + ";";
}

/// `ALTER TABLE … ADD CONSTRAINT … ;` for any kind of constraint.
std::string constraint_sql(const pg::Constraint& c) {
    std::string s = "ALTER TABLE " + pg::quote_ident(c.table) + " ADD CONSTRAINT " + pg::quote_ident(c.name);
    switch (c.kind) {
        case pg::Constraint::Kind::PrimaryKey: s += " PRIMARY KEY (" + column_list(c.columns) + ")"; break;
        case pg::Constraint::Kind::Unique: s += " UNIQUE (" + column_list(c.columns) + ")"; break;
        case pg::Constraint::Kind::Exclude:
            s += " EXCLUDE USING hash (";
            for (std::size_t i = 0; i < c.exclude.size(); ++i) {
                // Exclusion elements take the index-key spelling, operators after WITH.
                const pg::IndexKey& k = c.exclude[i];
                s += (i ? ", " : "") + (std::holds_alternative<ast::ColumnRef>(k.expr->node) ? print_expr(*k.expr)
                                                                                            : "(" + print_expr(*k.expr) + ")");
                s += " WITH =";
            }
            s += ")";
            if (c.where) s += " WHERE (" + print_expr(*c.where) + ")";
            break;
        case pg::Constraint::Kind::ForeignKey:
            s += " FOREIGN KEY (" + column_list(c.columns) + ") REFERENCES " + pg::quote_ident(c.ref_table) + " (" +
                 column_list(c.ref_columns) + ")";
            if (c.on_delete != ast::ForeignKeyClause::Action::None) s += " ON DELETE " + std::string(fk_action(c.on_delete));
            if (c.on_update != ast::ForeignKeyClause::Action::None) s += " ON UPDATE " + std::string(fk_action(c.on_update));
            s += deferral(c.deferral);
            break;
        case pg::Constraint::Kind::Check: s += " CHECK (" + print_expr(*c.check) + ")"; break;
    }
    if (c.not_valid) s += " NOT VALID";
    return s + ";";
}

}  // namespace

void ScriptWriter::compat_functions() {
    out_->write("\n");
    comment("sqlite2pg: --compat-functions: functions with SQLite's exact semantics, used by the objects below");
    out_->write(std::string(pg::compat_functions_sql()));
}

void ScriptWriter::trigger(const pg::Trigger& t) {
    notes(t.notes);
    std::string body = "BEGIN\n";
    if (!t.recursion_guard.empty())  // SQLite does not let a trigger fire itself (recursive_triggers=OFF)
        body += "  IF current_setting('" + t.recursion_guard + "', true) = 'on' THEN RETURN " + t.returned +
                "; END IF;\n  PERFORM set_config('" + t.recursion_guard + "', 'on', true);\n";
    for (const pg::PlStatement& st : t.body) pl_statement(body, st, t, "  ");
    pg::PlStatement end{pg::PlStatement::Kind::Return, std::nullopt, nullptr, t.returned, {}, {}};
    pl_statement(body, end, t, "  ");
    body += "END";
    std::string tag = dollar_tag("body", body);
    std::string function = "CREATE FUNCTION " + pg::quote_ident(t.function) +
                           "() RETURNS trigger LANGUAGE plpgsql AS " + tag + "\n" + body + "\n" + tag;
    std::string create = "CREATE TRIGGER " + pg::quote_ident(t.name) + " " + t.timing + " " + t.event;
    if (!t.update_columns.empty()) create += " OF " + column_list(t.update_columns);
    create += " ON " + pg::quote_ident(t.table) + " FOR EACH ROW EXECUTE FUNCTION " + pg::quote_ident(t.function) + "()";
    // check_function_bodies is off for the script; on here, a body PostgreSQL cannot parse is caught now.
    std::string statements = "  PERFORM set_config('check_function_bodies', 'on', true);\n" + execute(function, "fn") +
                             execute(create, "trg") + "  PERFORM set_config('check_function_bodies', 'off', true);\n";
    out_->write(guarded(statements, "trigger " + pg::quote_ident(t.name)));
}

void ScriptWriter::comment(std::string_view text) {
    // Names and values inside a comment may hold line breaks; they must not end the comment.
    std::string line = "-- ";
    for (char c : text) {
        if (c == '\n') line += "\\n";
        else if (c == '\r') line += "\\r";
        else line += c;
    }
    line += '\n';
    out_->write(line);
}

void ScriptWriter::notes(const pg::Notes& list) {
    for (const std::string& n : list) comment("sqlite2pg: " + n);
}

void ScriptWriter::header(std::string_view source_name, std::string_view schema, std::string_view version) {
    comment("PostgreSQL script written by sqlite2pg " + std::string(version) + " from " + std::string(source_name));
    comment("Load it with: psql -X -q -v ON_ERROR_STOP=1 -d DATABASE -f FILE");
    comment("It is one transaction: an error anywhere applies nothing. Do not add psql's -1 option.");
    comment("Lines starting with \"-- sqlite2pg:\" explain each change made to the SQLite schema or data.");
    session(schema);
    std::string s = "\nBEGIN;\n";
    if (schema != "public") s += "CREATE SCHEMA IF NOT EXISTS " + pg::quote_ident(schema) + ";\n";
    out_->write(s);
}

void ScriptWriter::session(std::string_view schema) {
    out_->write(
        "\n\\set ON_ERROR_STOP on\n"
        "SET client_encoding = 'UTF8';\n"
        "SET standard_conforming_strings = on;\n"
        "SET check_function_bodies = false;\n"
        "SET client_min_messages = warning;\n"
        "SET statement_timeout = 0;\n"
        "SET lock_timeout = 0;\n"
        "SET idle_in_transaction_session_timeout = 0;\n"
        "SET DateStyle = 'ISO, YMD';\n"
        "SET IntervalStyle = 'postgres';\n"
        "SET TimeZone = 'UTC';\n");
    // pg_catalog left out of the path is searched first: a SQLite table named `text` or `bytea` (whose row
    // type PostgreSQL creates) must not take the place of the built-in types the script names.
    out_->write("SET search_path = " + pg::quote_ident(schema) + ";\n");
}

void ScriptWriter::begin() { out_->write("\nBEGIN;\n"); }

void ScriptWriter::commit() { out_->write("\nCOMMIT;\n"); }

void ScriptWriter::create_table(const pg::Table& table) {
    out_->write("\n");
    comment("Table " + pg::quote_ident(table.name) + " (dump line " + std::to_string(table.source_line) + ")");
    notes(table.notes);
    for (const pg::Column& c : table.columns) notes(c.notes);
    std::string s = "CREATE TABLE " + pg::quote_ident(table.name) + " (";
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const pg::Column& c = table.columns[i];
        s += i ? ",\n  " : "\n  ";
        s += pg::quote_ident(c.name) + " " + pg::type_spelling(c.type, c.typmod);
        if (!c.collation.empty()) s += " COLLATE " + pg::quote_ident(c.collation);
        if (c.generated) s += " GENERATED ALWAYS AS (" + print_expr(*c.generated) + ") STORED";
        if (c.not_null) s += " NOT NULL";
        if (c.default_value) s += " DEFAULT " + print_expr(*c.default_value);
    }
    s += table.columns.empty() ? ");\n" : "\n);\n";
    out_->write(s);
}

void ScriptWriter::retype_column(std::string_view table, std::string_view column, pg::Type from,
                                 pg::NumericTypmod from_typmod, pg::Type to, pg::NumericTypmod to_typmod,
                                 std::string_view collation, const pg::Notes& notes_before) {
    notes(notes_before);
    const std::string col = pg::quote_ident(column);
    std::string type = pg::type_spelling(to, to_typmod);
    if (!collation.empty()) type += " COLLATE " + pg::quote_ident(collation);
    out_->write("ALTER TABLE " + pg::quote_ident(table) + " ALTER COLUMN " + col + " TYPE " + type + " USING " +
               pg::retype_using(from, from_typmod, to, col) + ";\n");
}

void ScriptWriter::drop_not_null(std::string_view table, std::string_view column, const pg::Notes& notes_before) {
    notes(notes_before);
    out_->write("ALTER TABLE " + pg::quote_ident(table) + " ALTER COLUMN " + pg::quote_ident(column) +
                " DROP NOT NULL;\n");
}

void ScriptWriter::copy_begin(const pg::Table& table) {
    out_->write("COPY " + pg::quote_ident(table.name) + " (" + column_list(loaded_columns(table)) + ") FROM stdin;\n");
    in_copy_ = true;
}

void ScriptWriter::copy_end() {
    out_->write("\\.\n");
    in_copy_ = false;
}

void ScriptWriter::insert_begin(const pg::Table& table) {
    insert_prefix_ = "INSERT INTO " + pg::quote_ident(table.name) + " (" + column_list(loaded_columns(table)) + ") VALUES\n  (";
    rows_in_statement_ = 0;
    in_insert_ = true;
}

void ScriptWriter::insert_row(std::span<const ast::Value> values, std::span<const pg::Type> types) {
    line_ = rows_in_statement_ == 0 ? insert_prefix_ : std::string(",\n  (");
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) line_ += ", ";
        append_sql_literal(line_, values[i], types[i]);
    }
    line_ += ')';
    out_->write(line_);
    if (++rows_in_statement_ == kRowsPerInsert) {
        out_->write(";\n");
        rows_in_statement_ = 0;
    }
}

void ScriptWriter::insert_end() {
    if (rows_in_statement_ > 0) out_->write(";\n");
    rows_in_statement_ = 0;
    in_insert_ = false;
}

void ScriptWriter::post_data(const pg::PostData& post) {
    if (!post.retypes.empty()) {
        out_->write("\n");
        comment("Column types the objects below need");
    }
    for (const pg::ColumnRetype& r : post.retypes) retype_column(r.table, r.column, r.from, r.from_typmod, r.to, {}, r.collation, r.notes);
    if (!post.keys.empty() || !post.identities.empty()) {
        out_->write("\n");
        comment("Keys, added after the data");
    }
    for (const pg::Constraint& k : post.keys) {
        notes(k.notes);
        out_->write(guarded_if(k.guarded, constraint_sql(k), k.kind == pg::Constraint::Kind::Exclude ? "exclusion_violation" : "unique_violation",
                              constraint_label(k) + " not added"));
    }
    for (const pg::Identity& id : post.identities)
        out_->write("ALTER TABLE " + pg::quote_ident(id.table) + " ALTER COLUMN " + pg::quote_ident(id.column) +
                   " ADD GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME " + pg::quote_ident(id.sequence) + ");\n");
    if (!post.indexes.empty()) {
        out_->write("\n");
        comment("Indexes");
    }
    for (const pg::Index& ix : post.indexes) {
        notes(ix.notes);
        out_->write(guarded_if(ix.guarded, index_sql(ix), "unique_violation", "index " + pg::quote_ident(ix.name) + " not created"));
    }
    if (!post.references.empty()) {
        out_->write("\n");
        comment("Foreign keys and checks, NOT VALID: enforced for new rows, existing rows are not re-checked");
    }
    for (const pg::Constraint& c : post.references) {
        notes(c.notes);
        out_->write(guarded_if(c.guarded, constraint_sql(c), "invalid_foreign_key", constraint_label(c) + " not added"));
    }
    bool validating = false;
    for (const pg::Constraint& c : post.references) {
        if (!c.validate) continue;
        if (!validating) {
            out_->write("\n");
            comment("Validation where the rows allow it: a constraint that existing rows violate stays NOT VALID, with a WARNING");
            validating = true;
        }
        out_->write(guarded_block("ALTER TABLE " + pg::quote_ident(c.table) + " VALIDATE CONSTRAINT " + pg::quote_ident(c.name) + ";",
                                 "foreign_key_violation OR check_violation OR undefined_object",
                                 constraint_label(c) + " stays NOT VALID"));
    }
    if (!post.views.empty()) {
        out_->write("\n");
        comment("Views, in dependency order; a view that fails becomes a WARNING and the load goes on");
    }
    for (const pg::View& v : post.views) {
        notes(v.notes);
        std::string create = "CREATE VIEW " + pg::quote_ident(v.name);
        if (!v.columns.empty()) create += " (" + column_list(v.columns) + ")";
        create += " AS " + print_select(*v.select);
        std::string inner = dollar_tag("view", create);
        std::string message;
        append_quoted_string(message, "view " + raise_format(pg::quote_ident(v.name)) + " not created: % (%)");
        std::string body = "BEGIN\n  EXECUTE " + inner + create + inner + ";\nEXCEPTION WHEN others THEN\n  RAISE WARNING " +
                           message + ", SQLERRM, SQLSTATE;\nEND";
        out_->write(do_block(body, "\n"));
    }
    if (!post.triggers.empty()) {
        out_->write("\n");
        comment("Triggers, created after the data so that loading the rows fired none of them");
    }
    for (const pg::Trigger& t : post.triggers) trigger(t);
    if (!post.skipped.empty()) {
        out_->write("\n");
        comment("Left out: each object below is kept here as SQLite wrote it, with the reason");
    }
    for (const pg::Skipped& sk : post.skipped) {
        comment("sqlite2pg: " + sk.what + " (dump line " + std::to_string(sk.source_line) + ") left out: " + sk.reason);
        std::size_t start = 0;
        while (start <= sk.original_sql.size()) {
            std::size_t end = sk.original_sql.find('\n', start);
            if (end == std::string::npos) end = sk.original_sql.size();
            comment("  " + sk.original_sql.substr(start, end - start));
            start = end + 1;
        }
    }
}

void ScriptWriter::finish(const pg::PostData& post, const std::vector<std::string>& tables) {
    if (!post.identities.empty()) {
        out_->write("\n");
        comment("Identity columns continue above every id SQLite used (and its AUTOINCREMENT high-water mark)");
    }
    for (const pg::Identity& id : post.identities) {
        // PERFORM inside DO: setval's result would otherwise be printed by psql for every table.
        std::string col = pg::quote_ident(id.column);
        std::string seq;
        append_quoted_string(seq, pg::quote_ident(id.sequence));
        std::string high = "GREATEST(COALESCE(max(" + col + "), 0), " + std::to_string(id.sqlite_sequence) + ")";
        std::string body = "BEGIN PERFORM setval(" + seq + ", GREATEST(" + high + ", 1), " + high + " >= 1) FROM " +
                           pg::quote_ident(id.table) + "; END";
        out_->write(do_block(body));
    }
    out_->write("\nCOMMIT;\n");
    if (!tables.empty()) {
        std::string s = "\nANALYZE ";
        for (std::size_t i = 0; i < tables.size(); ++i) s += (i ? ", " : "") + pg::quote_ident(tables[i]);
        out_->write(s + ";\n");
    }
}

void ScriptWriter::failure(std::string_view message) {
    // Close an open COPY block so that psql reads what follows as SQL, then raise an error: with
    // ON_ERROR_STOP psql stops and the server rolls the transaction back; without it nothing commits
    // because no COMMIT follows, and even `psql -1` fails at the error.
    if (in_copy_) copy_end();
    if (in_insert_) insert_end();
    out_->write("\n");
    comment("sqlite2pg: the conversion failed here; this script must not be applied");
    std::string msg;
    append_quoted_string(msg, "sqlite2pg: conversion failed: " + std::string(message));
    std::string body = "BEGIN RAISE EXCEPTION '%', " + msg + "; END";
    out_->write(do_block(body) + "ROLLBACK;\n");
}

}  // namespace sqlite2pg::emit
