#pragma once
// UTF-16 to UTF-8, for dumps saved as UTF-16 (PowerShell's `>` writes UTF-16LE with a byte order mark).
#include <cstdint>
#include <string>
#include <string_view>

namespace sqlite2pg::io {

/// Decodes a UTF-16 byte stream (either byte order) to UTF-8, piece by piece: a code unit or a surrogate
/// pair may be split across pieces. Lines and columns of the decoded text are tracked so that an error
/// points where an editor showing the decoded dump would.
class Utf16Decoder {
public:
    /// `big_endian`: the byte order the byte order mark announced.
    explicit Utf16Decoder(bool big_endian) : big_endian_(big_endian) {}

    /// Decodes `in` and appends the UTF-8 to `out`. Throws InputError (id "invalid-utf16") for a surrogate
    /// without its partner, positioned in the decoded text.
    void decode(std::string_view in, std::string& out);

    /// Checks that the input ended on a whole character: throws InputError (id "invalid-utf16") for a
    /// trailing odd byte or a high surrogate without its low half.
    void finish() const;

private:
    void append(char32_t code_point, std::string& out);
    [[noreturn]] void fail(const std::string& message) const;

    bool big_endian_;
    int odd_byte_ = -1;           ///< the first byte of a code unit cut by the end of a piece, or -1
    char16_t high_surrogate_ = 0;  ///< a high surrogate waiting for its low half, or 0
    std::uint64_t offset_ = 0;     ///< UTF-8 bytes written so far
    std::uint64_t line_ = 1;       ///< line of the next character
    std::uint64_t line_start_ = 0;  ///< offset_ at the start of line_
};

}  // namespace sqlite2pg::io
