#!/bin/sh
# Writes every sample document into OUT: each sample organisation's config,
# each document type its templates define. Called by `make demo`.
# Usage: scripts/demo.sh BUILD/svreport OUT
set -eu
bin=$1
out=$2
mkdir -p "$out"
documents="governance"
start=$(date +%s.%N)
for config in samples/*/config.json; do
    for doc in $documents; do
        "$bin" --quiet --document "$doc" --out "$out" "$config"
    done
done
end=$(date +%s.%N)
count=$(ls "$out"/*.pdf | wc -l)
printf 'svreport demo: %d PDF documents with their indicators.csv in %s/ (%.2f s)\n' \
    "$count" "$out" "$(echo "$end - $start" | bc)"
