#include "pipeline/progress.hpp"

#include <fmt/format.h>

namespace sqlite2pg::pipeline {
namespace {

/// Redraw interval: often enough to look alive, rarely enough to cost nothing.
constexpr std::chrono::milliseconds kInterval{250};

std::string megabytes(std::uint64_t bytes) { return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6); }

std::string duration(double seconds) {
    const auto s = static_cast<std::uint64_t>(seconds + 0.5);
    return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60) : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

Progress::Progress(std::ostream& out, bool enabled, std::optional<std::uint64_t> total_bytes)
    : out_(out), enabled_(enabled), total_(total_bytes) {}

void Progress::maybe_draw(std::uint64_t bytes, std::uint64_t rows, std::uint64_t tables) {
    const Clock::time_point now = Clock::now();
    if (now - last_ < kInterval) return;
    last_ = now;
    draw(bytes, rows, tables);
}

void Progress::draw(std::uint64_t bytes, std::uint64_t rows, std::uint64_t tables) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(bytes) / elapsed : 0.0;
    std::string line = "sqlite2pg: " + megabytes(bytes);
    if (total_ && *total_ > 0)
        line += fmt::format(" of {} ({:.0f}%)", megabytes(*total_), 100.0 * static_cast<double>(bytes) / static_cast<double>(*total_));
    line += fmt::format(", {} rows, {} tables, {:.0f} MB/s", rows, tables, rate / 1e6);
    if (total_ && rate > 0 && *total_ > bytes)
        line += ", ETA " + duration(static_cast<double>(*total_ - bytes) / rate);
    else line += ", " + duration(elapsed);
    // \r and clear to the end of the line: the new line may be shorter than the last.
    out_ << '\r' << line << "\x1b[K" << std::flush;
}

void Progress::finish(std::uint64_t bytes, std::uint64_t rows, std::uint64_t tables) {
    if (!enabled_) return;
    draw(bytes, rows, tables);
    out_ << '\n' << std::flush;
}

}  // namespace sqlite2pg::pipeline
