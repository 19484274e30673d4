#!/usr/bin/env bash
# test_identifiers.sh: no personal data from an extract reaches an output.
#
#   tests/e2e/test_identifiers.sh PATH/TO/svreport PATH/TO/svreport-gen
#
# Both sample organisations are generated as scripts/make-samples.sh does,
# but with --id-prefix ZQ7LEAK in every person and staff id. Then distinctive
# values are planted (awk, on every 7th row): dates of birth of people and
# staff (searched for as YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY and "D Month
# YYYY"), and the token "Quillfeather" in every free-text column
# (communication_needs, workforce leave_reason and home_district, referral
# outcome) and in improvement-action leads, which are not printed either.
# The sample configs are copied with extracts.dir pointing at the generated
# extracts, and every document of the configs (governance, tender,
# inspection, and the provider's per-contract ones) is written with --text.
#
# Every output file is searched, case-insensitively: as bytes (CSV, TXT,
# HTML, the run manifest and the raw PDF), and each PDF also as pdftotext
# reads it, with its streams uncompressed (qpdf --qdf), its outline titles
# (qpdf --json) and its document information (pdfinfo). Any hit fails. Also:
# the runs are made under umask 000 and every output must still be mode 0640
# and its directory not world-accessible; no temporary file may remain.
set -uo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 PATH/TO/svreport PATH/TO/svreport-gen" >&2
    exit 2
fi
BIN=$1
GEN=$2
export SOURCE_DATE_EPOCH=1763800000 LC_ALL=C TZ=UTC
. tests/e2e/lib.sh
scratch
for tool in pdftotext pdfinfo qpdf; do
    command -v $tool >/dev/null || fail "$tool is needed (poppler-utils, qpdf)"
done

PREFIX=ZQ7LEAK
TOKEN=Quillfeather
# Dates of birth planted: people, then staff.
DOBS_ISO=(1931-11-29 1966-10-27)

# plant FILE COLUMN VALUE: sets COLUMN to VALUE on every 7th data row
# (RFC 4180 aware; keeps a BOM, the separator and the quoting).
plant() {
    local file=$1 col=$2 val=$3 sep=,
    head -c 400 "$file" | head -n 1 | grep -q ';' && sep=';'
    awk -v col="$col" -v val="$val" -v sep="$sep" "$AWK_CSVSPLIT"'
    function quote(s) {
        if (index(s, sep) || index(s, "\"")) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
        return s
    }
    {
        cr = sub(/\r$/, "")
    }
    NR == 1 {
        hdr = $0
        if (substr(hdr, 1, 3) == "\357\273\277") hdr = substr(hdr, 4)
        n = csvsplit(hdr, h, sep)
        for (i = 1; i <= n; i++) if (h[i] == col) k = i
        if (!k) { print "no column " col > "/dev/stderr"; exit 3 }
        print $0 (cr ? "\r" : "")
        next
    }
    NR % 7 == 3 {
        n = csvsplit($0, f, sep)
        f[k] = val
        out = quote(f[1])
        for (i = 2; i <= n; i++) out = out sep quote(f[i])
        print out (cr ? "\r" : "")
        planted++
        next
    }
    { print $0 (cr ? "\r" : "") }
    END { if (!planted) exit 4 }' "$file" >"$file.new" || fail "could not plant $col in $file"
    mv "$file.new" "$file"
}

# uk DATE_ISO [nopad]: the DD/MM/YYYY (or D/M/YYYY) form.
uk() {
    local y=${1:0:4} m=${1:5:2} d=${1:8:2}
    if [ "${2:-}" = nopad ]; then echo "$((10#$d))/$((10#$m))/$y"; else echo "$d/$m/$y"; fi
}
long_date() {
    local months=(January February March April May June July August September October
        November December)
    local y=${1:0:4} m=${1:5:2} d=${1:8:2}
    echo "$((10#$d)) ${months[$((10#$m - 1))]} $y"
}

# The needles, one a line (fixed strings, matched ignoring case).
needles="$SCRATCH/needles"
{
    echo "$PREFIX"
    echo "$TOKEN"
    for d in "${DOBS_ISO[@]}"; do
        echo "$d"
        uk "$d"
        uk "$d" nopad
        long_date "$d"
    done
} >"$needles"

