#include "core/decisions.hpp"

namespace sqlite2pg {

std::string Decision::describe() const {
    std::string s = object.empty() ? std::string() : object + ": ";
    s += changed;
    if (!why.empty()) s += " (" + why + ")";
    if (line > 0) s += " [dump line " + std::to_string(line) + "]";
    return s;
}

std::string DecisionLog::record(Decision d) {
    if (strict_ && d.lossy) throw StrictRefusal(std::move(d));
    std::string text = d.describe();
    decisions_.push_back(std::move(d));
    return text;
}

std::map<std::string, std::size_t> DecisionLog::counts_by_kind() const {
    std::map<std::string, std::size_t> counts;
    for (const Decision& d : decisions_) ++counts[d.kind];
    return counts;
}

std::size_t DecisionLog::warnings() const {
    std::size_t n = 0;
    for (const Decision& d : decisions_) n += d.severity == Severity::Warning;
    return n;
}

}  // namespace sqlite2pg
