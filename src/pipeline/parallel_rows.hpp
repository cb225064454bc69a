#pragma once
// Rows of a dump file converted on a second thread, a stretch of the file ahead of the converting thread, so
// that both processors convert (DESIGN.md §5): the thread reads the file on its own, from where it guesses a
// statement begins (a line starting `INSERT INTO `), and converts the INSERTs into the table the converting
// thread aims it at (pipeline/rows_ahead.hpp) in units of about Config::Parallel::unit_bytes of statements.
// When the converting thread's own splitting arrives exactly at a unit's first statement, the guess was right
// and the unit is what it would have made of those statements (a splitter that starts between statements
// splits the same way from there on): it takes the unit's rows and statistics in one go and skips the unit's
// bytes. A wrong guess (the line was inside a string literal) only costs the thread's time: no statement of
// the converting thread begins there, so the unit is never taken. A unit the thread went on to from the one
// before (splitting on from there) is taken as soon as the converting thread's splitting ends where that one
// ended, before it reads a byte of the unit's statements (following()).
//
// The share follows the two threads' speeds: the thread works on units one after another until the converting
// thread catches up with it, then jumps Config::Parallel::lead_bytes ahead of it and starts again; the faster
// it is, the more it converts before being caught up. At the end of a table's rows, where nothing is ahead
// for it until the converting thread gets there and aims it at the next table, it converts the second half of
// what lies between the converting thread and its first unit ready, again and again (gaps), so that the two
// get there about together. Each thread reads the file and writes rows into memory of its own; only the units
// cross from one processor to the other.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/config.hpp"
#include "core/source_location.hpp"
#include "io/input_reader.hpp"
#include "pipeline/rows_ahead.hpp"

namespace sqlite2pg::pipeline {

/// Rows converted apart from the converting thread: the statements from `start` up to `end`.
struct RowsUnit {
    RowsUnit(InvalidUtf8 invalid_utf8, std::shared_ptr<io::BufferPool> lines_pool)
        : rows(invalid_utf8, std::move(lines_pool)) {}

    SourceLoc start;  ///< where its first statement begins: the offset is the file's, line and column as the
                      ///< thread counted them (from 1 at the line where it started reading)
    SourceLoc end;    ///< just past its last statement's ';', counted the same way
    /// When the thread split the statement before its first too (the unit goes on from the one before): just
    /// past that statement's ';', counted the same way. Otherwise the offset is UINT64_MAX.
    SourceLoc after{UINT64_MAX, 0, 0};
    AheadRows rows;   ///< the rows, measured with lines counted the same way
};

/// The second thread and the units it converted that wait for the converting thread.
class ParallelRows {
public:
    /// Units converted and not yet taken: the thread waits when that many are waiting.
    static constexpr std::size_t kUnits = 48;

    /// Starts the thread on the regular file `path` that `dump` reads (whose bytes are the dump's as they are:
    /// not UTF-16; the thread converts nothing if the path names another file by then), which converts rows
    /// for the aims of `aims` (`dump` and `aims` must outlive this object) in units of `sizes.unit_bytes` of
    /// statements (about: the last statement may go beyond), starting again `sizes.lead_bytes` ahead of the
    /// converting thread whenever that catches up with it (which converts that much itself meanwhile).
    ParallelRows(const std::string& path, const io::InputReader& dump, RowsAhead& aims, InvalidUtf8 invalid_utf8,
                 const Config::Parallel& sizes);
    /// Stops the thread and waits for it.
    ~ParallelRows();
    ParallelRows(const ParallelRows&) = delete;
    ParallelRows& operator=(const ParallelRows&) = delete;

