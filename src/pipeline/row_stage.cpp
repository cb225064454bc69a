#include "pipeline/row_stage.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "core/byte_vectors.hpp"
#include "emit/value_format.hpp"
#include "parse/dump_values.hpp"

namespace sqlite2pg::pipeline {
namespace {

/// Bytes read back from a spill file at a time.
constexpr std::size_t kReadBlock = std::size_t{1} << 20;

/// Staged lines from this many bytes on are handed to the output as they are rather than copied into its
/// buffers (a copy of most of the output, 7 % of a conversion's time on one thread); fewer are copied, since
/// the stage then takes a buffer of its whole size back.
constexpr std::size_t kHandOverBytes = std::size_t{1} << 20;

[[noreturn]] void throw_io(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

void write_to(std::FILE* file, std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size())
        throw_io("cannot write staged rows to a temporary file");
}

/// Opens an anonymous temporary file for spilled rows.
std::FILE* open_spill_file() {
    std::FILE* file = std::tmpfile();
    if (!file) throw_io("cannot create a temporary file for staged rows");
    return file;
}

/// Makes a spill file's written bytes readable from its start.
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

}  // namespace

RowStage::RowStage(std::size_t memory_limit, Overflow overflow, std::shared_ptr<io::BufferPool> lines_pool)
    : memory_limit_(memory_limit), overflow_(overflow), lines_pool_(std::move(lines_pool)) {}

RowStage::~RowStage() { discard(); }

void StageBuffer::allocate(std::size_t capacity) {
    if (capacity <= capacity_) return;
    auto grown = std::make_unique_for_overwrite<char[]>(capacity);
    if (size_) std::memcpy(grown.get(), data_.get(), size_);
    data_ = std::move(grown);
    capacity_ = capacity;
}

void RowStage::put_real(double d) {
    reserve(emit::kRealSpellingRoom);
    begin_field(ast::StorageClass::Real);
    lines_.set_tail(emit::write_real_number(lines_.tail(), d));
}

void RowStage::put_real_digits(bool negative, const real_digits::DecimalDigits& digits) {
    reserve(emit::kRealSpellingRoom);
    begin_field(ast::StorageClass::Real);
    lines_.set_tail(emit::write_real_digits(lines_.tail(), negative, digits));
}

void RowStage::put_literal_cut(bool negative, const char* digits, real_digits::LiteralCut cut) {
    reserve(emit::kRealSpellingRoom);
    begin_field(ast::StorageClass::Real);
    lines_.set_tail(emit::write_literal_cut(lines_.tail(), negative, digits, cut));
}

bool RowStage::put_text(std::string_view bytes, bool padded) {
    reserve(2 * bytes.size() + emit::kCopyTextSlack);
    begin_field(ast::StorageClass::Text);
    const emit::CopyText written = emit::write_copy_text(lines_.tail(), bytes, padded);
    lines_.set_tail(written.end);
    return written.plain_ascii;
}

void RowStage::put_blob_hex(std::string_view hex, bool padded) {
    reserve(hex.size() + 3 + byte_vectors::kPadding);
    begin_field(ast::StorageClass::Blob);
    lines_.append("\\\\x");
    // Hex digits as bytea's COPY spelling has them: lower case (`c | 0x20` maps A–F to a–f, keeps digits).
    // Sixteen at a time, the last ones too when the literal is padded (what is stored past them is overwritten
    // or unused).
    char* const out = lines_.tail();
    std::size_t i = 0;
    for (; i + 16 <= hex.size() || (padded && i < hex.size()); i += 16)
        byte_vectors::store(out + i, byte_vectors::load(hex.data() + i) | 0x20);
    for (; i < hex.size(); ++i) out[i] = static_cast<char>(hex[i] | 0x20);
    lines_.set_tail(out + hex.size());
}

void RowStage::put_value(const ast::Value& v) {
    scratch_.clear();
    emit::append_copy_field(scratch_, v, emit::natural_copy_type(v.storage));
    reserve(scratch_.size());
    begin_field(v.storage);
    lines_.append(scratch_);
}

void RowStage::end_row() {
    reserve(0);
    lines_.push('\n');
    fields_in_row_ = 0;
    ++rows_;
}

void RowStage::append(std::span<const ast::Value> row) {
    for (const ast::Value& v : row) put_value(v);
    end_row();
}

void RowStage::take(RowStage& other) {
    if (overflow_ == Overflow::Spill && other.lines_pool_ && !other.lines_.empty() &&
        other.lines_.capacity() == other.lines_pool_->capacity()) {
        const std::size_t size = other.lines_.size();
        lent_.push_back({lines_.size(), other.lines_.release(), size, other.lines_pool_});
        lent_bytes_ += size;
    } else {
        append_spilling(lines_, other.lines_.view());
    }
    append_spilling(tags_, other.tags_.view());
    if (classes_.size() < other.classes_.size()) classes_.resize(other.classes_.size());
    for (std::size_t c = 0; c < other.classes_.size(); ++c) classes_[c] |= other.classes_[c];
    rows_ += other.rows_;
    other.discard();
    // Lent lines count towards the memory limit as the rest do.
    if (lent_bytes_ != 0 && lines_.size() + lent_bytes_ > memory_limit_) spill();
}

void RowStage::append_spilling(StageBuffer& buffer, std::string_view bytes) {
    while (!bytes.empty()) {
        // (The first use allocates the buffers; a full one is spilled.)
        if (buffer.size() == buffer.capacity()) make_room(1);
        const std::size_t take = std::min(bytes.size(), buffer.capacity() - buffer.size());
        buffer.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
    }
}

void RowStage::make_room(std::size_t n) {
    if (lines_.capacity() < memory_limit_ || tags_.capacity() < memory_limit_ / 4) {
        // First use: the buffers are allocated once, at the limit (tags take a byte per value: a quarter);
        // again after the lines were lent, from their pool.
        if (lines_pool_ && lines_.capacity() == 0) lines_.adopt(lines_pool_->get(), lines_pool_->capacity());
        lines_.allocate(memory_limit_);
        tags_.allocate(std::max<std::size_t>(memory_limit_ / 4, 64));
    }
    if (lines_.size() + n <= lines_.capacity() && tags_.size() < tags_.capacity()) return;
    if (overflow_ == Overflow::Grow) {
        lines_.allocate(std::max(2 * lines_.capacity(), lines_.size() + n));
        tags_.allocate(2 * tags_.capacity());
        return;
    }
    if (!lines_.empty() || !tags_.empty()) spill();
    // A value larger than the limit: the buffer grows to hold it.
    if (n > lines_.capacity()) lines_.allocate(n);
}

void RowStage::spill() {
    if (!lines_file_) {
        lines_file_ = open_spill_file();
        tags_file_ = open_spill_file();
    }
    spilled_bytes_ += lines_.size() + lent_bytes_;
    write_lines_to(lines_file_);
    write_to(tags_file_, tags_.view());
    lines_.clear();
    tags_.clear();
}

void RowStage::write_lines_to(std::FILE* file) {
    io::for_each_in_order(
        lines_.view(), lent_, [&](std::string_view piece) { write_to(file, piece); },
        [&](const io::LentBytes& part) { write_to(file, std::string_view(part.bytes.get(), part.size)); });
    give_back_lent();
}

void RowStage::gather_lent() {
    if (lent_.empty()) return;
    StageBuffer gathered;
    gathered.allocate(std::max(lines_.capacity(), lines_.size() + lent_bytes_));
    io::for_each_in_order(
        lines_.view(), lent_, [&](std::string_view piece) { gathered.append(piece); },
        [&](const io::LentBytes& part) { gathered.append(std::string_view(part.bytes.get(), part.size)); });
    lines_ = std::move(gathered);
    give_back_lent();
}

void RowStage::give_back_lent() {
    for (io::LentBytes& part : lent_) part.pool->put(std::move(part.bytes));
    lent_.clear();
    lent_bytes_ = 0;
}

void RowStage::discard() {
    if (lines_file_) std::fclose(lines_file_);
    if (tags_file_) std::fclose(tags_file_);
    lines_file_ = tags_file_ = nullptr;
    lines_.clear();
    tags_.clear();
    give_back_lent();
    classes_.clear();
    rows_ = 0;
    spilled_bytes_ = 0;
    fields_in_row_ = 0;
}

std::vector<std::size_t> RowStage::columns_to_respell(std::span<const pg::Type> types) const {
    std::vector<std::size_t> respell;
    for (std::size_t c = 0; c < types.size() && c < classes_.size(); ++c)
        for (unsigned storage = 0; storage < 5; ++storage)
            if ((classes_[c] >> storage & 1) &&
                !emit::copy_spelling_is_natural(types[c], static_cast<ast::StorageClass>(storage))) {
                respell.push_back(c);
                break;
            }
    return respell;
}

void RowStage::write_copy(io::OutputWriter& out, std::span<const pg::Type> types) {
    const std::vector<std::size_t> respelled = columns_to_respell(types);
    if (respelled.empty()) {
        if (lines_file_) {
            // The rows go out as one file, which the output's writing thread sends on by itself.
            write_lines_to(lines_file_);
            rewind_for_reading(lines_file_);
            out.write_file(std::exchange(lines_file_, nullptr));
        } else if (!lent_.empty() || lines_.size() >= kHandOverBytes) {
            std::vector<io::LentBytes> lent = std::exchange(lent_, {});
            lent_bytes_ = 0;
            lines_.hand_to(out, std::move(lent));
        } else {
            out.write(lines_.view());
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
    StagedRow row;
    ast::Value value;
    while (cursor.next(row)) {
        const char* const end = row.line.data() + row.line.size();
        const char* copied_to = row.line.data();
        const char* field = row.line.data();  // start of field `column`
        std::size_t column = 0;
        for (const std::size_t c : respelled) {
            for (; column < c; ++column) {
                const void* tab = std::memchr(field, '\t', static_cast<std::size_t>(end - field));
                if (!tab) throw std::runtime_error("staged row has too few fields");
                field = static_cast<const char*>(tab) + 1;
            }
            const void* tab = std::memchr(field, '\t', static_cast<std::size_t>(end - field));
            const char* const field_end = tab ? static_cast<const char*>(tab) : end;
            pending.append(copied_to, static_cast<std::size_t>(field - copied_to));
            decode({static_cast<ast::StorageClass>(row.tags[c]), {field, static_cast<std::size_t>(field_end - field)}}, value);
            emit::append_copy_field(pending, value, types[c]);
            copied_to = field_end;
        }
        pending.append(copied_to, static_cast<std::size_t>(end - copied_to));
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
        case ast::StorageClass::Text: emit::decode_copy_text(t, out.bytes); return;
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
        stage_.gather_lent();
        lines_ = stage_.lines_.view();
        tags_ = stage_.tags_.view();
    }
}

RowStage::Cursor::~Cursor() { stage_.discard(); }

bool RowStage::Cursor::fill_line(std::string_view& line) {
    bool pieced = false;
    line_.clear();
    for (;;) {
        const char* at = lines_.data() + line_pos_;
        const std::size_t left = lines_.size() - line_pos_;
        // (Nothing read yet from a spill file: no buffer at all, which memchr must not be given.)
        if (const void* nl = left == 0 ? nullptr : std::memchr(at, '\n', left)) {
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
        if (left != 0) line_.append(at, left);
        pieced = true;
        if (!stage_.lines_file_) return false;
        read_block(stage_.lines_file_, lines_block_);
        lines_ = lines_block_;
        line_pos_ = 0;
        if (lines_.empty()) return false;
    }
}

void RowStage::Cursor::fill_tags(std::string_view& tags) {
    if (tags_.size() - tag_pos_ >= width_) {
        tags = tags_.substr(tag_pos_, width_);
        tag_pos_ += width_;
        return;
    }
    tag_row_.clear();
    while (tag_row_.size() < width_) {
        if (tag_pos_ == tags_.size()) {
            if (!stage_.tags_file_) throw std::runtime_error("staged rows end early");
            read_block(stage_.tags_file_, tags_block_);
            tags_ = tags_block_;
            tag_pos_ = 0;
            if (tags_.empty()) throw std::runtime_error("staged rows end early");
        }
        const std::size_t take = std::min(width_ - tag_row_.size(), tags_.size() - tag_pos_);
        tag_row_.append(tags_.substr(tag_pos_, take));
        tag_pos_ += take;
    }
    tags = tag_row_;
}

bool RowStage::Cursor::next(StagedRow& row) {
    if (left_ == 0) return false;
    --left_;
    if (!fill_line(row.line)) throw std::runtime_error("staged rows end early");
    fill_tags(row.tags);
    return true;
}

void StagedRow::split(std::vector<StagedField>& fields) const {
    fields.resize(tags.size());
    std::size_t start = 0;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const std::size_t end = i + 1 == tags.size() ? line.size() : line.find('\t', start);
        if (end == std::string_view::npos) throw std::runtime_error("staged row has too few fields");
        fields[i] = {static_cast<ast::StorageClass>(tags[i]), line.substr(start, end - start)};
        start = end + 1;
    }
}

}  // namespace sqlite2pg::pipeline
