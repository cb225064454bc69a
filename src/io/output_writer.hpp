#pragma once
// Buffered output to a file or standard output: large write(2) calls, no iostreams on the hot path, and
// the writing itself on a thread of its own.
//
// Why a thread: in `sqlite3 .dump | sqlite2pg | psql` the reader of our output is PostgreSQL loading rows,
// usually the slowest part. A table's rows are held back until its last row has been read (its column
// types depend on all of them), then handed over at once; if the converter wrote them itself it would wait
// for psql to take every byte before reading the next table, and the three programs would take turns
// instead of running side by side. The writing thread keeps psql fed while the next table is read.
#include <cerrno>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "io/buffer_pool.hpp"

namespace sqlite2pg::io {

/// The reader of the output (a pipe) has gone away, e.g. `sqlite2pg big.dump | head`: not an error to
/// report, the program just stops.
class BrokenPipe : public std::system_error {
public:
    BrokenPipe() : std::system_error(EPIPE, std::generic_category(), "output closed by its reader") {}
};

/// Writes to `path`, or standard output for "-". Bytes are collected in a buffer; full buffers, and whole
/// files of staged rows, are queued for the writing thread, which writes them in order. At most
/// kQueuedBytes of buffers wait in memory (then write() waits for the thread); files wait on disk.
/// A write error surfaces on the next call that hands something over, or at flush()/close().
class OutputWriter {
public:
    /// Opens (creates, truncates) `path`; throws std::system_error naming it on failure.
    explicit OutputWriter(const std::string& path);
    /// Writes what is still queued (errors are ignored here: close() reports them) and stops the thread.
    ~OutputWriter();
    OutputWriter(const OutputWriter&) = delete;
    OutputWriter& operator=(const OutputWriter&) = delete;

    /// Appends `bytes` to the buffer, handing the buffer over when full.
    void write(std::string_view bytes) {
        if (bytes.size() > capacity_ - used_) {
            write_slow(bytes);
            return;
        }
        std::memcpy(buffer_.get() + used_, bytes.data(), bytes.size());
        used_ += bytes.size();
    }
    /// Appends one byte.
    void put(char c) {
        if (used_ == capacity_) hand_over();
        buffer_[used_++] = c;
    }
    /// Hands the first `size` bytes of `buffer` (which holds `capacity`) to the writing thread as they are, after
    /// what is buffered, instead of copying them: for large pieces of output built apart (a block of staged
    /// rows). `lent` (in the order of their `after`, each at most `size`) go among them, also as they are, and
    /// back to their pools once written. Returns a buffer of `capacity` bytes to build the next piece in: the
    /// one handed over before, written by now (one such buffer at most is on its way: this waits for the last
    /// to be written first), or a new one.
    std::unique_ptr<char[]> exchange(std::unique_ptr<char[]> buffer, std::size_t size, std::size_t capacity,
                                     std::vector<LentBytes> lent = {});
    /// Appends the whole content of `file` at this point of the output. The writer takes the file over: it
    /// reads it from its start (the caller has flushed it) and closes it once written.
    void write_file(std::FILE* file);
    /// Hands what is buffered to the writing thread without waiting for it to be written (the pipeline
    /// pushes at table boundaries, so that output flows).
    void push();
    /// Writes everything handed over or buffered and waits until it is written; throws std::system_error
    /// (BrokenPipe for a closed pipe) if a write failed.
    void flush();
    /// Flushes and closes; reports close errors (a full disk shows up here for files).
    void close();
    /// Whether the output is a pipe whose reading end has been closed: lets a conversion that has written
    /// nothing for a while (rows are staged per table) stop early instead of at its next write.
    bool reader_gone() const;

    /// Bytes of buffers that may wait for the writing thread.
    static constexpr std::size_t kQueuedBytes = std::size_t{8} << 20;

private:
    /// Closes a handed-over file once written.
    struct CloseFile {
        void operator()(std::FILE* file) const { std::fclose(file); }
    };
    /// One piece of output, in order: `size` bytes of a buffer (from `data`, or else from its start), or a whole
    /// file. A piece of a buffer handed over by exchange() that a later chunk holds has no `bytes` of its own.
    struct Chunk {
        std::unique_ptr<char[]> bytes;
        const char* data = nullptr;
        std::size_t size = 0;
        std::size_t exchanged_capacity = 0;  ///< a buffer given by exchange(): its capacity, else 0
        std::shared_ptr<BufferPool> lent_from;  ///< lent bytes (LentBytes): where `bytes` goes back to
        std::unique_ptr<std::FILE, CloseFile> file;
    };

    /// write() for bytes that do not fit the buffer: through the buffers, handing each over when full.
    void write_slow(std::string_view bytes);
    /// Queues the buffer (if it holds anything) and takes an empty one.
    void hand_over();
    /// Queues `chunks` in order, starting the thread on first use; waits while too many buffers are queued.
    void enqueue(std::span<Chunk> chunks);
    void enqueue(Chunk chunk) { enqueue(std::span<Chunk>(&chunk, 1)); }
    /// Throws what the writing thread met, if anything. Called with mutex_ held.
    void rethrow_locked() const;
    /// The writing thread: takes chunks off the queue in order until stop_ and an empty queue.
    void run();
    /// Writes one chunk to the output (on the writing thread); throws std::system_error.
    void write_chunk(const Chunk& chunk);
    /// write(2) until all of `data` is out; throws std::system_error.
    void write_all(const char* data, std::size_t size);

    int fd_ = -1;
    bool owns_fd_ = false;
    bool is_pipe_ = false;
    std::string path_;
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
    std::size_t used_ = 0;

    // Shared with the writing thread, under mutex_.
    mutable std::mutex mutex_;
    std::condition_variable work_;     ///< the thread waits here for chunks (or for stop_)
    std::condition_variable progress_; ///< callers wait here for room in the queue, or for it to empty
    std::deque<Chunk> queue_;
    std::vector<std::unique_ptr<char[]>> spare_;  ///< written buffers, for reuse
    bool exchanged_in_flight_ = false;            ///< a buffer given by exchange() waits or is being written
    std::unique_ptr<char[]> exchanged_spare_;     ///< the last such buffer once written, of the capacity below
    std::size_t exchanged_spare_capacity_ = 0;
    std::size_t queued_bytes_ = 0;     ///< bytes of buffers in queue_
    bool busy_ = false;                ///< the thread is writing a chunk it took off the queue
    bool stop_ = false;
    int error_ = 0;                    ///< errno of the first failed write, 0 if none
    std::thread thread_;
};

}  // namespace sqlite2pg::io
