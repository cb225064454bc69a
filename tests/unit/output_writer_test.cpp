// OutputWriter: a pipe whose reader has gone is noticed without writing, and writing to it is BrokenPipe;
// buffered writes, handed-over files and exchanged buffers come out in order, whatever the pace of the reader.
#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <utility>

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

namespace {

/// A temporary file holding `content`, open for reading from its start, as RowStage hands spilled rows over.
std::FILE* staged_file(const std::string& content) {
    std::FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    REQUIRE(std::fwrite(content.data(), 1, content.size(), file) == content.size());
    REQUIRE(std::fflush(file) == 0);
    std::rewind(file);
    return file;
}

/// Pieces of output: buffered writes (small and larger than a buffer), whole files and exchanged buffers, in
/// a known order.
std::string write_pieces(OutputWriter& out) {
    std::string expected;
    constexpr std::size_t kExchanged = 3'000'000;
    std::unique_ptr<char[]> block = std::make_unique<char[]>(kExchanged);
    const char* handed_before = nullptr;  // the buffer exchanged the time before last, which comes back
    const char* handed_last = nullptr;
    for (int i = 0; i < 40; ++i) {
        const std::string small = "line " + std::to_string(i) + "\n";
        out.write(small);
        expected += small;
        const std::string big((i % 7) * 400000 + 1, static_cast<char>('a' + i % 26));
        if (i % 3 == 0) {
            out.write_file(staged_file(big));
        } else if (i % 3 == 1) {
            std::copy(big.begin(), big.end(), block.get());
            handed_before = std::exchange(handed_last, block.get());
            block = out.exchange(std::move(block), big.size(), kExchanged);
            if (handed_before != nullptr) CHECK(block.get() == handed_before);
        } else {
            out.write(big);
        }
        expected += big;
        if (i % 5 == 0) out.push();
    }
    return expected;
}

}  // namespace

TEST_CASE("OutputWriter keeps the order of buffered writes and handed-over files, into a file") {
    char path[] = "/tmp/sqlite2pg-output-writer-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    ::close(fd);
    std::string expected;
    {
        OutputWriter out(path);
        expected = write_pieces(out);
        out.close();
    }
    std::FILE* back = std::fopen(path, "rb");
    REQUIRE(back != nullptr);
    std::string got(expected.size() + 1, '\0');
    got.resize(std::fread(got.data(), 1, got.size(), back));
    std::fclose(back);
    ::unlink(path);
    CHECK(got.size() == expected.size());
    CHECK(got == expected);
}

TEST_CASE("OutputWriter keeps the order into a pipe read at its own pace") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::string got;
    std::thread reader([&] {
        char block[65536];
        for (ssize_t n; (n = ::read(fds[0], block, sizeof block)) > 0;) got.append(block, static_cast<std::size_t>(n));
    });
    std::string expected;
    {
        OutputWriter out("/dev/fd/" + std::to_string(fds[1]));
        expected = write_pieces(out);
        out.flush();
    }
    ::close(fds[1]);
    reader.join();
    ::close(fds[0]);
    CHECK(got.size() == expected.size());
    CHECK(got == expected);
}
