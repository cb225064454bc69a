#include "pipeline/row_stage.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace sqlite2pg::pipeline {
namespace {

// Encoding: one tag byte per value (the StorageClass), then 8 bytes for INTEGER and REAL, or a LEB128
// length and the bytes for TEXT and BLOB.
void put_length(std::string& out, std::uint64_t n) {
    do {
        unsigned char b = n & 0x7F;
        n >>= 7;
        out += static_cast<char>(b | (n ? 0x80 : 0));
    } while (n);
}

/// Bytes one value takes in the encoding (at most; the length prefix is counted at its largest).
std::size_t encoded_size(const ast::Value& v) {
    switch (v.storage) {
        case ast::StorageClass::Null: return 1;
        case ast::StorageClass::Integer:
        case ast::StorageClass::Real: return 9;
        case ast::StorageClass::Text:
        case ast::StorageClass::Blob: return 11 + v.bytes.size();
    }
    return 1;
}

/// Reads the staged bytes back: from memory, or from the temporary file in large blocks.
class Reader {
public:
    Reader(std::FILE* file, const std::string& memory) : file_(file) {
        if (!file_) view_ = memory;
    }

    void read(void* into, std::size_t n) {
        auto* out = static_cast<char*>(into);
        while (n > 0) {
            if (pos_ == view_.size()) refill();
            const std::size_t take = std::min(n, view_.size() - pos_);
            std::memcpy(out, view_.data() + pos_, take);
            pos_ += take;
            out += take;
            n -= take;
        }
    }
    unsigned char byte() {
        if (pos_ == view_.size()) refill();
        return static_cast<unsigned char>(view_[pos_++]);
    }
    std::uint64_t length() {
        std::uint64_t n = 0;
        for (int shift = 0;; shift += 7) {
            const unsigned char b = byte();
            n |= std::uint64_t(b & 0x7F) << shift;
            if (!(b & 0x80)) return n;
        }
    }

private:
    void refill() {
        constexpr std::size_t kBlock = std::size_t{1} << 20;
        if (!file_) throw std::runtime_error("staged rows end early");
        block_.resize(kBlock);
        const std::size_t got = std::fread(block_.data(), 1, kBlock, file_);
        if (got == 0) throw std::system_error(errno, std::generic_category(), "cannot read staged rows back");
        view_ = std::string_view(block_.data(), got);
        pos_ = 0;
    }

    std::FILE* file_;
    std::string block_;
    std::string_view view_;
    std::size_t pos_ = 0;
};

}  // namespace

RowStage::~RowStage() {
    if (file_) std::fclose(file_);
}

void RowStage::append(std::span<const ast::Value> row) {
    // Spill before the buffer would have to grow past the limit: growing a string copies it into one twice
    // the size, which would double the memory the stage holds at its peak.
    std::size_t size = 0;
    for (const ast::Value& v : row) size += encoded_size(v);
    if (buffer_.capacity() < memory_limit_) buffer_.reserve(memory_limit_);
    if (buffer_.size() + size > buffer_.capacity() && !buffer_.empty()) spill();
    for (const ast::Value& v : row) {
        buffer_ += static_cast<char>(v.storage);
        switch (v.storage) {
            case ast::StorageClass::Null: break;
            case ast::StorageClass::Integer: buffer_.append(reinterpret_cast<const char*>(&v.integer), 8); break;
            case ast::StorageClass::Real: buffer_.append(reinterpret_cast<const char*>(&v.real), 8); break;
            case ast::StorageClass::Text:
            case ast::StorageClass::Blob:
                put_length(buffer_, v.bytes.size());
                buffer_ += v.bytes;
                break;
        }
    }
    ++rows_;
}

void RowStage::spill() {
    if (!file_) {
        file_ = std::tmpfile();
        if (!file_) throw std::system_error(errno, std::generic_category(), "cannot create a temporary file for staged rows");
    }
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
        throw std::system_error(errno, std::generic_category(), "cannot write staged rows to a temporary file");
    buffer_.clear();
}

void RowStage::drain(std::size_t width, const std::function<void(std::span<const ast::Value>)>& each) {
    if (file_) {
        spill();
        if (std::fflush(file_) != 0) throw std::system_error(errno, std::generic_category(), "cannot write staged rows to a temporary file");
        std::rewind(file_);
    }
    Reader reader(file_, buffer_);
    row_.resize(width);
    for (std::uint64_t r = 0; r < rows_; ++r) {
        for (ast::Value& v : row_) {
            v.storage = static_cast<ast::StorageClass>(reader.byte());
            switch (v.storage) {
                case ast::StorageClass::Null: break;
                case ast::StorageClass::Integer: reader.read(&v.integer, 8); break;
                case ast::StorageClass::Real: reader.read(&v.real, 8); break;
                case ast::StorageClass::Text:
                case ast::StorageClass::Blob:
                    v.bytes.resize(reader.length());
                    reader.read(v.bytes.data(), v.bytes.size());
                    break;
            }
        }
        each(row_);
    }
    if (file_) {
        std::fclose(file_);
        file_ = nullptr;
    }
    buffer_.clear();
    rows_ = 0;
}

}  // namespace sqlite2pg::pipeline
