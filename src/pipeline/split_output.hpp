#pragma once
// `--split DIR`: the script in pieces for a parallel load — pre-data.sql (the tables), data/NNNN.sql (one
// COPY block each), post-data.sql (keys, indexes, constraints, views, identities, setval, ANALYZE) and
// load.sh, which loads the pieces in that order, the data files N at a time.
#include <cstddef>
#include <memory>
#include <string>

#include "io/output_writer.hpp"

namespace sqlite2pg::pipeline {

class SplitOutput {
public:
    /// Creates DIR (and DIR/data) if missing; refuses a DIR that already holds a pre-data.sql, so that an
    /// earlier conversion's data files are never mixed in. Opens DIR/pre-data.sql.
    explicit SplitOutput(const std::string& dir);

    /// The pre-data file (the header and the CREATE TABLEs).
    io::OutputWriter& pre_data() { return *pre_; }
    /// Opens the next data file, for one COPY (or INSERT) block of `table`; closes the previous one.
    io::OutputWriter& next_data_file(const std::string& table);
    /// Closes the data file being written, if any.
    void close_data_file();
    /// Closes pre-data and opens the post-data file.
    io::OutputWriter& post_data();
    /// Closes every file and writes load.sh.
    void finish();

private:
    std::string dir_;
    std::unique_ptr<io::OutputWriter> pre_;
    std::unique_ptr<io::OutputWriter> data_;
    std::unique_ptr<io::OutputWriter> post_;
    std::size_t data_files_ = 0;
};

}  // namespace sqlite2pg::pipeline
