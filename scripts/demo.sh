#!/bin/sh
# make demo: every document each sample organisation's config lists (PDF and
# HTML editions, indicators.csv beside each, one manifest a run) into OUT.
set -eu
bin=$1
out=$2
mkdir -p "$out"
start=$(date +%s.%N)
for config in samples/*/config.json; do
    "$bin" --quiet --out "$out" "$config"
done
end=$(date +%s.%N)
pdfs=$(ls "$out"/*.pdf | wc -l)
htmls=$(ls "$out"/*.html | wc -l)
printf 'svreport demo: %d PDF and %d HTML documents with their indicators.csv in %s/ (%.2f s)\n' \
    "$pdfs" "$htmls" "$out" "$(echo "$end - $start" | bc)"
