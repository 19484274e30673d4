#!/usr/bin/env bash
# test_generator.sh: checks svreport-gen, the synthetic extract generator.
#
#   tests/e2e/test_generator.sh PATH/TO/svreport PATH/TO/svreport-gen
#
# Determinism (two runs, same bytes), the council's exact in-period counts by
# age and ethnic group (recomputed here in awk from the CSV), referential
# integrity, dates valid and not after the as-at day, visits by staff in
# post, file shapes the sample configs rely on, and --id-prefix in every
# person and staff id. The svreport argument is accepted for the common
# e2e calling convention and not used. Exit 0 on pass.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 PATH/TO/svreport PATH/TO/svreport-gen" >&2
    exit 2
fi
GEN=$2
. "$(dirname "$0")/lib.sh" # AWK_CSVSPLIT (its fail is redefined below)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

ok() { echo "ok   - $*"; }
fail() {
    echo "FAIL - $*" >&2
    failures=$((failures + 1))
}

# awk helpers: RFC 4180 field splitting (lib.sh; no embedded newlines: the
# generator writes none), BOM and CR removal, header lookup.
AWKLIB="$AWK_CSVSPLIT"'
function clean(line) { sub(/\r$/, "", line); sub(/^\357\273\277/, "", line); return line }
function header(line, idx, sep,    h, n, i) {
    n = csvsplit(clean(line), h, sep)
    for (i = 1; i <= n; i++) idx[h[i]] = i
    return n
}
function uk2iso(d) {
    if (d ~ /^[0-9][0-9]\/[0-9][0-9]\/[0-9][0-9][0-9][0-9]$/)
        return substr(d, 7, 4) "-" substr(d, 4, 2) "-" substr(d, 1, 2)
    return d
}
'

gen() { "$GEN" "$@" 2>"$tmp/gen.err" || { fail "svreport-gen $* failed: $(cat "$tmp/gen.err")"; return 1; }; }

# ---- determinism ----
gen --org council --out "$tmp/c1" --seed 7
gen --org council --out "$tmp/c2" --seed 7
gen --org provider --out "$tmp/p1" --seed 7
gen --org provider --out "$tmp/p2" --seed 7
gen --org bench --out "$tmp/b1" --seed 7 --people 400 --visit-days 21 --units 7
gen --org bench --out "$tmp/b2" --seed 7 --people 400 --visit-days 21 --units 7
for pair in c p b; do
    if diff -r "$tmp/${pair}1" "$tmp/${pair}2" >/dev/null; then
        ok "deterministic: $(ls "$tmp/${pair}1" | wc -l) files identical ($pair)"
    else
        fail "two runs with the same arguments differ ($pair)"
    fi
done
gen --org council --out "$tmp/c3" --seed 8
if cmp -s "$tmp/c1/people.csv" "$tmp/c3/people.csv"; then fail "--seed has no effect"; else ok "--seed changes the data"; fi

# ---- extracts present ----
check_files() {
    local dir=$1; shift
    local missing=""
    for f in "$@"; do [ -s "$dir/$f.csv" ] || missing="$missing $f"; done
    if [ -z "$missing" ]; then ok "extracts present in $(basename "$dir")"; else fail "missing in $dir:$missing"; fi
}
check_files "$tmp/p1" people referrals episodes feedback survey workforce supervision training visits outcomes spend actions
check_files "$tmp/c1" people referrals episodes feedback survey actions spend outcomes population
check_files "$tmp/b1" people referrals episodes feedback survey workforce supervision training visits
for f in workforce visits supervision training; do
    [ ! -e "$tmp/c1/$f.csv" ] || fail "council should have no $f.csv"
done

