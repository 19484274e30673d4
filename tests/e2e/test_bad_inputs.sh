#!/usr/bin/env bash
# The golden bad-input corpus (issue 6): every tests/bad/CASE/ directory is
# run and its exit status and diagnostics compared exactly.
#
#   tests/e2e/test_bad_inputs.sh SVREPORT SVREPORT_GEN [--update] [CASE...]
#
# Convention. Run from the project root. Each case is run as
#
#   SOURCE_DATE_EPOCH=1763800000 LC_ALL=C \
#     SVREPORT -o SCRATCH --templates templates --fonts fonts [ARGS] tests/bad/CASE/config.json
#
# (the run date is 2025-11-22; ARGS are the lines of CASE/args, one argument
# a line, and come after -o so they may override it), so paths in messages
# read tests/bad/CASE/people.csv. CASE/expected holds the exit status on its
# first line, then, in order, every stderr line that starts with
# "svreport: error:" or "svreport: warning:"; other lines are ignored. (A
# case without config.json tests a missing config; SVREPORT_GEN is taken for
# the tests/e2e/run.sh interface and not otherwise used.)
# A case may hold CASE/readonly: the name of a directory the runner creates
# inside the case with mode 0555 for the run and removes afterwards (when run
# as root, that case runs as "nobody" so that the mode is enforced).
#
# A case may hold CASE/pending: then CASE/expected is what svreport should
# print but does not yet (the file says why); a difference is reported as
# PENDING, not as a failure, and a pending case that passes is reported so
# that its pending file can be removed. These are messages judged unclear or
# wrong, kept as the text wanted.
#
# --update rewrites the expected files of the cases run, except pending
# ones (after a message was deliberately changed: read the diff before
# committing it).
#
# Besides the goldens it checks that no run crashes or leaves a temporary
# file, and that a failed run leaves an earlier output in its out directory
# untouched.
set -u
BIN=$1
GEN=$2
shift 2
update=0
if [ "${1:-}" = --update ]; then
    update=1
    shift
