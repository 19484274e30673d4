#!/usr/bin/env bash
# `make bench`: generates extracts at scale with svreport-gen and measures,
# on this machine: bytes and rows per extract, a bare libcsv parse of the
# same files (the floor), svreport's phases (from its run manifest), end to
# end time, peak RSS and documents per second, against the targets of issue
# 5. Each time is the best of RUNS runs (default 3), so a busy machine
# shows less than it costs. Usage: scripts/bench.sh SVREPORT SVREPORT_GEN BAREPARSE
set -u
BIN=$1
GEN=$2
BARE=$3
RUNS=${RUNS:-3}
WORK=${BENCH_DIR:-build/bench}
mkdir -p "$WORK"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# generate NAME PEOPLE: the bench organisation's extracts, made once.
generate() {
    local dir=$WORK/$1
    if [ ! -f "$dir/.done" ] || [ "$GEN" -nt "$dir/.done" ]; then
        rm -rf "$dir"
        "$GEN" --org bench --out "$dir/data" --seed 7 --people "$2" --visit-days 90 --units 100 >/dev/null ||
            exit 1
        touch "$dir/.done"
    fi
}

config() { # config NAME UNIT_DOCUMENTS
    cat >"$WORK/$1/config-$2.json" <<EOF
{
  "organisation": "Bench Care",
  "period": "2026-27 Q2",
  "data_date": "2026-10-05",
  "extracts": {"dir": "data"},
  "units": {"column": "unit", "documents": $2},
  "output": {"dir": "out"}
}
EOF
}

describe_inputs() {
    printf '  %-16s %12s %12s\n' extract rows bytes
    local total=0
    for f in "$WORK/$1"/data/*.csv; do
        local bytes rows
        bytes=$(stat -c %s "$f")
        rows=$(($(wc -l <"$f") - 1))
        total=$((total + bytes))
        printf '  %-16s %12d %12d\n' "$(basename "$f")" "$rows" "$bytes"
    done
    printf '  %-16s %12s %12d (%d MB)\n' total "" "$total" $((total / 1000000))
}

# best_bare NAME: the best wall time (ms) of a bare parse of every extract.
best_bare() {
    local best=
    for _ in $(seq "$RUNS"); do
        local t0 t
        t0=$(now_ms)
        "$BARE" "$WORK/$1"/data/*.csv >/dev/null || exit 1
        t=$(($(now_ms) - t0))
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    echo "$best"
}

# best_run NAME UNIT_DOCUMENTS JOBS: runs svreport RUNS times; keeps the
# manifest of the fastest run in $WORK/NAME/best.json and prints its wall ms.
best_run() {
    local best=
    for _ in $(seq "$RUNS"); do
        rm -rf "$WORK/$1/out"
        local t0 t
        t0=$(now_ms)
        SOURCE_DATE_EPOCH=1767225600 "$BIN" -q --jobs "$3" "$WORK/$1/config-$2.json" || exit 1
        t=$(($(now_ms) - t0))
        if [ -z "$best" ] || [ "$t" -lt "$best" ]; then
            best=$t
            cp "$WORK/$1"/out/*-manifest.json "$WORK/$1/best.json"
        fi
    done
    echo "$best"
}

report() { # report NAME WALL_MS BARE_MS
    local m=$WORK/$1/best.json
    jq -r --argjson wall "$2" --argjson bare "$3" '
        "  svreport end to end   \($wall) ms (\($wall / $bare * 100 | round / 100)x the bare parse)",
        "    read                \(.timings_ms.read) ms (parse, check, aggregate; hashing inputs alongside)",
        "    compute             \(.timings_ms.compute) ms (summed over documents)",
        "    render              \(.timings_ms.render) ms (summed over documents)",
        "    write               \(.timings_ms.write) ms (fsync and rename, summed)",
        "    documents phase     \(.timings_ms.documents) ms wall for \(.documents.written) documents on \(.jobs) jobs",
        "  documents per second  \(.documents.written / ($wall / 1000) * 10 | round / 10)",
        "  peak RSS              \(.peak_rss_kib) KiB (\(.peak_rss_kib / 1024 | round) MiB)"' "$m"
}

verdict() { # verdict LABEL OK DETAIL
    if [ "$2" = 1 ]; then echo "  target: $1: met ($3)"; else echo "  target: $1: MISSED ($3)"; fi
}

echo "svreport bench on $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); best of $RUNS runs each"

echo
echo "== 20,000 people, 90 days of visits, one document (governance) =="
generate p20k 20000
config p20k false
describe_inputs p20k
bare=$(best_bare p20k)
echo "  bare libcsv parse     $bare ms (one thread)"
wall=$(best_run p20k false 2)
report p20k "$wall" "$bare"
rss=$(jq .peak_rss_kib "$WORK/p20k/best.json")
limit=$((bare * 13 / 10))
verdict "end to end <= 1.3x bare parse ($limit ms)" "$([ "$wall" -le "$limit" ] && echo 1)" "$wall ms"
verdict "peak RSS <= 64 MiB" "$([ "$rss" -le 65536 ] && echo 1)" "$((rss / 1024)) MiB"

echo
echo "== 2,000 people, 90 days of visits, one document =="
generate p2k 2000
config p2k false
describe_inputs p2k
bare2=$(best_bare p2k)
echo "  bare libcsv parse     $bare2 ms"
wall2=$(best_run p2k false 2)
report p2k "$wall2" "$bare2"
verdict "end to end <= 100 ms" "$([ "$wall2" -le 100 ] && echo 1)" "$wall2 ms"

echo
echo "== 20,000 people, the whole organisation and 100 units, 2 jobs =="
config p20k true
wall3=$(best_run p20k true 2)
docs=$(jq .documents.written "$WORK/p20k/best.json")
report p20k "$wall3" "$bare"
limit3=$((bare + 60 * docs))
verdict "end to end <= bare parse + 60 ms x $docs documents ($limit3 ms)" \
    "$([ "$wall3" -le "$limit3" ] && echo 1)" "$wall3 ms"
