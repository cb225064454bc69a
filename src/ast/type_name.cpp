#include "ast/type_name.hpp"

#include <algorithm>
#include <cctype>

namespace sqlite2pg::ast {

// The five rules of https://sqlite.org/datatype3.html §3.1, applied in order; the first match wins.
Affinity affinity_of(const std::string& type_name) {
    std::string upper(type_name);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    auto has = [&](const char* word) { return upper.find(word) != std::string::npos; };
    if (has("INT")) return Affinity::Integer;
    if (has("CHAR") || has("CLOB") || has("TEXT")) return Affinity::Text;
    if (has("BLOB") || upper.empty()) return Affinity::Blob;
    if (has("REAL") || has("FLOA") || has("DOUB")) return Affinity::Real;
    return Affinity::Numeric;
}

}  // namespace sqlite2pg::ast
