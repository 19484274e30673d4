#!/usr/bin/env bash
# Disclosure control on the sample organisations: no count from 1 to the
# threshold (7) can be read or worked out from any output.
#  1. indicators.csv: shown numerators, denominators and counts, and n - x
#     of every shown share, are 0 or above the threshold (money, actions,
#     hours and population are not about individuals).
#  2. indicators.csv: for every total and its groups (a dimension, or an
#     age range split 18-64 / 65+), total minus the groups shown is not a
#     small count when it hides a group. (Records linked to no person, such
#     as referrals not yet matched to a person, count in totals only; their
#     number describes no group of people and is not protected.)
#  3. The text edition: every whole-number table cell in a count column is
#     0 or above the threshold.
#  4. The PDF: pdftotext shows every table cell of the text edition, so the
#     PDF carries no figure the text edition does not.
set -eu
. "$(dirname "$0")/lib.sh"
BIN=$1
scratch
THRESHOLD=7

check_csv() {
    awk -F'\t' -v t=$THRESHOLD -v file="$1" '
    function small(x) { return x != "" && x + 0 >= 1 && x + 0 <= t }
    NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    {
        ind = $h["indicator"]
        if (ind ~ /^(spend_share|actions|fte|volunteering_hours)$/) next
        num = $h["numerator"]; den = $h["denominator"]
        if (ind == "people_per_1000") den = ""   # the census population
        if (small(num) || small(den))
            bad("shown count", num "/" den)
        # Rounded (published) counts: differences of rounded counts are what
        # rounding protects (the NHS England method), so only the counts
        # themselves are checked.
        if ($h["rounded"] == "yes") next
        if (num != "" && den != "" && $h["unit"] == "percent" && small(den - num))
            bad("shown n - x", den - num)
        key = ind SUBSEP $h["periods_back"] SUBSEP $h["age_scope"] SUBSEP $h["report_unit"]
        if ($h["dimension"] == "overall") total[key] = num
        else if ($h["dimension"] != "item") {
            k2 = key SUBSEP $h["dimension"]
            dims[k2] = key
            if (num == "") hidden[k2]++; else shown[k2] += num
        }
        if (ind == "people_supported") {
            g = $h["dimension"] == "overall" ? "All" : $h["group"]
            k3 = $h["periods_back"] SUBSEP g SUBSEP $h["report_unit"]
            if ($h["dimension"] == "overall" || $h["dimension"] == "ethnicity")
                scope[k3, $h["age_scope"]] = num
            scopes[k3] = 1
        }
    }
    function bad(what, v) {
        printf "%s:%d: %s %s: %s is a small count\n", file, NR, $h["indicator"], $h["group"], what
        fails++
    }
    END {
        # With no group hidden, total minus groups is the count of records
        # linked to no person: not a group of people, so not protected.
        for (k2 in dims) {
            tot = total[dims[k2]]
            if (tot == "" || hidden[k2] != 1) continue
            if (small(tot - shown[k2])) {
                split(k2, p, SUBSEP)
                printf "%s: %s %s: total minus groups shown is %d\n", file, p[1], p[5], tot - shown[k2]
                fails++
            }
        }
        for (k3 in scopes) {
            a = scope[k3, "all ages"]; b = scope[k3, "18-64"]; c = scope[k3, "65+"]
            if (a == "" || b == "" || c == "") continue
            if (small(a - b - c)) {
                split(k3, p, SUBSEP)
                printf "%s: people %s: all ages minus 18-64 and 65+ is %d\n", file, p[2], a - b - c
                fails++
            }
        }
        exit fails > 0
    }' "$2"
}

# Whole-number cells in count columns of the text edition's tables.
check_text() {
    awk -v t=$THRESHOLD -v file="$1" '
    function trim(s) { gsub(/^ +| +$/, "", s); return s }
    /^  table: / {
        caption = substr($0, 10)
        # Not about individuals, or not counts: records, actions, days.
        exempt = caption ~ /^(Extracts read|Problems found|Improvement actions|Overdue improvement|Open improvement|Days to close|Gradient)/
        header = 1; next
    }
    /^    [|#=]/ {
        n = split($0, cell, "|")
        if (header) { for (i = 2; i < n; i++) col[i] = trim(cell[i]); header = 0; next }
        if (exempt) next
        label = trim(cell[2])
        # Rows about actions (not individuals) or days and hours (not counts).
        row_exempt = 0
        for (i = 2; i < n; i++)
            if (trim(cell[i]) ~ /^(Improvement actions|Volunteering hours|Median days|Full-time equivalent|Travel minutes|Local staff \(FTE\))/)
                row_exempt = 1
        if (row_exempt) next
        for (i = 3; i < n; i++) {
            v = trim(cell[i])
            if (col[i] ~ /^(Value|Deciles used|Days overdue|Deadline|Gap|Score)/) continue
            gsub(/,/, "", v)
            if (v ~ /^[0-9]+$/ && v + 0 >= 1 && v + 0 <= t) {
                printf "%s: table \"%s\", row \"%s\", column \"%s\": %s\n", file, caption, label, col[i], v
                fails++
            }
        }
    }
    END { exit fails > 0 }' "$2"
}

# Every table cell of the text edition appears in the PDF text, in order
# within its row (pdftotext -layout keeps a table row on one line unless
# a cell wraps, so cells are looked for in the whole text).
check_pdf_has_cells() {
    pdftotext -q -layout "$2" "$SCRATCH/pdf.txt"
    tr -s ' \n' ' ' <"$SCRATCH/pdf.txt" >"$SCRATCH/pdf.flat"
    awk -v file="$1" '
    function trim(s) { gsub(/^ +| +$/, "", s); return s }
    NR == FNR { pdf = pdf $0; next }
    /^  table: / { header = 1; next }
    /^    [|=]/ && header { header = 0; next }   # header cells wrap in the PDF
    /^    [|=]/ {
        n = split($0, cell, "|")
        for (i = 2; i < n; i++) {
            v = trim(cell[i])
            # Figures only; long cells wrap in the PDF, short figures do not.
            if (v == "" || length(v) > 14 || v !~ /[0-9]/) continue
            if (index(pdf, v) == 0) { printf "%s: cell \"%s\" is not in the PDF text\n", file, v; fails++ }
        }
    }
    END { exit fails > 0 }' "$SCRATCH/pdf.flat" "$3"
}

failures=0
for config in samples/*/config.json; do
    org=$(basename "$(dirname "$config")")
    out=$SCRATCH/$org
    "$BIN" -q --text -o "$out" "$config" || fail "$config: svreport exited $?"
    for csv in "$out"/*-indicators.csv; do
        csv_to_tsv "$csv" >"$SCRATCH/ind.tsv"
        check_csv "$(basename "$csv")" "$SCRATCH/ind.tsv" || failures=1
    done
    for txt in "$out"/*.txt; do
        check_text "$(basename "$txt")" "$txt" || failures=1
        check_pdf_has_cells "$(basename "$txt")" "${txt%.txt}.pdf" "$txt" || failures=1
    done
done
[ $failures = 0 ] || fail "small counts can be read or derived (above)"
echo "disclosure: no count from 1 to $THRESHOLD can be read or derived from the sample outputs"
