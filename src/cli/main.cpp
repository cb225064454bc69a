// sqlite2pg: options → Config → the pipeline; maps the outcome to the exit status.
#include <malloc.h>
#include <csignal>
#include <iostream>
#include <system_error>

#include "cli/options.hpp"
#include "io/output_writer.hpp"
#include "pipeline/converter.hpp"

int main(int argc, char** argv) {
    using namespace sqlite2pg;
    // A closed output pipe (`sqlite2pg big.dump | head`) ends the program quietly, like any filter, even
    // if the parent left SIGPIPE ignored: then writes fail with EPIPE, caught below.
    std::signal(SIGPIPE, SIG_DFL);
#ifdef M_MMAP_THRESHOLD
    // Buffers of up to 32 MiB come from the heap, and freed memory stays there for the next ones: by default
    // glibc maps each buffer from 128 KiB on apart, and unmapping one costs about 170 µs on a virtual machine
    // with two threads running (the other processor's TLB is flushed), 100 times a run of the bench dump,
    // three quarters of them while the program ends.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
    try {
        cli::Invocation inv = cli::parse_options(argc, argv, SQLITE2PG_VERSION);
        if (inv.print_and_exit) {
            std::cout << *inv.print_and_exit;
            return pipeline::kSuccess;
        }
        return pipeline::convert(inv.config, std::cerr, SQLITE2PG_VERSION);
    } catch (const cli::UsageError& e) {
        std::cerr << "sqlite2pg: " << e.what() << "\nTry 'sqlite2pg --help'.\n";
        return pipeline::kUsageError;
    } catch (const io::BrokenPipe&) {
        return 128 + SIGPIPE;
    } catch (const std::system_error& e) {
        std::cerr << "sqlite2pg: error: " << e.what() << "\n";
        return pipeline::kInputError;
    } catch (const std::exception& e) {
        std::cerr << "sqlite2pg: internal error: " << e.what() << "\n";
        return pipeline::kInputError;
    }
}
