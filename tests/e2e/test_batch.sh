#!/usr/bin/env bash
# The batch run as a scheduler sees it: the same inputs give the same bytes
# (whatever --jobs), --shard K/N builds every unit's documents exactly once
# across its shards, a run killed at any moment leaves every earlier output
# intact and no partial file under a final name, and the manifest accounts
# for every input and output.
set -u
source "$(dirname "$0")/lib.sh"
BIN=$1
GEN=$2
scratch

"$GEN" --org bench --out "$SCRATCH/data" --seed 11 --people 1500 --visit-days 60 --units 9 ||
    fail "generator failed"
cat >"$SCRATCH/config.json" <<'EOF'
{
  "organisation": "Batch Test Care",
  "period": "2026-27 Q2",
  "data_date": "2026-10-05",
  "extracts": {"dir": "data"},
  "units": {"column": "unit", "documents": true},
  "output": {"dir": "out"}
}
EOF
run() { # run OUTDIR EPOCH ARGS...
    local out=$1 epoch=$2
    shift 2
    SOURCE_DATE_EPOCH=$epoch "$BIN" -q --templates templates --fonts fonts -o "$out" "$@" "$SCRATCH/config.json"
}
documents() { (cd "$1" && ls | grep -v -e '-manifest\.json$' -e '\.tmp-' | sort); }

# ---- same inputs, same bytes, whatever the number of jobs ----------------
run "$SCRATCH/a" 1767225600 --jobs 2 || fail "run a failed"
run "$SCRATCH/b" 1767225600 --jobs 1 || fail "run b failed"
[ "$(documents "$SCRATCH/a" | wc -l)" -eq 30 ] ||
    fail "expected 10 documents x 3 files, got: $(documents "$SCRATCH/a" | tr '\n' ' ')"
for f in $(documents "$SCRATCH/a"); do
    cmp -s "$SCRATCH/a/$f" "$SCRATCH/b/$f" || fail "$f differs between two runs of the same inputs"
done
manifest=$SCRATCH/a/batch-test-care-2026-27-q2-manifest.json
[ -f "$manifest" ] || fail "no manifest: $(ls "$SCRATCH/a")"
[ "$(stat -c %a "$manifest")" = 640 ] || fail "manifest mode $(stat -c %a "$manifest"), expected 640"

# ---- the manifest accounts for what was read and written -----------------
jq -e '.exit_status == 0 and .documents.planned == 10 and .documents.written == 10
       and .documents.failed == 0 and (.outputs | length) == 30 and .shard == null
       and .peak_rss_kib > 0 and .timings_ms.total > 0' "$manifest" >/dev/null ||
    fail "manifest summary wrong: $(jq -c '{exit_status, documents, shard}' "$manifest")"
jq -r '.inputs[] | "\(.sha256)  \(.path)"' "$manifest" | (cd "$SCRATCH" && sha256sum -c --quiet) ||
    fail "an input's SHA-256 in the manifest is not the file's"
jq -r '.outputs[] | "\(.sha256)  \(.path)"' "$manifest" | sha256sum -c --quiet ||
    fail "an output's SHA-256 in the manifest is not the file's"
rows=$(($(wc -l <"$SCRATCH/data/visits.csv") - 1))
jq -e --argjson n "$rows" '.inputs[] | select(.extract == "visits") | .rows_read == $n' "$manifest" >/dev/null ||
    fail "visits rows_read is not the file's $rows rows"

# ---- shards: every unit exactly once ---------------------------------------
for k in 1 2 3 4; do
    run "$SCRATCH/s$k" 1767225600 --shard "$k/4" || fail "shard $k/4 failed"
    [ -f "$SCRATCH/s$k/batch-test-care-2026-27-q2-shard-$k-of-4-manifest.json" ] || fail "no manifest for shard $k"
done
all=$(for k in 1 2 3 4; do documents "$SCRATCH/s$k"; done | sort)
[ "$all" = "$(documents "$SCRATCH/a")" ] ||
    fail "shards do not cover the units exactly once: $(diff <(echo "$all") <(documents "$SCRATCH/a") | head)"
