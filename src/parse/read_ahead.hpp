#pragma once
// The dump's statements, split (and their rows scanned, when that is faster: parse/scan_share.hpp) on a
// thread of its own while the caller converts the ones before: splitting and scanning are nearly half of the
// work per byte, so on a machine with two CPUs a large dump file converts in less time (measured: from
// about three quarters of the time to as long as one thread on the faster processor, depending on how dear
// moving memory between the two processors is at the time).
//
// Why only for regular files: a file never makes a read wait long, so the thread can always be stopped
// promptly when the conversion ends early (an error, `| head`); a pipe or a terminal could keep it waiting
// for input that never comes. And when the dump comes through a pipe, its writer (`sqlite3 .dump`, at a
// fraction of the converter's speed) is the slow part anyway.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "core/config.hpp"
#include "io/input_reader.hpp"
#include "parse/dump_insert.hpp"
#include "parse/scan_share.hpp"
#include "parse/statement_splitter.hpp"

namespace sqlite2pg::parse {

/// Hands out the statements of `input` one at a time, as a StatementSplitter that scans dump-shaped INSERTs
/// (scan_rows_into) does, and with the same results in the same order: statements, rows (with a thread, an
/// INSERT may come without them: below), error comments, bytes consumed, and an InputError (or read error)
/// thrown by the next() call that would have met it.
///
/// With a thread, statements are split in batches (up to kBatchBytes of text or kBatchStatements) that
/// the thread fills while the caller takes the statements of an earlier one. A batch holds the splitter's
/// buffers its statements lie in (StatementSplitter::buffer_owner()), so that their text stays valid, and
/// uncopied, while the thread reads on; their scanned rows are moved into it. Memory: kBatches batches of
/// statements and scans, and the splitter's buffers they hold (a few: a buffer holds about a chunk).
///
/// Scanning the rows is most of the thread's work, and the caller can do it as well: a statement that comes
/// without `rows` is scanned by pipeline::Converter, as when the splitter's buffer ends inside it. How the
/// two share it is measured as they go (parse/scan_share.hpp).
class ReadAhead {
public:
    /// Statements' bytes per batch.
    static constexpr std::size_t kBatchBytes = std::size_t{1} << 17;
    /// Statements per batch, which bounds the scanned rows a batch keeps.
    static constexpr std::size_t kBatchStatements = 512;
    /// Batches: one being filled, one being converted, two waiting between (the two threads' speeds vary
    /// from statement to statement; small batches stay in the processors' caches).
    static constexpr std::size_t kBatches = 4;

    /// Splits `input`, which must outlive this object, reading `chunk_size` bytes at a time (tests use small
    /// chunks, so that the splitter reuses its buffer often). With `thread`, on a thread of its own (started
    /// here); otherwise on the caller's, statement by statement, as a plain StatementSplitter.
    /// `scans`: which INSERTs the thread scans (the others come without rows).
    ReadAhead(io::InputReader& input, bool thread, Config::AheadScans scans = Config::AheadScans::Measured,
              std::size_t chunk_size = io::InputReader::kChunkSize);
    /// Stops the thread (it finishes at most the batch it is filling) and waits for it.
    ~ReadAhead();
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    /// The next statement, or std::nullopt at end of input. Its `text` and `rows` stay valid until the next
    /// call. Rethrows what the splitter threw at this point of the input.
    std::optional<RawStatement> next();

    /// The error comments met before the statement next() just returned (after std::nullopt: before the end
    /// of input), as StatementSplitter::take_error_comments().
    std::vector<ErrorComment> take_error_comments();
    /// Whether take_error_comments() would return any.
    bool has_error_comments() const { return threaded() ? !comments_.empty() : splitter_.has_error_comments(); }

    /// Bytes of input consumed through the statement next() just returned (after std::nullopt: all).
    std::uint64_t bytes_consumed() const;

    /// Whether statements are split on a thread of their own.
    bool threaded() const { return thread_.joinable(); }

private:
    /// One statement of a batch, as the splitter returned it.
    struct Entry {
        RawStatement statement;        ///< text and rows point into the batch
        std::uint64_t bytes_consumed;  ///< StatementSplitter::bytes_consumed() after it
        std::size_t comments_end;      ///< the batch's error comments before it are those before this index
    };
    /// Statements split ahead of the caller, in input order.
    struct Batch {
        std::vector<std::shared_ptr<char[]>> buffers;  ///< the splitter's buffers the statements lie in
        std::size_t bytes = 0;         ///< bytes of the statements
        std::vector<Entry> entries;    ///< room for kBatchStatements, made with the batch
        /// Scanned rows: kBatchStatements scans made with the batch (never more, so they stay put), the first
        /// `scans_used` of them in use.
        std::vector<InsertScan> scans = std::vector<InsertScan>(kBatchStatements);
        std::size_t scans_used = 0;
        /// Whether one of the scans used holds more than a few thousand values: only then does clear()
        /// look at each (they were last touched by the other thread, so looking costs cache misses).
        bool oversized_scans = false;
        std::vector<ErrorComment> comments;
        bool input_ends = false;       ///< the input ended after these statements
        std::uint64_t bytes_at_end = 0;  ///< bytes consumed then
        std::exception_ptr error;      ///< what the splitter threw after these statements

        Batch() { entries.reserve(kBatchStatements); }
        /// Empties the batch for refilling, letting go of the splitter's buffers and giving back memory a
        /// very large statement made it take.
        void clear();
    };

    /// The thread: fills free batches until the input ends, the splitter throws, or stop_ is set.
    void split_ahead();
    /// Whether the thread scans the rows of the batch it begins now.
    bool scans_next_batch();
    /// Fills `batch` from the splitter until it is full or the input ends (or the splitter throws), scanning
    /// its INSERTs' rows when `scan_rows`.
    void fill(Batch& batch, bool scan_rows);
    /// Moves the statement the splitter just returned, and the rows scanned from it, into `batch`.
    void keep(Batch& batch, const RawStatement& statement);
    /// Waits for the next filled batch (the current one going back to be refilled).
    void advance_batch();
    /// Moves current_'s error comments before index `end` to comments_.
    void pass_comments(std::size_t end);

    StatementSplitter splitter_;
    InsertScan scan_;  ///< without a thread: the splitter's one scan
    const Config::AheadScans scans_;
    ScanShare share_;                  ///< the thread's, with Config::AheadScans::Measured
    std::uint64_t batches_begun_ = 0;  ///< by the thread

    // Shared with the thread, under mutex_.
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::unique_ptr<Batch>> free_;
    std::deque<std::unique_ptr<Batch>> filled_;
    bool stop_ = false;
    // The sizes of free_ and filled_, for a side to spin on before it takes the mutex to sleep.
    std::atomic<std::size_t> free_count_{0};
    std::atomic<std::size_t> filled_count_{0};

    // The caller's side.
    std::unique_ptr<Batch> current_;
    std::size_t next_entry_ = 0;      ///< index in current_ of the statement next() returns next
    std::size_t comments_passed_ = 0; ///< current_'s comments already moved to comments_
    std::vector<ErrorComment> comments_;  ///< met before the statement last returned, not yet taken
    std::uint64_t bytes_consumed_ = 0;

    std::thread thread_;  ///< last: started once everything it uses exists
};

}  // namespace sqlite2pg::parse
