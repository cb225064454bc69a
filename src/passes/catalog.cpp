#include "passes/catalog.hpp"

#include <utility>

namespace sqlite2pg::passes {

std::string sqlite_name_key(std::string_view name) {
    std::string key(name);
    for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return key;
}

ColumnInfo* TableInfo::find_column(std::string_view name) {
    std::string key = sqlite_name_key(name);
    for (ColumnInfo& c : columns)
        if (sqlite_name_key(c.def.name.name) == key) return &c;
    return nullptr;
}

ColumnInfo* TableInfo::rowid_alias() {
    return const_cast<ColumnInfo*>(std::as_const(*this).rowid_alias());
}

const ColumnInfo* TableInfo::rowid_alias() const {
    for (const ColumnInfo& c : columns)
        if (c.rowid_alias) return &c;
    return nullptr;
}

TableInfo& Catalog::add_table(TableInfo table) {
    std::string key = sqlite_name_key(table.sqlite_name);
    tables_.push_back(std::make_unique<TableInfo>(std::move(table)));
    by_folded_name_[key] = tables_.size() - 1;
    return *tables_.back();
}

TableInfo* Catalog::find_table(std::string_view sqlite_name) {
    auto it = by_folded_name_.find(sqlite_name_key(sqlite_name));
    return it == by_folded_name_.end() ? nullptr : tables_[it->second].get();
}

const ShadowTable* Catalog::find_shadow(std::string_view sqlite_name) const {
    auto it = shadow_tables.find(sqlite_name_key(sqlite_name));
    return it == shadow_tables.end() ? nullptr : &it->second;
}

}  // namespace sqlite2pg::passes
