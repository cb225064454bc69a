#include "io/output_writer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace sqlite2pg::io {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

void write_all(int fd, const char* data, std::size_t size, const std::string& path) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EPIPE) throw BrokenPipe();
            throw std::system_error(errno, std::generic_category(), "cannot write " + path);
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

}  // namespace

OutputWriter::OutputWriter(const std::string& path) : path_(path == "-" ? "<stdout>" : path) {
    if (path == "-") {
        fd_ = STDOUT_FILENO;
    } else {
        fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + path);
        owns_fd_ = true;
    }
    struct stat st {};
    is_pipe_ = ::fstat(fd_, &st) == 0 && S_ISFIFO(st.st_mode);
    buffer_ = new char[kBufferBytes];
    capacity_ = kBufferBytes;
}

OutputWriter::~OutputWriter() {
    // Errors were reported by close(); a destructor running during unwinding must not throw.
    try {
        if (fd_ >= 0) flush();
    } catch (...) {
    }
    if (owns_fd_ && fd_ >= 0) ::close(fd_);
    delete[] buffer_;
}

void OutputWriter::flush() {
    if (used_ == 0) return;
    std::size_t n = used_;
    used_ = 0;
    write_all(fd_, buffer_, n, path_);
}

void OutputWriter::close() {
    flush();
    if (owns_fd_) {
        int fd = fd_;
        fd_ = -1;
        owns_fd_ = false;
        if (::close(fd) != 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path_);
    }
}

bool OutputWriter::reader_gone() const {
    if (!is_pipe_ || fd_ < 0) return false;
    // poll(2) reports POLLERR on the writing end of a pipe whose reading end is closed.
    pollfd p{fd_, POLLOUT, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLERR) != 0;
}

void OutputWriter::write_slow(std::string_view bytes) {
    flush();
    if (bytes.size() >= capacity_) {
        write_all(fd_, bytes.data(), bytes.size(), path_);
        return;
    }
    std::memcpy(buffer_, bytes.data(), bytes.size());
    used_ = bytes.size();
}

}  // namespace sqlite2pg::io
