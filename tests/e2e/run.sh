#!/usr/bin/env bash
# Runs every tests/e2e/test_*.sh with the built binaries (or only the tests
# named, as test_NAME.sh); prints one line a test and fails if any test fails.
# Usage: tests/e2e/run.sh SVREPORT SVREPORT_GEN [TEST...]
set -u
BIN=$1
GEN=$2
shift 2
if [ $# -gt 0 ]; then
    tests=("${@/#/tests/e2e/}")
else
    tests=(tests/e2e/test_*.sh)
fi
# Under `make valgrind`, every svreport run goes through the wrapper.
if [ -n "${SVREPORT_WRAPPER:-}" ]; then
    wrapped=$(mktemp "${TMPDIR:-/tmp}/svreport-wrapped.XXXXXX")
    printf '#!/bin/sh\nexec %s %s "$@"\n' "$SVREPORT_WRAPPER" "$(realpath "$BIN")" >"$wrapped"
    chmod +x "$wrapped"
    BIN=$wrapped
fi
failed=0
for t in "${tests[@]}"; do
    start=$(date +%s.%N)
    if out=$("$t" "$BIN" "$GEN" 2>&1); then
        printf 'PASS %-40s %5.1fs\n' "$(basename "$t")" "$(echo "$(date +%s.%N) - $start" | bc)"
    else
        printf 'FAIL %s\n%s\n' "$(basename "$t")" "$out"
        failed=1
    fi
done
[ -n "${wrapped:-}" ] && rm -f "$wrapped"
exit $failed
