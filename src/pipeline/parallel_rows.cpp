#include "pipeline/parallel_rows.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string_view>
#include <utility>

#include "io/input_reader.hpp"
#include "parse/statement_splitter.hpp"

namespace sqlite2pg::pipeline {
namespace {

/// How many times find() looks whether the thread has ended the unit it waits for before it sleeps.
constexpr int kCatchUpSpins = 4000;

/// A pause between two looks at memory another processor writes (x86's PAUSE: lets that processor's store
/// through and spares power), or nothing.
inline void spin_pause() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

}  // namespace

ParallelRows::ParallelRows(const std::string& path, const io::InputReader& dump, RowsAhead& aims,
                           InvalidUtf8 invalid_utf8, const Config::Parallel& sizes)
    : path_(path), identity_(dump.identity()), aims_(aims), sizes_(sizes) {
    // The units' lines go round through the output (RowStage::take), which gives their buffers back here.
    const auto lines_pool = std::make_shared<io::BufferPool>(AheadRows::kLinesBytes);
    for (std::size_t i = 0; i < kUnits; ++i) free_.push_back(std::make_unique<RowsUnit>(invalid_utf8, lines_pool));
    thread_ = std::thread([this] { run(); });
}

ParallelRows::~ParallelRows() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

RowsUnit* ParallelRows::find(std::uint64_t offset, Match match) {
    const auto matches = [&](const RowsUnit* unit) {
        return unit != nullptr && (match == Match::Start ? unit->start.offset : unit->after.offset) == offset;
    };
    std::unique_lock lock(mutex_);
    reached_.store(offset, std::memory_order_relaxed);
    bool spun = false;
    for (;;) {
        while (!ready_.empty() && ready_.front()->start.offset < offset) {
            free_.push_back(std::move(ready_.front()));
            ready_.pop_front();
        }
        if (!ready_.empty() && matches(ready_.front().get())) {
            taken_ = std::move(ready_.front());
            ready_.pop_front();
            break;
        }
        if (!matches(working_) || stop_) break;
        // The thread is converting the unit that begins here: it ends the unit after its current statement.
        caught_up_.store(true, std::memory_order_relaxed);
        if (!std::exchange(spun, true)) {
            // That takes microseconds, less than going to sleep and being woken does on a virtual machine (about
            // 100 µs, a hundred times a second on the bench dump): watch for it a while first, without the lock.
            const std::uint64_t ended = units_ended_.load(std::memory_order_relaxed);
            lock.unlock();
            for (int i = 0; i < kCatchUpSpins && units_ended_.load(std::memory_order_acquire) == ended; ++i)
                spin_pause();
            lock.lock();
            continue;
        }
        changed_.wait(lock);
    }
    publish_earliest();
    lock.unlock();
    changed_.notify_all();
    return taken_.get();
}

void ParallelRows::release(std::uint64_t offset) {
    {
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(taken_));
        reached_.store(offset, std::memory_order_relaxed);
    }
    changed_.notify_all();
}

void ParallelRows::wait_for_units(std::size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return ready_.size() >= count || paused_ || finished_; });
}

void ParallelRows::reaimed() {
    {
        std::lock_guard lock(mutex_);
        reaimed_ = true;
    }
    changed_.notify_all();
}

void ParallelRows::publish_earliest() {
    const std::uint64_t first_ready = ready_.empty() ? UINT64_MAX : ready_.front()->start.offset;
    const RowsUnit* const next = ready_.empty() ? working_ : ready_.front().get();
    earliest_.store(std::min(first_ready, working_ ? working_->start.offset : UINT64_MAX), std::memory_order_release);
    earliest_after_.store(next ? next->after.offset : UINT64_MAX, std::memory_order_release);
}

std::uint64_t ParallelRows::lead_from(std::uint64_t offset, std::optional<std::uint64_t> dump_size) const {
    // Near the end of the dump the converting thread would convert the last lead's bytes alone: half of what
    // is left is, so that both threads end about together (on the bench dump the second thread had sat idle
    // the last 15 ms of a run). Not less than a few units: starting again takes a read of its own.
    constexpr std::uint64_t kLeastLead = std::uint64_t{1} << 18;
    if (!dump_size || *dump_size <= offset) return sizes_.lead_bytes;
    const std::uint64_t half_left = (*dump_size - offset) / 2;
    return std::clamp(half_left, std::min(kLeastLead, sizes_.lead_bytes), sizes_.lead_bytes);
}

