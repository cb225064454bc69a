#include "pipeline/row_stage.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "emit/value_format.hpp"
#include "parse/dump_values.hpp"

namespace sqlite2pg::pipeline {
namespace {

/// Bytes read back from a spill file at a time.
constexpr std::size_t kReadBlock = std::size_t{1} << 20;

[[noreturn]] void throw_io(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

void write_to(std::FILE* file, const std::string& bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size())
        throw_io("cannot write staged rows to a temporary file");
}

/// Opens a spill file, or rewinds one for reading after writing what is still in memory to it.
std::FILE* open_spill_file() {
    std::FILE* file = std::tmpfile();
    if (!file) throw_io("cannot create a temporary file for staged rows");
    return file;
}

void rewind_for_reading(std::FILE* file) {
    if (std::fflush(file) != 0) throw_io("cannot write staged rows to a temporary file");
    std::rewind(file);
}

/// Reads up to kReadBlock bytes of `file` into `block` (empty at the end of the file).
void read_block(std::FILE* file, std::string& block) {
    block.resize(kReadBlock);
    const std::size_t got = std::fread(block.data(), 1, kReadBlock, file);
    if (got == 0 && std::ferror(file)) throw_io("cannot read staged rows back");
    block.resize(got);
}

/// Hex digits as bytea's COPY spelling has them: lower case (`c | 0x20` maps A–F to a–f and keeps digits).
void append_lower_hex(std::string& out, std::string_view hex) {
    const std::size_t at = out.size();
    out.resize(at + hex.size());
    char* p = out.data() + at;
    for (char c : hex) *p++ = static_cast<char>(c | 0x20);
}

/// COPY text-format field content back to bytes: the escapes append_copy_text() writes.
void copy_unescape(std::string_view text, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        switch (text[++i]) {
            case 't': out += '\t'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            default: out += text[i]; break;
        }
    }
}

}  // namespace

RowStage::RowStage(std::size_t memory_limit) : memory_limit_(memory_limit) {}

RowStage::~RowStage() { discard(); }

void RowStage::put_null() {
    reserve(3);
    begin_field(ast::StorageClass::Null);
    lines_ += "\\N";
}

void RowStage::put_integer(std::int64_t i, std::string_view spelling) {
    reserve(24);
    begin_field(ast::StorageClass::Integer);
    if (!spelling.empty()) lines_ += spelling;
    else emit::append_integer(lines_, i);
}

void RowStage::put_real(double d) {
    reserve(40);
    begin_field(ast::StorageClass::Real);
    emit::append_real_text(lines_, d);
}

void RowStage::put_text(std::string_view bytes) {
    reserve(2 * bytes.size() + 1);
    begin_field(ast::StorageClass::Text);
    emit::append_copy_text(lines_, bytes);
}

void RowStage::put_blob_hex(std::string_view hex) {
    reserve(hex.size() + 4);
    begin_field(ast::StorageClass::Blob);
    lines_ += "\\\\x";
    append_lower_hex(lines_, hex);
}

void RowStage::put_value(const ast::Value& v) {
    reserve(v.storage == ast::StorageClass::Blob || v.storage == ast::StorageClass::Text ? 2 * v.bytes.size() + 4 : 40);
    begin_field(v.storage);
    emit::append_copy_field(lines_, v, emit::natural_copy_type(v.storage));
}

void RowStage::end_row() {
    reserve(0);
    lines_ += '\n';
    fields_in_row_ = 0;
    ++rows_;
}

void RowStage::append(std::span<const ast::Value> row) {
    for (const ast::Value& v : row) put_value(v);
    end_row();
}

void RowStage::make_room(std::size_t n) {
    if (lines_.capacity() < memory_limit_) {
        lines_.reserve(memory_limit_);
        if (lines_.size() + n <= lines_.capacity()) return;
    }
    if (!lines_.empty()) spill();
}

void RowStage::spill() {
    if (!lines_file_) {
        lines_file_ = open_spill_file();
        tags_file_ = open_spill_file();
    }
    write_to(lines_file_, lines_);
    write_to(tags_file_, tags_);
    lines_.clear();
    tags_.clear();
}

void RowStage::discard() {
    if (lines_file_) std::fclose(lines_file_);
    if (tags_file_) std::fclose(tags_file_);
    lines_file_ = tags_file_ = nullptr;
    lines_.clear();
    tags_.clear();
    classes_.clear();
    rows_ = 0;
    fields_in_row_ = 0;
}

std::vector<bool> RowStage::columns_to_respell(std::span<const pg::Type> types) const {
    std::vector<bool> respell(types.size());
    for (std::size_t c = 0; c < types.size() && c < classes_.size(); ++c)
        for (unsigned storage = 0; storage < 5; ++storage)
            if ((classes_[c] >> storage & 1) &&
                !emit::copy_spelling_is_natural(types[c], static_cast<ast::StorageClass>(storage)))
                respell[c] = true;
    return respell;
}

