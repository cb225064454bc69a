#pragma once
// Raw byte input for the converter: a file or standard input, read with read(2) in large chunks.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "io/utf16_decoder.hpp"

namespace sqlite2pg::io {

/// Reads a file, or standard input for "-", in large chunks (1 MiB reads; read(2), not iostreams).
/// Owns the file descriptor it opened; standard input is borrowed and never closed.
/// Input that starts with a UTF-16 byte order mark (PowerShell's `>` writes such files) is decoded to
/// UTF-8 as it is read, without its byte order mark; everything else is passed through byte for byte.
///
/// With `LineEnds::AsSqlite3Reads`, every CR directly before an LF is dropped, as the sqlite3 shell does
/// when it reads a script line by line: a dump means what sqlite3 makes of it, so `'a⟨CR⟩⟨LF⟩b'` inside a
/// pre-3.18 (or `--newlines`) dump is the text a⟨LF⟩b, and Windows line ends between statements are plain
/// newlines. A lone CR is kept. Offsets of what is read then count the bytes after that change.
class InputReader {
public:
    /// Whether bytes come as they are or with CR LF read as LF (see above).
    enum class LineEnds { AsIs, AsSqlite3Reads };

    /// The read size callers should use: large enough that system-call overhead is negligible.
    static constexpr std::size_t kChunkSize = std::size_t{1} << 20;

    /// Opens `path` ("-" means standard input). Throws std::system_error naming the path if it cannot be
    /// opened or is a directory.
    explicit InputReader(const std::string& path, LineEnds line_ends = LineEnds::AsIs);
    /// Closes the file (not standard input).
    ~InputReader();

    /// Not copyable: the reader owns a file descriptor.
    InputReader(const InputReader&) = delete;
    /// Not copyable: the reader owns a file descriptor.
    InputReader& operator=(const InputReader&) = delete;

    /// Reads up to `capacity` bytes (CRs before LFs dropped if asked) into `buffer`; returns 0 only at end
    /// of input. Retries EINTR. Throws std::system_error naming the input on a read error.
    std::size_t read(char* buffer, std::size_t capacity) {
        const std::size_t n = read_next(buffer, capacity);
        bytes_read_ += n;
        return n;
    }

    /// Reads on from byte `offset` of a regular file (what read() returns next starts there), forgetting a CR
    /// held back from the last read. Only for a file whose bytes are passed through (no UTF-16 decoding) and
    /// whose CR LF pairs before `offset`, if read as LF, are counted by the caller: offsets are the file's.
    /// Throws std::system_error on failure.
    void seek(std::uint64_t offset);
    /// Up to `capacity` bytes of a regular file from byte `offset` on, as they are in the file (pread(2): the
    /// position read() reads from does not move). Returns 0 only at end of file.
    std::size_t read_at(std::uint64_t offset, char* buffer, std::size_t capacity) const;

    /// Bytes read() has returned so far (tests check that what is skipped is not read).
    std::uint64_t bytes_read() const { return bytes_read_; }
    /// How many CR LF pairs were read as LF so far (the conversion reports it).
    std::uint64_t crlf_count() const { return crlf_count_; }

    /// "UTF-16LE" or "UTF-16BE" when the input is being decoded from UTF-16; empty otherwise (and before the
    /// first read).
    std::string_view decoded_from() const;

    /// The path, or "<stdin>" for "-"; used as the file name in diagnostics.
    const std::string& display_name() const { return display_name_; }

    /// The size in bytes for regular files (for progress reporting); nullopt for pipes and terminals.
    std::optional<std::uint64_t> size() const { return size_; }

    /// The file the reader reads (device and inode number): two readers of the same path read the same file
    /// only if theirs are equal (a file renamed over the path in between is another).
    std::pair<std::uint64_t, std::uint64_t> identity() const { return identity_; }

private:
    /// read() without the counting.
    std::size_t read_next(char* buffer, std::size_t capacity);
    /// read(2) with EINTR retried.
    std::size_t read_raw(char* buffer, std::size_t capacity);
    /// read_raw, or the input decoded to UTF-8 if it is UTF-16 (the first call looks for the byte order
    /// mark). Throws InputError for invalid UTF-16.
    std::size_t read_decoded(char* buffer, std::size_t capacity);
    void detect_encoding();
    void decode_more();

    int fd_ = -1;
    LineEnds line_ends_ = LineEnds::AsIs;
    bool held_cr_ = false;             ///< a CR ended the last read: whether it is dropped depends on what follows
    std::optional<char> lookahead_;    ///< a byte read to decide about a held CR, returned by the next read
    std::uint64_t crlf_count_ = 0;
    std::uint64_t bytes_read_ = 0;
    bool owns_fd_ = false;
    std::string display_name_;
    std::optional<std::uint64_t> size_;
    std::pair<std::uint64_t, std::uint64_t> identity_{};
    bool is_pipe_ = false;
    bool detected_ = false;                    ///< the first bytes were checked for a byte order mark
    std::optional<Utf16Decoder> utf16_;        ///< set when the input is UTF-16
    bool big_endian_ = false;                  ///< the UTF-16 byte order
    std::string pending_;                      ///< bytes to hand out before reading more: the first two
                                               ///< bytes when they were no byte order mark, or decoded text
    std::size_t pending_pos_ = 0;              ///< how much of pending_ was handed out
    std::unique_ptr<char[]> raw_;              ///< UTF-16 bytes read, before decoding
};

}  // namespace sqlite2pg::io
