#pragma once
// `jsonb('…')`, which 3.53+ interactive dumps write for a BLOB holding SQLite's binary JSON (dump-format.md
// §6.9): the value is the blob SQLite's jsonb() makes of the text, so it is rebuilt here byte for byte
// (the JSONB format: https://sqlite.org/jsonb.html). The shell writes canonical RFC 8259 text (it renders
// the blob with json()), which is what this encodes; JSON5 forms (comments, single quotes, unquoted keys,
// hex, Infinity, NaN, trailing commas) are declined.
#include <string>
#include <string_view>

namespace sqlite2pg::parse {

/// The JSONB blob SQLite's jsonb() returns for `json`, into `out` (replaced): each element a header with
/// the smallest size field, numbers and strings keeping their text (INT/FLOAT, TEXT or TEXTJ when the
/// string has escapes, TEXT5 for escapes only JSON5 knows). False for text jsonb() would reject or that
/// is not RFC 8259 JSON.
bool encode_jsonb(std::string_view json, std::string& out);

}  // namespace sqlite2pg::parse
