#include "parse/syntax_error_listener.hpp"

#include <string>

namespace sqlite2pg::parse {
namespace {

/// More expected tokens than this make a message longer without helping the reader.
constexpr std::size_t max_expected_listed = 6;

std::string describe_expected(const antlr4::misc::IntervalSet& expected, const antlr4::dfa::Vocabulary& vocabulary) {
    const std::vector<ssize_t> types = expected.toList();
    if (types.empty() || types.size() > max_expected_listed) return {};
    std::string out = ": expected ";
    for (std::size_t i = 0; i < types.size(); ++i) {
        if (i > 0) out += i + 1 == types.size() ? " or " : ", ";
        std::string name = types[i] == static_cast<ssize_t>(antlr4::Token::EOF) ? "end of input" : vocabulary.getDisplayName(static_cast<size_t>(types[i]));
        // Keyword tokens are named KEYWORD_ in the grammar; show the keyword.
        if (name.size() > 1 && name.back() == '_') name.pop_back();
        out += name;
    }
    return out;
}

}  // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending_symbol, size_t,
                                      size_t, const std::string&, std::exception_ptr) {
    if (first_) return;
    if (auto* lexer = dynamic_cast<antlr4::Lexer*>(recognizer)) {
        first_ = lexer_error(*lexer);
    } else if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer); parser && offending_symbol) {
        first_ = parser_error(*parser, *offending_symbol);
    }
}

Diagnostic SyntaxErrorListener::lexer_error(const antlr4::Lexer& lexer) const {
    const std::size_t at = lexer.tokenStartCharIndex;
    const std::string_view rest = source_.slice(at, at);
    Diagnostic diag;
    diag.loc = source_.location(at);
    if (!rest.empty() && (rest[0] == '\'' || rest[0] == '"' || rest[0] == '`' || rest[0] == '[')) {
        diag.id = "unterminated-string";
        diag.message = std::string("unterminated quoted text starting with ") + rest[0];
    } else {
        diag.id = "syntax-error";
        diag.message = "unrecognized token \"" + std::string(rest) + "\"";
    }
    return diag;
}

Diagnostic SyntaxErrorListener::parser_error(antlr4::Parser& parser, antlr4::Token& token) const {
    Diagnostic diag;
    diag.id = "syntax-error";
    diag.loc = source_.location(token.getStartIndex());
    const std::string near = token.getType() == antlr4::Token::EOF
                                 ? std::string("syntax error at end of input")
                                 : "syntax error near \"" +
                                       std::string(source_.slice(token.getStartIndex(), token.getStopIndex())) + "\"";
    diag.message = near + describe_expected(parser.getExpectedTokens(), parser.getVocabulary());
    return diag;
}

}  // namespace sqlite2pg::parse
