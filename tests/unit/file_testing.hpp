#pragma once
// Files in unit tests: a temporary file holding given bytes, and reading a whole file back.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace sqlite2pg::testing {

/// A file holding `content` for the lifetime of the object (the converter and the splitter read files).
class TempFile {
public:
    explicit TempFile(const std::string& content) {
        std::string pattern = (std::filesystem::temp_directory_path() / "sqlite2pg_test_XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        REQUIRE(fd >= 0);
        ::close(fd);
        path_ = pattern;
        std::ofstream(path_, std::ios::binary) << content;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// The whole content of the file at `path`, byte for byte.
inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace sqlite2pg::testing
