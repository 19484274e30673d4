#!/usr/bin/env bash
# test_stats_reference.sh: checks `svreport stats` against the published
# PHEindicatormethods 2.1.0 figures in tests/reference/phe/.
#
#   tests/e2e/test_stats_reference.sh PATH/TO/svreport     (from the project root)
#
# Every reference file with a matching method is run through the CLI and
# every expected column of every row is compared: 1e-9 relative by default,
# a row's tol_rel / tol_abs / tol_abs_COLUMN where given; an expected NA
# needs NA (or NaN) back; text columns must match exactly. Rows that cannot
# match are listed, with the reason, in stats_reference_allowlist.csv beside
# this script; an entry that matches after all fails the test, so the list
# cannot go stale. The comparison is here, outside the program under test.
set -u

bin=${1:?usage: $0 PATH/TO/svreport}
here=$(cd "$(dirname "$0")" && pwd)
ref=$here/../reference/phe
allow=$here/stats_reference_allowlist.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# The mean fixture's pooled row ("ALL") is every row of testdata_Mean, that
# is Area1 and Area2; mean_inputs.csv also holds recomp_* rows added for
# other tests, so the ALL group is built here from the fixture's own rows.
mean_inputs() {
    cat "$ref/mean_inputs.csv"
    awk -F, '$1 == "Area1" || $1 == "Area2" { $1 = "ALL"; print }' OFS=, "$ref/mean_inputs.csv"
}

# check FILE METHOD "EXPECTED COLUMNS" [svreport options...]
check() {
    local file=$1 method=$2 cols=$3
    shift 3
    local out=$tmp/$file.out
    if ! "$bin" stats "$method" --prefix got_ "$@" "$ref/$file" >"$out" 2>"$tmp/err"; then
        echo "FAIL $file: svreport stats $method exited $?:" >&2
        cat "$tmp/err" >&2
        failed=1
        return
    fi
    if ! awk -v file="$file" -v cols="$cols" -f "$tmp/compare.awk" \
        "$allow" "$ref/$file" "$out"; then
        failed=1
    fi
}

