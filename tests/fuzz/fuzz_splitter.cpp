// Fuzz target: the statement splitter. Besides not crashing, splitting must not depend on how the input
// is cut into chunks: the same bytes read one byte at a time and in large chunks give the same statements,
// positions and error. Scanning rows while splitting (scan_rows_into) must not change the split either, and
// the rows it scans must be those a scan of the statement alone gives.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "io/input_reader.hpp"
#include "memory_file.hpp"
#include "ast/dml.hpp"
#include "parse/dump_insert.hpp"
#include "parse/statement_splitter.hpp"

using namespace sqlite2pg;

namespace {

/// Everything observable about one split: the statements in order, then the error it ended with.
struct Split {
    std::vector<std::string> texts;
    std::vector<SourceLoc> begins;
    std::vector<bool> terminated;
    std::string error;
    SourceLoc error_loc;
    std::uint64_t bytes = 0;
    bool decoded = false;  ///< the input was UTF-16, so `bytes` counts the UTF-8 it was decoded to

    bool operator==(const Split&) const = default;
};

/// The rows `scan` holds, comparable.
ast::InsertRows rows_of(const parse::InsertScan& scan) {
    ast::InsertRows rows;
    parse::materialize(scan, rows);
    return rows;
}

Split split(const std::string& path, std::size_t chunk_size, bool scan_rows = false) {
    Split out;
    io::InputReader input(path);
    parse::StatementSplitter splitter(input, chunk_size);
    parse::InsertScan scan;
    if (scan_rows) splitter.scan_rows_into(scan);
    try {
        while (auto raw = splitter.next()) {
            out.texts.emplace_back(raw->text);
            out.begins.push_back(raw->begin);
            out.terminated.push_back(raw->terminated);
            if (raw->rows != nullptr) {
                parse::InsertScan alone;
                if (!parse::scan_dump_insert(raw->text, alone) || raw->rows != &scan || !(rows_of(alone) == rows_of(scan))) std::abort();
            }
        }
        out.bytes = splitter.bytes_consumed();
        out.decoded = !input.decoded_from().empty();
    } catch (const InputError& e) {
        out.error = e.diagnostic().id;
        out.error_loc = e.diagnostic().loc;
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::MemoryFile file(data, size);
    // 4096 rather than the real 1 MiB: the 2 MiB buffer would be allocated per input, and it slows the
    // fuzzer down a hundredfold without exercising anything a 4 KiB chunk does not.
    Split whole = split(file.path(), 4096);
    Split bytewise = split(file.path(), 1);
    Split small = split(file.path(), 7);
    Split scanning = split(file.path(), 4096, true);
    if (!(whole == bytewise) || !(whole == small) || !(whole == scanning)) std::abort();
    // Every byte is consumed (for UTF-16 input the count is of the decoded bytes, which differs).
    if (whole.error.empty() && !whole.decoded && whole.bytes != size) std::abort();
    return 0;
}