# ---- council: exact counts supported in 2026-27 Q2 by age and ethnic group ----
awk "$AWKLIB"'
BEGIN {
    split("Indian Pakistani Bangladeshi Chinese", a, " "); for (i in a) grp[a[i]] = "Asian"
    grp["Other Asian"] = "Asian"
    grp["African"] = "Black"; grp["Caribbean"] = "Black"; grp["Other Black"] = "Black"
    grp["White and Black Caribbean"] = "Mixed"; grp["White and Black African"] = "Mixed"
    grp["White and Asian"] = "Mixed"; grp["Other Mixed or Multiple ethnic groups"] = "Mixed"
    grp["English, Welsh, Scottish, Northern Irish or British"] = "White"; grp["Irish"] = "White"
    grp["Gypsy or Irish Traveller"] = "White"; grp["Roma"] = "White"; grp["Other White"] = "White"
    grp["Arab"] = "Other"; grp["Any other ethnic group"] = "Other"
    grp["Not stated"] = "Not stated"
    # expected: White Asian Black Other Mixed Not-stated
    want["18-64"] = "701 136 69 24 24 46"
    want["65+"] = "3412 384 112 32 12 48"
    want["unknown"] = "0 17 9 0 17 223"
    split("White Asian Black Other Mixed Not stated", order, " ")
    order[6] = "Not stated"
}
NR == 1 { header($0, ix, ","); next }
{
    csvsplit(clean($0), f, ",")
    s = f[ix["support_start"]]; e = f[ix["support_end"]]
    if (s > "2026-09-30" || (e != "" && e < "2026-07-01")) next
    dob = f[ix["date_of_birth"]]
    if (dob == "") age = "unknown"
    else {
        years = 2026 - substr(dob, 1, 4) - (substr(dob, 6, 2) substr(dob, 9, 2) > "0930")
        if (years < 18) { print "person under 18: " f[1]; bad = 1 }
        age = years >= 65 ? "65+" : "18-64"
    }
    g = grp[f[ix["ethnicity"]]]
    if (g == "") { print "unknown ethnicity: " f[ix["ethnicity"]]; bad = 1 }
    n[age, g]++; total++
}
END {
    for (age in want) {
        split(want[age], w, " ")
        for (i = 1; i <= 6; i++)
            if (n[age, order[i]] + 0 != w[i]) {
                printf "%s %s: %d, want %d\n", age, order[i], n[age, order[i]], w[i]; bad = 1
            }
    }
    if (total != 5266) { print "in period: " total ", want 5266"; bad = 1 }
    exit bad
}' "$tmp/c1/people.csv" >"$tmp/exact.out" &&
    ok "council: exact in-period counts by age and ethnic group (5,266)" ||
    fail "council in-period counts: $(cat "$tmp/exact.out")"

# population.csv shares round to the published Coventry shares.
awk "$AWKLIB"'
NR == 1 { header($0, ix, ","); next }
{
    csvsplit($0, f, ",")
    if (f[ix["dimension"]] != "ethnicity") next
    sc = f[ix["age_scope"]]; c[sc, f[ix["group"]]] = f[ix["count"]]; t[sc] += f[ix["count"]]
}
END {
    want["all"] = "65.5 18.5 8.9 3.7 3.4"; want["18-64"] = "64.8 19.6 9.2 3.8 2.7"
    want["65+"] = "85.8 10.4 1.8 1.5 0.5"
    split("White Asian Black Other Mixed", g, " ")
    for (sc in want) {
        split(want[sc], w, " ")
        for (i = 1; i <= 5; i++) {
            got = sprintf("%.1f", 100 * c[sc, g[i]] / t[sc])
            if (got + 0 != w[i] + 0) { print sc " " g[i] ": " got "%, want " w[i] "%"; bad = 1 }
        }
    }
    exit bad
}' "$tmp/c1/population.csv" >"$tmp/pop.out" &&
    ok "council: population shares match the Census 2021 shares" ||
    fail "population.csv: $(cat "$tmp/pop.out")"

