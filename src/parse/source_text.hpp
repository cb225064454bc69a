#pragma once
// The statement text as ANTLR sees it and as the dump has it. ANTLR decodes UTF-8 into code points and
// throws on invalid UTF-8, but dumps may hold any bytes in strings; so ANTLR gets a sanitised copy (each
// invalid byte becomes U+FFFD, one code point per byte) and everything we keep is cut from the original
// bytes through a code point → byte map.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_location.hpp"

namespace sqlite2pg::parse {

class SourceText {
public:
    /// `text` must outlive this object; `start` is where it begins in the dump.
    SourceText(std::string_view text, SourceLoc start);

    /// Valid UTF-8 for ANTLR, code point for code point the same as the original text.
    const std::string& antlr_input() const { return antlr_input_; }
    /// Absolute location of the code point with ANTLR index `index` (the end of the text if past it).
    SourceLoc location(std::size_t index) const;
    /// The original bytes of code points [first, last] (ANTLR's inclusive token bounds).
    std::string_view slice(std::size_t first, std::size_t last) const;

private:
    std::size_t byte_of(std::size_t index) const;

    std::string_view text_;
    SourceLoc start_;
    std::string antlr_input_;
    std::vector<std::size_t> code_point_bytes_;  ///< byte offset of each code point; empty for pure ASCII
    std::vector<std::size_t> line_starts_;       ///< byte offset where each line begins
};

}  // namespace sqlite2pg::parse
