#pragma once
// Buffers of one size that go round between threads instead of being copied: the second thread stages rows
// in one, the converting thread lends it to the output among its own rows (pipeline/row_stage.hpp), and the
// output's thread gives it back once written (io/output_writer.hpp), to be staged into again.
#include <cstddef>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace sqlite2pg::io {

/// Buffers of capacity() bytes, taken with get() and given back with put() on any thread.
class BufferPool {
public:
    explicit BufferPool(std::size_t capacity) : capacity_(capacity) {}
    BufferPool(const BufferPool&) = delete;
    BufferPool& operator=(const BufferPool&) = delete;

    std::size_t capacity() const { return capacity_; }
    /// Buffers given back and not taken again.
    std::size_t kept() const {
        std::lock_guard lock(mutex_);
        return free_.size();
    }

    /// A buffer given back before (the last one: its memory is the likeliest to be cached), or a new one.
    std::unique_ptr<char[]> get() {
        {
            std::lock_guard lock(mutex_);
            if (!free_.empty()) {
                std::unique_ptr<char[]> buffer = std::move(free_.back());
                free_.pop_back();
                return buffer;
            }
        }
        return std::make_unique_for_overwrite<char[]>(capacity_);
    }

    /// Keeps `buffer`, one of capacity() bytes, for a later get().
    void put(std::unique_ptr<char[]> buffer) {
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(buffer));
    }

private:
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<char[]>> free_;
};

/// Bytes lent to the output from a BufferPool's buffer: written as they are where they belong (after the
/// first `after` bytes of the buffer they are handed over with, OutputWriter::exchange), then given back.
struct LentBytes {
    std::size_t after = 0;
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
    std::shared_ptr<BufferPool> pool;  ///< where the buffer goes back to
};

/// Walks `text` with the `lent` bytes among it (each at its `after`, in order), as they are to be written:
/// `own` with each stretch of `text` before, between and after them (empty ones too), `lent_part` with each.
template <class Own, class Lent>
void for_each_in_order(std::string_view text, std::span<LentBytes> lent, Own&& own, Lent&& lent_part) {
    std::size_t from = 0;
    for (LentBytes& part : lent) {
        own(text.substr(from, part.after - from));
        lent_part(part);
        from = part.after;
    }
    own(text.substr(from));
}

}  // namespace sqlite2pg::io
