// The translator's dispatch over expression kinds, name resolution, literals, CASE, CAST and subqueries.
// Operators, functions, date/time and queries have their own files (see translator.hpp).
#include "passes/translate/translator.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "pg/identifiers.hpp"

namespace sqlite2pg::passes::translate {

// ---- helpers ------------------------------------------------------------------------------------------

ast::ExprPtr make_cast(ast::ExprPtr e, const std::string& type_name) {
    return ast::make_expr(ast::Cast{std::move(e), ast::TypeName{type_name, {}}});
}

ast::ExprPtr make_call(const std::string& name, std::vector<ast::ExprPtr> args) {
    ast::FunctionCall call;
    call.name = ast::Identifier{name, ast::QuoteStyle::None, {}};
    call.args = std::move(args);
    return ast::make_expr(std::move(call));
}

ast::ExprPtr make_string(const std::string& text) {
    return ast::make_expr(ast::Literal{ast::Literal::Kind::String, text});
}

ast::ExprPtr make_integer(long long v) {
    return ast::make_expr(ast::Literal{ast::Literal::Kind::Integer, std::to_string(v)});
}

ast::ExprPtr with_c_collation(ast::ExprPtr e) {
    return ast::make_expr(ast::Collate{std::move(e), ast::Identifier{"C", ast::QuoteStyle::Double, {}}});
}

const ast::Literal* literal_of(const ast::ExprPtr& e) {
    if (!e) return nullptr;
    if (auto* lit = std::get_if<ast::Literal>(&e->node)) return lit;
    if (auto* p = std::get_if<ast::Parenthesized>(&e->node)) return literal_of(p->inner);
    return nullptr;
}

bool looks_numeric(const std::string& text) {
    std::size_t b = text.find_first_not_of(" \t\n\f\r");
    if (b == std::string::npos) return false;
    std::size_t e = text.find_last_not_of(" \t\n\f\r");
    std::string core = text.substr(b, e - b + 1);
    char* end = nullptr;
    (void)std::strtod(core.c_str(), &end);
    // strtod also reads hex, inf and nan, which SQLite does not: those count as numeric, to be safe.
    return end && *end == '\0';
}

std::optional<long long> integer_constant(const ast::ExprPtr& e) {
    if (!e) return std::nullopt;
    if (const ast::Literal* lit = literal_of(e); lit && lit->kind == ast::Literal::Kind::Integer)
        return std::strtoll(lit->text.c_str(), nullptr, 10);
    if (auto* u = std::get_if<ast::Unary>(&e->node); u && (u->op == ast::UnaryOp::Minus || u->op == ast::UnaryOp::Plus))
        if (auto v = integer_constant(u->operand)) return u->op == ast::UnaryOp::Minus ? -*v : *v;
    if (auto* p = std::get_if<ast::Parenthesized>(&e->node)) return integer_constant(p->inner);
    return std::nullopt;
}

std::string type_word(SqlType t) {
    switch (t) {
        case SqlType::Unknown: return "a value of unknown or mixed type";
        case SqlType::Null: return "NULL";
        case SqlType::Integer: return "an integer";
        case SqlType::Real: return "a real";
        case SqlType::Number: return "a number that may be an integer or a real";
        case SqlType::Text: return "text";
        case SqlType::Blob: return "a blob";
        case SqlType::Bool: return "a comparison result";
    }
    return "a value";
}

bool is_number(SqlType t) {
    return t == SqlType::Integer || t == SqlType::Real || t == SqlType::Number || t == SqlType::Bool;
}

SqlType merge_numbers(SqlType a, SqlType b) {
    auto integral = [](SqlType t) { return t == SqlType::Integer || t == SqlType::Bool; };
    if (integral(a) && integral(b)) return SqlType::Integer;
    if (a == SqlType::Real || b == SqlType::Real) return SqlType::Real;
    return SqlType::Number;
}

void to_value(ast::ExprPtr& e, Typed& t) {
    if (t.type != SqlType::Bool) return;
    e = make_cast(std::move(e), "integer");
    t = Typed{SqlType::Integer};
}

void to_condition(ast::ExprPtr& e, const Typed& t) {
    switch (t.type) {
        case SqlType::Bool:
        case SqlType::Null: return;
        case SqlType::Integer:
        case SqlType::Real:
        case SqlType::Number:
            e = ast::make_expr(ast::Binary{ast::BinaryOp::Ne, std::move(e), make_integer(0)});
            return;
        default: throw Untranslatable{type_word(t.type) + " used as a condition (SQLite converts it to a number)"};
    }
}

ast::ExprPtr as_text(ast::ExprPtr e, const Typed& t, const char* where) {
    switch (t.type) {
        case SqlType::Text:
        case SqlType::Null: return e;
        case SqlType::Integer: return make_cast(std::move(e), "text");
        case SqlType::Bool: return make_cast(make_cast(std::move(e), "integer"), "text");
        case SqlType::Real:
            throw Untranslatable{std::string(where) + " on a real (SQLite formats reals differently)"};
        default: throw Untranslatable{std::string(where) + " on " + type_word(t.type)};
    }
}

// ---- entry points ---------------------------------------------------------------------------------------

Typed Translator::value(ast::ExprPtr& e, const Scope& scope) {
    Typed t = translate(e, scope);
    to_value(e, t);
    return t;
}

void Translator::condition(ast::ExprPtr& e, const Scope& scope) { to_condition(e, translate(e, scope)); }

std::vector<RelationColumn> Translator::table_columns(const TableInfo& table) {
    std::vector<RelationColumn> out;
    for (const ColumnInfo& c : table.columns) {
        RelationColumn rc;
        rc.name = c.pg_name;
        rc.rowid_alias = c.rowid_alias;
        ast::Affinity aff = ast::affinity_of(c.declared_type);
        rc.type.affinity = aff;
        const auto& stats = c.stats;
        auto only = [&](ast::StorageClass cls) {
            for (ast::StorageClass other : {ast::StorageClass::Integer, ast::StorageClass::Real, ast::StorageClass::Text,
                                            ast::StorageClass::Blob})
                if (other != cls && stats.of(other) > 0) return false;
            return true;
        };
        switch (c.pg_type) {
            case pg::Type::Bigint: rc.type.type = SqlType::Integer; break;
            case pg::Type::Boolean: rc.type.type = SqlType::Bool; break;
            case pg::Type::DoublePrecision:
                rc.type.type = aff == ast::Affinity::Real ? SqlType::Real : SqlType::Number;
                break;
            case pg::Type::Text:
                // A text column holds only text in SQLite when its affinity makes every value text, or when
                // the data had nothing else, as the column's type was chosen from the data too. With another
                // affinity, comparisons and writes are checked against SQLite's numeric conversion.
                rc.type.type = (aff == ast::Affinity::Text || only(ast::StorageClass::Text)) ? SqlType::Text : SqlType::Unknown;
                break;
            case pg::Type::Bytea: rc.type.type = only(ast::StorageClass::Blob) ? SqlType::Blob : SqlType::Unknown; break;
            case pg::Type::Numeric: rc.type.type = SqlType::Number; break;
        }
        for (const auto& con : c.def.constraints)
            if (auto* coll = std::get_if<ast::CollateConstraint>(&con.kind)) {
                std::string key = sqlite_name_key(coll->collation.name);
                rc.type.collation = key == "nocase" ? SqlCollation::NoCase
                                    : key == "rtrim" ? SqlCollation::RTrim
                                                     : SqlCollation::Binary;
            }
        out.push_back(std::move(rc));
    }
    return out;
}

std::optional<std::vector<RelationColumn>> Translator::relation(const std::string& pg_name, const Scope* scope) const {
    for (const Scope* s = scope; s; s = s->parent)
        if (auto it = s->ctes.find(pg_name); it != s->ctes.end()) return it->second;
    if (auto it = catalog_.view_columns.find(pg_name); it != catalog_.view_columns.end()) return it->second;
    for (const auto& t : catalog_.tables())
        if (!t->skipped && t->pg_name == pg_name) return table_columns(*t);
    return std::nullopt;
}

// ---- dispatch -------------------------------------------------------------------------------------------

Typed Translator::translate(ast::ExprPtr& e, const Scope& scope) {
    if (!e) throw Untranslatable{"an empty expression"};
    auto& node = e->node;
    if (std::holds_alternative<ast::Literal>(node)) return literal(e);
    if (std::holds_alternative<ast::ColumnRef>(node)) return column(e, scope);
    if (std::holds_alternative<ast::Binary>(node)) return Operators::binary(*this, e, scope);
    if (std::holds_alternative<ast::Unary>(node)) return Operators::unary(*this, e, scope);
    if (std::holds_alternative<ast::PatternMatch>(node)) return Operators::pattern(*this, e, scope);
    if (std::holds_alternative<ast::Between>(node)) return Operators::between(*this, e, scope);
    if (std::holds_alternative<ast::InExpr>(node)) return Operators::in(*this, e, scope);
    if (std::holds_alternative<ast::FunctionCall>(node)) return Functions::call(*this, e, scope);
    if (std::holds_alternative<ast::CaseExpr>(node)) return case_expr(e, scope);
    if (std::holds_alternative<ast::Cast>(node)) return cast(e, scope);
    if (std::holds_alternative<ast::SubqueryExpr>(node)) return subquery(e, scope);
    if (auto* n = std::get_if<ast::NullTest>(&node)) {
        value(n->operand, scope);
        return Typed{SqlType::Bool};
    }
    if (auto* p = std::get_if<ast::Parenthesized>(&node)) {
        Typed t = translate(p->inner, scope);
        // A bare comparison keeps its parentheses; the result is still a boolean until used as a value.
        return t;
    }
    if (auto* c = std::get_if<ast::Collate>(&node)) {
        Typed t = translate(c->operand, scope);
        to_value(c->operand, t);
        std::string key = sqlite_name_key(c->collation.name);
        if (key == "binary") t.collation = SqlCollation::Binary;
        else if (key == "nocase") t.collation = SqlCollation::NoCase;
        else if (key == "rtrim") t.collation = SqlCollation::RTrim;
        else if (c->collation.name == "C" && c->collation.quote == ast::QuoteStyle::Double) t.collation = SqlCollation::Binary;
        else throw Untranslatable{"COLLATE " + c->collation.name};
        t.explicit_collation = true;
        // The collation matters to the comparison or ORDER BY that uses it; as a value it is the operand.
        ast::ExprPtr inner = std::move(c->operand);
        e = std::move(inner);
        return t;
    }
    if (std::holds_alternative<ast::RowValue>(node)) throw Untranslatable{"row values"};
    if (std::holds_alternative<ast::Raise>(node)) throw Untranslatable{"RAISE() outside a trigger's statement"};
    throw Untranslatable{"a bind parameter"};
}

Typed Translator::literal(ast::ExprPtr& e) {
    auto& lit = std::get<ast::Literal>(e->node);
    using K = ast::Literal::Kind;
    switch (lit.kind) {
        case K::Null: return Typed{SqlType::Null};
        case K::String: {
            Typed t{SqlType::Text};
            t.never_numeric = !looks_numeric(lit.text);
            return t;
        }
        case K::Blob: return Typed{SqlType::Blob};
        case K::True:
        case K::False: return Typed{SqlType::Bool};
        case K::CurrentTime:
        case K::CurrentDate:
        case K::CurrentTimestamp:
            if (settings_.immutable_only) throw Untranslatable{"the current time where PostgreSQL needs an immutable expression"};
            e = DateTime::current(lit.kind);
            return Typed{SqlType::Text, std::nullopt, SqlCollation::Binary, false, true};
        case K::Integer: {
            const std::string& text = lit.text;
            if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
                // SQLite reads hex literals as 64-bit two's complement; PostgreSQL before 16 cannot read them.
                if (text.size() > 18) throw Untranslatable{"a hexadecimal literal wider than 64 bits"};
                unsigned long long v = std::strtoull(text.c_str() + 2, nullptr, 16);
                lit.text = std::to_string(static_cast<long long>(v));
                return Typed{SqlType::Integer};
            }
            errno = 0;
            (void)std::strtoll(text.c_str(), nullptr, 10);
            if (errno == ERANGE) {
                // Beyond 64 bits SQLite reads an integer literal as a real.
                lit.kind = K::Real;
                return literal(e);
            }
            return Typed{SqlType::Integer};
        }
        case K::Real: {
            double v = std::strtod(lit.text.c_str(), nullptr);
            if (!std::isfinite(v)) throw Untranslatable{"an infinite real literal"};
            // PostgreSQL reads 1.5 as numeric; SQLite computes with doubles.
            ast::Literal copy = lit;
            e = make_cast(ast::make_expr(copy, e->loc), "double precision");
            return Typed{SqlType::Real};
        }
    }
    return Typed{};
}

