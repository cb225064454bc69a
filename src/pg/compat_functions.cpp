#include "pg/compat_functions.hpp"

namespace sqlite2pg::pg {

std::string_view compat_functions_sql() {
    // Each function follows the C code of SQLite's func.c / date.c; comments name the rule they copy.
    return R"sql(CREATE SCHEMA IF NOT EXISTS sqlite_compat;

-- substr(X, P1, P2) of func.c substrFunc: negative P1 counts from the end, negative P2 takes characters
-- before P1, position 0 eats one character of the length.
CREATE OR REPLACE FUNCTION sqlite_compat.substr_impl(x text, start bigint, count bigint, has_count boolean)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
  len bigint := char_length(x);
  p1 bigint := start;
  p2 bigint := CASE WHEN has_count THEN abs(count) ELSE 4611686018427387904 END;  -- no count: no limit
  neg boolean := has_count AND count < 0;
BEGIN
  IF p1 < 0 THEN
    p1 := p1 + len;
    IF p1 < 0 THEN
      p2 := greatest(p2 + p1, 0);
      p1 := 0;
    END IF;
  ELSIF p1 > 0 THEN
    p1 := p1 - 1;
  ELSIF p2 > 0 THEN
    p2 := p2 - 1;
  END IF;
  IF neg THEN
    p1 := p1 - p2;
    IF p1 < 0 THEN
      p2 := p2 + p1;
      p1 := 0;
    END IF;
  END IF;
  RETURN pg_catalog.substr(x, (p1 + 1)::int, least(p2, len)::int);
END $f$;
CREATE OR REPLACE FUNCTION sqlite_compat.substr(x text, start bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $f$ SELECT sqlite_compat.substr_impl(x, start, NULL, false) $f$;
CREATE OR REPLACE FUNCTION sqlite_compat.substr(x text, start bigint, count bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $f$ SELECT sqlite_compat.substr_impl(x, start, count, true) $f$;

-- CAST(text AS INTEGER): the longest integer prefix after white space, 0 when there is none, clamped to
-- 64 bits (sqlite3Atoi64).
CREATE OR REPLACE FUNCTION sqlite_compat.cast_integer(x text) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $f$
  SELECT CASE WHEN m IS NULL THEN 0
              ELSE greatest(least(m::numeric, 9223372036854775807), -9223372036854775808)::bigint END
  FROM (SELECT substring(x FROM '^[ \t\n\f\r]*([-+]?[0-9]+)') AS m) s
$f$;

-- CAST(text AS REAL): the longest real prefix, 0.0 when there is none (sqlite3AtoF).
CREATE OR REPLACE FUNCTION sqlite_compat.cast_real(x text) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT AS $f$
  SELECT coalesce(substring(x FROM '^[ \t\n\f\r]*([-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?)')::double precision, 0.0)
$f$;

-- A time value as date.c parseDateOrTime reads it, as a UTC timestamp; NULL when SQLite returns NULL.
-- Days beyond the month's end roll over, as SQLite's Julian day arithmetic does.
CREATE OR REPLACE FUNCTION sqlite_compat.parse_time(x text) RETURNS timestamp
LANGUAGE plpgsql STABLE AS $f$
DECLARE
  m text[];
  ts timestamp;
BEGIN
  IF x IS NULL THEN RETURN NULL; END IF;
  IF lower(btrim(x)) = 'now' THEN RETURN date_trunc('milliseconds', timezone('UTC', now())); END IF;
  IF x ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)\s*$' THEN  -- a Julian day number
    RETURN timestamp '2000-01-01 12:00' + ((btrim(x)::numeric - 2451545) * 86400000)::bigint * interval '1 millisecond';
  END IF;
  m := regexp_match(x, '^\s*(?:(-?[0-9]{4})-([0-9]{2})-([0-9]{2}))?(?:(?:^|[ T]+)([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\.[0-9]*)?)?)?\s*(?:([zZ])|([-+])([0-9]{2}):([0-9]{2}))?\s*$');
  IF m IS NULL OR (m[1] IS NULL AND m[4] IS NULL) OR (m[4] IS NULL AND (m[8] IS NOT NULL OR m[9] IS NOT NULL)) THEN
    RETURN NULL;
  END IF;
  IF m[1] IS NOT NULL AND (m[2]::int NOT BETWEEN 1 AND 12 OR m[3]::int NOT BETWEEN 1 AND 31) THEN RETURN NULL; END IF;
  IF m[4] IS NOT NULL AND (m[4]::int > 24 OR m[5]::int > 59 OR coalesce(m[6], '0')::int > 59) THEN RETURN NULL; END IF;
  ts := CASE WHEN m[1] IS NULL THEN timestamp '2000-01-01'
             ELSE make_timestamp(m[1]::int, m[2]::int, 1, 0, 0, 0) + (m[3]::int - 1) * interval '1 day' END;
  IF m[4] IS NOT NULL THEN
    ts := ts + m[4]::int * interval '1 hour' + m[5]::int * interval '1 minute'
             + trunc((coalesce(m[6], '0') || coalesce(m[7], ''))::numeric, 3) * interval '1 second';
  END IF;
  IF m[9] IS NOT NULL THEN  -- [+-]HH:MM: the time is local to that offset
    ts := ts - (CASE WHEN m[9] = '-' THEN -1 ELSE 1 END) * (m[10]::int * interval '1 hour' + m[11]::int * interval '1 minute');
  END IF;
  RETURN ts;
END $f$;

-- Month arithmetic of date.c: add to the month, keep the day, let the day overflow into the next month.
CREATE OR REPLACE FUNCTION sqlite_compat.add_months(ts timestamp, months bigint) RETURNS timestamp
LANGUAGE sql IMMUTABLE AS $f$
  SELECT make_timestamp(((y * 12 + mo - 1 + months) / 12)::int, ((y * 12 + mo - 1 + months) % 12 + 1)::int, 1, 0, 0, 0)
         + (d - 1) * interval '1 day' + (ts - date_trunc('day', ts))
  FROM (SELECT extract(year FROM ts)::bigint AS y, extract(month FROM ts)::bigint AS mo, extract(day FROM ts)::bigint AS d) p
$f$;

-- The modifiers of date.c parseModifier, applied in order; NULL for a modifier SQLite rejects.
CREATE OR REPLACE FUNCTION sqlite_compat.apply_modifiers(x text, mods text[]) RETURNS timestamp
LANGUAGE plpgsql STABLE AS $f$
DECLARE
  ts timestamp;
  md text;
  m text[];
  i int := 1;
  n numeric;
BEGIN
  IF x IS NULL OR array_position(mods, NULL) IS NOT NULL THEN RETURN NULL; END IF;
  IF coalesce(array_length(mods, 1), 0) >= 1 AND lower(btrim(mods[1])) = 'unixepoch'
     AND x ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)\s*$' THEN
    ts := timestamp '1970-01-01' + (btrim(x)::numeric * 1000)::bigint * interval '1 millisecond';
    i := 2;
  ELSE
    ts := sqlite_compat.parse_time(x);
  END IF;
  IF ts IS NULL THEN RETURN NULL; END IF;
  WHILE i <= coalesce(array_length(mods, 1), 0) LOOP
    md := lower(btrim(mods[i]));
    m := regexp_match(md, '^([-+]?[0-9]+(?:\.[0-9]*)?|[-+]?\.[0-9]+)\s+(day|hour|minute|second|month|year)s?$');
    IF m IS NOT NULL THEN
      n := m[1]::numeric;
      IF m[2] IN ('month', 'year') THEN
        IF n <> trunc(n) THEN RAISE EXCEPTION 'sqlite_compat: fractional % modifier is not supported', m[2]; END IF;
        ts := sqlite_compat.add_months(ts, (n * CASE WHEN m[2] = 'year' THEN 12 ELSE 1 END)::bigint);
      ELSE
        ts := ts + ((n * CASE m[2] WHEN 'day' THEN 86400000 WHEN 'hour' THEN 3600000 WHEN 'minute' THEN 60000 ELSE 1000 END)
                    ::bigint) * interval '1 millisecond';
      END IF;
    ELSIF md IN ('start of day', 'start of month', 'start of year') THEN
      ts := date_trunc(substr(md, 10), ts);
    ELSIF md ~ '^weekday [0-6]$' THEN
      ts := ts + ((substr(md, 9)::int - extract(dow FROM ts)::int + 7) % 7) * interval '1 day';
    ELSIF md = 'localtime' THEN
      ts := timezone(current_setting('TimeZone'), timezone('UTC', ts));
    ELSIF md = 'utc' THEN
      ts := timezone('UTC', timezone(current_setting('TimeZone'), ts));
    ELSE
      RAISE EXCEPTION 'sqlite_compat: date/time modifier "%" is not supported', mods[i];
    END IF;
    i := i + 1;
  END LOOP;
  RETURN ts;
END $f$;

CREATE OR REPLACE FUNCTION sqlite_compat.date(x text, VARIADIC mods text[] DEFAULT '{}') RETURNS text
LANGUAGE sql STABLE AS $f$ SELECT to_char(sqlite_compat.apply_modifiers(x, mods), 'YYYY-MM-DD') $f$;
CREATE OR REPLACE FUNCTION sqlite_compat."time"(x text, VARIADIC mods text[] DEFAULT '{}') RETURNS text
LANGUAGE sql STABLE AS $f$ SELECT to_char(sqlite_compat.apply_modifiers(x, mods), 'HH24:MI:SS') $f$;
CREATE OR REPLACE FUNCTION sqlite_compat.datetime(x text, VARIADIC mods text[] DEFAULT '{}') RETURNS text
LANGUAGE sql STABLE AS $f$ SELECT to_char(sqlite_compat.apply_modifiers(x, mods), 'YYYY-MM-DD HH24:MI:SS') $f$;
CREATE OR REPLACE FUNCTION sqlite_compat.julianday(x text, VARIADIC mods text[] DEFAULT '{}') RETURNS double precision
LANGUAGE sql STABLE AS $f$
  SELECT (extract(epoch FROM sqlite_compat.apply_modifiers(x, mods)) * 1000)::double precision / 86400000.0 + 2440587.5
$f$;
CREATE OR REPLACE FUNCTION sqlite_compat.unixepoch(x text, VARIADIC mods text[] DEFAULT '{}') RETURNS bigint
LANGUAGE sql STABLE AS $f$ SELECT floor(extract(epoch FROM sqlite_compat.apply_modifiers(x, mods)))::bigint $f$;

-- strftime() of date.c: the conversions SQLite documents, one at a time.
CREATE OR REPLACE FUNCTION sqlite_compat.strftime(fmt text, x text, VARIADIC mods text[] DEFAULT '{}') RETURNS text
LANGUAGE plpgsql STABLE AS $f$
DECLARE
  ts timestamp := sqlite_compat.apply_modifiers(x, mods);
  out text := '';
  i int := 1;
  c text;
BEGIN
  IF fmt IS NULL OR ts IS NULL THEN RETURN NULL; END IF;
  WHILE i <= length(fmt) LOOP
    c := substr(fmt, i, 1);
    IF c <> '%' THEN
      out := out || c;
    ELSE
      i := i + 1;
      c := substr(fmt, i, 1);
      out := out || CASE c
        WHEN 'd' THEN to_char(ts, 'DD')
        WHEN 'e' THEN lpad(extract(day FROM ts)::int::text, 2)
        WHEN 'f' THEN to_char(ts, 'SS.MS')
        WHEN 'F' THEN to_char(ts, 'YYYY-MM-DD')
        WHEN 'H' THEN to_char(ts, 'HH24')
        WHEN 'j' THEN to_char(ts, 'DDD')
        WHEN 'm' THEN to_char(ts, 'MM')
        WHEN 'M' THEN to_char(ts, 'MI')
        WHEN 'R' THEN to_char(ts, 'HH24:MI')
        WHEN 's' THEN floor(extract(epoch FROM ts))::bigint::text
        WHEN 'S' THEN to_char(ts, 'SS')
        WHEN 'T' THEN to_char(ts, 'HH24:MI:SS')
        WHEN 'u' THEN extract(isodow FROM ts)::int::text
        WHEN 'w' THEN extract(dow FROM ts)::int::text
        WHEN 'W' THEN lpad(((extract(doy FROM ts)::int - 1 + 7 - (extract(isodow FROM ts)::int - 1)) / 7)::text, 2, '0')
        WHEN 'Y' THEN to_char(ts, 'YYYY')
        WHEN '%' THEN '%'
        ELSE NULL END;
      IF out IS NULL THEN RAISE EXCEPTION 'sqlite_compat: strftime conversion %%% is not supported', c; END IF;
    END IF;
    i := i + 1;
  END LOOP;
  RETURN out;
END $f$;
)sql";
}

}  // namespace sqlite2pg::pg
