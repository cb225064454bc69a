#pragma once
// The machine-readable report (--report FILE): what became of every table and column, and every decision.
#include <string>
#include <string_view>

#include "core/decisions.hpp"
#include "passes/catalog.hpp"

namespace sqlite2pg::pipeline {

/// Writes the JSON report to `path`; throws std::system_error if it cannot be written.
/// Shape: {"sqlite2pg": version, "schema": name, "tables": [{"sqlite_name", "pg_name", "pg_schema", "rows",
/// "columns": [{"sqlite_name", "pg_name", "declared_type", "pg_type", "identity"}]}], "decisions": [{"kind",
/// "severity", "lossy", "object", "line", "changed", "why"}], "summary": {"tables", "rows", "decisions",
/// "warnings", "by_kind": {kind: count}}}.
void write_report(const std::string& path, const passes::Catalog& catalog, const DecisionLog& decisions,
                  std::string_view schema, std::string_view version);

}  // namespace sqlite2pg::pipeline
