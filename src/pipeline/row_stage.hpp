#pragma once
// Rows of the current table, held until they are written: the first ones until the table's column types
// are chosen from them (its first --type-window of rows, or all of them), later ones a block at a time
// (DESIGN.md §6). Memory is bounded: past a limit the rows go to an anonymous temporary file.
//
// Rows are staged already spelt as COPY text lines, each value as append_copy_field() spells it for its
// own storage class (emit::natural_copy_type). For nearly every table that is exactly the line the chosen
// types need, so writing the rows out is a copy of bytes; beside the lines, one tag byte per value keeps
// its storage class, so that any value can still be decoded and spelt again for a column whose type spells
// it differently (a boolean, a bytea column holding text) or as an INSERT literal.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ast/value.hpp"
#include "core/real_digits.hpp"
#include "io/buffer_pool.hpp"
#include "io/output_writer.hpp"
#include "pg/types.hpp"

namespace sqlite2pg::pipeline {

/// One staged value: its storage class and its COPY spelling (without the field separator).
struct StagedField {
    ast::StorageClass storage = ast::StorageClass::Null;
    std::string_view text;
};

/// One staged row as read back: its COPY line (without the newline) and one tag (a StorageClass byte) per
/// value.
struct StagedRow {
    std::string_view line;
    std::string_view tags;

    /// The row's fields, in column order.
    void split(std::vector<StagedField>& fields) const;
};

/// A byte buffer whose appends do no bounds checks: its owner makes room first (RowStage::reserve).
class StageBuffer {
public:
    /// Grows to hold `capacity` bytes, keeping the contents.
    void allocate(std::size_t capacity);
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return capacity_; }
    bool empty() const { return size_ == 0; }
    std::string_view view() const { return {data_.get(), size_}; }
    void clear() { size_ = 0; }
    /// Hands the contents to `out` as they are, with `lent` among them (io::OutputWriter::exchange), and goes
    /// on, empty, in the buffer `out` gives back (with none, should that throw: the next allocate() makes one).
    void hand_to(io::OutputWriter& out, std::vector<io::LentBytes> lent = {}) {
        const std::size_t size = std::exchange(size_, 0);
        const std::size_t capacity = std::exchange(capacity_, 0);
        data_ = out.exchange(std::move(data_), size, capacity, std::move(lent));
        capacity_ = capacity;
    }
    /// Gives the buffer, contents and all, to the caller, and goes on with none.
    std::unique_ptr<char[]> release() {
        size_ = capacity_ = 0;
        return std::move(data_);
    }
    /// Goes on, empty, in `buffer`, of `capacity` bytes.
    void adopt(std::unique_ptr<char[]> buffer, std::size_t capacity) {
        data_ = std::move(buffer);
        size_ = 0;
        capacity_ = capacity;
    }
    /// Where the next byte goes; after writing there, set_tail() says how far.
    char* tail() { return data_.get() + size_; }
    void set_tail(char* tail) { size_ = static_cast<std::size_t>(tail - data_.get()); }
    void push(char c) { data_[size_++] = c; }
    void append(std::string_view bytes) {
        std::memcpy(data_.get() + size_, bytes.data(), bytes.size());
        size_ += bytes.size();
    }
    /// append() for at most 32 bytes (an integer's spelling), in a few moves instead of a call: two moves of a
    /// size that overlap cover any length from that size to twice it.
    void append_short(std::string_view bytes) {
        char* const out = data_.get() + size_;
        const char* const in = bytes.data();
        const std::size_t n = bytes.size();
        if (n >= 16) {
            move<16>(out, in);
            move<16>(out + n - 16, in + n - 16);
        } else if (n >= 8) {
            move<8>(out, in);
            move<8>(out + n - 8, in + n - 8);
        } else if (n >= 4) {
            move<4>(out, in);
            move<4>(out + n - 4, in + n - 4);
        } else if (n > 0) {
            out[0] = in[0];
            out[n / 2] = in[n / 2];
            out[n - 1] = in[n - 1];
        }
        size_ += n;
    }

private:
    /// Copies `N` bytes (a fixed size: one load and one store).
    template <std::size_t N>
    static void move(char* to, const char* from) {
        char word[N];
        std::memcpy(word, from, N);
        std::memcpy(to, word, N);
    }

    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

/// The staged rows of the table being read (see the top of this file).
class RowStage {
public:
    /// What happens when the rows outgrow the memory limit.
    enum class Overflow {
        Spill,  ///< they go to a temporary file
        Grow,   ///< the buffers grow (rows staged apart to be taken in by another stage: take())
    };
    /// `memory_limit` bytes of lines are kept in memory before spilling to a temporary file. Spilled rows
    /// leave as a file the output's writing thread sends on by itself, so the limit need not be large.
    /// `lines_pool` (of buffers of `memory_limit` bytes), when given, is where the lines are staged: a stage that
    /// takes them then takes their buffer rather than a copy (take()), and a new one comes from the pool.
    explicit RowStage(std::size_t memory_limit = 8u << 20, Overflow overflow = Overflow::Spill,
                      std::shared_ptr<io::BufferPool> lines_pool = nullptr);
    ~RowStage();
    RowStage(const RowStage&) = delete;
    RowStage& operator=(const RowStage&) = delete;

