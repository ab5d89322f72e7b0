# Stands in for a conformance suite that cannot run: fails with what is missing and how to get it.
#   cmake -DWHAT="..." -P missing.cmake
message(FATAL_ERROR "${WHAT}")