# ---- referential integrity ----
# refcheck MASTER MASTER_SEP MASTER_COL FILE FILE_SEP FILE_COL: every
# non-blank FILE_COL value of FILE is a MASTER_COL value of MASTER.
refcheck() {
    awk -v msep="$2" -v mcol="$3" -v fsep="$5" -v fcol="$6" "$AWKLIB"'
    FNR == 1 { file++; if (file == 1) header($0, mi, msep); else header($0, fi, fsep); next }
    file == 1 { csvsplit(clean($0), f, msep); key[f[mi[mcol]]] = 1; next }
    {
        csvsplit(clean($0), f, fsep); v = f[fi[fcol]]
        if (v != "" && !(v in key)) { if (bad++ < 3) print FILENAME ":" FNR ": " fcol " " v " not found" }
        refs++
    }
    END { if (!refs) print "no rows"; exit bad > 0 || !refs }' "$1" "$4"
}
ref_all() {
    local dir=$1 pid=$2 wsep=$3; shift 3
    local out bad=0
    for f in referrals episodes feedback survey visits outcomes; do
        [ -e "$dir/$f.csv" ] || continue
        out=$(refcheck "$dir/people.csv" , "$pid" "$dir/$f.csv" , person_id) || { fail "$out"; bad=1; }
    done
    for f in supervision training visits; do
        [ -e "$dir/$f.csv" ] || continue
        out=$(refcheck "$dir/workforce.csv" "$wsep" staff_id "$dir/$f.csv" , staff_id) || { fail "$out"; bad=1; }
    done
    if [ -e "$dir/actions.csv" ] && grep -q ',ACT-' "$dir/feedback.csv"; then
        out=$(refcheck "$dir/actions.csv" , action_id "$dir/feedback.csv" , action_id) || { fail "$out"; bad=1; }
    fi
    [ $bad -eq 0 ] && ok "referential integrity: $(basename "$dir")"
    return 0
}
ref_all "$tmp/p1" "Client ID" ";"
ref_all "$tmp/c1" person_id ,
ref_all "$tmp/b1" person_id ,

# Each visit names staff in post on its date, on a day the person was supported.
awk "$AWKLIB"'
FNR == 1 { file++; if (file == 1) header($0, wi, ";"); else if (file == 2) header($0, pi, ","); else header($0, vi, ","); next }
file == 1 { csvsplit(clean($0), f, ";"); st[f[1]] = f[wi["start_date"]]; lv[f[1]] = f[wi["leave_date"]]; next }
file == 2 { csvsplit($0, f, ","); ps[f[1]] = uk2iso(f[pi["support_start"]]); pe[f[1]] = uk2iso(f[pi["support_end"]]); next }
{
    split($0, f, ","); s = f[vi["staff_id"]]; d = f[vi["date"]]; p = f[vi["person_id"]]
    if (!(s in st) || d < st[s] || (lv[s] != "" && d > lv[s])) { if (bad++ < 3) print "visit " f[1] ": " s " not in post on " d }
    if (!(p in ps) || d < ps[p] || (pe[p] != "" && d > pe[p])) { if (bad++ < 3) print "visit " f[1] ": " p " not supported on " d }
    n++; missed += f[vi["missed"]] == "Y"; reg += f[vi["regular_carer"]] == "Y"
}
END {
    if (missed / n < 0.005 || missed / n > 0.03) { print "missed share " missed / n; bad++ }
    if (reg / n < 0.65 || reg / n > 0.85) { print "regular carer share " reg / n; bad++ }
    exit bad > 0
}' "$tmp/p1/workforce.csv" "$tmp/p1/people.csv" "$tmp/p1/visits.csv" >"$tmp/visits.out" &&
    ok "provider visits: staff in post, person supported, missed and continuity plausible" ||
    fail "provider visits: $(cat "$tmp/visits.out")"

