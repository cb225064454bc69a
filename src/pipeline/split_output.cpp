#include "pipeline/split_output.hpp"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>
#include <sys/stat.h>

namespace sqlite2pg::pipeline {
namespace {

/// The load script. Parallel sessions cannot share one transaction, so atomicity is per step: the tables
/// in one transaction, each data file in its own, post-data in one. It stops at the first error and says
/// which file failed; the target should be a fresh database, dropped and recreated to try again.
constexpr const char* kLoadScript = R"SH(#!/usr/bin/env bash
# Loads this directory, written by `sqlite2pg --split`, into PostgreSQL:
#
#   ./load.sh [-j N] [PSQL-CONNECTION-OPTIONS...]     e.g. ./load.sh -j 4 -d newdb -h dbhost
#
# 1. pre-data.sql: the schema and tables, in one transaction;
# 2. data/*.sql: one COPY each, N files at a time (largest first), each in its own transaction;
# 3. post-data.sql: keys, indexes, foreign keys and checks, views, identity columns, setval, in one
#    transaction, then ANALYZE.
# Parallel sessions cannot share one transaction, so a failure can leave some tables loaded: load into a
# fresh, empty database. The script stops at the first error, says which file failed and exits 1; drop
# the database, create it again and rerun. psql reads the usual PG* environment variables.
set -euo pipefail
self=$(realpath "${BASH_SOURCE[0]}")
dir=$(dirname "$self")
if [[ ${1:-} == --data-file ]]; then  # one data file, run by xargs below; 255 makes xargs stop
  file=$2
  shift 2
  psql -X -q -v ON_ERROR_STOP=1 -o /dev/null -1 "$@" -f "$file" ||
    { echo "load.sh: $file failed (above)" >&2; exit 255; }
  exit 0
fi
jobs=1
case ${1:-} in
  -j) jobs=${2:?-j needs a number}; shift 2 ;;
  -j*) jobs=${1#-j}; shift ;;
esac
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "load.sh: -j needs a positive number, not '$jobs'" >&2; exit 2; }

psql -X -q -v ON_ERROR_STOP=1 -o /dev/null "$@" -f "$dir/pre-data.sql" ||
  { echo "load.sh: $dir/pre-data.sql failed (above); stopped" >&2; exit 1; }
if ! find "$dir/data" -name '*.sql' -printf '%s %p\0' | sort -z -rn | cut -z -d' ' -f2- |
     xargs -0 -r -P "$jobs" -I{} "$self" --data-file {} "$@"; then
  echo "load.sh: stopped after a data file failed: the database is incomplete (drop it and start again)" >&2
  exit 1
fi
psql -X -q -v ON_ERROR_STOP=1 -o /dev/null "$@" -f "$dir/post-data.sql" ||
  { echo "load.sh: $dir/post-data.sql failed (above): rows are loaded, keys and indexes are not; stopped" >&2; exit 1; }
echo "load.sh: loaded $dir" >&2
)SH";

}  // namespace

SplitOutput::SplitOutput(const std::string& dir) : dir_(dir) {
    namespace fs = std::filesystem;
    if (fs::exists(fs::path(dir) / "pre-data.sql"))
        throw std::system_error(EEXIST, std::generic_category(),
                                "--split " + dir + " already holds a converted dump; choose an empty directory");
    fs::create_directories(fs::path(dir) / "data");
    pre_ = std::make_unique<io::OutputWriter>(dir + "/pre-data.sql");
}

io::OutputWriter& SplitOutput::next_data_file(const std::string& table) {
    close_data_file();
    ++data_files_;
    data_ = std::make_unique<io::OutputWriter>(fmt::format("{}/data/{:05}.sql", dir_, data_files_));
    data_->write(fmt::format("-- Rows of table {} (sqlite2pg --split: loaded by ../load.sh)\n", table));
    return *data_;
}

void SplitOutput::close_data_file() {
    if (!data_) return;
    data_->close();
    data_.reset();
}

io::OutputWriter& SplitOutput::post_data() {
    close_data_file();
    pre_->close();
    post_ = std::make_unique<io::OutputWriter>(dir_ + "/post-data.sql");
    return *post_;
}

void SplitOutput::finish() {
    close_data_file();
    if (post_) post_->close();
    const std::string path = dir_ + "/load.sh";
    io::OutputWriter load(path);
    load.write(kLoadScript);
    load.close();
    ::chmod(path.c_str(), 0755);
}

}  // namespace sqlite2pg::pipeline
