#pragma once
// PostgreSQL keeps tables, views, indexes and sequences in one namespace per schema (pg_class), and
// constraint-backed indexes take their constraint's name. SQLite's namespace differs (constraint names
// need not be unique at all), so every name we create goes through this registry.
#include <set>
#include <string>
#include <string_view>

namespace sqlite2pg::passes {

/// Names taken in the target schema's relation namespace.
class NameRegistry {
public:
    /// Claims `wanted` (already folded) if free; otherwise the first free `wanted1`, `wanted2`, … (the suffix
    /// PostgreSQL itself uses), each shortened to 63 bytes. Returns the name claimed.
    std::string claim(std::string_view wanted);
    bool taken(std::string_view name) const { return taken_.count(std::string(name)) > 0; }

private:
    std::set<std::string> taken_;
};

/// A PostgreSQL-style generated name: `table_col1_col2_suffix` (e.g. `album_pkey`, `track_albumid_fkey`).
std::string generated_name(std::string_view table, std::string_view columns_joined, std::string_view suffix);

}  // namespace sqlite2pg::passes