    /// The unit whose first statement begins at file offset `offset`, where the converting thread's next
    /// statement begins, or nullptr. Waits when the thread is converting that unit. Units before `offset` are
    /// dropped. The unit returned is the caller's until release().
    RowsUnit* at(std::uint64_t offset) {
        if (offset < earliest_.load(std::memory_order_acquire)) {
            // Told now and then, not for every statement: the thread reads it only when it starts again.
            if (offset >= report_at_) {
                reached_.store(offset, std::memory_order_relaxed);
                report_at_ = offset + sizes_.unit_bytes;
            }
            return nullptr;
        }
        return find(offset, Match::Start);
    }
    /// The unit that goes on from file offset `offset`, where the converting thread's last statement ended
    /// (RowsUnit::after), or nullptr: taken, it spares reading the unit's statements at all. Otherwise as at().
    RowsUnit* following(std::uint64_t offset) {
        if (offset != earliest_after_.load(std::memory_order_acquire)) return nullptr;
        return find(offset, Match::After);
    }
    /// Where the first unit the thread has converted or is converting begins (UINT64_MAX: none): the
    /// converting thread splits no run of INSERTs as one across it, and reads little past it
    /// (StatementSplitter::likely_skip_from).
    std::uint64_t next_start() const { return earliest_.load(std::memory_order_acquire); }
    /// Tests: waits until the thread has `count` units ready, or has paused or ended before that, so that
    /// whether units are taken does not depend on how the two threads are scheduled.
    void wait_for_units(std::size_t count);
    /// The converting thread aimed anew (RowsAhead::aim): the thread, if it waits for that, goes on at once.
    void reaimed();
    /// Gives back the unit at() returned; the converting thread is at `offset` now (the unit's end when it took
    /// the rows, its start when it did not).
    void release(std::uint64_t offset);

private:
    /// Which offset of a unit find() looks for.
    enum class Match { Start, After };
    /// at() and following() past their quick checks.
    RowsUnit* find(std::uint64_t offset, Match match);
    /// The thread: work() until stopped, or until there is nothing more it can do (no INSERT line ahead, a CR
    /// LF read as LF) or anything goes wrong; the converting thread then converts the rest itself.
    void run();
    /// Converts units as long as there are some to convert.
    void work();
    /// The offset of the first line at or after `from` that starts with `INSERT INTO `, or 0 when there is
    /// none before the end of the file.
    std::uint64_t find_insert_line(const io::InputReader& input, std::uint64_t from);
    /// How far ahead of `offset`, where the converting thread is, the thread starts again in a dump of
    /// `dump_size` bytes: sizes_.lead_bytes, or less near the dump's end.
    std::uint64_t lead_from(std::uint64_t offset, std::optional<std::uint64_t> dump_size) const;
    /// A stretch of the dump before a unit ready (or the end of the aim's rows) that the thread converts part
    /// of: from the first INSERT line at or after `from`, up to the statement that begins at `to`.
    struct Gap {
        std::uint64_t from;
        std::uint64_t to;
    };
    /// The second half of the stretch between where the converting thread is and the first unit ready after it
    /// (or `aim_end`, where the aim's rows end), or nothing when that stretch is too short to share.
    std::optional<Gap> next_gap(std::uint64_t aim_end);
    /// Recomputes earliest_ and earliest_after_ (under mutex_).
    void publish_earliest();

    const std::string path_;
    const std::pair<std::uint64_t, std::uint64_t> identity_;  ///< the dump's file (io::InputReader::identity)
    RowsAhead& aims_;
    const Config::Parallel sizes_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::unique_ptr<RowsUnit>> free_;    ///< units to convert into
    std::deque<std::unique_ptr<RowsUnit>> ready_;   ///< converted, in file order (by start)
    std::unique_ptr<RowsUnit> taken_;               ///< the unit at() returned
    /// The unit being converted, if any (its start and after are set before it is, and stay as they are).
    const RowsUnit* working_ = nullptr;
    bool stop_ = false;
    bool reaimed_ = false;  ///< reaimed() was called since the thread last paused
    bool paused_ = false;   ///< the thread has paused (for wait_for_units)
    bool finished_ = false;     ///< the thread has ended
    /// The smallest offset at() must look at: the first ready unit's start, or the one being converted.
    std::atomic<std::uint64_t> earliest_{UINT64_MAX};
    /// The RowsUnit::after offset of the unit following() may return: the first ready one's, or the one
    /// being converted's.
    std::atomic<std::uint64_t> earliest_after_{UINT64_MAX};
    /// Where the converting thread's last statement began: the thread starts units ahead of it.
    std::atomic<std::uint64_t> reached_{0};
    /// The converting thread waits for the unit being converted: the thread ends it after its current statement.
    std::atomic<bool> caught_up_{false};
    /// Units the thread has ended (find() watches it before it sleeps).
    std::atomic<std::uint64_t> units_ended_{0};
    std::uint64_t report_at_ = 0;  ///< the converting thread's: where at() next stores reached_
    std::vector<char> window_;  ///< the thread's: bytes find_insert_line() looks at
    std::thread thread_;  ///< last: started once everything it uses exists
};

}  // namespace sqlite2pg::pipeline
