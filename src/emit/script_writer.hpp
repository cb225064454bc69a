#pragma once
// Prints the PostgreSQL script: the pinned session header, one transaction holding the tables, their rows,
// and everything created after the data, then COMMIT and ANALYZE (DESIGN.md §8). It prints what the passes
// decided and decides nothing itself; the order of the sections is the one fixed rule it knows.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ast/value.hpp"
#include "io/output_writer.hpp"
#include "pg/script.hpp"

namespace sqlite2pg::emit {

class ScriptWriter {
public:
    explicit ScriptWriter(io::OutputWriter& out) : out_(&out) {}

    /// Writes from now on to `out` (--split: the script goes to several files).
    void set_output(io::OutputWriter& out) { out_ = &out; }
    /// The session settings of the header (client encoding, DateStyle, …) and the search path: what every
    /// file of a --split directory starts with, since each is loaded by a session of its own.
    void session(std::string_view schema);
    /// `BEGIN;` on a line of its own.
    void begin();
    /// `COMMIT;` on a line of its own.
    void commit();

    /// The comment block, `\set ON_ERROR_STOP on`, the session settings, BEGIN and the target schema.
    void header(std::string_view source_name, std::string_view schema, std::string_view version);
    /// The sqlite_compat schema and functions (--compat-functions), before any object that may call them.
    void compat_functions();
    /// A table's notes and its CREATE TABLE.
    void create_table(const pg::Table& table);

    /// The notes, then `ALTER TABLE t ALTER COLUMN c TYPE to USING …`: a column widened between COPY blocks
    /// because rows written after its CREATE TABLE do not fit it.
    void retype_column(std::string_view table, std::string_view column, pg::Type from, pg::NumericTypmod from_typmod,
                       pg::Type to, pg::NumericTypmod to_typmod, std::string_view collation, const pg::Notes& notes);
    /// The notes, then `ALTER TABLE t ALTER COLUMN c DROP NOT NULL`: rows written after the CREATE TABLE hold
    /// NULLs in the column.
    void drop_not_null(std::string_view table, std::string_view column, const pg::Notes& notes);

    /// `COPY t (loaded columns) FROM stdin;`; the caller writes the rows' lines, then copy_end() writes `\.`.
    void copy_begin(const pg::Table& table);
    void copy_end();

    /// Multi-row `INSERT INTO t (columns) VALUES …;` statements of at most 1000 rows (--rows insert).
    void insert_begin(const pg::Table& table);
    void insert_row(std::span<const ast::Value> values, std::span<const pg::Type> types);
    void insert_end();

    /// Keys, indexes, foreign keys and checks, views, triggers, left-out objects and identity columns.
    void post_data(const pg::PostData& post);
    /// setval for every identity column, COMMIT, then ANALYZE of the converted tables.
    void finish(const pg::PostData& post, const std::vector<std::string>& tables);
    /// Ends a script whose conversion failed so that loading it applies nothing, even under `psql -1`.
    void failure(std::string_view message);

    bool in_copy() const { return in_copy_; }

private:
    void comment(std::string_view text);
    void notes(const pg::Notes& notes);
    void trigger(const pg::Trigger& t);
    void flush_line();

    io::OutputWriter* out_;
    std::string line_;
    std::string insert_prefix_;
    std::size_t rows_in_statement_ = 0;
    bool in_copy_ = false;
    bool in_insert_ = false;
};

}  // namespace sqlite2pg::emit
