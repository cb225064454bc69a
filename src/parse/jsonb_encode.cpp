#include "parse/jsonb_encode.hpp"

#include <cstdint>

namespace sqlite2pg::parse {
namespace {

// Element types of the JSONB format.
constexpr std::uint8_t kNull = 0, kTrue = 1, kFalse = 2, kInt = 3, kFloat = 5, kText = 7, kTextJ = 8, kText5 = 9,
                       kArray = 11, kObject = 12;
/// SQLite's JSON_MAX_DEPTH: deeper nesting is an error in jsonb().
constexpr int kMaxDepth = 1000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Bytes of the size field a header needs for `size` payload bytes (jsonBlobAppendNode's choice).
std::size_t size_field_bytes(std::size_t size) { return size <= 11 ? 0 : size <= 0xff ? 1 : size <= 0xffff ? 2 : 4; }

/// A header for an element of type `type` with `size` payload bytes.
std::string header(std::uint8_t type, std::size_t size) {
    const std::size_t extra = size_field_bytes(size);
    std::string h;
    if (extra == 0) {
        h.push_back(static_cast<char>(type | (size << 4)));
        return h;
    }
    h.push_back(static_cast<char>(type | (extra == 1 ? 0xc0 : extra == 2 ? 0xd0 : 0xe0)));
    for (std::size_t i = extra; i-- > 0;) h.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
    return h;
}

class Encoder {
public:
    explicit Encoder(std::string_view s) : s_(s) {}

    bool document(std::string& out) {
        out.clear();
        skip_space();
        if (!element(out, 0)) return false;
        skip_space();
        return i_ == s_.size();
    }

private:
    char peek(std::size_t ahead = 0) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }
    void skip_space() {
        while (i_ < s_.size() && is_space(s_[i_])) ++i_;
    }

    bool element(std::string& out, int depth) {
        switch (peek()) {
            case '{': return container(out, depth, '}', kObject);
            case '[': return container(out, depth, ']', kArray);
            case '"': return string(out);
            case 't': return word("true", kTrue, out);
            case 'f': return word("false", kFalse, out);
            case 'n': return word("null", kNull, out);
            default: return number(out);
        }
    }

    /// An object or array: the children are encoded first, then the header sized for them.
    bool container(std::string& out, int depth, char close, std::uint8_t type) {
        if (depth + 1 > kMaxDepth) return false;
        ++i_;
        std::string payload;
        skip_space();
        if (peek() == close) {
            ++i_;
            out += header(type, 0);
            return true;
        }
        for (;;) {
            skip_space();
            if (type == kObject) {
                if (peek() != '"' || !string(payload)) return false;
                skip_space();
                if (peek() != ':') return false;
                ++i_;
                skip_space();
            }
            if (!element(payload, depth + 1)) return false;
            skip_space();
            if (peek() == ',') {
                ++i_;
                continue;
            }
            if (peek() != close) return false;
            ++i_;
            break;
        }
        out += header(type, payload.size());
        out += payload;
        return true;
    }

    bool word(std::string_view w, std::uint8_t type, std::string& out) {
        if (s_.substr(i_, w.size()) != w || is_alnum(peek(w.size()))) return false;
        i_ += w.size();
        out.push_back(static_cast<char>(type));
        return true;
    }

    /// A string: its text between the quotes is the payload; the type says which escapes it holds.
    bool string(std::string& out) {
        const std::size_t start = ++i_;
        std::uint8_t type = kText;
        for (;;) {
            if (i_ >= s_.size()) return false;
            const char c = s_[i_];
            if (c == '"') break;
            if (c == '\\') {
                const char e = peek(1);
                if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't' ||
                    (e == 'u' && is_hex(peek(2)) && is_hex(peek(3)) && is_hex(peek(4)) && is_hex(peek(5)))) {
                    if (type == kText) type = kTextJ;
                } else if (e == '\'' || e == 'v' || e == '\n' || (e == '0' && !is_digit(peek(2))) ||
                           (e == 'x' && is_hex(peek(2)) && is_hex(peek(3)))) {
                    type = kText5;
                } else if (e == '\r') {
                    if (peek(2) == '\n') ++i_;
                    type = kText5;
                } else {
                    return false;  // includes U+2028/2029 line continuations: JSON5 only, never written
                }
                i_ += 2;
                continue;
            }
            if (c == '\0') return false;
            if (static_cast<unsigned char>(c) <= 0x1f) type = kText5;
            ++i_;
        }
        const std::string_view text = s_.substr(start, i_ - start);
        ++i_;
        out += header(type, text.size());
        out += text;
        return true;
    }

    /// An RFC 8259 number; its text is the payload (INT, or FLOAT with a fraction or exponent).
    bool number(std::string& out) {
        const std::size_t start = i_;
        bool is_float = false;
        if (peek() == '-') ++i_;
        if (!is_digit(peek())) return false;
        if (peek() == '0' && is_digit(peek(1))) return false;
        while (is_digit(peek())) ++i_;
        if (peek() == '.') {
            is_float = true;
            ++i_;
            if (!is_digit(peek())) return false;  // `1.` is JSON5
            while (is_digit(peek())) ++i_;
        }
        if (peek() == 'e' || peek() == 'E') {
            is_float = true;
            ++i_;
            if (peek() == '+' || peek() == '-') ++i_;
            if (!is_digit(peek())) return false;
            while (is_digit(peek())) ++i_;
        }
        const std::string_view text = s_.substr(start, i_ - start);
        out += header(is_float ? kFloat : kInt, text.size());
        out += text;
        return true;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

}  // namespace

bool encode_jsonb(std::string_view json, std::string& out) { return Encoder(json).document(out); }

}  // namespace sqlite2pg::parse