    // One row is staged by a put_* call per value, in column order, then end_row(). (The NULL and INTEGER
    // ones are inline: they are most of a dump's values, and the call would cost about what they do.)
    /// A NULL.
    void put_null() {
        reserve(2);
        begin_field(ast::StorageClass::Null);
        lines_.append_short("\\N");
    }
    /// An INTEGER; `spelling`, when given, is its decimal digits as they are to be written.
    void put_integer(std::int64_t i, std::string_view spelling = {}) {
        reserve(20);
        begin_field(ast::StorageClass::Integer);
        if (!spelling.empty()) lines_.append_short(spelling);
        else lines_.set_tail(std::to_chars(lines_.tail(), lines_.tail() + 20, i).ptr);
    }
    /// A REAL.
    void put_real(double d);
    /// A REAL given by its shortest digits (as real_digits::decimal_digits() writes them out), negative when
    /// `negative`.
    void put_real_digits(bool negative, const real_digits::DecimalDigits& digits);
    /// The same, its spelling cut from its literal's text (emit::write_literal_cut(): `digits` is the literal
    /// after its sign, with byte_vectors::kPadding bytes after it that may be read).
    void put_literal_cut(bool negative, const char* digits, real_digits::LiteralCut cut);
    /// A TEXT value with contents `bytes`; true when they were all ASCII other than NUL (so certainly valid
    /// PostgreSQL text). `padded`: byte_vectors::kPadding bytes after `bytes` may be read.
    bool put_text(std::string_view bytes, bool padded = false);
    /// A BLOB value given by the hex digits of its literal (validated by the caller); `padded` as for put_text().
    void put_blob_hex(std::string_view hex, bool padded = false);
    /// Any value.
    void put_value(const ast::Value& v);
    /// Ends the row whose values were just put.
    void end_row();

    /// Stages one whole row.
    void append(std::span<const ast::Value> row);
    /// Stages the rows `other` holds after these (as if they had been put here), and empties `other`. Both
    /// must be between rows, and `other` must hold no spilled rows. When this stage spills (rather than
    /// grows), the lines of a stage with a lines pool are taken in their buffer instead of copied (the copy
    /// took 4 % of the time of a conversion on two threads): lent to the output where they belong, or written
    /// to the spill file or gathered to be read back there, and then given back to the pool.
    void take(RowStage& other);
    /// Rows staged since the stage was last emptied.
    std::uint64_t rows() const { return rows_; }
    /// Bytes of COPY lines staged since the stage was last emptied, in memory and spilled.
    std::uint64_t bytes() const { return spilled_bytes_ + lines_.size() + lent_bytes_; }

    /// Writes every staged row to `out` as a COPY text-format line for columns of `types`, then empties the
    /// stage. The staged lines go out as they are unless a column's type spells one of its values otherwise.
    void write_copy(io::OutputWriter& out, std::span<const pg::Type> types);
    /// Empties the stage.
    void discard();

    /// Reads the staged rows back, in order, `width` values each; the stage is empty once the cursor is
    /// destroyed. While a cursor exists nothing may be staged.
    class Cursor {
    public:
        /// Starts reading `stage`'s rows back (spilled ones from the files' start).
        Cursor(RowStage& stage, std::size_t width);
        /// Empties the stage.
        ~Cursor();
        Cursor(const Cursor&) = delete;
        Cursor& operator=(const Cursor&) = delete;
        /// The next row (valid until the next call), or false when every row has been read.
        bool next(StagedRow& row);

