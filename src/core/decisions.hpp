#pragma once
// Every choice the converter makes that changes a name, a type, a value, or drops or rewrites an object is
// a Decision (DESIGN.md §9). Each is printed as a comment beside the object, written to the JSON report and
// counted in the summary; under --strict a lossy one stops the conversion.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"

namespace sqlite2pg {

/// One recorded decision.
struct Decision {
    std::string kind;             ///< stable kebab-case id: `type-changed`, `object-skipped`, `statement-dropped`, …
    Severity severity = Severity::Note;  ///< Note for exact changes, Warning when behaviour or data may differ
    bool lossy = false;           ///< something cannot be carried over exactly (refused by --strict)
    std::string object;           ///< the SQLite object, e.g. `column "Album"."Title"`
    std::uint64_t line = 0;       ///< dump line of the statement it comes from (0: none)
    std::string changed;          ///< what changed, e.g. `INTEGER → text`
    std::string why;              ///< the reason, e.g. `holds text ('abc', line 12)`
    std::uint64_t values = 0;     ///< how many values the decision is about (0: not about values); `line` is the first's

    /// The one-line form used in script comments and on stderr.
    std::string describe() const;
};

/// Thrown when --strict meets a lossy decision: the conversion ends with exit status 3.
class StrictRefusal : public std::runtime_error {
public:
    explicit StrictRefusal(Decision d) : std::runtime_error(d.describe()), decision_(std::move(d)) {}
    const Decision& decision() const { return decision_; }

private:
    Decision decision_;
};

/// All decisions of one conversion, in the order they were made.
class DecisionLog {
public:
    explicit DecisionLog(bool strict) : strict_(strict) {}
    /// Records `d` and returns its comment text; throws StrictRefusal for a lossy decision under --strict.
    std::string record(Decision d);
    const std::vector<Decision>& all() const { return decisions_; }
    /// Count of decisions per kind, for the summary.
    std::map<std::string, std::size_t> counts_by_kind() const;
    std::size_t warnings() const;

private:
    bool strict_;
    std::vector<Decision> decisions_;
};

}  // namespace sqlite2pg
