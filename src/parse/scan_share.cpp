#include "parse/scan_share.hpp"

namespace sqlite2pg::parse {

ScanShare::Way ScanShare::next(double seconds, std::uint64_t bytes) {
    const std::size_t length = phase_ == Phase::Chosen ? kChosenBatches : kTrialBatches;
    if (batches_ == length) end_phase(seconds, bytes);
    if (phase_ != Phase::Chosen && batches_ == kSettleBatches) {
        timing_from_seconds_ = seconds;
        timing_from_bytes_ = bytes;
    }
    ++batches_;
    switch (phase_) {
        case Phase::TimeShared: return Way::Shared;
        case Phase::TimeSplitOnly: return Way::SplitOnly;
        case Phase::Chosen: return chosen_;
    }
    return Way::Shared;
}

void ScanShare::end_phase(double seconds, std::uint64_t bytes) {
    const double elapsed = seconds - timing_from_seconds_;
    // A phase too short for the clock to see counts as infinitely fast.
    const double rate = elapsed > 0 ? static_cast<double>(bytes - timing_from_bytes_) / elapsed : 1e300;
    batches_ = 0;
    switch (phase_) {
        case Phase::TimeShared:
            shared_rate_ = rate;
            phase_ = Phase::TimeSplitOnly;
            return;
        case Phase::TimeSplitOnly:
            chosen_ = rate > shared_rate_ ? Way::SplitOnly : Way::Shared;
            phase_ = Phase::Chosen;
            return;
        case Phase::Chosen:
            phase_ = Phase::TimeShared;
            return;
    }
}

}  // namespace sqlite2pg::parse
