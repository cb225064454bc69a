#pragma once
// The progress line on standard error: bytes read, rows, tables, throughput and, when the input size is
// known, the percentage and the time left. Redrawn in place (carriage return) at most a few times a second.
#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>

namespace sqlite2pg::pipeline {

class Progress {
public:
    /// Draws on `out` when `enabled`; `total_bytes` is the input size when known (a regular file).
    Progress(std::ostream& out, bool enabled, std::optional<std::uint64_t> total_bytes);

    /// Called after each statement: redraws the line if enough time has passed since the last one. Cheap
    /// when disabled or too early (one counter, and a clock read every 256 calls).
    void update(std::uint64_t bytes, std::uint64_t rows, std::uint64_t tables) {
        if (!enabled_ || (++calls_ & 0xFF) != 0) return;
        maybe_draw(bytes, rows, tables);
    }

    /// Draws the final figures and ends the line, so that what follows on stderr starts on a line of its own.
    void finish(std::uint64_t bytes, std::uint64_t rows, std::uint64_t tables);

private:
    using Clock = std::chrono::steady_clock;

    void maybe_draw(std::uint64_t bytes, std::uint64_t rows, std::uint64_t tables);
    void draw(std::uint64_t bytes, std::uint64_t rows, std::uint64_t tables);

    std::ostream& out_;
    bool enabled_;
    std::optional<std::uint64_t> total_;
    std::uint64_t calls_ = 0;
    Clock::time_point start_ = Clock::now();
    Clock::time_point last_ = start_;
};

}  // namespace sqlite2pg::pipeline
