# Project-wide compiler flags as an INTERFACE target: every target of ours links it; generated code does not.
add_library(sqlite2pg_flags INTERFACE)
target_compile_options(sqlite2pg_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers)
if(SQLITE2PG_SANITIZE)
  target_compile_options(sqlite2pg_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(sqlite2pg_flags INTERFACE -fsanitize=address,undefined)
endif()
