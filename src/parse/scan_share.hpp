#pragma once
// How the read-ahead thread and the converting thread share the scanning of INSERT rows, chosen by measuring.
//
// Scanning the rows is most of the read-ahead thread's work, and the converting thread can do it as well (a
// statement that comes without rows it scans itself). Which share is faster depends on the machine, and on
// a virtual machine it changes while the conversion runs: rows scanned on one processor are read on the
// other, and where moving memory between the two is dear, a thread that only splits is faster overall even
// though the converting thread then does nearly all the work. Measured on the 1 GB bench dump on the same
// 2-processor virtual machine: the thread scanning took 0.88 s in one hour and 2.1 s in another, when
// leaving the scanning to the converting thread took 1.5 s. So both ways are timed now and then, and the
// faster one is kept until the next timing.
#include <cstddef>
#include <cstdint>

namespace sqlite2pg::parse {

/// The read-ahead thread's choice, batch by batch, between the two ways of sharing the scanning.
class ScanShare {
public:
    enum class Way {
        Shared,     ///< the read-ahead thread scans the rows of a batch it begins while the converting thread
                    ///< has work waiting (the converting thread is then the slower side), not otherwise
        SplitOnly,  ///< the read-ahead thread only splits; the converting thread scans every INSERT
    };

    /// Batches each way runs for to be timed; the first kSettleBatches of them are not timed (the batches
    /// already filled the other way are still being converted).
    static constexpr std::size_t kTrialBatches = 32;
    static constexpr std::size_t kSettleBatches = 6;
    /// Batches the faster way then runs for before both are timed again.
    static constexpr std::size_t kChosenBatches = 512;

    /// The way to fill the batch the thread begins now. `seconds`: a steady clock's reading; `bytes`: the
    /// input split so far. Both only grow.
    Way next(double seconds, std::uint64_t bytes);

private:
    enum class Phase { TimeShared, TimeSplitOnly, Chosen };

    /// Ends the phase at (`seconds`, `bytes`) and begins the next one.
    void end_phase(double seconds, std::uint64_t bytes);

    Phase phase_ = Phase::TimeShared;
    std::size_t batches_ = 0;           ///< batches begun in this phase
    double timing_from_seconds_ = 0;    ///< when the timed part of this phase began
    std::uint64_t timing_from_bytes_ = 0;
    double shared_rate_ = 0;            ///< bytes per second, as last timed
    Way chosen_ = Way::Shared;
};

}  // namespace sqlite2pg::parse
