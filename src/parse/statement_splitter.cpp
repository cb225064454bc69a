#include "parse/statement_splitter.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <memory>
#include <utility>

#include "core/byte_vectors.hpp"
#include "core/diagnostics.hpp"

namespace sqlite2pg::parse {

namespace {

/// A buffer of `capacity` bytes followed by byte_vectors::kPadding more (zeros), so that the text of every
/// statement handed out is padded (RawStatement::padded). The capacity is left as it is: zeroing it would
/// touch every page of it before the first statement (milliseconds, on the threads' critical way to
/// their first rows), and what is read fills it.
std::unique_ptr<char[]> padded_buffer(std::size_t capacity) {
    auto buffer = std::make_unique_for_overwrite<char[]>(capacity + byte_vectors::kPadding);
    std::memset(buffer.get() + capacity, 0, byte_vectors::kPadding);
    return buffer;
}

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// SQLite's identifier characters: ASCII letters and digits, '_', '$', and every byte of a multi-byte
// UTF-8 sequence.
constexpr bool is_id_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == '$' ||
           u >= 0x80;
}

// Bytes the fast scan must stop at: statement end, quote openers, and the first byte of a comment opener.
constexpr std::array<bool, 256> kStops = [] {
    std::array<bool, 256> stops{};
    for (unsigned char c : std::string_view(";'\"`[-/")) stops[c] = true;
    return stops;
}();

/// One bit per byte of `bytes` (bit i for byte i) that may be in kStops. Four tests instead of seven
/// compares: (b | 0x05) == 0x27 matches " and ' (and # &), (b | 0x02) == 0x2F matches - and /,
/// (b & 0x9F) == 0x1B matches ; and [ (and ESC {), b == '`' matches `.
std::uint32_t candidate_stops(byte_vectors::Bytes bytes) {
    const auto quotes = (bytes | 0x05) == 0x27;
    const auto comment_openers = (bytes | 0x02) == 0x2F;
    const auto semicolon_bracket = (bytes & 0x9F) == 0x1B;
    const auto backtick = bytes == '`';
    return byte_vectors::mask(quotes | comment_openers | semicolon_bracket | backtick);
}

/// The index of the first byte of buf[p, e) that is in kStops, or e.
std::size_t find_stop(const char* buf, std::size_t p, std::size_t e) {
    while (e - p >= 16) {
        // Candidates that are not stops (# & ESC {) are rare in code; they cost a look-up each.
        for (std::uint32_t candidates = candidate_stops(byte_vectors::load(buf + p)); candidates != 0;
             candidates &= candidates - 1) {
            const std::size_t at = p + static_cast<std::size_t>(std::countr_zero(candidates));
            if (kStops[static_cast<unsigned char>(buf[at])]) return at;
        }
        p += 16;
    }
    while (p < e && !kStops[static_cast<unsigned char>(buf[p])]) ++p;
    return p;
}

/// The index of the first `byte` in buf[p, e), or e.
std::size_t find_byte(const char* buf, std::size_t p, std::size_t e, char byte) {
    const void* hit = std::memchr(buf + p, byte, e - p);
    return hit == nullptr ? e : static_cast<std::size_t>(static_cast<const char*>(hit) - buf);
}

bool iequals_ascii(std::string_view word, std::string_view lower) {
    if (word.size() != lower.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

/// Bytes of a block comment needed to tell whether sqlite3 wrote it to report an error.
constexpr std::size_t kErrorCommentLookahead = 32;

/// `/****** CORRUPTION ERROR *******/`, `/**** ERROR: (11) … *****/`, `/****** ERROR: … ******/` — the
/// comments sqlite3 writes when a dump meets an error (dump-format.md §7); a banner of stars is not one.
bool is_error_comment(std::string_view start) {
    std::size_t i = 2;
    while (i < start.size() && start[i] == '*') ++i;
    if (i < 5) return false;
    while (i < start.size() && start[i] == ' ') ++i;
    const std::string_view rest = start.substr(i);
    return rest.starts_with("CORRUPTION ERROR") || rest.starts_with("ERROR:");
}

}  // namespace

StatementSplitter::StatementSplitter(io::InputReader& input, std::size_t chunk_size)
    : input_(input), chunk_size_(chunk_size == 0 ? 1 : chunk_size) {
    capacity_ = 2 * chunk_size_;
    buffer_ = padded_buffer(capacity_);
}

StatementSplitter::~StatementSplitter() = default;

std::optional<RawStatement> StatementSplitter::next() {
    if (!started_) {
        started_ = true;
        while (end_ < 3 && !eof_) refill();
        if (end_ >= 3 && std::memcmp(buffer_.get(), "\xEF\xBB\xBF", 3) == 0) {
            // The BOM is counted in offsets but is not a column of the first line.
            pos_ = 3;
            line_cursor_ = 3;
            line_start_offset_ = 3;
        }
    }
    for (;;) {
        if (scan() == Scan::Found) {
            // pos_ is just past the ';'.
            RawStatement stmt;
            stmt.text = std::string_view(buffer_.get() + stmt_begin_, pos_ - stmt_begin_);
            stmt.begin = loc_at(stmt_begin_);
            stmt.padded = true;
            if (std::exchange(rows_scanned_, false)) {
                stmt.rows = rows_scan_;
                // The lines of a run's statements, counted in order.
                std::vector<ScannedStatement>& run = rows_scan_->statements;
                run.front().line = stmt.begin.line;
                for (std::size_t i = 1; i < run.size(); ++i) run[i].line = loc_at(stmt_begin_ + run[i].begin).line;
            }
            in_statement_ = false;
            return stmt;
        }
        if (!eof_) {
            refill();
            continue;
        }
        // End of input: pos_ == end_ here.
        if (lex_ != Lex::Code && lex_ != Lex::LineComment) throw_unterminated();
        if (!in_statement_) return std::nullopt;
        in_statement_ = false;
        std::size_t text_end = end_;
        while (text_end > stmt_begin_ && is_space(buffer_[text_end - 1])) --text_end;
        RawStatement stmt;
        stmt.text = std::string_view(buffer_.get() + stmt_begin_, text_end - stmt_begin_);
        stmt.begin = loc_at(stmt_begin_);
        stmt.padded = true;
        stmt.terminated = false;
        return stmt;
    }
}

void StatementSplitter::scan_run() {
    const char* const buf = buffer_.get();
    std::vector<ScannedStatement>& run = rows_scan_->statements;
    // Each next statement begins on the next line, right after the newline that ends the one before.
    while (run.size() < kRunStatements && pos_ - stmt_begin_ < run_bytes_ && pos_ + 1 < end_ &&
           buf[pos_] == '\n' && base_offset_ + pos_ + 1 < likely_skip_from_) {
        const std::size_t length = scan_dump_insert_more({buf + pos_ + 1, end_ - pos_ - 1}, *rows_scan_, true);
        if (length == 0) return;
        run.back().begin = pos_ + 1 - stmt_begin_;
        pos_ += 1 + length;
    }
}

void StatementSplitter::skip_to(const SourceLoc& at) {
    started_ = true;
    error_comments_.clear();
    if (at.offset >= base_offset_ && at.offset <= base_offset_ + end_) {
        pos_ = static_cast<std::size_t>(at.offset - base_offset_);
    } else {
        input_.seek(at.offset);
        base_offset_ = at.offset;
        end_ = pos_ = 0;
        eof_ = false;
    }
    lex_ = Lex::Code;
    in_statement_ = false;
    open_loc_.reset();
    line_cursor_ = pos_;
    line_ = at.line;
    line_start_offset_ = at.offset - (at.column - 1);
}

// Scans from pos_ until a statement ends (Found, pos_ past its ';') or the buffer runs out (NeedMore).
// NeedMore leaves pos_ and lex_ such that scanning resumes correctly after refill(): where a decision
// needs the byte after the last one in the buffer ("'" vs "''", "-" vs "--", "*" vs "*/"), pos_ stays on
// the undecided byte. At end of input, missing look-ahead bytes count as "neither".
StatementSplitter::Scan StatementSplitter::scan() {
    const char* const buf = buffer_.get();
    std::size_t p = pos_;
    const std::size_t e = end_;
    auto need_more = [&](std::size_t at) {
        pos_ = at;
        return Scan::NeedMore;
    };
    auto close_quote = [&](char quote, bool doubled_escape) -> bool {
        // Returns true when the quote closed (p past it); false when more input is needed (pos_ set).
        for (;;) {
            const std::size_t q = find_byte(buf, p, e, quote);
            if (q == e) {
                pos_ = e;
                return false;
            }
            if (!doubled_escape) {
                p = q + 1;
                return true;
            }
            if (q + 1 == e && !eof_) {
                pos_ = q;
                return false;
            }
            if (q + 1 < e && buf[q + 1] == quote) {
                p = q + 2;
                continue;
            }
            p = q + 1;
            return true;
        }
    };

    for (;;) {
        switch (lex_) {
            case Lex::SingleQuote:
            case Lex::DoubleQuote:
            case Lex::Backtick:
            case Lex::Bracket: {
                // `[…]` ends at the first `]`; the other three end at a closing quote that is not doubled.
                const char closing = lex_ == Lex::SingleQuote ? '\'' : lex_ == Lex::DoubleQuote ? '"'
                                   : lex_ == Lex::Backtick    ? '`'
                                                               : ']';
                if (!close_quote(closing, lex_ != Lex::Bracket)) return Scan::NeedMore;
                lex_ = Lex::Code;
                break;
            }
            case Lex::LineComment: {
                const void* hit = std::memchr(buf + p, '\n', e - p);
                if (hit == nullptr) return need_more(e);
                p = static_cast<std::size_t>(static_cast<const char*>(hit) - buf) + 1;
                lex_ = Lex::Code;
                break;
            }
            case Lex::BlockComment: {
                const void* hit = std::memchr(buf + p, '*', e - p);
                if (hit == nullptr) return need_more(e);
                std::size_t q = static_cast<std::size_t>(static_cast<const char*>(hit) - buf);
                if (q + 1 == e) return need_more(eof_ ? e : q);
                p = q + 1;
                if (buf[p] == '/') {
                    ++p;
                    lex_ = Lex::Code;
                    open_loc_.reset();
                }
                break;
            }
            case Lex::Code: {
                if (!in_statement_) {
                    // Between statements: skip whitespace, comments and empty statements.
                    while (p < e && is_space(buf[p])) ++p;
                    if (p == e) return need_more(p);
                    char c = buf[p];
                    if (c == ';') {
                        ++p;
                        break;
                    }
                    if (c == '-' || c == '/') {
                        if (p + 1 == e && !eof_) return need_more(p);
                        char opener_second = c == '-' ? '-' : '*';
                        if (p + 1 < e && buf[p + 1] == opener_second) {
                            if (c == '/') {
                                // Enough of the comment to tell an error comment from others.
                                if (p + kErrorCommentLookahead > e && !eof_) return need_more(p);
                                if (is_error_comment({buf + p, std::min(e - p, kErrorCommentLookahead)}))
                                    note_error_comment(p);
                            }
                            open_ = p;
                            lex_ = c == '-' ? Lex::LineComment : Lex::BlockComment;
                            p += 2;
                            break;
                        }
                    }
                    in_statement_ = true;
                    stmt_begin_ = p;
                    after_semi_ = end_after_semi_ = false;
                    trigger_ = (c == 'C' || c == 'c') ? Trigger::FirstWord : Trigger::No;
                    if ((c == 'I' || c == 'i') && rows_scan_ != nullptr) {
                        // Rows, nearly always: scanned whole where the buffer holds the statement's ';'. Otherwise
                        // (the buffer ends first, or it is not dump-shaped) the fast scan below finds its end.
                        const std::size_t length = scan_dump_insert_prefix({buf + p, e - p}, *rows_scan_, true);
                        if (length != 0) {
                            pos_ = p + length;
                            rows_scanned_ = true;
                            if (rows_scan_->runs_allowed) scan_run();
                            return Scan::Found;
                        }
                        // The buffer may end inside it: with more read, it is scanned too (a second thread
                        // converts only scanned rows, and stops at any other statement). Not when the buffer
                        // holds more than a refill adds: then it is not dump-shaped, or too long to scan.
                        if (!eof_ && e - p < std::min(kScanAfterRefill, chunk_size_)) {
                            in_statement_ = false;
                            return need_more(p);
                        }
                    }
                }
                if (trigger_ != Trigger::No) {
                    pos_ = p;
                    if (scan_words() == Scan::Found) return Scan::Found;
                    p = pos_;
                    if (lex_ != Lex::Code) break;                     // a quote or comment opened
                    if (trigger_ != Trigger::No) return Scan::NeedMore;  // the buffer ran out
                    // The first words ruled out a trigger: the rest takes the fast scan below.
                }
                // The hot path, where nearly all of a dump's bytes go: code is skipped 16 bytes at a time to the
                // next byte that matters, and single-quoted strings are skipped without leaving the loop.
                for (;;) {
                    p = find_stop(buf, p, e);
                    if (p == e) return need_more(p);
                    const char c = buf[p];
                    if (c == '\'') {
                        open_ = p;
                        // The closing quote is the first one not doubled ('' is an escaped quote).
                        std::size_t q = find_byte(buf, p + 1, e, '\'');
                        while (q + 1 < e && buf[q + 1] == '\'') q = find_byte(buf, q + 2, e, '\'');
                        if (q + 1 < e) {
                            p = q + 1;
                            continue;
                        }
                        // The buffer ends inside the string or just after a quote that may be doubled: the
                        // quote case decides, with eof_ or after a refill.
                        lex_ = Lex::SingleQuote;
                        p = q;
                        break;
                    }
                    if (c == ';') {
                        pos_ = p + 1;
                        return Scan::Found;
                    }
                    if (c == '-' || c == '/') {
                        if (p + 1 == e && !eof_) return need_more(p);
                        const char opener_second = c == '-' ? '-' : '*';
                        if (p + 1 < e && buf[p + 1] == opener_second) {
                            open_ = p;
                            lex_ = c == '-' ? Lex::LineComment : Lex::BlockComment;
                            p += 2;
                            break;
                        }
                        ++p;
                        continue;
                    }
                    lex_ = c == '"' ? Lex::DoubleQuote : c == '`' ? Lex::Backtick : Lex::Bracket;
                    open_ = p;
                    ++p;
                    break;
                }
                break;
            }
        }
    }
}

// The slow scan for statements that start with C/c: it sees whole words, to recognise CREATE [TEMP]
// TRIGGER and, inside a trigger, the `; END ;` that ends it. Returns when the statement ends, when more
// input is needed, when a quote or comment opens (lex_ changed; scan() handles it and calls back), or as
// soon as the statement turns out not to be a trigger (trigger_ == No). All but Found leave pos_ at the
// next byte to scan.
StatementSplitter::Scan StatementSplitter::scan_words() {
    const char* const buf = buffer_.get();
    std::size_t p = pos_;
    const std::size_t e = end_;
    while (trigger_ != Trigger::No) {
        while (p < e && is_space(buf[p])) ++p;
        if (p == e) break;
        char c = buf[p];
        if (is_id_char(c)) {
            std::size_t q = p;
            while (q < e && is_id_char(buf[q])) ++q;
            // A word cut by the buffer end is rescanned whole after the refill.
            if (q == e && !eof_) break;
            on_word(std::string_view(buf + p, q - p));
            p = q;
            continue;
        }
        if (c == ';') {
            if (trigger_ != Trigger::Body || end_after_semi_) {
                pos_ = p + 1;
                return Scan::Found;
            }
            after_semi_ = true;
            end_after_semi_ = false;
            ++p;
            continue;
        }
        if (c == '-' || c == '/') {
            if (p + 1 == e && !eof_) break;
            char opener_second = c == '-' ? '-' : '*';
            if (p + 1 < e && buf[p + 1] == opener_second) {
                // Comments do not change the token state.
                open_ = p;
                lex_ = c == '-' ? Lex::LineComment : Lex::BlockComment;
                pos_ = p + 2;
                return Scan::NeedMore;
            }
        }
        on_other_token();
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            open_ = p;
            lex_ = c == '\'' ? Lex::SingleQuote : c == '"' ? Lex::DoubleQuote : c == '`' ? Lex::Backtick : Lex::Bracket;
            pos_ = p + 1;
            return Scan::NeedMore;
        }
        ++p;
    }
    pos_ = p;
    return Scan::NeedMore;
}

void StatementSplitter::on_word(std::string_view word) {
    switch (trigger_) {
        case Trigger::FirstWord:
            trigger_ = iequals_ascii(word, "create") ? Trigger::AfterCreate : Trigger::No;
            break;
        case Trigger::AfterCreate:
            if (iequals_ascii(word, "temp") || iequals_ascii(word, "temporary")) {
                trigger_ = Trigger::AfterTemp;
            } else {
                trigger_ = iequals_ascii(word, "trigger") ? Trigger::Body : Trigger::No;
            }
            break;
        case Trigger::AfterTemp:
            trigger_ = iequals_ascii(word, "trigger") ? Trigger::Body : Trigger::No;
            break;
        case Trigger::Body:
            end_after_semi_ = after_semi_ && iequals_ascii(word, "end");
            after_semi_ = false;
            break;
        case Trigger::No:
            break;
    }
}

void StatementSplitter::on_other_token() {
    if (trigger_ == Trigger::Body) {
        after_semi_ = end_after_semi_ = false;
    } else {
        trigger_ = Trigger::No;
    }
}

void StatementSplitter::note_error_comment(std::size_t at) {
    constexpr std::size_t kLongest = 200;
    const std::string_view rest(buffer_.get() + at, std::min(end_ - at, kLongest));
    const std::size_t close = rest.find("*/", 2);
    ErrorComment comment{loc_at(at), std::string(rest.substr(0, close == std::string_view::npos ? rest.size() : close + 2))};
    error_comments_.push_back(std::move(comment));
}

void StatementSplitter::refill() {
    if (capacity_ - end_ < chunk_size_) {
        // Everything before `keep` is consumed. Between statements that includes an open comment's
        // opener, whose location is pinned first so that an error can still point at it.
        const std::size_t keep = in_statement_ ? stmt_begin_ : pos_;
        if (!in_statement_ && lex_ == Lex::BlockComment && !open_loc_) open_loc_ = loc_at(open_);
        advance_lines_to(keep);
        const std::size_t tail = end_ - keep;
        // A buffer of the usual size whenever the tail fits one, also after a very large statement; while a
        // statement of many chunks grows, doubling keeps the copying linear.
        std::size_t capacity = 2 * chunk_size_;
        if (tail > chunk_size_)
            capacity = capacity_ - tail < chunk_size_ ? std::max(capacity_ * 2, tail + chunk_size_) : capacity_;
        // The tail moves to the front (the statements handed out are done with: next() was called again), or
        // to a buffer of the new size.
        if (capacity == capacity_) {
            std::memmove(buffer_.get(), buffer_.get() + keep, tail);
        } else {
            auto to = padded_buffer(capacity);
            if (tail > 0) std::memcpy(to.get(), buffer_.get() + keep, tail);
            buffer_ = std::move(to);
            capacity_ = capacity;
        }
        base_offset_ += keep;
        end_ = tail;
        pos_ -= keep;
        line_cursor_ -= keep;
        if (in_statement_) stmt_begin_ -= keep;
        open_ = open_ >= keep ? open_ - keep : 0;
    }
    // A chunk, or less when another thread converted what lies beyond (likely_skip_from()).
    std::size_t want = chunk_size_;
    const std::uint64_t read_to = base_offset_ + end_;
    if (likely_skip_from_ > read_to && likely_skip_from_ - read_to < chunk_size_)
        want = static_cast<std::size_t>(
            std::min<std::uint64_t>(chunk_size_, likely_skip_from_ - read_to + kReadPastSkip));
    std::size_t n = input_.read(buffer_.get() + end_, want);
    if (n == 0) eof_ = true;
    end_ += n;
}

void StatementSplitter::advance_lines_to(std::size_t index) {
    const char* p = buffer_.get() + line_cursor_;
    const char* const stop = buffer_.get() + index;
    while (p < stop) {
        // Nearly always one byte, the newline between two statements: searched without a call.
        const void* hit =
            stop - p == 1 ? (*p == '\n' ? p : nullptr) : std::memchr(p, '\n', static_cast<std::size_t>(stop - p));
        if (hit == nullptr) break;
        p = static_cast<const char*>(hit) + 1;
        ++line_;
        line_start_offset_ = base_offset_ + static_cast<std::uint64_t>(p - buffer_.get());
    }
    line_cursor_ = index;
}

SourceLoc StatementSplitter::loc_at(std::size_t index) {
    advance_lines_to(index);
    SourceLoc loc;
    loc.offset = base_offset_ + index;
    loc.line = line_;
    loc.column = static_cast<std::uint32_t>(loc.offset - line_start_offset_ + 1);
    return loc;
}

void StatementSplitter::throw_unterminated() {
    Diagnostic diag;
    diag.severity = Severity::Error;
    switch (lex_) {
        case Lex::SingleQuote:
            diag.id = "unterminated-string";
            diag.message = "unterminated string literal at end of input";
            break;
        case Lex::BlockComment:
            diag.id = "unterminated-comment";
            diag.message = "unterminated /* comment at end of input";
            break;
        default:
            diag.id = "unterminated-identifier";
            diag.message = "unterminated quoted identifier at end of input";
            break;
    }
    diag.loc = open_loc_ ? *open_loc_ : loc_at(open_);
    throw InputError(std::move(diag));
}

}  // namespace sqlite2pg::parse