Typed Translator::column(ast::ExprPtr& e, const Scope& scope) {
    auto& ref = std::get<ast::ColumnRef>(e->node);
    std::string name = ref.column.name;
    bool rowid_word = name == "rowid" || name == "oid" || name == "_rowid_";
    auto resolve_in = [&](const FromItem& item) -> std::optional<Typed> {
        for (const RelationColumn& c : item.columns)
            if (c.name == name) return c.type;
        if (rowid_word)
            for (const RelationColumn& c : item.columns)
                if (c.rowid_alias) {
                    ref.column.name = c.name;
                    return c.type;
                }
        return std::nullopt;
    };
    for (const Scope* s = &scope; s; s = s->parent) {
        for (const FromItem& item : s->items) {
            if (ref.table && ref.table->name != item.name) continue;
            if (auto t = resolve_in(item)) return *t;
        }
        if (!ref.table)
            for (const RelationColumn& c : s->outputs)
                if (c.name == name) return c.type;
    }
    if (rowid_word) throw Untranslatable{"rowid of a table without an INTEGER PRIMARY KEY"};
    throw Untranslatable{"column \"" + (ref.table ? ref.table->name + "." : std::string()) + name +
                         "\", which cannot be resolved"};
}

Typed Translator::case_expr(ast::ExprPtr& e, const Scope& scope) {
    auto& c = std::get<ast::CaseExpr>(e->node);
    Typed operand_type;
    if (c.operand) operand_type = value(c.operand, scope);
    std::vector<ast::ExprPtr*> results;
    std::vector<Typed> types;
    for (auto& w : c.whens) {
        if (c.operand) {
            Typed wt = value(w.condition, scope);
            // `CASE x WHEN v` compares like `x = v`, but x is evaluated once: only literal adjustments apply.
            Typed ot = operand_type;
            ast::ExprPtr operand_copy = c.operand;
            Operators::compare_operands(operand_copy, ot, w.condition, wt, false);
            if (!(operand_copy == c.operand)) throw Untranslatable{"CASE operand needing a conversion"};
        } else {
            condition(w.condition, scope);
        }
        types.push_back(value(w.result, scope));
        results.push_back(&w.result);
    }
    if (c.otherwise) {
        types.push_back(value(c.otherwise, scope));
        results.push_back(&c.otherwise);
    }
    SqlType common = SqlType::Null;
    for (const Typed& t : types) {
        if (t.type == SqlType::Null) continue;
        if (common == SqlType::Null) common = t.type;
        else if (common != t.type) {
            if (is_number(common) && is_number(t.type)) common = merge_numbers(common, t.type);
            else throw Untranslatable{"CASE results of different types (" + type_word(common) + ", " + type_word(t.type) + ")"};
        }
    }
    if (common == SqlType::Unknown) throw Untranslatable{"CASE results of unknown type"};
    return Typed{common};
}

