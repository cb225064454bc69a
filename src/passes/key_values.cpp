#include "passes/key_values.hpp"

#include <cstdint>

namespace sqlite2pg::passes {

namespace {
/// Bytes an index tuple spends besides the values: its header, and a length word per value.
constexpr std::size_t kIndexTupleHeader = 8;
constexpr std::size_t kValueHeader = 4;
}  // namespace

std::size_t btree_entry_bytes(const std::vector<const ColumnInfo*>& columns) {
    std::size_t bytes = kIndexTupleHeader;
    for (const ColumnInfo* c : columns) bytes += c->stats.max_bytes + kValueHeader + sizeof(std::int64_t);
    return bytes;
}

bool may_collide_after_unification(const ColumnInfo& col) {
    using SC = ast::StorageClass;
    if (col.pg_type != pg::Type::Text && col.pg_type != pg::Type::Bytea) return false;
    int classes = 0;
    for (SC c : {SC::Text, SC::Blob}) classes += col.stats.of(c) > 0;
    bool numbers = col.stats.of(SC::Integer) > 0 || col.stats.of(SC::Real) > 0;
    return classes + (numbers ? 1 : 0) >= 2;
}

ast::ExprPtr column_ref(const ColumnInfo& col) {
    ast::ColumnRef ref;
    ref.column = ast::Identifier{col.pg_name, ast::QuoteStyle::None, {}};
    return ast::make_expr(std::move(ref));
}

ast::ExprPtr md5_of(ast::ExprPtr e) {
    ast::FunctionCall md5;
    md5.name = ast::Identifier{"md5", ast::QuoteStyle::None, {}};
    md5.args.push_back(std::move(e));
    return ast::make_expr(std::move(md5));
}

}  // namespace sqlite2pg::passes
