#include "pipeline/row_stage.hpp"

#include <cerrno>
#include <cstring>
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

class Reader {
public:
    Reader(std::FILE* file, const std::string& memory) : file_(file), memory_(memory) {}

    void read(void* into, std::size_t n) {
        if (file_) {
            if (std::fread(into, 1, n, file_) != n) throw std::system_error(errno, std::generic_category(), "staging file");
            return;
        }
        std::memcpy(into, memory_.data() + pos_, n);
        pos_ += n;
    }
    std::uint64_t length() {
        std::uint64_t n = 0;
        for (int shift = 0;; shift += 7) {
            unsigned char b;
            read(&b, 1);
            n |= std::uint64_t(b & 0x7F) << shift;
            if (!(b & 0x80)) return n;
        }
    }

private:
    std::FILE* file_;
    const std::string& memory_;
    std::size_t pos_ = 0;
};

}  // namespace

RowStage::~RowStage() {
    if (file_) std::fclose(file_);
}

void RowStage::append(std::span<const ast::Value> row) {
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
    if (buffer_.size() >= memory_limit_) spill();
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
        std::rewind(file_);
    }
    Reader reader(file_, buffer_);
    row_.resize(width);
    for (std::uint64_t r = 0; r < rows_; ++r) {
        for (ast::Value& v : row_) {
            unsigned char tag;
            reader.read(&tag, 1);
            v.storage = static_cast<ast::StorageClass>(tag);
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