cat >"$tmp/compare.awk" <<'EOF'
# Splits one CSV record (no embedded newlines) into f[1..n]; returns n.
function csv(line, f,    n, i, c, v, q) {
    sub(/\r$/, "", line)
    n = 0; v = ""; q = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) {
            if (c != "\"") v = v c
            else if (substr(line, i + 1, 1) == "\"") { v = v c; i++ }
            else q = 0
        } else if (c == "\"") q = 1
        else if (c == ",") { f[++n] = v; v = "" }
        else v = v c
    }
    f[++n] = v
    return n
}
function isnum(s) {
    return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/
}
function isna(s) { return s == "NA" || s == "NaN" || s == "nan" || s == "-nan" || s == "" }
function abs(x) { return x < 0 ? -x : x }
function bad(msg) {
    printf "FAIL %s %s: %s\n", file, id, msg > "/dev/stderr"
    nbad++
}
BEGIN { FS = "\n"; ncol = split(cols, want, " ") }
FILENAME == ARGV[1] {                       # the allow-list
    if (FNR > 1 && csv($0, a) >= 3 && a[1] == file) { allowed[a[2] "," a[3]] = a[4]; nallow++ }
    next
}
FILENAME == ARGV[2] {                       # the reference: row order
    if (FNR > 1 && $0 != "") { csv($0, f); order[++nref] = f[1] }
    next
}
FNR == 1 {                                  # svreport's header
    n = csv($0, h)
    for (i = 1; i <= n; i++) if (!(h[i] in col)) col[h[i]] = i
    for (k = 1; k <= ncol; k++) {
        if (!(want[k] in col) || !(("got_" want[k]) in col)) {
            printf "FAIL %s: no column %s or got_%s in the output\n", file, want[k], want[k] > "/dev/stderr"
            exit 1
        }
    }
    next
}
$0 != "" {
    csv($0, f)
    id = f[1]; rows++
    if (order[rows] != id) bad("row " rows " should be " order[rows])
    for (k = 1; k <= ncol; k++) {
        c = want[k]; e = f[col[c]]; g = f[col["got_" c]]
        key = id "," c
        seenkey[key] = 1
        ok = 1
        if (isna(e)) { ok = isna(g); why = "expected NA, got " g }
        else if (!isnum(e)) { ok = (g == e); why = "expected '" e "', got '" g "'" }
        else if (!isnum(g)) { ok = 0; why = "expected " e ", got " g }
        else {
            err = abs(g - e); rel = e == 0 ? err : err / abs(e)
            if (("tol_abs_" c) in col && isnum(f[col["tol_abs_" c]])) { tol = f[col["tol_abs_" c]] + 0; x = err; kind = "abs" }
            else if ("tol_abs" in col && isnum(f[col["tol_abs"]])) { tol = f[col["tol_abs"]] + 0; x = err; kind = "abs" }
            else if ("tol_rel" in col && isnum(f[col["tol_rel"]])) { tol = f[col["tol_rel"]] + 0; x = rel; kind = "rel" }
            else { tol = 1e-9; x = rel; kind = "rel" }
            ok = x <= tol
            why = sprintf("expected %s, got %s (%s error %.3g > %.3g)", e, g, kind, x, tol)
            if (key in allowed) { }
            else if (kind == "rel") { if (rel > maxrel) maxrel = rel; if (rel / tol > worst) worst = rel / tol }
            else { if (err > maxabs) maxabs = err; if (err / tol > worst) worst = err / tol }
        }
        if (key in allowed) {
            if (ok) bad(c ": allow-listed but matches; remove it from the allow-list")
            else { skipped++; used[key] = 1 }
            continue
        }
        values++
        if (!ok) bad(c ": " why)
    }
}
END {
    if (rows != nref) { printf "FAIL %s: %d rows out, %d in the reference\n", file, rows, nref > "/dev/stderr"; nbad++ }
    for (key in allowed) if (!(key in seenkey)) {
        printf "FAIL %s: allow-list names %s, which is not a checked row and column\n", file, key > "/dev/stderr"
        nbad++
    }
    printf "%-26s %4d rows %5d values  max rel err %-9.3g max abs err %-9.3g worst/tol %-9.3g allow-listed %d\n",
        file, rows, values, maxrel, maxabs, worst, skipped
    exit nbad > 0
}
EOF

mean_inputs >"$tmp/mean_inputs.csv"

check proportion.csv proportion "value lower upper"
check rate.csv rate "value lower upper method"
check byars_count.csv byars "lower upper"
check dsr.csv dsr "total_count total_pop value lower upper" --inputs "$ref/dsr_inputs.csv"
check isr.csv isr "observed expected value lower upper method" --inputs "$ref/isr_inputs.csv"
check mean.csv mean "value_sum value_count stdev value lower upper" --inputs "$tmp/mean_inputs.csv"
check sii_point.csv sii "value rii intercept" --inputs "$ref/sii_inputs.csv"
check sii_ci.csv sii "lower upper rii_lower rii_upper" --inputs "$ref/sii_inputs.csv"
check funnel_prop_limits.csv funnel-prop-limits \
    "lower_2s_limit upper_2s_limit lower_3s_limit upper_3s_limit baseline"
check funnel_ratio_limits.csv funnel-ratio-limits \
    "lower_2s_exp_events lower_2s_count lower_2s_isr upper_2s_exp_events upper_2s_count upper_2s_isr lower_3s_exp_events lower_3s_count lower_3s_isr upper_3s_exp_events upper_3s_count upper_3s_isr"
check funnel_significance.csv funnel-significance "average significance" --group dataset

# Every reference file must be covered: inputs files feed the ones above.
for f in "$ref"/*.csv; do
    name=$(basename "$f")
    case $name in *_inputs.csv) continue ;; esac
    if ! grep -q "^check $name " "$0"; then
        echo "FAIL $name: reference file has no check in $0" >&2
        failed=1
    fi
done

if [ "$failed" -ne 0 ]; then
    echo "stats reference test: FAILED" >&2
    exit 1
fi
echo "stats reference test: all reference files pass"
