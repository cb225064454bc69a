// Pass fixtures (DESIGN.md, Testing): each fixtures/passes/PASS.test holds cases for one pass, each a dump
// and what converting it must produce:
//
//   === a case's name
//   --- dump
//   CREATE TABLE …                 (sqlite3 .dump text; PRAGMA/BEGIN/COMMIT may be left out)
//   --- script
//   lines that must occur in the script, in this order (each a whole line, leading spaces ignored;
//   `~ text` stands for a line that contains text)
//   --- diagnostics
//   text that each must occur in some line of standard error (the summary's warnings, with [kind])
//
// Lines starting with `#` outside a dump are comments.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../unit/convert_testing.hpp"
#include "pipeline/converter.hpp"

namespace fs = std::filesystem;

namespace {

struct PassCase {
    std::string name;
    std::string dump;
    std::vector<std::string> script;
    std::vector<std::string> diagnostics;
};

std::vector<PassCase> read_cases(const fs::path& file) {
    std::ifstream in(file);
    std::vector<PassCase> cases;
    std::string line;
    std::string section;
    while (std::getline(in, line)) {
        if (line.rfind("=== ", 0) == 0) {
            cases.push_back({line.substr(4), {}, {}, {}});
            section.clear();
        } else if (line.rfind("--- ", 0) == 0) {
            section = line.substr(4);
        } else if (cases.empty() || (section != "dump" && (line.empty() || line[0] == '#'))) {
            continue;
        } else if (section == "dump") {
            cases.back().dump += line + "\n";
        } else if (section == "script") {
            cases.back().script.push_back(line.substr(line.find_first_not_of(' ')));
        } else if (section == "diagnostics") {
            cases.back().diagnostics.push_back(line);
        } else {
            FAIL(file.string() << ": line outside a section: " << line);
        }
    }
    return cases;
}

std::vector<std::string> trimmed_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::size_t start = line.find_first_not_of(' ');
        lines.push_back(start == std::string::npos ? "" : line.substr(start));
    }
    return lines;
}

void run_case(const PassCase& c) {
    const sqlite2pg::testing::ConversionResult r = sqlite2pg::testing::convert_dump(c.dump);
    REQUIRE(r.status == sqlite2pg::pipeline::kSuccess);
    const std::string& script = r.script;
    const std::vector<std::string> lines = trimmed_lines(script);
    std::size_t at = 0;
    for (const std::string& expected : c.script) {
        const bool partial = expected.rfind("~ ", 0) == 0;
        auto matches = [&](const std::string& line) {
            return partial ? line.find(expected.substr(2)) != std::string::npos : line == expected;
        };
        while (at < lines.size() && !matches(lines[at])) ++at;
        CHECK_MESSAGE(at < lines.size(), "script line missing or out of order: " << expected << "\n" << script);
        if (at == lines.size()) return;
        ++at;
    }
    for (const std::string& expected : c.diagnostics)
        CHECK_MESSAGE(r.diagnostics.find(expected) != std::string::npos,
                      "diagnostic missing: " << expected << "\n" << r.diagnostics);
}

}  // namespace

TEST_CASE("pass fixtures: every case of fixtures/passes/*.test") {
    const fs::path dir = fs::path(SQLITE2PG_FIXTURES_DIR) / "passes";
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".test") continue;
        for (const PassCase& c : read_cases(entry.path())) {
            const std::string where = entry.path().filename().string() + ": " + c.name;
            CAPTURE(where);
            run_case(c);
            ++checked;
        }
    }
    CHECK(checked > 0);
}
