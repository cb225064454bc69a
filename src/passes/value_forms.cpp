#include "passes/value_forms.hpp"

#include <charconv>
#include <cstdint>

namespace sqlite2pg::passes {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads exactly `n` digits at `pos` into `value`.
bool digits(std::string_view s, std::size_t& pos, int n, int& value) {
    if (pos + n > s.size()) return false;
    value = 0;
    for (int i = 0; i < n; ++i) {
        if (!is_digit(s[pos + i])) return false;
        value = value * 10 + (s[pos + i] - '0');
    }
    pos += n;
    return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

/// What a date/time text holds, read with the grammar SQLite's date functions and PostgreSQL's input
/// functions agree on: `[YYYY-MM-DD][( |T)HH:MM[:SS[.f+]]][Z|±HH:MM]`.
struct Temporal {
    bool ok = false;
    bool date = false, time = false, offset = false;
    bool canonical = true;  ///< ' ' separator, seconds present, no trailing fractional zero
};

Temporal read_temporal(std::string_view s) {
    Temporal t;
    std::size_t pos = 0;
    int v = 0;
    if (s.size() >= 10 && s[4] == '-') {
        int y, m, d;
        if (!digits(s, pos, 4, y) || s[pos++] != '-' || !digits(s, pos, 2, m) || pos >= s.size() ||
            s[pos++] != '-' || !digits(s, pos, 2, d))
            return t;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return t;
        t.date = true;
        if (pos == s.size()) {
            t.ok = true;
            return t;
        }
        if (s[pos] == 'T') t.canonical = false;
        else if (s[pos] != ' ') return t;
        ++pos;
    }
    int h, mi;
    if (!digits(s, pos, 2, h) || pos >= s.size() || s[pos++] != ':' || !digits(s, pos, 2, mi)) return t;
    if (h > 23 || mi > 59) return t;
    t.time = true;
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!digits(s, pos, 2, v) || v > 59) return t;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            std::size_t start = pos;
            while (pos < s.size() && is_digit(s[pos])) ++pos;
            std::size_t n = pos - start;
            if (n == 0 || n > 6) return t;  // more than microseconds would be rounded
            if (s[pos - 1] == '0') t.canonical = false;
        }
    } else {
        t.canonical = false;
    }
    if (pos < s.size() && t.date) {
        if (s[pos] == 'Z') {
            ++pos;
        } else if (s[pos] == '+' || s[pos] == '-') {
            ++pos;
            int oh, om;
            if (!digits(s, pos, 2, oh) || pos >= s.size() || s[pos++] != ':' || !digits(s, pos, 2, om)) return t;
            if (oh > 14 || om > 59) return t;
        } else {
            return t;
        }
        t.offset = true;
    }
    t.ok = pos == s.size();
    return t;
}

}  // namespace

Fit timestamp_fit(std::string_view text) {
    Temporal t = read_temporal(text);
    if (!t.ok || !t.date || t.offset) return Fit::No;
    if (!t.time) return Fit::SameMeaning;
    return t.canonical ? Fit::Exact : Fit::SameMeaning;
}

Fit timestamptz_fit(std::string_view text) {
    Temporal t = read_temporal(text);
    return t.ok && t.date ? Fit::SameMeaning : Fit::No;
}

Fit date_fit(std::string_view text) {
    Temporal t = read_temporal(text);
    return t.ok && t.date && !t.time ? Fit::Exact : Fit::No;
}

Fit time_fit(std::string_view text) {
    Temporal t = read_temporal(text);
    if (!t.ok || t.date || !t.time) return Fit::No;
    return t.canonical ? Fit::Exact : Fit::SameMeaning;
}

namespace {

/// A JSON reader over one text; each member reads one token and leaves `pos` after it.
class JsonReader {
public:
    explicit JsonReader(std::string_view s) : s_(s) {}