std::uint64_t ParallelRows::find_insert_line(const io::InputReader& input, std::uint64_t from) {
    constexpr std::string_view kLineStart = "\nINSERT INTO ";
    // A few kilobytes hold several lines of nearly any dump; the window grows for one with longer lines.
    constexpr std::size_t kFirstWindow = std::size_t{1} << 12;
    constexpr std::size_t kLargestWindow = std::size_t{1} << 16;
    window_.resize(kLargestWindow);
    std::size_t window = kFirstWindow;
    // From the byte before `from`, so that a line starting at `from` is found by its newline.
    for (std::uint64_t at = from - 1;;) {
        const std::size_t got = input.read_at(at, window_.data(), window);
        if (got < kLineStart.size()) return 0;
        const std::string_view text(window_.data(), got);
        const std::size_t hit = text.find(kLineStart);
        if (hit != std::string_view::npos) return at + hit + 1;
        if (got < window) return 0;
        at += window - kLineStart.size();
        window = std::min(2 * window, kLargestWindow);
    }
}

void ParallelRows::run() {
    try {
        work();
    } catch (...) {
        // Opening the file, or memory: the converting thread converts what is left itself.
    }
    {
        std::lock_guard lock(mutex_);
        working_ = nullptr;
        finished_ = true;
        publish_earliest();
    }
    changed_.notify_all();
}

