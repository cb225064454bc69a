#pragma once
// Buffered output to a file or standard output: large write(2) calls, no iostreams on the hot path.
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace sqlite2pg::io {

/// Writes to `path`, or standard output for "-". Bytes are collected in a buffer and written in large
/// blocks; `flush()` pushes them out (the pipeline flushes at table boundaries so that output flows).
class OutputWriter {
public:
    /// Opens (creates, truncates) `path`; throws std::system_error naming it on failure.
    explicit OutputWriter(const std::string& path);
    ~OutputWriter();
    OutputWriter(const OutputWriter&) = delete;
    OutputWriter& operator=(const OutputWriter&) = delete;

    void write(std::string_view bytes) {
        if (bytes.size() > capacity_ - used_) {
            write_slow(bytes);
            return;
        }
        std::memcpy(buffer_ + used_, bytes.data(), bytes.size());
        used_ += bytes.size();
    }
    void put(char c) {
        if (used_ == capacity_) flush();
        buffer_[used_++] = c;
    }
    /// Writes everything buffered; throws std::system_error on a write error.
    void flush();
    /// Flushes and closes; reports close errors (a full disk shows up here for files).
    void close();

private:
    void write_slow(std::string_view bytes);

    int fd_ = -1;
    bool owns_fd_ = false;
    std::string path_;
    char* buffer_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t used_ = 0;
};

}  // namespace sqlite2pg::io
