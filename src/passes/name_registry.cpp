#include "passes/name_registry.hpp"

#include "pg/identifiers.hpp"

namespace sqlite2pg::passes {

namespace {

/// `wanted`, or `wanted1`, `wanted2`, … (each shortened to 63 bytes): the first one `is_free` accepts.
template <class IsFree>
std::string first_free(std::string_view wanted, IsFree is_free) {
    std::string name = pg::shorten_identifier(wanted);
    for (int n = 1; !is_free(name); ++n) name = pg::shorten_identifier(std::string(wanted) + std::to_string(n));
    return name;
}

}  // namespace

std::string NameRegistry::claim(std::string_view wanted) {
    std::string name = first_free(wanted, [&](const std::string& n) { return taken_.count(n) == 0; });
    taken_.insert(name);
    return name;
}

std::string NameRegistry::claim_key(std::string_view table, std::string_view wanted) {
    auto& used = constraints_[std::string(table)];
    std::string name = first_free(wanted, [&](const std::string& n) { return taken_.count(n) == 0 && used.count(n) == 0; });
    taken_.insert(name);
    used.insert(name);
    return name;
}

std::string NameRegistry::claim_constraint(std::string_view table, std::string_view wanted) {
    auto& used = constraints_[std::string(table)];
    std::string name = first_free(wanted, [&](const std::string& n) { return used.count(n) == 0; });
    used.insert(name);
    return name;
}

void NameRegistry::reserve_constraint(std::string_view table, std::string_view name) {
    constraints_[std::string(table)].insert(std::string(name));
}

std::string generated_name(std::string_view table, std::string_view columns_joined, std::string_view suffix) {
    std::string name(table);
    if (!columns_joined.empty()) name.append("_").append(columns_joined);
    name.append("_").append(suffix);
    return pg::shorten_identifier(name);
}

}  // namespace sqlite2pg::passes