    void whitespace() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
    }
    bool at_end() const { return pos_ == s_.size(); }
    bool take(char c) {
        if (pos_ < s_.size() && s_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

    bool string() {
        if (!take('"')) return false;
        bool pending_high = false;  // a \uD800–\uDBFF escape waits for its low half
        while (pos_ < s_.size()) {
            unsigned char c = static_cast<unsigned char>(s_[pos_++]);
            if (c == '"') return !pending_high;
            if (c < 0x20) return false;
            if (c != '\\') {
                if (pending_high) return false;
                continue;
            }
            if (pos_ >= s_.size()) return false;
            char e = s_[pos_++];
            if (e == 'u') {
                unsigned code = 0;
                if (pos_ + 4 > s_.size()) return false;
                auto r = std::from_chars(s_.data() + pos_, s_.data() + pos_ + 4, code, 16);
                if (r.ptr != s_.data() + pos_ + 4 || r.ec != std::errc()) return false;
                pos_ += 4;
                bool high = code >= 0xD800 && code <= 0xDBFF, low = code >= 0xDC00 && code <= 0xDFFF;
                if (pending_high != low) return false;
                pending_high = high;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                if (pending_high) return false;
            } else {
                return false;
            }
        }
        return false;
    }

    bool number() {
        take('-');
        if (take('0')) {
        } else if (is_digit(peek())) {
            while (is_digit(peek())) ++pos_;
        } else {
            return false;
        }
        if (take('.')) {
            if (!is_digit(peek())) return false;
            while (is_digit(peek())) ++pos_;
        }
        if (take('e') || take('E')) {
            if (!take('+')) take('-');
            if (!is_digit(peek())) return false;
            while (is_digit(peek())) ++pos_;
        }
        return true;
    }

    bool word(std::string_view w) {
        if (s_.substr(pos_, w.size()) != w) return false;
        pos_ += w.size();
        return true;
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

}  // namespace

bool is_json_text(std::string_view text) {
    constexpr int kMaxDepth = 1000;
    bool in_object[kMaxDepth];  // per open container: object (true) or array (false)
    int depth = 0;
    JsonReader r(text);
    for (;;) {
        // A value is expected here.
        r.whitespace();
        char c = r.peek();
        if (c == '{' || c == '[') {
            if (depth == kMaxDepth) return false;
            r.take(c);
            in_object[depth++] = c == '{';
            r.whitespace();
            if (r.take(c == '{' ? '}' : ']')) {
                --depth;
            } else {
                if (c == '{') {
                    if (!r.string()) return false;
                    r.whitespace();
                    if (!r.take(':')) return false;
                }
                continue;
            }
        } else if (c == '"') {
            if (!r.string()) return false;
        } else if (c == '-' || is_digit(c)) {
            if (!r.number()) return false;
        } else if (!r.word("true") && !r.word("false") && !r.word("null")) {
            return false;
        }
        // After a value: close containers until one continues with ',' or the text ends.
        for (;;) {
            r.whitespace();
            if (depth == 0) return r.at_end();
            bool object = in_object[depth - 1];
            if (r.take(object ? '}' : ']')) {
                --depth;
                continue;
            }
            if (!r.take(',')) return false;
            if (object) {
                r.whitespace();
                if (!r.string()) return false;
                r.whitespace();
                if (!r.take(':')) return false;
            }
            break;
        }
    }
}

bool is_canonical_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < 36; ++i) {
        char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!is_digit(c) && !(c >= 'a' && c <= 'f')) {
            return false;
        }
    }
    return true;
}

DecimalDigits decimal_digits(double v) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
    if (!s.empty() && s[0] == '-') s.remove_prefix(1);
    // Significant digits and where the decimal point falls among them.
    int count = 0, point = -1, exponent = 0, leading = 0;
    bool seen_nonzero = false;
    std::size_t i = 0;
    for (; i < s.size() && s[i] != 'e'; ++i) {
        if (s[i] == '.') {
            point = count;
            continue;
        }
        if (!seen_nonzero && s[i] == '0') {
            ++leading;
            ++count;
            continue;
        }
        seen_nonzero = true;
        ++count;
    }
    if (i < s.size()) std::from_chars(s.data() + i + 1 + (s[i + 1] == '+'), s.data() + s.size(), exponent);
    if (point < 0) point = count;
    if (!seen_nonzero) return {};
    // Drop leading zeros: they are neither integer nor fraction digits.
    int significant = count - leading;
    int point_after = point - leading + exponent;  // digits of the significant part before the point
    DecimalDigits d;
    d.integer = point_after > 0 ? point_after : 0;
    d.fraction = significant - point_after > 0 ? significant - point_after : 0;
    return d;
}

DecimalDigits decimal_digits(std::int64_t v) {
    DecimalDigits d;
    std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    while (u > 0) {
        ++d.integer;
        u /= 10;
    }
    return d;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

namespace {

/// Length of the well-formed UTF-8 sequence (not NUL) at `p`, or 0 when PostgreSQL would reject it.
std::size_t sequence_length(const unsigned char* p, const unsigned char* end) {
    unsigned char c = *p;
    if (c == 0) return 0;
    if (c < 0x80) return 1;
    std::size_t extra;
    std::uint32_t min, cp;
    if ((c & 0xE0) == 0xC0) { extra = 1; min = 0x80; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; min = 0x800; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; min = 0x10000; cp = c & 0x07; }
    else return 0;
    if (static_cast<std::size_t>(end - p) <= extra) return 0;
    for (std::size_t i = 1; i <= extra; ++i) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return extra + 1;
}

}  // namespace

std::string replace_invalid_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + 8);
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const unsigned char* end = p + bytes.size();
    while (p < end) {
        std::size_t n = sequence_length(p, end);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD for each rejected byte
            ++p;
        } else {
            out.append(reinterpret_cast<const char*>(p), n);
            p += n;
        }
    }
    return out;
}

}  // namespace sqlite2pg::passes