# ---- dates: valid, and none after the as-at day (action deadlines excepted) ----
datecheck() {
    local asat=$1; shift
    awk -v asat="$asat" "$AWKLIB"'
    FNR == 1 {
        sep = ($0 ~ /;/ && $0 !~ /,/) ? ";" : ","
        delete skip; n = header($0, ix, sep); if ("deadline" in ix) skip[ix["deadline"]] = 1
        delete ix; next
    }
    {
        n = csvsplit(clean($0), f, sep)
        for (i = 1; i <= n; i++) {
            d = uk2iso(f[i])
            if (d !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) continue
            y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0; dd = substr(d, 9, 2) + 0
            dim = m == 2 ? (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
            if (m < 1 || m > 12 || dd < 1 || dd > dim) { if (bad++ < 3) print FILENAME ":" FNR ": impossible date " f[i] }
            if (d > asat && !(i in skip)) { if (bad++ < 3) print FILENAME ":" FNR ": " f[i] " after " asat }
        }
    }
    END { exit bad > 0 }' "$@"
}
out=$(datecheck 2026-10-05 "$tmp"/p1/*.csv "$tmp"/c1/*.csv) && ok "dates valid, none after 2026-10-05" || fail "$out"
out=$(datecheck 2026-09-30 "$tmp"/b1/*.csv) && ok "bench dates valid, none after --period-end" || fail "$out"
# A few records in the days after the period, as a real extract taken on 5 October.
if grep -q '2026-10-0[1-5]' "$tmp/p1/visits.csv" && grep -q '2026-10-0[1-5]' "$tmp/c1/people.csv"; then
    ok "records dated 1-5 October 2026 exist"
else
    fail "no records dated 1-5 October 2026"
fi

# ---- file shapes the sample configs rely on ----
head -c 3 "$tmp/p1/workforce.csv" | od -An -tx1 | grep -q 'ef bb bf' &&
    head -1 "$tmp/p1/workforce.csv" | grep -q $'^\xef\xbb\xbfstaff_id;role;.*\r$' &&
    ok "provider workforce.csv: BOM, ';' and CRLF" || fail "provider workforce.csv shape"
head -1 "$tmp/p1/people.csv" | grep -q '^Client ID,DOB,Gender,Ethnic Group,.*,Contract,' &&
    awk -F, 'NR > 1 && $4 !~ /^([A-HJ-NPRSZ]|99|)$/ { bad = 1 } END { exit bad }' "$tmp/p1/people.csv" &&
    grep -q '^[^,]*,[0-9][0-9]/[0-9][0-9]/[0-9][0-9][0-9][0-9],' "$tmp/p1/people.csv" &&
    ok "provider people.csv: site headers, UK dates, NHS codes" || fail "provider people.csv shape"
grep -q 'Caffi Tŷ Coffi CIC' "$tmp/p1/spend.csv" && grep -q 'Łukasz Kowalczyk Catering' "$tmp/p1/spend.csv" &&
    grep -q '“' "$tmp/p1/actions.csv" && grep -q '’' "$tmp/p1/actions.csv" &&
    ok "UTF-8 supplier names and curly quotes" || fail "UTF-8 names or curly quotes missing"
if grep -q $'\r' "$tmp/p1/people.csv" "$tmp/c1/people.csv"; then fail "CR in LF extracts"; else ok "other extracts use LF"; fi

# ---- --id-prefix reaches every person and staff id ----
pfx=ZQ7LEAK
gen --org provider --out "$tmp/px" --seed 3 --id-prefix "$pfx"
gen --org bench --out "$tmp/bx" --seed 3 --people 200 --visit-days 7 --units 4 --id-prefix "$pfx"
prefcheck() {
    awk -v pfx="$pfx" -v col="$2" -v sep="$3" "$AWKLIB"'
    FNR == 1 { delete ix; header($0, ix, sep); next }
    {
        csvsplit(clean($0), f, sep); v = f[ix[col]]
        # Blank person_id: compliments (feedback) and referrals still in the
        # pipeline, whose person is not yet supported.
        if (index(v, pfx) == 0 && (v != "" || col != "person_id" || FILENAME !~ /feedback|referrals/)) {
            if (bad++ < 3) print FILENAME ":" FNR ": " col " \"" v "\" lacks the prefix"
        }
        n++
    }
    END { exit bad > 0 || !n }' "$1"
}
bad=0
for dir in "$tmp/px" "$tmp/bx"; do
    pid=person_id wsep=,
    [ "$dir" = "$tmp/px" ] && pid="Client ID" && wsep=";"
    out=$(prefcheck "$dir/people.csv" "$pid" ,) || { fail "$out"; bad=1; }
    out=$(prefcheck "$dir/workforce.csv" staff_id "$wsep") || { fail "$out"; bad=1; }
    for f in referrals episodes feedback survey visits; do
        out=$(prefcheck "$dir/$f.csv" person_id ,) || { fail "$out"; bad=1; }
    done
    for f in supervision training visits; do
        out=$(prefcheck "$dir/$f.csv" staff_id ,) || { fail "$out"; bad=1; }
    done
done
[ $bad -eq 0 ] && ok "--id-prefix in every person_id and staff_id"
if "$GEN" --org provider --out "$tmp/bad" --id-prefix 'a,b' 2>/dev/null; then
    fail "--id-prefix with a comma accepted"
else
    ok "unsafe --id-prefix rejected"
fi

if [ $failures -ne 0 ]; then
    echo "test_generator: $failures check(s) failed" >&2
    exit 1
fi
echo "test_generator: all checks passed"
