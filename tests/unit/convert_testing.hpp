#pragma once
// Converting a dump given as text inside a unit test: for tests of passes whose effect is best seen in the
// script they make.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <utility>

#include "file_testing.hpp"
#include "pipeline/converter.hpp"

namespace sqlite2pg::testing {

/// What one whole conversion of a dump gave.
struct ConversionResult {
    int status = 0;
    std::string script;       ///< what was written to the output file
    std::string diagnostics;  ///< standard error's text
    std::string report;       ///< the JSON report (written only on success)
};

/// Converts the dump file `input` with `config`; output and report go to temporary files of their own, so
/// test cases may run in parallel.
inline ConversionResult convert_file(const std::string& input, Config config = {}) {
    const TempFile out(""), report("");
    config.input = input;
    config.output = out.path();
    config.report = report.path();
    std::ostringstream diagnostics;
    ConversionResult r;
    r.status = pipeline::convert(config, diagnostics, "0.1.0");
    r.script = read_file(out.path());
    r.diagnostics = diagnostics.str();
    if (r.status == pipeline::kSuccess) r.report = read_file(report.path());
    return r;
}

/// Converts `dump` (a dump's text) with `config`, as convert_file() does, from a temporary file.
inline ConversionResult convert_dump(const std::string& dump, Config config = {}) {
    const TempFile in(dump);
    return convert_file(in.path(), std::move(config));
}

/// The script sqlite2pg writes for `dump` (a dump's text); the conversion must succeed.
inline std::string convert_text(const std::string& dump) {
    Config config;
    config.quiet = true;
    ConversionResult r = convert_dump(dump, config);
    REQUIRE(r.status == pipeline::kSuccess);
    return r.script;
}

/// Whether `haystack` holds `needle`.
inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace sqlite2pg::testing
