// Fuzz target: the statement splitter. Besides not crashing, splitting must not depend on how the input
// is cut into chunks: the same bytes read one byte at a time and in large chunks give the same statements,
// positions and error. Scanning rows while splitting (scan_rows_into) must not change the split either, and
// the rows it scans must be those a scan of the statement alone gives; nor must scanning runs of INSERTs as
// one (InsertScan::runs_allowed), told apart again statement by statement.
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

/// How split() splits.
enum class Scanning { None, Rows, Runs };

/// The rows of `scan` from row `from` through row `to` (exclusive), comparable.
ast::InsertRows rows_of(const parse::InsertScan& scan, std::size_t from, std::size_t to) {
    ast::InsertRows rows = rows_of(scan);
    rows.values.assign(rows.values.begin() + static_cast<std::ptrdiff_t>(from * scan.row_width),
                       rows.values.begin() + static_cast<std::ptrdiff_t>(to * scan.row_width));
    return rows;
}

Split split(const std::string& path, std::size_t chunk_size, Scanning scanning = Scanning::None) {
    Split out;
    io::InputReader input(path);
    parse::StatementSplitter splitter(input, chunk_size);
    parse::InsertScan scan;
    if (scanning != Scanning::None) splitter.scan_rows_into(scan);
    try {
        while (auto raw = splitter.next()) {
            if (raw->rows == nullptr) {
                out.texts.emplace_back(raw->text);
                out.begins.push_back(raw->begin);
                out.terminated.push_back(raw->terminated);
                continue;
            }
            if (raw->rows != &scan) std::abort();
            // Each statement of a run (one, unless runs are scanned) as if split alone.
            std::size_t row = 0;
            for (std::size_t i = 0; i < scan.statements.size(); ++i) {
                const parse::ScannedStatement& each = scan.statements[i];
                const std::size_t end =
                    i + 1 < scan.statements.size() ? scan.statements[i + 1].begin - 1 : raw->text.size();
                const std::string_view text = raw->text.substr(each.begin, end - each.begin);
                out.texts.emplace_back(text);
                out.begins.push_back(
                    SourceLoc{raw->begin.offset + each.begin, each.line, i == 0 ? raw->begin.column : 1});
                out.terminated.push_back(raw->terminated);
                parse::InsertScan alone;
                if (!parse::scan_dump_insert(text, alone) || !(rows_of(alone) == rows_of(scan, row, each.rows_end)))
                    std::abort();
                row = each.rows_end;
            }
            if (scanning == Scanning::Runs) scan.runs_allowed = true;
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
    Split scanning = split(file.path(), 4096, Scanning::Rows);
    Split runs = split(file.path(), 4096, Scanning::Runs);
    if (!(whole == bytewise) || !(whole == small) || !(whole == scanning) || !(whole == runs)) std::abort();
    // Every byte is consumed (for UTF-16 input the count is of the decoded bytes, which differs).
    if (whole.error.empty() && !whole.decoded && whole.bytes != size) std::abort();
    return 0;
}