    private:
        /// Reads the next line into `line` (a view of the block, or of line_ when it crossed blocks).
        bool fill_line(std::string_view& line);
        /// Reads the next row's tags into `tags` (a view of the block, or of tag_row_ when it crossed blocks).
        void fill_tags(std::string_view& tags);

        RowStage& stage_;
        std::size_t width_;
        std::uint64_t left_;
        std::string_view lines_, tags_;         ///< what is being read: the stage's memory, or the blocks
        std::string lines_block_, tags_block_;  ///< what has been read back of the spill files
        std::size_t line_pos_ = 0, tag_pos_ = 0;
        std::string line_;                      ///< a line that crossed a block boundary
        std::string tag_row_;                   ///< tags that crossed a block boundary
    };

    /// Calls `each` with every staged row, decoded, in order; then empties the stage.
    template <class Each>
    void drain(std::size_t width, Each&& each) {
        Cursor cursor(*this, width);
        StagedRow staged;
        std::vector<StagedField> fields;
        std::vector<ast::Value> row(width);
        while (cursor.next(staged)) {
            staged.split(fields);
            for (std::size_t i = 0; i < width; ++i) decode(fields[i], row[i]);
            each(std::span<const ast::Value>(row));
        }
    }

    /// The value a staged field spells.
    static void decode(const StagedField& field, ast::Value& out);

private:
    /// Makes room for `n` more bytes of lines, a separator and a tag without growing the buffers past the
    /// limit: what is staged is spilled first (a row may be split between the files and memory; they are one
    /// stream). A value longer than the limit grows the lines buffer.
    void reserve(std::size_t n) {
        if (lines_.size() + n + 1 > lines_.capacity() || tags_.size() == tags_.capacity()) make_room(n + 1);
    }
    /// reserve()'s slow path: allocates the buffers on first use, spills, or grows for one large value.
    void make_room(std::size_t n);
    /// Starts the next field of the row: its separator, its tag, and its class among those its column holds.
    /// (Forced inline: every put_* begins with it.)
    [[gnu::always_inline]] void begin_field(ast::StorageClass storage) {
        if (fields_in_row_ != 0) lines_.push('\t');
        if (fields_in_row_ == classes_.size()) classes_.push_back(0);
        classes_[fields_in_row_++] |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(storage));
        tags_.push(static_cast<char>(storage));
    }
    /// The columns (ascending) whose type in `types` spells some of their staged values otherwise.
    std::vector<std::size_t> columns_to_respell(std::span<const pg::Type> types) const;
    /// Appends what is in memory to the spill files (opened on first use) and empties the buffers.
    void spill();
    /// Writes the lines in memory, the lent ones where they belong, to `file`, and gives the lent ones back.
    void write_lines_to(std::FILE* file);
    /// Copies the lent lines into lines_ where they belong (for reading the rows back) and gives them back.
    void gather_lent();
    /// Gives the lent lines' buffers back to their pools.
    void give_back_lent();

    /// Copies `bytes` to the end of `buffer`, spilling whenever it is full.
    void append_spilling(StageBuffer& buffer, std::string_view bytes);

    std::size_t memory_limit_;
    Overflow overflow_;
    StageBuffer lines_;   ///< staged COPY lines not yet spilled
    std::shared_ptr<io::BufferPool> lines_pool_;  ///< where lines_ comes from, if anywhere
    /// Lines taken in their buffer (take()), not yet spilled, each after the first `after` bytes of lines_.
    std::vector<io::LentBytes> lent_;
    std::size_t lent_bytes_ = 0;  ///< bytes of lines in lent_
    StageBuffer tags_;    ///< one StorageClass byte per staged value not yet spilled
    std::string scratch_; ///< a value spelt by put_value() before it is copied in
    std::FILE* lines_file_ = nullptr;  ///< spilled lines, or nullptr while everything fits in memory
    std::FILE* tags_file_ = nullptr;   ///< spilled tags, opened with lines_file_
    std::uint64_t rows_ = 0;
    std::uint64_t spilled_bytes_ = 0;  ///< bytes of lines in lines_file_
    std::size_t fields_in_row_ = 0;    ///< values put into the row being staged
    std::vector<std::uint8_t> classes_;  ///< per column, a bit for each StorageClass staged in it
};

}  // namespace sqlite2pg::pipeline
