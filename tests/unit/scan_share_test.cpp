// parse::ScanShare: the way each batch is filled, timed both ways and the faster kept.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "parse/scan_share.hpp"

namespace {

using sqlite2pg::parse::ScanShare;
using Way = ScanShare::Way;

/// Feeds `share` `batches` batches of 1 MB, each taking as long as the way it is given says; returns the
/// ways given, in order.
std::vector<Way> run(ScanShare& share, std::size_t batches, double shared_seconds, double split_only_seconds,
                     double& clock, std::uint64_t& bytes) {
    std::vector<Way> ways;
    for (std::size_t i = 0; i < batches; ++i) {
        const Way way = share.next(clock, bytes);
        ways.push_back(way);
        clock += way == Way::Shared ? shared_seconds : split_only_seconds;
        bytes += 1'000'000;
    }
    return ways;
}

std::size_t count(const std::vector<Way>& ways, Way way, std::size_t from, std::size_t to) {
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i) n += ways[i] == way;
    return n;
}

constexpr std::size_t kTrials = 2 * ScanShare::kTrialBatches;
constexpr std::size_t kRound = kTrials + ScanShare::kChosenBatches;

TEST_CASE("scan share: both ways are timed, then the faster runs until both are timed again") {
    for (const bool split_only_faster : {false, true}) {
        CAPTURE(split_only_faster);
        const Way faster = split_only_faster ? Way::SplitOnly : Way::Shared;
        const Way slower = split_only_faster ? Way::Shared : Way::SplitOnly;
        ScanShare share;
        double clock = 100;
        std::uint64_t bytes = 0;
        const std::vector<Way> ways = run(share, 2 * kRound, split_only_faster ? 0.003 : 0.001,
                                          split_only_faster ? 0.001 : 0.003, clock, bytes);
        for (const std::size_t round : {std::size_t{0}, kRound}) {
            CAPTURE(round);
            CHECK(count(ways, Way::Shared, round, round + ScanShare::kTrialBatches) == ScanShare::kTrialBatches);
            CHECK(count(ways, Way::SplitOnly, round + ScanShare::kTrialBatches, round + kTrials) ==
                  ScanShare::kTrialBatches);
            CHECK(count(ways, faster, round + kTrials, round + kRound) == ScanShare::kChosenBatches);
            CHECK(count(ways, slower, round + kTrials, round + kRound) == 0);
        }
    }
}

TEST_CASE("scan share: the choice follows the machine when its speed changes") {
    ScanShare share;
    double clock = 0;
    std::uint64_t bytes = 0;
    const std::vector<Way> first = run(share, kRound, 0.001, 0.002, clock, bytes);
    CHECK(first.back() == Way::Shared);
    const std::vector<Way> second = run(share, kRound, 0.004, 0.002, clock, bytes);
    CHECK(second.back() == Way::SplitOnly);
}

TEST_CASE("scan share: a trial's first batches, slowed by what the other way left, are not timed") {
    // Shared is the faster way, but the first batches of its trial take long (at the start, and later
    // while the converting thread still works through batches the other way filled): timed from the
    // trial's first batch, it would lose to SplitOnly.
    ScanShare share;
    double clock = 0;
    std::uint64_t bytes = 0;
    std::vector<Way> ways;
    for (std::size_t i = 0; i < 2 * kRound; ++i) {
        const Way way = share.next(clock, bytes);
        ways.push_back(way);
        const std::size_t in_round = i % kRound;
        const bool settling = in_round < ScanShare::kSettleBatches;
        clock += way == Way::Shared ? (settling ? 0.1 : 0.001) : 0.002;
        bytes += 1'000'000;
    }
    CHECK(count(ways, Way::Shared, kTrials, kRound) == ScanShare::kChosenBatches);
    CHECK(count(ways, Way::Shared, kRound + kTrials, 2 * kRound) == ScanShare::kChosenBatches);
}

TEST_CASE("scan share: batches too quick for the clock do not stop it choosing") {
    ScanShare share;
    double clock = 5;
    std::uint64_t bytes = 0;
    const std::vector<Way> ways = run(share, 2 * kRound, 0, 0, clock, bytes);
    // Both ways time as infinitely fast: the first, Shared, is kept, and trials come round again.
    CHECK(count(ways, Way::Shared, kTrials, kRound) == ScanShare::kChosenBatches);
    CHECK(count(ways, Way::SplitOnly, kRound + ScanShare::kTrialBatches, kRound + kTrials) == ScanShare::kTrialBatches);
}

}  // namespace
