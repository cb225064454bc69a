#include "io/input_reader.hpp"

#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqlite2pg::io {

namespace {

[[noreturn]] void throw_errno(int err, const std::string& what) {
    throw std::system_error(err, std::generic_category(), what);
}

}  // namespace

InputReader::InputReader(const std::string& path) {
    if (path == "-") {
        fd_ = STDIN_FILENO;
        display_name_ = "<stdin>";
    } else {
        do {
            fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        } while (fd_ < 0 && errno == EINTR);
        if (fd_ < 0) throw_errno(errno, "cannot open '" + path + "'");
        owns_fd_ = true;
        display_name_ = path;
    }
    struct stat st {};
    if (::fstat(fd_, &st) == 0) {
        // open(2) succeeds on a directory and read(2) then fails with EISDIR; say so up front instead.
        if (S_ISDIR(st.st_mode)) {
            if (owns_fd_) ::close(fd_);
            throw_errno(EISDIR, "cannot read '" + path + "'");
        }
        if (S_ISREG(st.st_mode)) size_ = static_cast<std::uint64_t>(st.st_size);
    }
#ifdef POSIX_FADV_SEQUENTIAL
    // A hint only: larger kernel read-ahead for the one front-to-back pass we make.
    if (size_) ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
}

InputReader::~InputReader() {
    if (owns_fd_) ::close(fd_);
}

std::size_t InputReader::read(char* buffer, std::size_t capacity) {
    if (capacity == 0) return 0;
    for (;;) {
        ssize_t n = ::read(fd_, buffer, capacity);
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno != EINTR) throw_errno(errno, "cannot read '" + display_name_ + "'");
    }
}

}  // namespace sqlite2pg::io