# make_org ORG SEED PEOPLE: generates, plants, writes the config copy.
make_org() {
    local org=$1 seed=$2 people=$3 dir="$SCRATCH/$1"
    mkdir -p "$dir"
    "$GEN" --org "$org" --out "$dir/extracts" --seed "$seed" ${people:+--people "$people"} \
        --id-prefix "$PREFIX" >/dev/null || fail "svreport-gen --org $org exited $?"
    local ex="$dir/extracts"
    grep -q "$PREFIX" "$ex/people.csv" || fail "$org: --id-prefix did not reach people.csv"
    if [ "$org" = provider ]; then
        plant "$ex/people.csv" DOB "$(uk "${DOBS_ISO[0]}")"
    else
        plant "$ex/people.csv" date_of_birth "${DOBS_ISO[0]}"
    fi
    plant "$ex/people.csv" communication_needs "$TOKEN-comm needs a reader at home"
    plant "$ex/referrals.csv" outcome "$TOKEN-outcome moved to her daughter"
    plant "$ex/actions.csv" lead "Ms $TOKEN-lead"
    if [ -f "$ex/workforce.csv" ]; then
        plant "$ex/workforce.csv" date_of_birth "${DOBS_ISO[1]}"
        plant "$ex/workforce.csv" leave_reason "$TOKEN-leave caring for his mother"
        plant "$ex/workforce.csv" home_district "$TOKEN-district"
    fi
    # The config, with its extracts (and any other relative path, such as
    # the logo) pointing where they are.
    local src="samples/$org"
    jq --arg ex "$ex" --arg src "$(realpath "$src")" '
        .extracts.dir = $ex
        | if .logo then .logo = (if (.logo | startswith("/")) then .logo else $src + "/" + .logo end) else . end
        ' "$src/config.json" >"$dir/config.json" || fail "$org: cannot rewrite the config"
}

make_org provider 20263 1000
make_org council 20262 ""

status=0
for org in provider council; do
    out="$SCRATCH/out-$org"
    (umask 000 && "$BIN" --text -o "$out" --templates templates --fonts fonts \
        "$SCRATCH/$org/config.json" >/dev/null 2>"$SCRATCH/$org.stderr")
    rc=$?
    [ $rc = 0 ] || { cat "$SCRATCH/$org.stderr" >&2; fail "$org: svreport exited $rc"; }

    npdf=$(find "$out" -name '*.pdf' | wc -l)
    ncsv=$(find "$out" -name '*-indicators.csv' | wc -l)
    ntxt=$(find "$out" -name '*.txt' | wc -l)
    [ "$npdf" -ge 3 ] && [ "$ncsv" = "$npdf" ] && [ "$ntxt" = "$npdf" ] ||
        fail "$org: expected a PDF, indicators.csv and .txt per document, found $npdf, $ncsv, $ntxt"

    # Modes and leftovers.
    [ -z "$(find "$out" -perm -o=r -o -perm -o=x -o -perm -o=w | head -n 1)" ] ||
        fail "$org: world-accessible: $(find "$out" -perm -o=r -o -perm -o=x -o -perm -o=w)"
    while IFS= read -r f; do
        mode=$(stat -c %a "$f")
        [ "$mode" = 640 ] || fail "$org: $f has mode $mode, expected 640"
        case $f in
        *.tmp-*) fail "$org: temporary file left: $f" ;;
        *.pdf | *-indicators.csv | *.txt | *.html | *-manifest.json) ;;
        *) fail "$org: unexpected file in the output directory: $f" ;;
        esac
    done < <(find "$out" -type f)

    # Every view of every output.
    views="$SCRATCH/views-$org"
    mkdir -p "$views"
    while IFS= read -r f; do
        b=$(basename "$f")
        cp "$f" "$views/$b.bytes"
        if [[ $f == *.pdf ]]; then
            pdftotext -layout "$f" "$views/$b.pdftotext" || fail "pdftotext $f"
            qpdf --qdf --object-streams=disable "$f" "$views/$b.qdf" || fail "qpdf --qdf $f"
            qpdf --json --json-key=outlines "$f" >"$views/$b.outlines.json" || fail "qpdf --json $f"
            pdfinfo "$f" >"$views/$b.pdfinfo" || fail "pdfinfo $f"
            grep -q . "$views/$b.pdftotext" || fail "pdftotext found no text in $f"
        fi
    done < <(find "$out" -type f)
    # The search must see text where there is some: the organisation's name.
    name=$(jq -r .organisation "$SCRATCH/$org/config.json")
    grep -q -F "$name" "$views"/*.pdftotext || fail "$org: \"$name\" not found by pdftotext"
    if hits=$(grep -a -i -F -n -f "$needles" -r "$views"); then
        echo "FAIL: $org: personal data in the outputs:" >&2
        printf '%s\n' "$hits" | cut -c 1-300 | head -n 20 >&2
        status=1
    fi
    echo "ok   - $org: $npdf documents, $(find "$out" -type f | wc -l) files, $(ls "$views" | wc -l) views searched for $(wc -l <"$needles") needles"
done
exit $status