fi
[ -x "$BIN" ] || { echo "FAIL: $BIN is not executable" >&2; exit 1; }
[ -x "$GEN" ] || { echo "FAIL: $GEN is not executable" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1763800000 LC_ALL=C TZ=UTC

if [ $# -gt 0 ]; then
    cases=("$@")
else
    cases=(tests/bad/*/)
fi

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/svreport-bad.XXXXXX")
cleanup_dirs=()
trap 'rm -rf "$SCRATCH"; for d in "${cleanup_dirs[@]}"; do chmod 0755 "$d" 2>/dev/null; rm -rf "$d"; done' EXIT

# Runs svreport as "nobody" when root (for cases about permissions).
as_nobody() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
    else
        "$@"
    fi
}

# Whether as_nobody can run the binary (a root-only wrapper cannot).
nobody_can_run() {
    if [ "$(id -u)" = 0 ]; then
        command -v setpriv >/dev/null && as_nobody test -r "$BIN" -a -x "$BIN" -a -r templates
    fi
}

# run_case DIR STDERR_FILE: runs one case; prints the actual expected-file
# contents.
run_case() {
    local dir=$1 err=$2 out status
    out=$(mktemp -d "$SCRATCH/out.XXXXXX")
    chmod 0777 "$out"
    local args=()
    if [ -f "$dir/args" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            [ -n "$line" ] && args+=("$line")
        done <"$dir/args"
    fi
    local runner=()
    if [ -f "$dir/readonly" ]; then
        local ro="$dir/$(head -n1 "$dir/readonly")"
        rm -rf "$ro"
        mkdir -p "$ro"
        chmod 0555 "$ro"
        cleanup_dirs+=("$ro")
        runner=(as_nobody)
    fi
    "${runner[@]}" "$BIN" -o "$out" --templates templates --fonts fonts "${args[@]}" \
        "$dir/config.json" >/dev/null 2>"$err"
    status=$?
    if [ -f "$dir/readonly" ]; then
        chmod 0755 "$ro"
        rm -rf "$ro"
    fi
    echo "$status"
    grep -aE '^svreport: (error|warning):' "$err"
    # Nothing half-written may be left behind, whatever the outcome.
    if find "$out" -name '*.tmp-*' | grep -q .; then
        echo "LEFT A TEMPORARY FILE: $(find "$out" -name '*.tmp-*')"
    fi
    if [ "$status" -ne 0 ] && [ -n "$(ls -A "$out")" ]; then
        echo "FAILED RUN WROTE OUTPUTS: $(ls "$out")"
    fi
    rm -rf "$out"
}

failed=0
ncases=0
npending=0
for c in "${cases[@]}"; do
    dir=${c%/}
    name=$(basename "$dir")
    if [ -f "$dir/readonly" ] && ! nobody_can_run; then
        echo "SKIP $name: cannot run $BIN as an unprivileged user here"
        continue
    fi
    ncases=$((ncases + 1))
    actual="$SCRATCH/$name.actual"
    run_case "$dir" "$SCRATCH/$name.stderr" >"$actual"
    status=$(head -n1 "$actual")
    if [ "$status" -ge 128 ] 2>/dev/null; then
        echo "FAIL $name: svreport died with status $status"
        cat "$SCRATCH/$name.stderr"
        failed=1
        continue
    fi
    if [ -f "$dir/pending" ]; then
        if cmp -s "$actual" "$dir/expected"; then
            echo "FIXED $name: svreport now prints the wanted text; remove $dir/pending"
        else
            npending=$((npending + 1))
            echo "PENDING $name: $(head -n1 "$dir/pending")"
            diff -u --label "$name/wanted" --label "$name/actual" "$dir/expected" "$actual" | sed 's/^/    /'
        fi
    elif [ $update = 1 ]; then
        if ! cmp -s "$actual" "$dir/expected"; then
            diff -u "$dir/expected" "$actual" 2>/dev/null | sed 's/^/    /'
            cp "$actual" "$dir/expected"
            echo "updated $name"
        fi
    elif [ ! -f "$dir/expected" ]; then
        echo "FAIL $name: no expected file (run with --update to create it)"
        failed=1
    elif ! diff -u --label "$name/expected" --label "$name/actual" "$dir/expected" "$actual"; then
        echo "FAIL $name"
        failed=1
    fi
done

# A failed run must leave an earlier output as it was: write the tiny
# fixture's documents, then fail runs aimed at the same file names.
keep="$SCRATCH/keep"
mkdir -p "$keep"
if ! "$BIN" -q -o "$keep" --templates templates --fonts fonts tests/fixtures/tiny/config.json \
        2>"$SCRATCH/keep.err"; then
    echo "FAIL earlier-output check: the good run failed"
    cat "$SCRATCH/keep.err"
    failed=1
else
    (cd "$keep" && sha256sum -- * >"$SCRATCH/keep.sums")
    bad="$SCRATCH/bad-tiny"
    cp -r tests/fixtures/tiny "$bad"
    : >"$bad/people.csv"   # an empty people.csv: exit 4 before anything is written
    "$BIN" -q -o "$keep" --templates templates --fonts fonts "$bad/config.json" 2>/dev/null
    s1=$?
    "$BIN" -q -o "$keep" --templates templates --fonts fonts -p "2025-26 Q9" \
        tests/fixtures/tiny/config.json 2>/dev/null
    s2=$?
    printf 'person_id,support_start\nP01,2025-02-30\n' >"$bad/people.csv"
    "$BIN" -q --strict -o "$keep" --templates templates --fonts fonts "$bad/config.json" 2>/dev/null
    s3=$?
    if [ $s1 != 4 ] || [ $s2 != 2 ] || [ $s3 != 4 ]; then
        echo "FAIL earlier-output check: statuses $s1 $s2 $s3, want 4 2 4"
        failed=1
    fi
    if ! (cd "$keep" && sha256sum --quiet -c "$SCRATCH/keep.sums" &&
          [ "$(ls -A | wc -l)" = "$(wc -l <"$SCRATCH/keep.sums")" ]); then
        echo "FAIL earlier-output check: a failed run changed the out directory:"
        ls -la "$keep"
        failed=1
    fi
fi

# A FIFO named as an extract (it cannot be committed as a golden case): a
# clear refusal with status 5, not a run that waits for a writer forever.
fifo_case="$SCRATCH/fifo"
cp -r tests/bad/csv-empty-file "$fifo_case"
rm "$fifo_case/people.csv"
mkfifo "$fifo_case/people.csv"
msg=$(timeout 30 "$BIN" -o "$fifo_case/out" --templates templates --fonts fonts "$fifo_case/config.json" 2>&1)
status=$?
want="svreport: error: $fifo_case/people.csv: not a regular file"
if [ $status != 5 ] || [ "$msg" != "$want" ]; then
    echo "FAIL fifo extract: status $status (want 5; 124 is a hang), message: $msg"
    failed=1
fi

if [ $failed = 0 ]; then
    echo "$((ncases - npending)) bad-input cases passed, $npending pending (messages to improve)"
fi
exit $failed
