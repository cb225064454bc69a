# The fuzz build (SQLITE2PG_FUZZ=ON, clang): what the generated parser needs beyond the common flags.

# The generated parser gets coverage (so the fuzzer can steer through the grammar) and ASan, but not
# UBSan: its code is ANTLR's, not ours to fix.
target_compile_options(sqlite2pg_grammar PRIVATE -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer)

# Debian's ANTLR 4.7.2 umbrella header pulls in misc/InterpreterDataReader.h, which clang rejects (a
# default constructor of a class with a const member); nothing of ours uses it. A copy of the umbrella
# header without that line is put first on the include path of everything that includes ANTLR.
file(READ ${ANTLR4_INCLUDE_DIR}/antlr4-runtime.h umbrella)
string(REPLACE "#include \"misc/InterpreterDataReader.h\"" "" umbrella "${umbrella}")
set(antlr_shim ${CMAKE_BINARY_DIR}/antlr4-shim)
file(WRITE ${antlr_shim}/antlr4-runtime.h "${umbrella}")
target_include_directories(sqlite2pg_grammar SYSTEM BEFORE PUBLIC ${antlr_shim})
