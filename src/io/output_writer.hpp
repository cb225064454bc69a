#pragma once
// Buffered output to a file or standard output: large write(2) calls, no iostreams on the hot path.
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>

namespace sqlite2pg::io {

/// The reader of the output (a pipe) has gone away, e.g. `sqlite2pg big.dump | head`: not an error to
/// report, the program just stops.
class BrokenPipe : public std::system_error {
public:
    BrokenPipe() : std::system_error(EPIPE, std::generic_category(), "output closed by its reader") {}
};

/// Writes to `path`, or standard output for "-". Bytes are collected in a buffer and written in large
/// blocks; `flush()` pushes them out (the pipeline flushes at table boundaries so that output flows).
class OutputWriter {
public:
    /// Opens (creates, truncates) `path`; throws std::system_error naming it on failure.
    explicit OutputWriter(const std::string& path);
    ~OutputWriter();
    OutputWriter(const OutputWriter&) = delete;
    OutputWriter& operator=(const OutputWriter&) = delete;

    /// Appends `bytes` to the buffer, writing the buffer out when full.
    void write(std::string_view bytes) {
        if (bytes.size() > capacity_ - used_) {
            write_slow(bytes);
            return;
        }
        std::memcpy(buffer_ + used_, bytes.data(), bytes.size());
        used_ += bytes.size();
    }
    /// Appends one byte.
    void put(char c) {
        if (used_ == capacity_) flush();
        buffer_[used_++] = c;
    }
    /// Writes everything buffered; throws std::system_error on a write error.
    void flush();
    /// Flushes and closes; reports close errors (a full disk shows up here for files).
    void close();
    /// Whether the output is a pipe whose reading end has been closed: lets a conversion that has written
    /// nothing for a while (rows are staged per table) stop early instead of at its next write.
    bool reader_gone() const;

private:
    void write_slow(std::string_view bytes);

    int fd_ = -1;
    bool owns_fd_ = false;
    bool is_pipe_ = false;
    std::string path_;
    char* buffer_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t used_ = 0;
};

}  // namespace sqlite2pg::io
