#!/usr/bin/env bash
# The council sample follows Coventry's published figures (2021 Census share
# of the population against share of adult social care users, all ages,
# 18-64 and 65+). The council report's PDF text must carry every pair, each
# share on the same table row as its population share, in that order.
set -eu
. "$(dirname "$0")/lib.sh"
BIN=$1
scratch
"$BIN" -q -o "$SCRATCH" samples/council/config.json || fail "svreport exited $?"
pdftotext -layout "$SCRATCH"/sample-city-council-governance-*.pdf "$SCRATCH/report.txt"
# group  share-of-users  share-of-population, all ages then 18-64 then 65+
expected="White 78.1 65.5
Asian 10.2 18.5
Black 3.6 8.9
Mixed 1.0 3.4
Other 1.1 3.7
White 70.1 64.8
Asian 13.6 19.6
Black 6.9 9.2
Mixed 2.4 2.7
Other 2.4 3.8
White 85.3 85.8
Asian 9.6 10.4
Black 2.8 1.8
Mixed 0.3 0.5
Other 0.8 1.5"
line=0
while read -r group share pop; do
    # The first matching row after the previous one: "Group  n  share (ci)  pop ..."
    found=$(awk -v from="$line" -v g="$group" -v s="$share" -v p="$pop" '
        NR > from && $1 == g && index($0, " " s " (") && index($0, ") " ) {
            rest = substr($0, index($0, " " s " (") + length(s) + 3)
            rest = substr(rest, index(rest, ")") + 1)
            split(rest, f, " ")
            if (f[1] == p) { print NR; exit }
        }' "$SCRATCH/report.txt")
    [ -n "$found" ] || fail "no row '$group' with share $share and population $pop after line $line"
    line=$found
done <<<"$expected"
grep -q "under-represented" "$SCRATCH/report.txt" || fail "the report does not say what the table means"
echo "council report: the Coventry table's 15 pairs of figures are in the PDF text"
