// sqlite2pg: options → Config → the pipeline; maps the outcome to the exit status.
#include <csignal>
#include <iostream>
#include <system_error>

#include "cli/options.hpp"
#include "io/output_writer.hpp"
#include "io/process_heap.hpp"
#include "pipeline/converter.hpp"

int main(int argc, char** argv) {
    using namespace sqlite2pg;
    // A closed output pipe (`sqlite2pg big.dump | head`) ends the program quietly, like any filter, even
    // if the parent left SIGPIPE ignored: then writes fail with EPIPE, caught below.
    std::signal(SIGPIPE, SIG_DFL);
    io::prepare_heap();
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
