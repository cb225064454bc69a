#pragma once
// The command line: the only place that knows option spellings (Boost.Program_options).
#include <optional>
#include <stdexcept>
#include <string>

#include "core/config.hpp"

namespace sqlite2pg::cli {

/// What the command line asks for: a conversion with its Config, or a text to print (help, version).
struct Invocation {
    Config config;
    std::optional<std::string> print_and_exit;  ///< --help / --version output
};

/// Parses argv. Throws UsageError with a message naming the offending option.
Invocation parse_options(int argc, char** argv, std::string_view version);

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace sqlite2pg::cli
