# Fails when the vendored OpenAPI copy differs from the shared one. Without shared/ there is
# nothing to compare with: the "SKIPPED:" line makes CTest report the test as skipped
# (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt), never as passed.
if(NOT EXISTS "${SHARED}")
    message("SKIPPED: no shared contract at ${SHARED}; the vendored copy is used as it is.")
    return()
endif()
file(SHA256 "${COPY}" copy_hash)
file(SHA256 "${SHARED}" shared_hash)
if(NOT copy_hash STREQUAL shared_hash)
    message(FATAL_ERROR "tests/contract/openapi-subset.json differs from ${SHARED}: copy it again")
endif()
message(STATUS "The vendored OpenAPI document matches ${SHARED}")
