#pragma once
// The pass interface. A conversion streams: statements arrive one at a time, a table's rows end before the
// next table starts, and some objects can only be decided once the whole schema is known. So a pass hooks
// into one of four moments; the ordered list in pipeline.cpp says which passes run at each and in what order.
#include <string_view>

#include "ast/statement.hpp"
#include "core/config.hpp"
#include "core/decisions.hpp"
#include "passes/cast_rules.hpp"
#include "passes/catalog.hpp"
#include "passes/name_registry.hpp"
#include "pg/script.hpp"

namespace sqlite2pg::passes {

/// What every pass may read and change. Passes never print.
struct PassContext {
    const Config& config;
    Catalog& catalog;
    DecisionLog& decisions;
    NameRegistry& names;
    pg::PostData& post;
    const CastRules& casts;  ///< the --cast rules, compiled once
};

/// A statement as it arrives, with its source text (for comments on skipped objects).
struct StatementEvent {
    ast::Statement& statement;
    std::string_view source_text;
    /// Set by a pass that has dealt with the statement completely; later statement passes skip it.
    bool consumed = false;
};

/// One pass: a name, a one-line summary and the hooks it implements (null where it has none).
struct Pass {
    std::string_view name;
    std::string_view summary;
    void (*on_statement)(StatementEvent&, PassContext&) = nullptr;  ///< each statement, before it is used
    void (*on_table_defined)(TableInfo&, PassContext&) = nullptr;   ///< a CREATE TABLE has been filed
    void (*on_table_rows_end)(TableInfo&, PassContext&) = nullptr;  ///< a table's rows have all been seen
    void (*on_finish)(PassContext&) = nullptr;                      ///< the whole dump has been read
};

}  // namespace sqlite2pg::passes
