#include "passes/name_registry.hpp"

#include "pg/identifiers.hpp"

namespace sqlite2pg::passes {

std::string NameRegistry::claim(std::string_view wanted) {
    std::string name = pg::shorten_identifier(wanted);
    for (int n = 1; taken_.count(name) > 0; ++n)
        name = pg::shorten_identifier(std::string(wanted) + std::to_string(n));
    taken_.insert(name);
    return name;
}

std::string generated_name(std::string_view table, std::string_view columns_joined, std::string_view suffix) {
    std::string name(table);
    if (!columns_joined.empty()) name += "_" + std::string(columns_joined);
    name += "_" + std::string(suffix);
    return pg::shorten_identifier(name);
}

}  // namespace sqlite2pg::passes
