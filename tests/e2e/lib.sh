# Shared helpers for the end-to-end tests (sourced, not run).
# Each test is `tests/e2e/test_NAME.sh SVREPORT SVREPORT_GEN` run from the
# project root; it exits non-zero with a message on the first failure.

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# A scratch directory removed when the test ends.
scratch() {
    SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/svreport-test.XXXXXX")
    trap 'rm -rf "$SCRATCH"' EXIT
}

# csv_field FILE: prints indicators.csv rows as tab-separated fields (the
# labels may hold quoted commas; mawk has no FPAT, so split by hand).
csv_to_tsv() {
    awk '
    {
        line = $0; out = ""; field = ""; inq = 0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (inq) {
                if (c == "\"") {
                    if (substr(line, i + 1, 1) == "\"") { field = field "\""; i++ }
                    else inq = 0
                } else field = field c
            } else if (c == "\"") inq = 1
            else if (c == ",") { out = out field "\t"; field = "" }
            else field = field c
        }
        print out field
    }' "$1"
}

# expect TSV INDICATOR DIMENSION GROUP SCOPE PERIODS_BACK COLUMN EXPECTED
# COLUMN is a header name of indicators.csv; numbers compare to 1e-6
# relative, anything else exactly.
expect() {
    tsv=$1 ind=$2 dim=$3 grp=$4 scope=$5 back=$6 col=$7 want=$8
    got=$(awk -F'\t' -v ind="$ind" -v dim="$dim" -v grp="$grp" -v scope="$scope" \
        -v back="$back" -v col="$col" '
        NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
        $h["indicator"] == ind && $h["dimension"] == dim && $h["group"] == grp &&
        $h["age_scope"] == scope && $h["periods_back"] == back { print $h[col]; n++ }
        END { if (n != 1) print "<" n+0 " rows>" }' "$tsv")
    ok=$(awk -v g="$got" -v w="$want" 'BEGIN {
        if (g == w) { print 1; exit }
        if (g ~ /^-?[0-9.e+-]+$/ && w ~ /^-?[0-9.e+-]+$/) {
            d = g - w; if (d < 0) d = -d; s = w < 0 ? -w : w; if (s < 1) s = 1
            print (d <= 1e-6 * s) ? 1 : 0; exit
        }
        print 0 }')
    [ "$ok" = 1 ] || fail "$ind/$dim/$grp/$scope/back=$back: $col = '$got', expected '$want'"
}

# An awk function for RFC 4180 fields (no line ends inside quotes):
# n = csvsplit(line, out, sep) fills out[1..n]. Prepend it to a program:
# awk "$AWK_CSVSPLIT"'{ n = csvsplit($0, f, ",") ... }'.
AWK_CSVSPLIT='
function csvsplit(line, out, sep,    n, i, c, q, field) {
    if (index(line, "\"") == 0) return split(line, out, sep == ";" ? ";" : sep == "\t" ? "\t" : ",")
    n = 0; field = ""; q = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) {
            if (c == "\"") {
                if (substr(line, i + 1, 1) == "\"") { field = field c; i++ } else q = 0
            } else field = field c
        } else if (c == "\"") q = 1
        else if (c == sep) { out[++n] = field; field = "" }
        else field = field c
    }
    out[++n] = field
    return n
}
'
