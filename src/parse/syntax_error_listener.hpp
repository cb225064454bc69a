#pragma once
// Records the first error ANTLR reports (lexer or parser) as our Diagnostic, without throwing through
// ANTLR's stack; the front end throws it as InputError once ANTLR has returned.
#include <optional>

#include <antlr4-runtime.h>

#include "core/diagnostics.hpp"
#include "parse/source_text.hpp"

namespace sqlite2pg::parse {

class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
    explicit SyntaxErrorListener(const SourceText& source) : source_(source) {}

    /// Keeps the first error only: later ones are usually consequences of it.
    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending_symbol, size_t line,
                     size_t char_position_in_line, const std::string& msg, std::exception_ptr e) override;

    /// The first error seen, if any.
    const std::optional<Diagnostic>& first_error() const { return first_; }

private:
    Diagnostic lexer_error(const antlr4::Lexer& lexer) const;
    Diagnostic parser_error(antlr4::Parser& parser, antlr4::Token& token) const;

    const SourceText& source_;
    std::optional<Diagnostic> first_;
};

}  // namespace sqlite2pg::parse
