#pragma once
// Diagnostics in compiler style: `FILE:LINE:COL: error: message [id]`, the source line, and a caret.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/source_location.hpp"

namespace sqlite2pg {

enum class Severity : std::uint8_t { Note, Warning, Error };

/// One message about the input. `id` is a stable kebab-case key (`syntax-error`, `unterminated-string`).
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string id;
    std::string message;
    SourceLoc loc;
};

/// Renders `file:line:col: severity: message [id]`, then the source line holding `diag.loc` and a caret
/// under its column. `context` is text of the input that starts at `context_start` and contains the
/// location (usually the statement); without it only the first line is printed.
std::string render_diagnostic(const Diagnostic& diag, std::string_view file_name, std::string_view context = {},
                              SourceLoc context_start = {});

/// Thrown for input the converter cannot convert (syntax errors, unterminated literals). It ends the run
/// with exit status 1; the pipeline makes sure what was written so far cannot commit.
class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostic diag) : std::runtime_error(diag.message), diag_(std::move(diag)) {}
    const Diagnostic& diagnostic() const { return diag_; }

private:
    Diagnostic diag_;
};

}  // namespace sqlite2pg
