#pragma once
// Raw byte input for the converter: a file or standard input, read with read(2) in large chunks.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "io/utf16_decoder.hpp"

namespace sqlite2pg::io {

/// Reads a file, or standard input for "-", in large chunks (1 MiB reads; read(2), not iostreams).
/// Owns the file descriptor it opened; standard input is borrowed and never closed.
/// Input that starts with a UTF-16 byte order mark (PowerShell's `>` writes such files) is decoded to
/// UTF-8 as it is read, without its byte order mark; everything else is passed through byte for byte.
class InputReader {
public:
    /// The read size callers should use: large enough that system-call overhead is negligible.
    static constexpr std::size_t kChunkSize = std::size_t{1} << 20;

    /// Opens `path` ("-" means standard input). Throws std::system_error naming the path if it cannot be
    /// opened or is a directory.
    explicit InputReader(const std::string& path);
    /// Closes the file (not standard input).
    ~InputReader();

    /// Not copyable: the reader owns a file descriptor.
    InputReader(const InputReader&) = delete;
    /// Not copyable: the reader owns a file descriptor.
    InputReader& operator=(const InputReader&) = delete;

    /// Reads up to `capacity` bytes into `buffer`; returns 0 at end of input. Retries EINTR. The first call
    /// looks for a UTF-16 byte order mark.
    /// Throws std::system_error naming the input on a read error, InputError for invalid UTF-16.
    std::size_t read(char* buffer, std::size_t capacity);

    /// "UTF-16LE" or "UTF-16BE" when the input is being decoded from UTF-16; empty otherwise (and before the
    /// first read).
    std::string_view decoded_from() const;

    /// The path, or "<stdin>" for "-"; used as the file name in diagnostics.
    const std::string& display_name() const { return display_name_; }

    /// The size in bytes for regular files (for progress reporting); nullopt for pipes and terminals.
    std::optional<std::uint64_t> size() const { return size_; }

private:
    std::size_t read_raw(char* buffer, std::size_t capacity);
    void detect_encoding();
    void decode_more();

    int fd_ = -1;
    bool owns_fd_ = false;
    std::string display_name_;
    std::optional<std::uint64_t> size_;
    bool detected_ = false;                    ///< the first bytes were checked for a byte order mark
    std::optional<Utf16Decoder> utf16_;        ///< set when the input is UTF-16
    bool big_endian_ = false;                  ///< the UTF-16 byte order
    std::string pending_;                      ///< bytes to hand out before reading more: the first two
                                               ///< bytes when they were no byte order mark, or decoded text
    std::size_t pending_pos_ = 0;              ///< how much of pending_ was handed out
    std::unique_ptr<char[]> raw_;              ///< UTF-16 bytes read, before decoding
};

}  // namespace sqlite2pg::io
