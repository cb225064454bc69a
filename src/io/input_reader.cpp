#include "io/input_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqlite2pg::io {

namespace {

[[noreturn]] void throw_errno(int err, const std::string& what) {
    throw std::system_error(err, std::generic_category(), what);
}

}  // namespace

InputReader::InputReader(const std::string& path, LineEnds line_ends) : line_ends_(line_ends) {
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
        identity_ = {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
        // open(2) succeeds on a directory and read(2) then fails with EISDIR; say so up front instead.
        if (S_ISDIR(st.st_mode)) {
            if (owns_fd_) ::close(fd_);
            throw_errno(EISDIR, "cannot read '" + path + "'");
        }
        if (S_ISREG(st.st_mode)) size_ = static_cast<std::uint64_t>(st.st_size);
#ifdef F_SETPIPE_SZ
        // `sqlite3 .dump | sqlite2pg`: a pipe of 1 MiB instead of 64 KiB lets sqlite3 write on while a chunk is
        // converted, and halves the wake-ups of both programs. A hint only: the system may refuse it.
        if (S_ISFIFO(st.st_mode)) ::fcntl(fd_, F_SETPIPE_SZ, 1 << 20);
#endif
        is_pipe_ = S_ISFIFO(st.st_mode);
    }
#ifdef POSIX_FADV_SEQUENTIAL
    // A hint only: larger kernel read-ahead for the one front-to-back pass we make.
    if (size_) ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
}

InputReader::~InputReader() {
    if (owns_fd_) ::close(fd_);
}

std::size_t InputReader::read_raw(char* buffer, std::size_t capacity) {
    std::size_t got = 0;
    for (int pauses = 0;; ++pauses) {
        ssize_t n = ::read(fd_, buffer + got, capacity - got);
        if (n < 0) {
            if (errno != EINTR) throw_errno(errno, "cannot read '" + display_name_ + "'");
            continue;
        }
        got += static_cast<std::size_t>(n);
        // A writer such as sqlite3 writes a pipe 4 KiB at a time; reading each piece as it comes would wake
        // both programs fifty thousand times for 200 MB. After a short read, a millisecond's pause lets the
        // pipe fill (it holds 1 MiB) and the next read takes it all. A few pauses at most: a slow writer's
        // bytes are not held back for long.
        if (!is_pipe_ || n == 0 || got >= capacity / 4 || pauses == 4) return got;
        const timespec pause{0, 1'000'000};
        ::nanosleep(&pause, nullptr);
    }
}

std::size_t InputReader::read_decoded(char* buffer, std::size_t capacity) {
    if (!detected_) detect_encoding();
    if (utf16_ && pending_pos_ == pending_.size()) decode_more();
    if (pending_pos_ < pending_.size()) {
        std::size_t n = std::min(capacity, pending_.size() - pending_pos_);
        std::memcpy(buffer, pending_.data() + pending_pos_, n);
        pending_pos_ += n;
        // Undecoded input: the rest of the buffer is filled as if the first bytes had never been set aside.
        if (!utf16_ && n < capacity) n += read_raw(buffer + n, capacity - n);
        return n;
    }
    return read_raw(buffer, capacity);
}

std::string_view InputReader::decoded_from() const {
    if (!utf16_) return {};
    return big_endian_ ? "UTF-16BE" : "UTF-16LE";
}

void InputReader::detect_encoding() {
    detected_ = true;
    char head[2];
    std::size_t n = 0;
    while (n < 2) {
        std::size_t got = read_raw(head + n, 2 - n);
        if (got == 0) break;
        n += got;
    }
    const bool le = n == 2 && head[0] == '\xFF' && head[1] == '\xFE';
    const bool be = n == 2 && head[0] == '\xFE' && head[1] == '\xFF';
    if (le || be) {
        big_endian_ = be;
        utf16_.emplace(be);
        raw_ = std::make_unique_for_overwrite<char[]>(kChunkSize);
    } else {
        pending_.assign(head, n);
    }
}

void InputReader::decode_more() {
    pending_.clear();
    pending_pos_ = 0;
    while (pending_.empty()) {
        std::size_t n = read_raw(raw_.get(), kChunkSize);
        if (n == 0) {
            utf16_->finish();
            return;
        }
        utf16_->decode(std::string_view(raw_.get(), n), pending_);
    }
}

void InputReader::seek(std::uint64_t offset) {
    if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) throw_errno(errno, "cannot seek in '" + display_name_ + "'");
    held_cr_ = false;
    lookahead_.reset();
    detected_ = true;
    pending_.clear();
    pending_pos_ = 0;
}

std::size_t InputReader::read_at(std::uint64_t offset, char* buffer, std::size_t capacity) const {
    for (;;) {
        const ssize_t n = ::pread(fd_, buffer, capacity, static_cast<off_t>(offset));
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno != EINTR) throw_errno(errno, "cannot read '" + display_name_ + "'");
    }
}

std::size_t InputReader::read_next(char* buffer, std::size_t capacity) {
    if (capacity == 0) return 0;
    if (line_ends_ == LineEnds::AsIs) return read_decoded(buffer, capacity);
    for (;;) {
        // A CR held back from the last read goes first; the byte after it decides whether it stays.
        std::size_t n = 0;
        if (held_cr_) {
            buffer[n++] = '\r';
            held_cr_ = false;
            if (n == capacity) {
                char next = 0;
                if (lookahead_) next = *std::exchange(lookahead_, std::nullopt);
                else if (read_decoded(&next, 1) == 0) return 1;  // a CR at the very end stays
                if (next == '\n') {
                    ++crlf_count_;
                    buffer[0] = '\n';
                } else {
                    lookahead_ = next;
                }
                return 1;
            }
        }
        if (lookahead_) buffer[n++] = *std::exchange(lookahead_, std::nullopt);
        bool eof = false;
        if (n < capacity) {
            const std::size_t got = read_decoded(buffer + n, capacity - n);
            eof = got == 0;
            n += got;
        }
        // Drop each CR that an LF follows, in place; memchr keeps a dump without CRs at full speed.
        if (char* out = static_cast<char*>(std::memchr(buffer, '\r', n))) {
            const char* in = out;
            const char* const end = buffer + n;
            while (in != end) {
                if (*in == '\r' && in + 1 != end && in[1] == '\n') {
                    ++crlf_count_;
                    ++in;
                    continue;
                }
                *out++ = *in++;
            }
            n = static_cast<std::size_t>(out - buffer);
        }
        if (!eof && n > 0 && buffer[n - 1] == '\r') {
            held_cr_ = true;
            --n;
        }
        if (n > 0 || eof) return n;
    }
}

}  // namespace sqlite2pg::io
