#include "pipeline/report.hpp"

#include <cerrno>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "pg/types.hpp"

namespace sqlite2pg::pipeline {
namespace {

std::string_view severity_name(Severity s) {
    switch (s) {
        case Severity::Note: return "info";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "info";
}

}  // namespace

void write_report(const std::string& path, const passes::Catalog& catalog, const DecisionLog& decisions,
                  std::string_view schema, std::string_view version) {
    using nlohmann::json;
    json tables = json::array();
    std::uint64_t rows = 0;
    for (const auto& t : catalog.tables()) {
        if (t->skipped) continue;
        json columns = json::array();
        for (const passes::ColumnInfo& c : t->columns)
            columns.push_back({{"sqlite_name", std::string(c.def.name.name)},
                               {"pg_name", c.pg_name},
                               {"declared_type", c.declared_type},
                               {"pg_type", pg::type_spelling(c.pg_type, c.pg_typmod)},
                               {"identity", c.rowid_alias}});
        tables.push_back({{"sqlite_name", std::string(t->sqlite_name)},
                          {"pg_name", t->pg_name},
                          {"pg_schema", schema},
                          {"rows", t->rows},
                          {"line", t->line},
                          {"columns", std::move(columns)}});
        rows += t->rows;
    }
    json list = json::array();
    for (const Decision& d : decisions.all())
        list.push_back({{"kind", d.kind},
                        {"severity", severity_name(d.severity)},
                        {"lossy", d.lossy},
                        {"object", std::string(d.object)},
                        {"line", d.line},
                        {"changed", std::string(d.changed)},
                        {"why", std::string(d.why)},
                        {"values", d.values}});
    json by_kind = json::object();
    for (const auto& [kind, count] : decisions.counts_by_kind()) by_kind[kind] = count;
    json report = {{"sqlite2pg", version},
                   {"schema", schema},
                   {"tables", std::move(tables)},
                   {"decisions", std::move(list)},
                   {"summary",
                    {{"tables", catalog.tables().size()},
                     {"rows", rows},
                     {"decisions", decisions.all().size()},
                     {"warnings", decisions.warnings()},
                     {"by_kind", std::move(by_kind)}}}};
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::system_error(errno, std::generic_category(), "cannot write " + path);
    // Invalid UTF-8 in a name is replaced in the report only (the script keeps the real bytes).
    out << report.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    if (!out) throw std::system_error(errno, std::generic_category(), "cannot write " + path);
}

}  // namespace sqlite2pg::pipeline
