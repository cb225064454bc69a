#include "io/output_writer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace sqlite2pg::io {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

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
#ifdef F_SETPIPE_SZ
    // `sqlite2pg | psql`: a 1 MiB pipe takes a whole output buffer at once (a hint: the system may refuse).
    if (is_pipe_) ::fcntl(fd_, F_SETPIPE_SZ, 1 << 20);
#endif
    buffer_ = std::make_unique_for_overwrite<char[]>(kBufferBytes);
    capacity_ = kBufferBytes;
}

OutputWriter::~OutputWriter() {
    // Errors were reported by close(); a destructor running during unwinding must not throw.
    try {
        if (fd_ >= 0) hand_over();
    } catch (...) {
    }
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    work_.notify_one();
    if (thread_.joinable()) thread_.join();
    if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

void OutputWriter::write_slow(std::string_view bytes) {
    // Through the buffers, so that a large piece of output still waits in memory no more than kQueuedBytes.
    while (!bytes.empty()) {
        if (used_ == capacity_) hand_over();
        const std::size_t take = std::min(bytes.size(), capacity_ - used_);
        std::memcpy(buffer_.get() + used_, bytes.data(), take);
        used_ += take;
        bytes.remove_prefix(take);
    }
}

void OutputWriter::write_file(std::FILE* file) {
    hand_over();
    Chunk chunk;
    chunk.file.reset(file);
    enqueue(std::move(chunk));
}

std::unique_ptr<char[]> OutputWriter::exchange(std::unique_ptr<char[]> buffer, std::size_t size,
                                               std::size_t capacity, std::vector<LentBytes> lent) {
    hand_over();
    std::unique_ptr<char[]> back;
    {
        std::unique_lock lock(mutex_);
        progress_.wait(lock, [&] { return !exchanged_in_flight_ || error_ != 0; });
        if (exchanged_spare_capacity_ == capacity) back = std::move(exchanged_spare_);
        exchanged_spare_.reset();
        exchanged_in_flight_ = true;
    }
    // The buffer's pieces point into it; the last chunk, which writes nothing, holds it, so it outlives them.
    // All are queued at once: the writing thread is woken once for them, not for each.
    std::vector<Chunk> chunks;
    chunks.reserve(2 * lent.size() + 2);
    for_each_in_order(
        std::string_view(buffer.get(), size), lent,
        [&](std::string_view piece) {
            if (piece.empty()) return;
            Chunk& chunk = chunks.emplace_back();
            chunk.data = piece.data();
            chunk.size = piece.size();
        },
        [&](LentBytes& part) {
            Chunk& chunk = chunks.emplace_back();
            chunk.bytes = std::move(part.bytes);
            chunk.size = part.size;
            chunk.lent_from = std::move(part.pool);
        });
    Chunk& holder = chunks.emplace_back();
    holder.bytes = std::move(buffer);
    holder.data = holder.bytes.get();
    holder.exchanged_capacity = capacity;
    enqueue(chunks);
    if (!back) back = std::make_unique_for_overwrite<char[]>(capacity);
    return back;
}

void OutputWriter::push() { hand_over(); }

void OutputWriter::flush() {
    hand_over();
    std::unique_lock lock(mutex_);
    progress_.wait(lock, [&] { return (queue_.empty() && !busy_) || error_ != 0; });
    rethrow_locked();
}

void OutputWriter::close() {
    flush();
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    work_.notify_one();
    if (thread_.joinable()) thread_.join();
    if (owns_fd_) {
        int fd = fd_;
        fd_ = -1;
        owns_fd_ = false;
        if (::close(fd) != 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path_);
    }
}

bool OutputWriter::reader_gone() const {
    if (!is_pipe_ || fd_ < 0) return false;
    {
        std::lock_guard lock(mutex_);
        if (error_ == EPIPE) return true;
    }
    // poll(2) reports POLLERR on the writing end of a pipe whose reading end is closed.
    pollfd p{fd_, POLLOUT, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLERR) != 0;
}

void OutputWriter::hand_over() {
    if (used_ == 0) return;
    Chunk chunk;
    chunk.bytes = std::move(buffer_);
    chunk.size = std::exchange(used_, 0);
    {
        std::lock_guard lock(mutex_);
        if (!spare_.empty()) {
            buffer_ = std::move(spare_.back());
            spare_.pop_back();
        }
    }
    if (!buffer_) buffer_ = std::make_unique_for_overwrite<char[]>(kBufferBytes);
    enqueue(std::move(chunk));
}

void OutputWriter::enqueue(std::span<Chunk> chunks) {
    std::size_t size = 0;
    for (const Chunk& chunk : chunks) size += chunk.size;
    {
        std::unique_lock lock(mutex_);
        rethrow_locked();
        progress_.wait(lock, [&] { return queued_bytes_ + size <= kQueuedBytes || queued_bytes_ == 0 || error_ != 0; });
        rethrow_locked();
        queued_bytes_ += size;
        for (Chunk& chunk : chunks) queue_.push_back(std::move(chunk));
        if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
    }
    work_.notify_one();
}

void OutputWriter::rethrow_locked() const {
    if (error_ == 0) return;
    if (error_ == EPIPE) throw BrokenPipe();
    throw std::system_error(error_, std::generic_category(), "cannot write " + path_);
}

void OutputWriter::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        work_.wait(lock, [&] { return !queue_.empty() || stop_; });
        if (queue_.empty()) return;
        Chunk chunk = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        const bool failed = error_ != 0;  // after a failed write the rest is dropped, files closed
        lock.unlock();
        int error = 0;
        if (!failed) {
            try {
                write_chunk(chunk);
            } catch (const std::system_error& e) {
                error = e.code().value();
            }
        }
        chunk.file.reset();
        if (chunk.lent_from) chunk.lent_from->put(std::move(chunk.bytes));
        lock.lock();
        busy_ = false;
        if (error != 0 && error_ == 0) error_ = error;
        queued_bytes_ -= chunk.size;
        if (chunk.exchanged_capacity != 0) {
            exchanged_spare_ = std::move(chunk.bytes);
            exchanged_spare_capacity_ = chunk.exchanged_capacity;
            exchanged_in_flight_ = false;
        } else if (chunk.bytes && spare_.size() < 2) {
            spare_.push_back(std::move(chunk.bytes));
        }
        progress_.notify_all();
    }
}

void OutputWriter::write_chunk(const Chunk& chunk) {
    if (!chunk.file) {
        write_all(chunk.data ? chunk.data : chunk.bytes.get(), chunk.size);
        return;
    }
    // A file goes from the page cache to the output by sendfile(2), without a copy through this process;
    // where the kernel cannot (an output it does not support), by read and write.
    const int in = ::fileno(chunk.file.get());
    off_t offset = 0;
    for (;;) {
        const ssize_t n = ::sendfile(fd_, in, &offset, std::size_t{1} << 30);
        if (n > 0) continue;
        if (n == 0) return;
        if (errno == EINTR) continue;
        if (errno == EINVAL || errno == ENOSYS) break;
        throw std::system_error(errno, std::generic_category(), "cannot write " + path_);
    }
    const auto block = std::make_unique_for_overwrite<char[]>(kBufferBytes);
    for (;;) {
        const ssize_t n = ::pread(in, block.get(), kBufferBytes, offset);
        if (n == 0) return;
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "cannot read staged rows back");
        }
        write_all(block.get(), static_cast<std::size_t>(n));
        offset += n;
    }
}

void OutputWriter::write_all(const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd_, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "cannot write " + path_);
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

}  // namespace sqlite2pg::io
