// Golden tests: each fixtures/dumps/NAME.dump converts to exactly fixtures/dumps/NAME.expected.sql.
// After an intended change, rewrite the expected files and review the diff:
//   SQLITE2PG_UPDATE_GOLDEN=1 ctest --test-dir build -R golden
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../unit/file_testing.hpp"
#include "pipeline/converter.hpp"

namespace fs = std::filesystem;
using sqlite2pg::testing::read_file;

TEST_CASE("golden: every fixture dump converts to its expected script") {
    const fs::path dir = fs::path(SQLITE2PG_FIXTURES_DIR) / "dumps";
    const bool update = std::getenv("SQLITE2PG_UPDATE_GOLDEN") != nullptr;
    std::size_t checked = 0;
    // The script names its input file: convert from inside the directory so that the name is stable.
    const fs::path previous = fs::current_path();
    fs::current_path(dir);
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".dump") continue;
        const std::string name = entry.path().stem().string();
        CAPTURE(name);
        sqlite2pg::Config config;
        config.input = name + ".dump";
        config.output = (fs::temp_directory_path() / ("sqlite2pg-golden-" + name + ".sql")).string();
        config.quiet = true;
        std::ostringstream diagnostics;
        REQUIRE(sqlite2pg::pipeline::convert(config, diagnostics, "0.1.0") == sqlite2pg::pipeline::kSuccess);
        const std::string actual = read_file(config.output);
        const fs::path expected_path = dir / (name + ".expected.sql");
        if (update) std::ofstream(expected_path, std::ios::binary) << actual;
        REQUIRE_MESSAGE(fs::exists(expected_path), "missing " << expected_path.string());
        CHECK(actual == read_file(expected_path));
        fs::remove(config.output);
        ++checked;
    }
    fs::current_path(previous);
    CHECK(checked > 0);
}

TEST_CASE("strict: a lossy decision stops the conversion with status 3 and a script that cannot commit") {
    // A view using a function with no exact PostgreSQL form is left out: a lossy decision.
    const fs::path dump = fs::temp_directory_path() / "sqlite2pg-strict.dump";
    std::ofstream(dump, std::ios::binary) << "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n"
                                             "CREATE TABLE t(a INTEGER);\n"
                                             "CREATE VIEW v AS SELECT randomblob(4) AS r FROM t;\nCOMMIT;\n";
    sqlite2pg::Config config;
    config.input = dump.string();
    config.output = (fs::temp_directory_path() / "sqlite2pg-strict.sql").string();
    config.strict = true;
    config.quiet = true;
    std::ostringstream diagnostics;
    CHECK(sqlite2pg::pipeline::convert(config, diagnostics, "0.1.0") == sqlite2pg::pipeline::kStrictRefusal);
    CHECK(diagnostics.str().find("error: --strict: view \"v\"") != std::string::npos);
    const std::string script = read_file(config.output);
    CHECK(script.find("COMMIT;") == std::string::npos);
    CHECK(script.find("RAISE EXCEPTION") != std::string::npos);
    fs::remove(config.output);
    fs::remove(dump);
}
