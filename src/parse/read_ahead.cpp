#include "parse/read_ahead.hpp"

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
    statements.clear();
    entries.clear();
    worked = 0;
    if (std::exchange(oversized_scans, false)) {
        for (InsertScan& scan : scans)  // (those used, and the one work_'s statements were scanned into)
            if (scan.values.capacity() > kKeptValues) {
                scan.values = {};
                scan.evaluated = {};
            }
    }
    scans_used = 0;
    comments.clear();
    input_ends = false;
    bytes_at_end = 0;
    error = nullptr;
}

ReadAhead::ReadAhead(io::InputReader& input, bool thread, Config::AheadScans scans, std::size_t chunk_size,
                     BatchWork* work)
    : splitter_(input, chunk_size), scans_(scans), work_(work) {
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
            const Entry& entry = current_->entries[next_entry_];
            pass_comments(entry.comments_end);
            bytes_consumed_ = entry.bytes_consumed;
            return current_->statements[next_entry_++];
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

BatchWork::Result* ReadAhead::worked_ahead() {
    if (!threaded()) return nullptr;
    if (!current_ || (next_entry_ == current_->entries.size() && !current_->error && !current_->input_ends)) advance_batch();
    return next_entry_ == 0 && current_->worked != 0 ? current_->result.get() : nullptr;
}

void ReadAhead::skip_worked() {
    next_entry_ = current_->worked;
    const Entry& last = current_->entries[next_entry_ - 1];
    pass_comments(last.comments_end);
    bytes_consumed_ = last.bytes_consumed;
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
    if (current_->worked < current_->entries.size()) unworked_filled_.fetch_sub(1, std::memory_order_release);
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
        fill(*batch, next_fill());
        const bool last = batch->input_ends || batch->error;
        {
            std::lock_guard lock(mutex_);
            if (batch->worked < batch->entries.size()) unworked_filled_.fetch_add(1, std::memory_order_release);
            filled_.push_back(std::move(batch));
            filled_count_.store(filled_.size(), std::memory_order_release);
        }
        changed_.notify_all();
        if (last) return;
    }
}

ReadAhead::Fill ReadAhead::next_fill() {
    const Fill scan_and_work = work_ ? Fill::ScanAndWork : Fill::Scan;
    switch (scans_) {
        case Config::AheadScans::Measured:
            // Batches only split are kept waiting for the caller; while they wait, this thread works (fill() ends
            // the batch as soon as the caller takes one of them).
            return unworked_filled_.load(std::memory_order_acquire) < kSplitWaiting ? Fill::SplitOnly : scan_and_work;
        case Config::AheadScans::Every: return Fill::Scan;
        case Config::AheadScans::EveryOther: return batches_begun_++ % 2 == 0 ? Fill::Scan : Fill::SplitOnly;
        case Config::AheadScans::WorkEvery: return scan_and_work;
        case Config::AheadScans::WorkEveryOther: return batches_begun_++ % 2 == 0 ? scan_and_work : Fill::SplitOnly;
    }
    return Fill::Scan;
}

void ReadAhead::fill(Batch& batch, Fill how) {
    const bool scan_rows = how != Fill::SplitOnly;
    if (!scan_rows) splitter_.split_only();
    bool working = false;
    if (how == Fill::ScanAndWork) {
        if (!batch.result) batch.result = work_->make_result();
        working = work_->begin(*batch.result);
    }
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
            // (An error comment is the converting thread's to report, before the statement after it.)
            working = working && batch.comments.empty() && work_->take(*statement, *batch.result);
            keep(batch, *statement, working);
            // The caller took a batch left waiting for it: this one goes to it next, and the thread splits
            // another to wait.
            if (how != Fill::SplitOnly && scans_ == Config::AheadScans::Measured &&
                unworked_filled_.load(std::memory_order_acquire) < kSplitWaiting)
                return;
        }
    } catch (...) {
        batch.error = std::current_exception();
    }
}

void ReadAhead::keep(Batch& batch, const RawStatement& statement, bool worked) {
    // The text and the values scanned from it lie in the splitter's buffer, which the batch holds.
    const std::shared_ptr<char[]>& buffer = splitter_.buffer_owner();
    if (batch.buffers.empty() || batch.buffers.back() != buffer) batch.buffers.push_back(buffer);
    batch.bytes += statement.text.size();
    batch.entries.push_back(Entry{splitter_.bytes_consumed(), batch.comments.size()});
    RawStatement& kept = batch.statements.emplace_back(statement);
    if (statement.rows == nullptr) return;
    InsertScan& scan = batch.scans[batch.scans_used];
    if (scan.values.capacity() > kKeptValues) batch.oversized_scans = true;
    if (worked) {
        // Should the caller not take the work, it scans the statement itself.
        kept.rows = nullptr;
        ++batch.worked;
        return;
    }
    kept.rows = &scan;
    ++batch.scans_used;
}

}  // namespace sqlite2pg::parse
