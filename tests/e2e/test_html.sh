#!/usr/bin/env bash
# The HTML edition of every sample document, in a real browser:
#  1. svreport writes an .html beside every .pdf (both sample configs).
#  2. Its figures are the text edition's (tests/browser/figures.mjs): every
#     table cell, chart value and tile. test_disclosure.sh holds the text
#     edition to the PDF, so the HTML and the PDF show the same figures and
#     the same suppression.
#  3. axe-core finds no WCAG 2.2 A/AA violation in Debian's Chromium, at
#     phone and desktop width (tests/browser/a11y.mjs); the sample documents
#     and the renderer's unit-test fixture (every block and chart kind) are
#     checked. Screenshots are left in BUILD/test-out/html-screenshots.
#     Under check-asan and valgrind (ASAN_OPTIONS or SVREPORT_WRAPPER set)
#     svreport is what is being checked, and it writes the same bytes: the
#     browser check, which `make check` has run, is left out there.
# Skips (exit 0, printing SKIP) only when Chromium or Node.js cannot be
# installed; `make check` installs them first (scripts/install-browser-deps.sh).
set -eu
. "$(dirname "$0")/lib.sh"
BIN=$1
scratch
start=$(date +%s)

skip() {
    echo "SKIP: $*"
    exit 0
}

if ! scripts/install-browser-deps.sh >"$SCRATCH/deps.log" 2>&1; then
    command -v node >/dev/null 2>&1 || skip "Node.js cannot be installed: $(tail -1 "$SCRATCH/deps.log")"
    [ -x "${CHROMIUM:-/usr/bin/chromium}" ] ||
        skip "Chromium cannot be installed: $(tail -1 "$SCRATCH/deps.log")"
    cat "$SCRATCH/deps.log" >&2
    fail "scripts/install-browser-deps.sh failed (above)"
fi

# Screenshots beside the binary (BUILD/test-out), for people to look at
# (under `make valgrind` BIN is a wrapper script in a temporary directory).
bindir=$(cd "$(dirname "$BIN")" && pwd)
default_shots=$bindir/test-out/html-screenshots
[ -n "${SVREPORT_WRAPPER:-}" ] && default_shots=$SCRATCH/screenshots
shots=${SVREPORT_SCREENSHOTS:-$default_shots}
rm -rf "$shots"
mkdir -p "$shots"

pages=()
for config in samples/provider/config.json samples/council/config.json; do
    org=$(basename "$(dirname "$config")")
    out=$SCRATCH/$org
    "$BIN" -q --text -o "$out" "$config" || fail "$config: svreport exited $?"
    for pdf in "$out"/*.pdf; do
        [ -f "${pdf%.pdf}.html" ] || fail "no HTML edition beside $(basename "$pdf")"
    done
    for html in "$out"/*.html; do
        node tests/browser/figures.mjs "$html" "${html%.html}.txt" ||
            fail "$(basename "$html"): figures differ from the text edition (above)"
        pages+=("$html")
    done
done
[ ${#pages[@]} -ge 2 ] || fail "only ${#pages[@]} HTML documents written"

fixture=$bindir/test-out/render_html/sample.html
[ -f "$fixture" ] && pages+=("$fixture")

if [ -n "${ASAN_OPTIONS:-}${SVREPORT_WRAPPER:-}" ]; then
    echo "html: ${#pages[@]} documents, figures as in the text edition; the browser check" \
        "runs under make check ($(($(date +%s) - start))s)"
    exit 0
fi

node tests/browser/a11y.mjs --shots "$shots" "${pages[@]}" ||
    fail "axe found accessibility violations (above)"
echo "html: ${#pages[@]} documents, figures as in the text edition, no axe violations," \
    "screenshots in $shots ($(($(date +%s) - start))s)"