void ParallelRows::work() {
    io::InputReader input(path_, io::InputReader::LineEnds::AsSqlite3Reads);
    if (input.identity() != identity_) return;  // the path names another file now
    parse::InsertScan scan;
    std::optional<parse::StatementSplitter> splitter;
    auto fresh_splitter = [&] {
        splitter.emplace(input);
        splitter->scan_rows_into(scan);
        // Runs of INSERTs split as one stay within half a unit: the thread takes no statement longer than a
        // unit, nor a run.
        splitter->run_bytes(std::min<std::size_t>(parse::StatementSplitter::kRunBytes, sizes_.unit_bytes / 2));
    };
    fresh_splitter();
    // The next statement: the one split after a unit's last, which begins the next unit when the thread goes
    // on there; none after a jump.
    std::optional<parse::RawStatement> pending;
    bool offsets_differ = false;  // a CR LF was read as LF: offsets are no longer the file's
    auto split_next = [&] {
        try {
            pending = splitter->next();
            if (pending && splitter->has_error_comments()) pending.reset();
        } catch (...) {
            // Not this thread's business: the converting thread meets whatever this was itself, where it is.
            pending.reset();
            fresh_splitter();
        }
        // Checked after each statement split: a chunk is read (and its CR LF pairs counted) before any of its
        // statements is returned.
        if (input.crlf_count() != 0) {
            offsets_differ = true;
            pending.reset();
        }
    };
    // Gives `unit` back unused and pauses until the converting thread aims anew or a millisecond has passed
    // (or until stopped).
    auto pause = [&](std::unique_ptr<RowsUnit> unit) {
        std::unique_lock lock(mutex_);
        if (unit) free_.push_back(std::move(unit));
        paused_ = true;
        changed_.notify_all();
        changed_.wait_for(lock, std::chrono::milliseconds(1), [&] { return stop_ || reaimed_; });
        reaimed_ = false;
    };
    std::uint64_t resume = 0;  // where to look for an INSERT line when starting again ahead
    SourceLoc last_end;        // the end of the last unit converted
    // Where the thread met a statement it does not take at a unit's start (the aim's rows end there, most often):
    // before it goes on past it, it fills gaps, converting the second half of the stretch between the converting
    // thread and the first unit ready (next_gap), again and again, up to `gap_end`. UINT64_MAX: none.
    std::uint64_t gaps_before = UINT64_MAX;
    std::uint64_t gaps_aim = 0;          // the aim gaps_before was met for
    std::uint64_t gap_end = UINT64_MAX;  // the statements being converted fill a gap that ends here
    auto end_gap = [&] {
        gap_end = UINT64_MAX;
        splitter->likely_skip_from(UINT64_MAX);
    };
    for (;;) {
        std::unique_ptr<RowsUnit> unit;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || !free_.empty(); });
            if (stop_) return;
            unit = std::move(free_.front());
            free_.pop_front();
        }
        if (!aims_.begin(unit->rows)) {  // not aimed at a table (yet, or any more)
            pending.reset();
            end_gap();
            pause(std::move(unit));
            continue;
        }
        if (gaps_aim != unit->rows.aim) gaps_before = UINT64_MAX;  // aimed anew: on at once
        // The statement split after the last unit's begins this one: it goes on from that unit.
        const bool goes_on = pending.has_value();
        if (!pending && gaps_before != UINT64_MAX) {
            const std::optional<Gap> gap = next_gap(gaps_before);
            const std::uint64_t start = gap ? find_insert_line(input, gap->from) : 0;
            if (start == 0 || start >= gap->to) {
                // No gap left: after a pause, on past the statement, as the converting thread may aim anew there.
                gaps_before = UINT64_MAX;
                pause(std::move(unit));
                continue;
            }
            // Runs of INSERTs split as one end before the gap does (StatementSplitter::likely_skip_from).
            gap_end = gap->to;
            splitter->likely_skip_from(gap_end);
            splitter->skip_to(SourceLoc{start, 1, 1});
            split_next();
        } else if (!pending) {
            const std::uint64_t reached = reached_.load(std::memory_order_relaxed);
            const std::uint64_t from = std::max(resume, reached + lead_from(reached, input.size()));
            const std::uint64_t start = find_insert_line(input, from);
            // No INSERT line after `from`: none after where the converting thread will be either.
            if (start == 0) return;
            splitter->skip_to(SourceLoc{start, 1, 1});
            split_next();
        }
        if (offsets_differ) return;
        if (!pending) {
            end_gap();
            pause(std::move(unit));
            continue;
        }
        unit->start = pending->begin;
        unit->end = unit->start;
        unit->after = goes_on ? last_end : SourceLoc{UINT64_MAX, 0, 0};
        {
            std::lock_guard lock(mutex_);
            working_ = unit.get();
            caught_up_.store(false, std::memory_order_relaxed);
            publish_earliest();
        }
        // Statements are taken until the unit is full, the converting thread waits for it, a gap is filled, or one
        // is not for the aim (then the thread starts again elsewhere).
        bool go_on = true;
        for (;;) {
            if (!pending || !pending->terminated || pending->text.size() > sizes_.unit_bytes ||
                pending->begin.offset >= gap_end || !aims_.take(*pending, unit->rows)) {
                go_on = false;
                break;
            }
            // Taken: the INSERTs that follow with its header come as one run (InsertScan::runs_allowed).
            scan.runs_allowed = true;
            unit->end = splitter->consumed_loc();
            split_next();
            if (unit->end.offset - unit->start.offset >= sizes_.unit_bytes ||
                caught_up_.load(std::memory_order_relaxed))
                break;
        }
        const std::uint64_t start = unit->start.offset;
        const std::uint64_t end = unit->end.offset;
        const std::uint64_t aim = unit->rows.aim;
        last_end = unit->end;
        bool caught_up;
        {
            std::lock_guard lock(mutex_);
            working_ = nullptr;
            units_ended_.fetch_add(1, std::memory_order_release);
            caught_up = caught_up_.load(std::memory_order_relaxed) || reached_.load(std::memory_order_relaxed) >= start;
            if (end != start) {
                // In file order: a gap's units come before those ready already.
                const auto before = [](std::uint64_t at, const auto& u) { return at < u->start.offset; };
                const auto later = std::upper_bound(ready_.begin(), ready_.end(), start, before);
                ready_.insert(later, std::move(unit));
            } else {
                free_.push_back(std::move(unit));
            }
            publish_earliest();
        }
        changed_.notify_all();
        if (offsets_differ) return;
        if (gap_end != UINT64_MAX) {
            if (end == start) {
                // Nothing taken where the gap begins (the line found inside a string, or not the aim's rows): no
                // more gaps this time, lest the same one be tried again and again.
                gaps_before = UINT64_MAX;
                pending.reset();
                end_gap();
                pause(nullptr);
            } else if (caught_up || !go_on) {
                // The gap is filled, or the converting thread got there first: the next gap.
                pending.reset();
                end_gap();
            }
        } else if (end == start) {
            // The first statement is not one for the aim (it may be the next table's, which the converting thread
            // aims at when it gets there): gaps, then on past it.
            gaps_before = pending ? pending->begin.offset : end;
            gaps_aim = aim;
            resume = std::max(resume, pending ? pending->begin.offset + pending->text.size() : end);
            pending.reset();
        } else if (caught_up || !go_on) {
            // Caught up: start again ahead of the converting thread, which is at `end` now.
            pending.reset();
            resume = std::max(resume, end + (caught_up ? lead_from(end, input.size()) : 0));
        }
    }
}

std::optional<ParallelRows::Gap> ParallelRows::next_gap(std::uint64_t aim_end) {
    std::lock_guard lock(mutex_);
    const std::uint64_t reached = reached_.load(std::memory_order_relaxed);
    std::uint64_t to = aim_end;
    for (const auto& unit : ready_)
        if (unit->start.offset > reached) {
            to = std::min(to, unit->start.offset);
            break;
        }
    // A gap of less than two units is left to the converting thread: starting again costs a read of its own.
    if (to <= reached || to - reached < 2 * sizes_.unit_bytes) return std::nullopt;
    return Gap{reached + (to - reached) / 2, to};
}

}  // namespace sqlite2pg::pipeline
