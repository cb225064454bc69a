// OutputWriter: a pipe whose reader has gone is noticed without writing, and writing to it is BrokenPipe.
#include <doctest/doctest.h>

#include <csignal>
#include <string>

#include <unistd.h>

#include "io/output_writer.hpp"

using sqlite2pg::io::BrokenPipe;
using sqlite2pg::io::OutputWriter;

TEST_CASE("OutputWriter notices a closed pipe and reports it as BrokenPipe") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    // Without SIGPIPE ignored the write below would end the test program.
    auto previous = std::signal(SIGPIPE, SIG_IGN);
    {
        OutputWriter out("/dev/fd/" + std::to_string(fds[1]));
        CHECK_FALSE(out.reader_gone());
        ::close(fds[0]);
        CHECK(out.reader_gone());
        out.write("row\n");
        CHECK_THROWS_AS(out.flush(), BrokenPipe);
    }
    std::signal(SIGPIPE, previous);
    ::close(fds[1]);
}

TEST_CASE("OutputWriter: a regular file never has a reader gone") {
    char path[] = "/tmp/sqlite2pg-output-writer-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    ::close(fd);
    OutputWriter out(path);
    out.write("x");
    CHECK_FALSE(out.reader_gone());
    out.close();
    ::unlink(path);
}