for k in 1 2 3 4; do
    for f in $(documents "$SCRATCH/s$k"); do
        cmp -s "$SCRATCH/s$k/$f" "$SCRATCH/a/$f" || fail "shard $k's $f differs from the whole run's"
    done
done
planned=$(jq -s 'map(.documents.planned) | add' "$SCRATCH"/s?/*-manifest.json)
[ "$planned" -eq 10 ] || fail "shards planned $planned documents, expected 10"
[ "$(documents "$SCRATCH/s1" | grep -c '^batch-test-care-governance-')" -eq 3 ] ||
    fail "the whole organisation's document belongs to shard 1"
run "$SCRATCH/s9" 1767225600 --shard 5/4 2>/dev/null
[ $? -eq 2 ] || fail "--shard 5/4 is a usage error (exit 2)"

# ---- --period latest: the last complete period of the schedule ------------
sed -e 's/"period": "2026-27 Q2"/"period": "latest", "schedule": "month"/' "$SCRATCH/config.json" >"$SCRATCH/monthly.json"
SOURCE_DATE_EPOCH=1767225600 "$BIN" -q --templates templates --fonts fonts -o "$SCRATCH/m" --period latest \
    -d governance "$SCRATCH/monthly.json" || fail "--period latest failed"
[ -f "$SCRATCH/m/batch-test-care-2026-09-manifest.json" ] ||
    fail "--period latest with data_date 2026-10-05 and a monthly schedule is not 2026-09: $(ls "$SCRATCH/m")"
# Without a data date, the run date (SOURCE_DATE_EPOCH, 2026-01-01) decides.
grep -v '"data_date"' "$SCRATCH/config.json" >"$SCRATCH/nodate.json"
SOURCE_DATE_EPOCH=1767225600 "$BIN" -q --templates templates --fonts fonts -o "$SCRATCH/q" --period latest \
    -d governance "$SCRATCH/nodate.json" 2>/dev/null
[ -f "$SCRATCH/q/batch-test-care-2025-26-q3-manifest.json" ] ||
    fail "--period latest on 2026-01-01 is not 2025-26 Q3: $(ls "$SCRATCH/q")"

# ---- stderr that is not a terminal gets no progress line -------------------
SOURCE_DATE_EPOCH=1767225600 "$BIN" --templates templates --fonts fonts -o "$SCRATCH/p" "$SCRATCH/config.json" \
    2>"$SCRATCH/stderr.txt" || fail "run p failed"
! grep -q $'\r' "$SCRATCH/stderr.txt" || fail "a progress line went to a file"
grep -q '^svreport: wrote ' "$SCRATCH/stderr.txt" || fail "no 'wrote' lines without --quiet"

# ---- killed at any moment: earlier outputs intact, nothing partial --------
# The earlier outputs carry another creation date, so every file the
# killed run could write differs from them; each final name must hold
# either the earlier bytes or the complete new ones.
ref=$SCRATCH/ref
run "$ref" 1767312000 --jobs 2 || fail "reference run failed"
start=$(date +%s%N)
run "$SCRATCH/timing" 1767312000 --jobs 2 || fail "timing run failed"
took_ms=$((($(date +%s%N) - start) / 1000000))
for attempt in 1 2 3 4 5 6 7 8; do
    victim=$SCRATCH/kill$attempt
    cp -a "$SCRATCH/a" "$victim"
    delay_ms=$((took_ms * attempt / 9))
    SOURCE_DATE_EPOCH=1767312000 "$BIN" -q --templates templates --fonts fonts -o "$victim" --jobs 2 \
        "$SCRATCH/config.json" &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    for f in $(documents "$SCRATCH/a"); do
        [ -f "$victim/$f" ] || fail "kill after ${delay_ms} ms: $f is gone"
        cmp -s "$victim/$f" "$SCRATCH/a/$f" || cmp -s "$victim/$f" "$ref/$f" ||
            fail "kill after ${delay_ms} ms: $f is neither the earlier output nor a complete new one"
    done
    extra=$(documents "$victim" | comm -23 - <(documents "$SCRATCH/a"))
    [ -z "$extra" ] || fail "kill after ${delay_ms} ms: unexpected files $extra"
    rm -rf "$victim"
done
exit 0
