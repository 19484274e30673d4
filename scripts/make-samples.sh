#!/bin/sh
# make-samples.sh: regenerates the sample organisations' extracts with fixed
# seeds (called by `make samples`). The configs, samples/<org>/config.json,
# are hand-written; samples/README.md describes the files they must match.
#
#   scripts/make-samples.sh BUILD/svreport-gen
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 PATH/TO/svreport-gen" >&2
    exit 2
fi
gen=$1
root=$(cd "$(dirname "$0")/.." && pwd)

# Seeds are part of the samples: change one and every figure in the sample
# reports changes.
for spec in provider:20263:1000 council:20262:; do
    org=${spec%%:*}
    rest=${spec#*:}
    seed=${rest%%:*}
    people=${rest#*:}
    out="$root/samples/$org/extracts"
    rm -rf "$out"
    "$gen" --org "$org" --out "$out" --seed "$seed" ${people:+--people "$people"}
    echo "samples/$org/extracts (seed $seed):"
    for f in "$out"/*.csv; do
        rows=$(($(wc -l <"$f") - 1))
        bytes=$(wc -c <"$f")
        printf '  %-16s %8d rows %11d bytes\n' "$(basename "$f")" "$rows" "$bytes"
    done
done
