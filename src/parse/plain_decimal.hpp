#pragma once
// Reading a dump's reals: the double nearest to a plain decimal literal (`56431.699999999997089`), by
// integer arithmetic. sqlite3 writes every real with 15 to 20 significant digits, a length that sends
// std::from_chars down its slow path; this reads the common ones in a division.
#include <optional>
#include <string_view>

namespace sqlite2pg::parse {

/// The double nearest to `literal` (ties to even, as std::from_chars), for literals of the form
/// `digits.digits` below 10^18 with at most 19 digits after the point and at most 36 digits;
/// std::nullopt for anything else (an exponent, a sign, no point, more digits, a larger value: some up to
/// about 2^61 are still read), which the caller reads the general way.
std::optional<double> read_plain_decimal(std::string_view literal);

}  // namespace sqlite2pg::parse
