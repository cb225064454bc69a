#include "parse/read_ahead.hpp"

#include <chrono>
#include <cstdint>
#include <utility>

namespace sqlite2pg::parse {
namespace {

/// A reused scan keeps the capacity of the largest statement it held; beyond this many values (a multi-row
/// INSERT of a hand-made dump) it gives the memory back when its batch is refilled.
constexpr std::size_t kKeptValues = std::size_t{1} << 14;

/// Waits up to some tens of microseconds for `ready()` without giving up the CPU. The two threads hand
/// batches to each other every few tens of microseconds, and going to sleep and being woken costs a
/// thread about as long: spinning first keeps most hand-overs out of the kernel.
template <class Ready>
void spin_until(Ready ready) {
    for (int i = 0; i < 4096 && !ready(); ++i) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();  // tells the processor this is a wait loop (the other thread runs faster)
#endif
    }
}

}  // namespace

void ReadAhead::Batch::clear() {
    buffers.clear();
    bytes = 0;
    entries.clear();
    if (std::exchange(oversized_scans, false)) {
        for (std::size_t i = 0; i < scans_used; ++i)
            if (scans[i].values.capacity() > kKeptValues) {
                scans[i].values = {};
                scans[i].evaluated = {};
            }
    }
    scans_used = 0;
    comments.clear();
    input_ends = false;
    bytes_at_end = 0;
    error = nullptr;
}

ReadAhead::ReadAhead(io::InputReader& input, bool thread, Config::AheadScans scans, std::size_t chunk_size)
    : splitter_(input, chunk_size), scans_(scans) {
    if (!thread) {
        splitter_.scan_rows_into(scan_);
        return;
    }
    for (std::size_t i = 0; i < kBatches; ++i) free_.push_back(std::make_unique<Batch>());
    free_count_.store(free_.size());
    thread_ = std::thread([this] { split_ahead(); });
}

ReadAhead::~ReadAhead() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::optional<RawStatement> ReadAhead::next() {
    if (!threaded()) return splitter_.next();
    for (;;) {
        if (current_ && next_entry_ < current_->entries.size()) {
            const Entry& entry = current_->entries[next_entry_++];
            pass_comments(entry.comments_end);
            bytes_consumed_ = entry.bytes_consumed;
            return entry.statement;
        }
        if (current_ && (current_->error || current_->input_ends)) {
            pass_comments(current_->comments.size());
            if (current_->error) std::rethrow_exception(current_->error);
            bytes_consumed_ = current_->bytes_at_end;
            return std::nullopt;
        }
        advance_batch();
    }
}

std::vector<ErrorComment> ReadAhead::take_error_comments() {
    if (!threaded()) return splitter_.take_error_comments();
    return std::exchange(comments_, {});
}

std::uint64_t ReadAhead::bytes_consumed() const { return threaded() ? bytes_consumed_ : splitter_.bytes_consumed(); }

void ReadAhead::pass_comments(std::size_t end) {
    for (; comments_passed_ < end; ++comments_passed_) comments_.push_back(std::move(current_->comments[comments_passed_]));
}

void ReadAhead::advance_batch() {
    if (current_) {
        {
            std::lock_guard lock(mutex_);
            free_.push_back(std::move(current_));
            free_count_.store(free_.size(), std::memory_order_release);
        }
        changed_.notify_all();
    }
    spin_until([this] { return filled_count_.load(std::memory_order_acquire) != 0; });
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !filled_.empty(); });
    current_ = std::move(filled_.front());
    filled_.pop_front();
    filled_count_.store(filled_.size(), std::memory_order_release);
    next_entry_ = 0;
    comments_passed_ = 0;
}

void ReadAhead::split_ahead() {
    for (;;) {
        std::unique_ptr<Batch> batch;
        spin_until([this] { return free_count_.load(std::memory_order_acquire) != 0; });
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stop_ || !free_.empty(); });
            if (stop_) return;
            batch = std::move(free_.front());
            free_.pop_front();
            free_count_.store(free_.size(), std::memory_order_release);
        }
        batch->clear();
        fill(*batch, scans_next_batch());
        const bool last = batch->input_ends || batch->error;
        {
            std::lock_guard lock(mutex_);
            filled_.push_back(std::move(batch));
            filled_count_.store(filled_.size(), std::memory_order_release);
        }
        changed_.notify_all();
        if (last) return;
    }
}

bool ReadAhead::scans_next_batch() {
    switch (scans_) {
        case Config::AheadScans::Measured: {
            const double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
            if (share_.next(now, splitter_.bytes_consumed()) == ScanShare::Way::SplitOnly) return false;
            // Shared: scanning here helps only while the converting thread is the slower side.
            return filled_count_.load(std::memory_order_relaxed) != 0;
        }
        case Config::AheadScans::Every: return true;
        case Config::AheadScans::EveryOther: return batches_begun_++ % 2 == 0;
    }
    return true;
}

void ReadAhead::fill(Batch& batch, bool scan_rows) {
    if (!scan_rows) splitter_.split_only();
    try {
        while (batch.bytes < kBatchBytes && batch.entries.size() < kBatchStatements) {
            if (scan_rows) splitter_.scan_rows_into(batch.scans[batch.scans_used]);  // a free one: scans_used ≤ entries
            std::optional<RawStatement> statement = splitter_.next();
            if (splitter_.has_error_comments())
                for (ErrorComment& comment : splitter_.take_error_comments()) batch.comments.push_back(std::move(comment));
            if (!statement) {
                batch.input_ends = true;
                batch.bytes_at_end = splitter_.bytes_consumed();
                return;
            }
            keep(batch, *statement);
        }
    } catch (...) {
        batch.error = std::current_exception();
    }
}

void ReadAhead::keep(Batch& batch, const RawStatement& statement) {
    // The text and the values scanned from it lie in the splitter's buffer, which the batch holds.
    const std::shared_ptr<char[]>& buffer = splitter_.buffer_owner();
    if (batch.buffers.empty() || batch.buffers.back() != buffer) batch.buffers.push_back(buffer);
    batch.bytes += statement.text.size();
    Entry& entry = batch.entries.emplace_back(Entry{statement, splitter_.bytes_consumed(), batch.comments.size()});
    if (statement.rows == nullptr) return;
    InsertScan& scan = batch.scans[batch.scans_used++];
    entry.statement.rows = &scan;
    if (scan.values.capacity() > kKeptValues) batch.oversized_scans = true;
}

}  // namespace sqlite2pg::parse
