#include "parse/sql_parser.hpp"

#include <memory>

#include <antlr4-runtime.h>

#include "SQLiteLexer.h"
#include "SQLiteParser.h"
#include "core/diagnostics.hpp"
#include "parse/source_text.hpp"
#include "parse/syntax_error_listener.hpp"
#include "parse/transformer.hpp"

namespace sqlite2pg::parse {
namespace {

/// Two-stage parse (the usual ANTLR recipe): SLL prediction with bail-out is fast and right for almost
/// every input; only when it fails is the input parsed again with full LL, which also finds the error.
SQLiteParser::ParseContext* parse_tree(SQLiteParser& parser, antlr4::CommonTokenStream& tokens,
                                       SyntaxErrorListener& listener) {
    auto* interpreter = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
    parser.removeErrorListeners();
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    interpreter->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    try {
        return parser.parse();
    } catch (const antlr4::ParseCancellationException&) {
        tokens.seek(0);
        parser.reset();
        parser.addErrorListener(&listener);
        parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        interpreter->setPredictionMode(antlr4::atn::PredictionMode::LL);
        auto* tree = parser.parse();
        if (listener.first_error()) throw InputError(*listener.first_error());
        return tree;
    }
}

}  // namespace

ast::Statement parse_statement(std::string_view text, SourceLoc start) {
    const SourceText source(text, start);
    SyntaxErrorListener listener(source);
    try {
        antlr4::ANTLRInputStream input(source.antlr_input());
        grammar::SQLiteLexer lexer(&input);
        lexer.removeErrorListeners();
        lexer.addErrorListener(&listener);
        antlr4::CommonTokenStream tokens(&lexer);
        // Lex everything first so that a lexer error (an unterminated string) is reported as itself
        // rather than as the parse error it causes.
        tokens.fill();
        if (listener.first_error()) throw InputError(*listener.first_error());
        grammar::SQLiteParser parser(&tokens);
        auto* tree = parse_tree(parser, tokens, listener);
        Transformer transformer(source);
        return transformer.transform_parse(*tree);
    } catch (const antlr4::RuntimeException& e) {
        // Not expected from the recovering second pass; never let ANTLR's exceptions leave the front end.
        throw InputError(Diagnostic{Severity::Error, "syntax-error", std::string("syntax error: ") + e.what(), start});
    }
}

}  // namespace sqlite2pg::parse