void RowStage::write_copy(io::OutputWriter& out, std::span<const pg::Type> types) {
    const std::vector<bool> respell = columns_to_respell(types);
    if (std::find(respell.begin(), respell.end(), true) == respell.end()) {
        if (lines_file_) {
            // The rows go out as one file, which the output's writing thread sends on by itself.
            write_to(lines_file_, lines_);
            rewind_for_reading(lines_file_);
            out.write_file(std::exchange(lines_file_, nullptr));
        } else {
            out.write(lines_);
        }
        discard();
        return;
    }
    // Some column spells values differently: its fields are decoded and spelt again, and the text between
    // them is copied as it is. Rows that were spilled are spelt into a new file, handed over as a whole.
    std::FILE* respelt_file = lines_file_ ? open_spill_file() : nullptr;
    std::string pending;
    const auto send = [&] {
        if (respelt_file) write_to(respelt_file, pending);
        else out.write(pending);
        pending.clear();
    };
    Cursor cursor(*this, types.size());
    std::vector<StagedField> fields;
    ast::Value value;
    while (cursor.next(fields)) {
        const char* copied_to = fields.front().text.data();
        for (std::size_t c = 0; c < fields.size(); ++c) {
            if (!respell[c]) continue;
            const std::string_view field = fields[c].text;
            pending.append(copied_to, static_cast<std::size_t>(field.data() - copied_to));
            decode(fields[c], value);
            emit::append_copy_field(pending, value, types[c]);
            copied_to = field.data() + field.size();
        }
        const std::string_view last = fields.back().text;
        pending.append(copied_to, static_cast<std::size_t>(last.data() + last.size() - copied_to));
        pending += '\n';
        if (pending.size() >= kReadBlock) send();
    }
    send();
    if (respelt_file) {
        rewind_for_reading(respelt_file);
        out.write_file(respelt_file);
    }
}

void RowStage::decode(const StagedField& field, ast::Value& out) {
    out.storage = field.storage;
    const std::string_view t = field.text;
    switch (field.storage) {
        case ast::StorageClass::Null: return;
        case ast::StorageClass::Integer: std::from_chars(t.data(), t.data() + t.size(), out.integer); return;
        case ast::StorageClass::Real: std::from_chars(t.data(), t.data() + t.size(), out.real); return;
        case ast::StorageClass::Text: copy_unescape(t, out.bytes); return;
        case ast::StorageClass::Blob: parse::decode_blob_hex(t.substr(3), out.bytes); return;  // after `\\x`
    }
}

RowStage::Cursor::Cursor(RowStage& stage, std::size_t width) : stage_(stage), width_(width), left_(stage.rows_) {
    if (stage_.lines_file_) {
        // Everything goes through the files, so that they are read back in one order with what was in memory.
        stage_.spill();
        rewind_for_reading(stage_.lines_file_);
        rewind_for_reading(stage_.tags_file_);
    } else {
        lines_block_.swap(stage_.lines_);
        tags_block_.swap(stage_.tags_);
    }
}

RowStage::Cursor::~Cursor() {
    // The buffers go back to the stage with their capacity.
    if (!stage_.lines_file_) {
        lines_block_.clear();
        tags_block_.clear();
        stage_.lines_.swap(lines_block_);
        stage_.tags_.swap(tags_block_);
    }
    stage_.discard();
}

bool RowStage::Cursor::fill_line(std::string_view& line) {
    bool pieced = false;
    line_.clear();
    for (;;) {
        const char* at = lines_block_.data() + line_pos_;
        const std::size_t left = lines_block_.size() - line_pos_;
        if (const void* nl = std::memchr(at, '\n', left)) {
            const std::size_t n = static_cast<std::size_t>(static_cast<const char*>(nl) - at);
            line_pos_ += n + 1;
            if (!pieced) {
                line = std::string_view(at, n);
                return true;
            }
            line_.append(at, n);
            line = line_;
            return true;
        }
        line_.append(at, left);
        pieced = true;
        if (!stage_.lines_file_) return false;
        read_block(stage_.lines_file_, lines_block_);
        line_pos_ = 0;
        if (lines_block_.empty()) return false;
    }
}

bool RowStage::Cursor::next(std::vector<StagedField>& fields) {
    if (left_ == 0) return false;
    --left_;
    std::string_view line;
    if (!fill_line(line)) throw std::runtime_error("staged rows end early");
    fields.resize(width_);
    std::size_t start = 0;
    for (std::size_t i = 0; i < width_; ++i) {
        while (tag_pos_ == tags_block_.size()) {
            if (!stage_.tags_file_) throw std::runtime_error("staged rows end early");
            read_block(stage_.tags_file_, tags_block_);
            tag_pos_ = 0;
            if (tags_block_.empty()) throw std::runtime_error("staged rows end early");
        }
        fields[i].storage = static_cast<ast::StorageClass>(tags_block_[tag_pos_++]);
        const std::size_t end = i + 1 == width_ ? line.size() : line.find('\t', start);
        if (end == std::string_view::npos) throw std::runtime_error("staged row has too few fields");
        fields[i].text = line.substr(start, end - start);
        start = end + 1;
    }
    return true;
}

}  // namespace sqlite2pg::pipeline
