// Fuzz target: the whole conversion, from a dump in a file to the script, the report and the summary.
// Every input ends in exit status 0 (converted), 1 (input error) or 3 (--strict refusal) — never a crash,
// an escaping exception, a hang or a leak. The first byte picks the options, so the row formats, the report,
// --strict and rows flowing after each table's first statement (--type-window 1) are covered too.
#include <cstdint>
#include <cstdlib>
#include <sstream>

#include "core/config.hpp"
#include "memory_file.hpp"
#include "pipeline/converter.hpp"

using namespace sqlite2pg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t options = data[0];
    fuzz::MemoryFile file(data + 1, size - 1);
    Config config;
    config.input = file.path();
    config.output = "/dev/null";
    config.rows = (options & 1) ? RowFormat::Insert : RowFormat::Copy;
    config.strict = (options & 2) != 0;
    if (options & 4) config.report = "/dev/null";
    if (options & 8) config.schema = "Legacy";
    if (options & 16) config.type_window = 1;
    std::ostringstream diagnostics;
    int status = pipeline::convert(config, diagnostics, "fuzz");
    if (status != pipeline::kSuccess && status != pipeline::kInputError && status != pipeline::kStrictRefusal)
        std::abort();
    return 0;
}
