#include "passes/cast_rules.hpp"

#include <re2/re2.h>

namespace sqlite2pg::passes {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string fold(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// The targets a rule may name, for the error message.
constexpr std::string_view kTargets =
    "bigint, integer, smallint, double precision, numeric, text, bytea, boolean, timestamp, timestamptz, date, time, "
    "json, uuid";

CastRule compile(const std::string& text) {
    auto fail = [&](const std::string& why) { throw CastRuleError("--cast '" + text + "': " + why); };
    CastRule rule;
    rule.text = text;
    std::string_view source, target;
    if (!text.empty() && text.front() == '/') {
        // `/regex/=type`: the regex may hold '=' and '/', so the rule splits at its last "/=".
        std::size_t end = text.rfind("/=");
        if (end == std::string::npos || end == 0) fail("a regular expression rule is written /REGEX/=TYPE");
        source = std::string_view(text).substr(1, end - 1);
        target = std::string_view(text).substr(end + 2);
        if (source.empty()) fail("the regular expression is empty");
        RE2::Options options;
        options.set_case_sensitive(false);
        options.set_log_errors(false);
        auto re = std::make_shared<const RE2>(re2::StringPiece(source.data(), source.size()), options);
        if (!re->ok()) fail("bad regular expression: " + re->error());
        rule.pattern = std::move(re);
    } else {
        std::size_t eq = text.find('=');
        if (eq == std::string::npos) fail("a rule is written DECLARED=TYPE or /REGEX/=TYPE");
        source = trim(std::string_view(text).substr(0, eq));
        target = std::string_view(text).substr(eq + 1);
        if (source.empty()) fail("the declared type before '=' is empty");
        rule.declared = fold(source);
    }
    std::optional<pg::Type> type = pg::type_from_name(trim(target));
    if (!type) fail("unknown target type '" + std::string(trim(target)) + "' (one of: " + std::string(kTargets) + ")");
    rule.target = *type;
    return rule;
}

}  // namespace

CastRules::CastRules(const std::vector<std::string>& rules) {
    for (const std::string& r : rules) rules_.push_back(compile(r));
}

const CastRule* CastRules::match(std::string_view declared_type) const {
    for (const CastRule& r : rules_) {
        if (r.pattern) {
            if (RE2::PartialMatch(re2::StringPiece(declared_type.data(), declared_type.size()), *r.pattern)) return &r;
        } else if (fold(trim(declared_type)) == r.declared) {
            return &r;
        }
    }
    return nullptr;
}

}  // namespace sqlite2pg::passes
