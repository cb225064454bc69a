#pragma once
// User cast rules (`--cast 'datetime=timestamptz'`, `--cast '/^varchar\(\d+\)$/=text'`): a declared SQLite type,
// or a regular expression over it, and the PostgreSQL type its columns should get. A rule only sets the
// intended type: a column gets it when every value fits (DESIGN.md §6), otherwise the lossless type and a report.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pg/types.hpp"

namespace re2 {
class RE2;
}

namespace sqlite2pg::passes {

/// A rule that cannot be used: its text and why (a usage error).
class CastRuleError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One rule as given on the command line, compiled.
struct CastRule {
    std::string text;                  ///< as written, for reports
    std::string declared;              ///< plain form: the declared type, matched ignoring ASCII case
    std::shared_ptr<const re2::RE2> pattern;  ///< regex form `/…/`: searched in the declared type, ignoring case
    pg::Type target = pg::Type::Text;
};

/// The rules of one conversion, in command-line order; the first that matches a declared type wins.
class CastRules {
public:
    CastRules() = default;
    /// Compiles every rule; throws CastRuleError naming the first bad one (no '=', an empty side, a regular
    /// expression re2 rejects, a target type the converter cannot produce).
    explicit CastRules(const std::vector<std::string>& rules);

    /// The first rule matching `declared_type` (the declared type text, e.g. `VARCHAR(20)`), or nullptr.
    const CastRule* match(std::string_view declared_type) const;
    bool empty() const { return rules_.empty(); }

private:
    std::vector<CastRule> rules_;
};

}  // namespace sqlite2pg::passes
