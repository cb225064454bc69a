#pragma once
// The dump's statements, split on a thread of its own while the caller converts the ones before, the thread
// converting rows too while the caller is the slower side (BatchWork, pipeline/rows_ahead.hpp): on a machine
// with two CPUs a large dump file converts in less time (measured on a 2-processor virtual machine whose
// processors' speeds and cost of moving memory between them change from hour to hour: 0.6 to 0.9 of the time
// one thread takes).
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
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "core/config.hpp"
#include "io/input_reader.hpp"
#include "parse/dump_insert.hpp"
#include "parse/statement_splitter.hpp"

namespace sqlite2pg::parse {

/// Work the read-ahead thread may take on beside splitting: converting rows ahead of the caller
/// (pipeline::RowsAhead). It is given the statements of a batch one by one as they are split and their rows
/// scanned, from the batch's first on, until it declines one.
class BatchWork {
public:
    /// What the work made of the statements it took from one batch: kept with the batch, and reused when the
    /// batch is refilled.
    struct Result {
        virtual ~Result() = default;
    };
    virtual ~BatchWork() = default;
    /// A new result to work into.
    virtual std::unique_ptr<Result> make_result() const = 0;
    /// Begins work on a batch into `result` (emptied first), on the read-ahead thread; false when there is
    /// none to do now.
    virtual bool begin(Result& result) = 0;
    /// Works on the batch's next statement (`rows` null when its INSERT did not scan) into `result`, on the
    /// read-ahead thread; false when it is not one it takes, which ends the work on this batch. The caller
    /// gets the statements taken in one go (ReadAhead::worked_ahead), the others one by one as ever.
    virtual bool take(const RawStatement& statement, Result& result) = 0;
};

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
/// How the two threads share the work (Config::AheadScans::Measured): the thread keeps kSplitWaiting batches it
/// only split waiting for the caller (who scans and converts their statements, a statement without `rows`
/// being scanned by pipeline::Converter as when the splitter's buffer ends inside it), and while they wait it
/// scans the next batch and gives its statements to the BatchWork, ending that batch as soon as the caller
/// takes a waiting one. So the caller never waits long, and the thread works while the caller is busy,
/// whichever processor is the faster at the time. Without a BatchWork, the thread scans instead of working.
class ReadAhead {
public:
    /// Statements' bytes per batch.
    static constexpr std::size_t kBatchBytes = std::size_t{1} << 17;
    /// Statements per batch, which bounds the scanned rows a batch keeps.
    static constexpr std::size_t kBatchStatements = 512;
    /// Batches: one being filled, one being converted, the others waiting between (kSplitWaiting only split,
    /// the rest worked on, which the caller takes quickly); small batches stay in the processors' caches.
    static constexpr std::size_t kBatches = 8;
    /// Batches only split that the thread keeps waiting for the caller before it works (below): two, so that
    /// the caller has one to convert while the thread hands over what it worked on and splits the next.
    static constexpr std::size_t kSplitWaiting = 2;

    /// Splits `input`, which must outlive this object, reading `chunk_size` bytes at a time (tests use small
    /// chunks, so that the splitter reuses its buffer often). With `thread`, on a thread of its own (started
    /// here); otherwise on the caller's, statement by statement, as a plain StatementSplitter.
    /// `scans`: which INSERTs the thread scans (the others come without rows). `work`, when given, must
    /// outlive this object: the thread does it on the batches `scans` says.
    ReadAhead(io::InputReader& input, bool thread, Config::AheadScans scans = Config::AheadScans::Measured,
              std::size_t chunk_size = io::InputReader::kChunkSize, BatchWork* work = nullptr);
    /// Stops the thread (it finishes at most the batch it is filling) and waits for it.
    ~ReadAhead();
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    /// The next statement, or std::nullopt at end of input. Its `text` and `rows` stay valid until the next
    /// call. Rethrows what the splitter threw at this point of the input.
    std::optional<RawStatement> next();

    /// When the statements next() would return next are the start of a batch the thread did its work on (those
    /// the BatchWork given to the constructor took): what the work made of them (the caller may take from it),
    /// valid until next() or skip_worked(). Otherwise nullptr. May wait for the thread, as next() does.
    BatchWork::Result* worked_ahead();
    /// Passes over the statements worked_ahead() just returned the work of, as if next() had returned each.
    /// (Otherwise next() returns them, without rows.)
    void skip_worked();

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
    /// Where a statement of a batch ends, as the splitter said after it.
    struct Entry {
        std::uint64_t bytes_consumed;  ///< StatementSplitter::bytes_consumed() after it
        std::size_t comments_end;      ///< the batch's error comments before it are those before this index
    };
    /// Statements split ahead of the caller, in input order.
    struct Batch {
        std::vector<std::shared_ptr<char[]>> buffers;  ///< the splitter's buffers the statements lie in
        std::size_t bytes = 0;         ///< bytes of the statements
        /// Room for kBatchStatements, made with the batch: the statements as the splitter returned them (text
        /// and rows pointing into the batch), and beside each where it ends.
        std::vector<RawStatement> statements;
        std::vector<Entry> entries;
        std::unique_ptr<BatchWork::Result> result;  ///< the BatchWork's, once it had work to do
        std::size_t worked = 0;        ///< the first statements, which the BatchWork took into `result`
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

        Batch() {
            statements.reserve(kBatchStatements);
            entries.reserve(kBatchStatements);
        }
        /// Empties the batch for refilling, letting go of the splitter's buffers and giving back memory a
        /// very large statement made it take.
        void clear();
    };

    /// The thread: fills free batches until the input ends, the splitter throws, or stop_ is set.
    void split_ahead();
    /// What the thread does with the batch it begins now.
    enum class Fill { SplitOnly, Scan, ScanAndWork };
    Fill next_fill();
    /// Fills `batch` from the splitter until it is full or the input ends (or the splitter throws), scanning
    /// its INSERTs' rows unless Fill::SplitOnly, and giving them to work_ with Fill::ScanAndWork.
    void fill(Batch& batch, Fill how);
    /// Moves the statement the splitter just returned, and the rows scanned from it unless `worked` (they
    /// were taken by work_; their scan is reused), into `batch`.
    void keep(Batch& batch, const RawStatement& statement, bool worked);
    /// Waits for the next filled batch (the current one going back to be refilled).
    void advance_batch();
    /// Moves current_'s error comments before index `end` to comments_.
    void pass_comments(std::size_t end);

    StatementSplitter splitter_;
    InsertScan scan_;  ///< without a thread: the splitter's one scan
    const Config::AheadScans scans_;
    BatchWork* const work_;            ///< the thread's, or nullptr
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
    /// Filled batches with statements work_ did not take (which the caller converts one by one).
    std::atomic<std::size_t> unworked_filled_{0};

    // The caller's side.
    std::unique_ptr<Batch> current_;
    std::size_t next_entry_ = 0;      ///< index in current_ of the statement next() returns next
    std::size_t comments_passed_ = 0; ///< current_'s comments already moved to comments_
    std::vector<ErrorComment> comments_;  ///< met before the statement last returned, not yet taken
    std::uint64_t bytes_consumed_ = 0;

    std::thread thread_;  ///< last: started once everything it uses exists
};

}  // namespace sqlite2pg::parse
