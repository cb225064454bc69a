#pragma once
// PostgreSQL's SQL key words and how reserved each is (Appendix C of the PostgreSQL documentation).
#include <cstdint>
#include <optional>
#include <string_view>

namespace sqlite2pg::pg {

/// How far PostgreSQL reserves a key word; only Unreserved ones may stand bare as table or column names.
enum class KeywordCategory : std::uint8_t {
    Unreserved,    ///< "non-reserved": usable as any name
    ColName,       ///< "non-reserved (cannot be function or type)"
    TypeFuncName,  ///< "reserved (can be function or type)"
    Reserved,      ///< "reserved"
};

/// The category of `lower_word` (already lower-case ASCII) if it is a PostgreSQL key word, else nullopt.
std::optional<KeywordCategory> keyword_category(std::string_view lower_word);

}  // namespace sqlite2pg::pg
