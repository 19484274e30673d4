#!/usr/bin/env bash
# Templates are data: a user-copied template with a section removed and a
# heading renamed renders accordingly; a broken template's error names the
# file, the JSON path, the line and the column; and one command builds the
# three documents for both sample organisations, each a sound PDF.
set -eu
. "$(dirname "$0")/lib.sh"
BIN=$1
scratch

# 1. A copy of the governance template without "Community value" and with
#    "Headline indicators" renamed.
awk '
    /"id": "community"/ { skip = 1; held = ""; next }   # drop the held "{" too
    skip && /^    },?$/ { skip = 0; next }
    skip { next }
    { if (held != "") print held; held = $0 }
    END { print held }' templates/governance.json |
    sed 's/"text": "Headline indicators"/"text": "The figures that matter"/' >"$SCRATCH/mine.json"
grep -q '"id": "community"' "$SCRATCH/mine.json" && fail "the copy still has the community section"
"$BIN" -q --text -o "$SCRATCH/copy" -d "$SCRATCH/mine.json" tests/fixtures/tiny/config.json ||
    fail "the copied template did not render"
txt=$(ls "$SCRATCH"/copy/*.txt)
grep -q "^section Community value" "$txt" && fail "removed section still rendered"
grep -q "^  h2 The figures that matter" "$txt" || fail "renamed heading missing"
grep -q "Headline indicators" "$txt" && fail "old heading still rendered"
pdf=$(ls "$SCRATCH"/copy/*.pdf)
pdftotext -q "$pdf" - | grep -q "The figures that matter" || fail "renamed heading not in the PDF"
pdftotext -q "$pdf" - | grep -q "Community value" && fail "removed section still in the PDF"

# 2. Broken templates: exact messages and exit status 3.
check_error() {
    local template=$1 want=$2 status=0
    "$BIN" -q -o "$SCRATCH/broken" -d "$template" tests/fixtures/tiny/config.json 2>"$SCRATCH/err" || status=$?
    [ "$status" = 3 ] || fail "$template: exit status $status, expected 3"
    got=$(cat "$SCRATCH/err")
    [ "$got" = "$want" ] || fail "$template: message
  got:      $got
  expected: $want"
}
T=tests/fixtures/templates
check_error $T/broken-type.json "svreport: error: $T/broken-type.json:10:18: \$.sections[0].blocks[1].type: unknown block type \"paragrph\" (did you mean \"paragraph\"?)"
check_error $T/broken-key.json "svreport: error: $T/broken-key.json:9:58: \$.sections[0].blocks[0].dimz: unknown key \"dimz\" (did you mean \"dims\"?)"
check_error $T/broken-indicator.json "svreport: error: $T/broken-indicator.json:6:80: \$.sections[0].blocks[0].items[1].indicator: unknown indicator \"satisfacton\" (did you mean \"satisfaction\"?)"
check_error $T/broken-json.json "svreport: error: $T/broken-json.json:5:56: invalid JSON: string or '}' expected near '}'"

# 3. All three documents, both organisations, one command.
"$BIN" -q -o "$SCRATCH/all" samples/provider/config.json samples/council/config.json ||
    fail "the sample run exited $?"
for doc in governance tender inspection; do
    for org in riverside-home-support-ltd sample-city-council; do
        [ -f "$SCRATCH/all/$org-$doc-2026-27-q2.pdf" ] || fail "no $doc document for $org"
    done
done
count=0
for pdf in "$SCRATCH"/all/*.pdf; do
    qpdf --check "$pdf" >/dev/null 2>&1 || fail "qpdf --check failed on $(basename "$pdf")"
    warnings=$(pdftotext "$pdf" /dev/null 2>&1 || true)
    [ -z "$warnings" ] || fail "pdftotext warns on $(basename "$pdf"): $warnings"
    count=$((count + 1))
done
echo "templates: copied template renders as edited; 4 broken templates reported exactly; $count sample PDFs pass qpdf --check"
