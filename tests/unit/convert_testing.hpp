#pragma once
// Converting a dump given as text inside a unit test: for tests of passes whose effect is best seen in the
// script they make.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "file_testing.hpp"
#include "pipeline/converter.hpp"

namespace sqlite2pg::testing {

/// The script sqlite2pg writes for `dump` (a dump's text); the conversion must succeed.
inline std::string convert_text(const std::string& dump) {
    namespace fs = std::filesystem;
    const fs::path in = fs::temp_directory_path() / "sqlite2pg-unit-test.dump";
    const fs::path out = fs::temp_directory_path() / "sqlite2pg-unit-test.sql";
    std::ofstream(in, std::ios::binary) << dump;
    Config config;
    config.input = in.string();
    config.output = out.string();
    config.quiet = true;
    std::ostringstream diagnostics;
    REQUIRE(pipeline::convert(config, diagnostics, "test") == pipeline::kSuccess);
    std::string script = read_file(out);
    fs::remove(in);
    fs::remove(out);
    return script;
}

/// Whether `haystack` holds `needle`.
inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace sqlite2pg::testing
