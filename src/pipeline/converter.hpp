#pragma once
// The streaming conversion: statements in, script out, one statement at a time (DESIGN.md §3–§5).
#include <iosfwd>
#include <string>

#include "core/config.hpp"

namespace sqlite2pg::pipeline {

/// Exit statuses of a conversion (DESIGN.md §10).
enum ExitStatus : int { kSuccess = 0, kInputError = 1, kUsageError = 2, kStrictRefusal = 3 };

/// Converts `config.input` into `config.output` (and the report, if asked), writing diagnostics and the
/// summary to `diagnostics`. Returns the exit status.
int convert(const Config& config, std::ostream& diagnostics, std::string_view version);

}  // namespace sqlite2pg::pipeline
