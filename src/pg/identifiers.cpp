#include "pg/identifiers.hpp"

#include <cstdint>

#include "pg/keywords.hpp"

namespace sqlite2pg::pg {

namespace {

bool is_plain_identifier(std::string_view name) {
    if (name.empty()) return false;
    char first = name.front();
    if (!((first >= 'a' && first <= 'z') || first == '_')) return false;
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

std::uint32_t fnv1a_32(std::string_view bytes) {
    std::uint32_t hash = 2166136261u;
    for (char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return hash;
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string quote_ident(std::string_view name) {
    if (is_plain_identifier(name)) {
        auto category = keyword_category(name);
        if (!category || *category == KeywordCategory::Unreserved) return std::string(name);
    }
    std::string out;
    out.reserve(name.size() + 2);
    out += '"';
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

bool is_system_column(std::string_view name) {
    // PostgreSQL 12 and later (oid stopped being a system column in 12).
    for (std::string_view system : {"tableoid", "cmax", "xmax", "cmin", "xmin", "ctid"})
        if (name == system) return true;
    return false;
}

std::string fold_ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string shorten_identifier(std::string_view name) {
    if (name.size() <= kMaxIdentifierBytes) return std::string(name);
    // 54 + "_" + 8 hex digits = 63. Backing up over continuation bytes keeps a valid UTF-8 prefix valid;
    // an invalid name stays no worse than it was.
    constexpr std::size_t kPrefixBytes = kMaxIdentifierBytes - 9;
    std::size_t cut = kPrefixBytes;
    while (cut > 0 && is_utf8_continuation(name[cut])) --cut;
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint32_t hash = fnv1a_32(name);
    std::string out(name.substr(0, cut));
    out += '_';
    for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(hash >> shift) & 0xF];
    return out;
}

}  // namespace sqlite2pg::pg
