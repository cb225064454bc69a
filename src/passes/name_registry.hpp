#pragma once
// PostgreSQL keeps tables, views, indexes and sequences in one namespace per schema (pg_class), and
// constraint-backed indexes take their constraint's name. Constraint names must also be unique per table,
// whether or not they have an index. SQLite's namespaces differ (constraint names need not be unique at
// all), so every name we create goes through this registry.
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace sqlite2pg::passes {

/// Names taken in the target schema's relation namespace and in each table's constraint namespace.
class NameRegistry {
public:
    /// Claims `wanted` (already folded) if free; otherwise the first free `wanted1`, `wanted2`, … (the suffix
    /// PostgreSQL itself uses), each shortened to 63 bytes. Returns the name claimed.
    std::string claim(std::string_view wanted);
    bool taken(std::string_view name) const { return taken_.count(std::string(name)) > 0; }

    /// Claims a name for a constraint of `table` that an index backs (PRIMARY KEY, UNIQUE, EXCLUDE): free in
    /// the relation namespace and among the table's constraints.
    std::string claim_key(std::string_view table, std::string_view wanted);
    /// Claims a name for a constraint of `table` without an index (FOREIGN KEY, CHECK): free among the
    /// table's constraints only.
    std::string claim_constraint(std::string_view table, std::string_view wanted);
    /// Marks `name` as used among the constraints of `table` without claiming it for one of ours (the
    /// `<table>_<column>_not_null` names PostgreSQL 18 gives NOT NULL constraints).
    void reserve_constraint(std::string_view table, std::string_view name);

private:
    std::set<std::string> taken_;
    std::map<std::string, std::set<std::string>, std::less<>> constraints_;
};

/// A PostgreSQL-style generated name: `table_col1_col2_suffix` (e.g. `album_pkey`, `track_albumid_fkey`).
std::string generated_name(std::string_view table, std::string_view columns_joined, std::string_view suffix);

}  // namespace sqlite2pg::passes