Typed Translator::cast(ast::ExprPtr& e, const Scope& scope) {
    auto& c = std::get<ast::Cast>(e->node);
    Typed t = value(c.operand, scope);
    ast::Affinity target = ast::affinity_of(c.type.name);
    ast::ExprPtr operand = std::move(c.operand);
    auto fail = [&](const char* what) -> Typed {
        throw Untranslatable{"CAST of " + type_word(t.type) + " AS " + c.type.name + " (" + what + ")"};
    };
    Typed out;
    out.affinity = target;
    switch (target) {
        case ast::Affinity::Integer:
            out.type = SqlType::Integer;
            if (t.type == SqlType::Integer || t.type == SqlType::Null) e = std::move(operand);
            else if (t.type == SqlType::Real || t.type == SqlType::Number)
                e = make_cast(make_call("trunc", {std::move(operand)}), "bigint");
            else if (t.type == SqlType::Text && settings_.compat_functions)
                e = make_call("sqlite_compat.cast_integer", {std::move(operand)});
            else fail("SQLite reads the longest integer prefix");
            return out;
        case ast::Affinity::Real:
            out.type = SqlType::Real;
            if (is_number(t.type) || t.type == SqlType::Null) e = make_cast(std::move(operand), "double precision");
            else if (t.type == SqlType::Text && settings_.compat_functions)
                e = make_call("sqlite_compat.cast_real", {std::move(operand)});
            else fail("SQLite reads the longest number prefix");
            return out;
        case ast::Affinity::Text:
            out.type = SqlType::Text;
            if (t.type == SqlType::Blob) fail("bytes are reinterpreted as text");
            e = as_text(std::move(operand), t, "CAST AS TEXT");
            return out;
        case ast::Affinity::Blob:
            out.type = SqlType::Blob;
            if (t.type == SqlType::Blob || t.type == SqlType::Null) e = std::move(operand);
            else if (t.type == SqlType::Text || t.type == SqlType::Integer) {
                if (settings_.immutable_only) fail("convert_to is not immutable");
                e = make_call("convert_to", {as_text(std::move(operand), t, "CAST AS BLOB"), make_string("UTF8")});
            } else fail("no exact form");
            return out;
        case ast::Affinity::Numeric:
            if (t.type == SqlType::Integer || t.type == SqlType::Number || t.type == SqlType::Null) {
                out.type = t.type;
                e = std::move(operand);
                return out;
            }
            fail("SQLite picks integer or real by value");
    }
    return out;
}

Typed Translator::subquery(ast::ExprPtr& e, const Scope& scope) {
    auto& s = std::get<ast::SubqueryExpr>(e->node);
    if (!s.select) throw Untranslatable{"an empty subquery"};
    std::vector<RelationColumn> cols = query(*s.select, &scope);
    if (s.kind != ast::SubqueryExpr::Kind::Scalar) return Typed{SqlType::Bool};
    if (cols.size() != 1) throw Untranslatable{"a scalar subquery with " + std::to_string(cols.size()) + " columns"};
    // A scalar subquery may return several rows: SQLite takes the first, PostgreSQL raises an error.
    if (!s.select->limit) s.select->limit = make_integer(1);
    Typed t = cols[0].type;
    t.affinity.reset();
    return t;
}

}  // namespace sqlite2pg::passes::translate
