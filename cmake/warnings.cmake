# Project-wide compiler flags as an INTERFACE target: every target of ours links it; generated code does not.
add_library(sqlite2pg_flags INTERFACE)
target_compile_options(sqlite2pg_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers)
if(SQLITE2PG_SANITIZE OR SQLITE2PG_FUZZ)
  # Undefined behaviour stops the program (instead of a message it carries on after), so tests fail on it.
  target_compile_options(sqlite2pg_flags INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                         -fno-omit-frame-pointer)
  target_link_options(sqlite2pg_flags INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined)
endif()
if(SQLITE2PG_FUZZ)
  # Coverage for libFuzzer in every object; only the fuzz targets link libFuzzer's main (-fsanitize=fuzzer).
  target_compile_options(sqlite2pg_flags INTERFACE -fsanitize=fuzzer-no-link)
endif()
