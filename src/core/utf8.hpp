#pragma once
// UTF-8 validation as PostgreSQL applies it to text in a UTF8 database: well-formed sequences only
// (no overlong forms, no surrogates, nothing above U+10FFFF) and no NUL, which PostgreSQL text cannot hold.
#include <string_view>

namespace sqlite2pg {

/// True when `bytes` is text PostgreSQL accepts: valid UTF-8 without a NUL byte.
bool is_postgres_text(std::string_view bytes);

}  // namespace sqlite2pg
