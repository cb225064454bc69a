#pragma once
// Fuzz inputs as files: the converter reads paths (io::InputReader opens a file), so each input is put in
// an anonymous in-memory file (memfd) and handed over as /proc/self/fd/N.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

namespace sqlite2pg::fuzz {

/// An anonymous in-memory file holding a copy of some bytes; closed when destroyed.
class MemoryFile {
public:
    /// Creates the file and writes `size` bytes of `data` into it.
    MemoryFile(const std::uint8_t* data, std::size_t size) {
        fd_ = ::memfd_create("sqlite2pg-fuzz", MFD_CLOEXEC);
        if (fd_ < 0) throw std::runtime_error("memfd_create failed");
        std::size_t written = 0;
        while (written < size) {
            ssize_t n = ::write(fd_, data + written, size - written);
            if (n <= 0) throw std::runtime_error("writing the memfd failed");
            written += static_cast<std::size_t>(n);
        }
    }
    /// Closes the file (its memory is freed with the last descriptor).
    ~MemoryFile() { ::close(fd_); }
    /// Not copyable: owns a file descriptor.
    MemoryFile(const MemoryFile&) = delete;
    /// Not copyable: owns a file descriptor.
    MemoryFile& operator=(const MemoryFile&) = delete;

    /// A path that opens the file afresh, reading from its first byte.
    std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

private:
    int fd_ = -1;
};

}  // namespace sqlite2pg::fuzz
