#!/usr/bin/env bash
# test_render_pdf.sh: the PDF edition read back with a reader's tools.
#
#   tests/e2e/test_render_pdf.sh PATH/TO/svreport [PATH/TO/svreport-gen]
#
# Run from the project root. The PDFs come from the unit tests, so no config
# or data is needed: the render_pdf/* tests in BUILD/unit-tests (BUILD is the
# directory of either argument that has unit-tests beside it; under `make
# valgrind` svreport itself is a wrapper elsewhere)
# render the sample tree (tests/unit/render_fixture.c) and two hostile trees
# into BUILD/test-out/render_pdf/. This script reruns just those tests so
# the files are fresh, then checks every PDF there with qpdf and poppler:
# structure, no poppler warnings, embedded fonts with Unicode maps, and from
# word boxes, no text outside the side margins and no two words overlapping.
# The sample is also checked for exact text (Welsh, Polish, curly quotes),
# document info, page furniture, links and bookmarks. If the unit-test binary
# has not been built, says so and exits 0 (make check builds it first).
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 PATH/TO/svreport [PATH/TO/svreport-gen]" >&2
    exit 2
fi
build=$(dirname "$1")
if [ ! -x "$build/unit-tests" ] && [ $# -ge 2 ]; then build=$(dirname "$2"); fi
unit="$build/unit-tests"
dir="$build/test-out/render_pdf"
sample="$dir/sample.pdf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

ok() { echo "ok   - $*"; }
fail() {
    echo "FAIL - $*" >&2
    failures=$((failures + 1))
}

if [ ! -x "$unit" ]; then
    echo "skipped - $unit not built (make $unit)"
    exit 0
fi
if "$unit" --filter='render_pdf/*' >"$tmp/unit.log" 2>&1; then
    ok "unit tests rendered the PDFs"
else
    cat "$tmp/unit.log" >&2
    fail "render_pdf unit tests failed"
fi
[ -f "$sample" ] || { fail "no $sample"; exit 1; }

# Words outside [margin, width - margin] or overlapping another word on the
# same page, from pdftotext -bbox (one <word .../> per line).
BBOX_AWK='
function attr(s, name,    i, rest) {
    i = index(s, name "=\"")
    rest = substr(s, i + length(name) + 2)
    return substr(rest, 1, index(rest, "\"") - 1) + 0
}
function check(    i, j, ox, oy) {
    for (i = 1; i <= n; i++)
        for (j = i + 1; j <= n; j++) {
            if (y0[j] >= y1[i] || y0[i] >= y1[j]) continue
            ox = (x1[i] < x1[j] ? x1[i] : x1[j]) - (x0[i] > x0[j] ? x0[i] : x0[j])
            oy = (y1[i] < y1[j] ? y1[i] : y1[j]) - (y0[i] > y0[j] ? y0[i] : y0[j])
            if (ox > 0.5 && oy > 1.0) {
                printf "page %d: \"%s\" overlaps \"%s\"\n", page, w[i], w[j]
                bad++
            }
        }
    n = 0
}
/<page / { if (page) check(); page++; width = attr($0, "width") }
/<word / {
    n++
    x0[n] = attr($0, "xMin"); x1[n] = attr($0, "xMax")
    y0[n] = attr($0, "yMin"); y1[n] = attr($0, "yMax")
    w[n] = $0; sub(/.*">/, "", w[n]); sub(/<.*/, "", w[n])
    if (x0[n] < margin - tol || x1[n] > width - margin + tol) {
        printf "page %d: \"%s\" at x %.1f-%.1f is outside the margins\n", page, w[n], x0[n], x1[n]
        bad++
    }
}
END { check(); exit bad > 0 }
'

for pdf in "$dir"/*.pdf; do
    name=$(basename "$pdf")
    if qpdf --check "$pdf" >"$tmp/qpdf.log" 2>&1; then
        ok "$name: qpdf --check"
    else
        fail "$name: qpdf --check: $(tail -3 "$tmp/qpdf.log")"
    fi
    if pdftotext "$pdf" "$tmp/text.txt" 2>"$tmp/err.txt" && [ ! -s "$tmp/err.txt" ]; then
        ok "$name: pdftotext without warnings"
    else
        fail "$name: pdftotext warnings: $(head -3 "$tmp/err.txt")"
    fi
    fonts=$(pdffonts "$pdf" | tail -n +3)
    if [ -n "$fonts" ] && ! echo "$fonts" | awk '$(NF-4) != "yes" || $(NF-2) != "yes" { bad = 1 } END { exit !bad }'; then
        ok "$name: every font embedded with a Unicode map"
    else
        fail "$name: fonts not all embedded with ToUnicode: $fonts"
    fi
    pdftotext -bbox "$pdf" "$tmp/bbox.html" 2>/dev/null # "no word list" on an empty page
    if awk -v margin=54 -v tol=0.5 "$BBOX_AWK" "$tmp/bbox.html" >"$tmp/bbox.log"; then
        ok "$name: all words within the margins, none overlapping"
    else
        fail "$name: layout: $(head -5 "$tmp/bbox.log")"
    fi
done

# The sample's text copies out exactly (line breaks read as spaces, since
# table cells wrap).
pdftotext "$sample" "$tmp/sample.txt"
tr -s '\n' ' ' <"$tmp/sample.txt" >"$tmp/flat.txt"
for want in "Gofal Cartref Tŷ Newydd – Łódź Partnership" "“missed”" "provider’s own records" \
    "shown as ‘*’" "Siaradwyr Cymraeg ar gael ym mhob shifft" "Ynys Môn" \
    "“calm, kind presence”" "Appendix A: Data quality and methods" "Appendix B: Glossary"; do
    if grep -qF -- "$want" "$tmp/flat.txt"; then
        ok "text: $want"
    else
        fail "text missing: $want"
    fi
done

# Document info and page count.
pdfinfo "$sample" >"$tmp/info.txt"
pages=$(awk '/^Pages:/ { print $2 }' "$tmp/info.txt")
for want in "Title: *Quarterly governance report" "Author: *Gofal Cartref Tŷ Newydd – Łódź" \
    "Creator: *svreport" "Keywords: *OFFICIAL-SENSITIVE" "Page size: *595.276 x 841.89 pts (A4)"; do
    if grep -q "^$want" "$tmp/info.txt"; then ok "pdfinfo: $want"; else fail "pdfinfo lacks: $want"; fi
done
if [ "${pages:-0}" -ge 12 ] && [ "$pages" -le 40 ]; then
    ok "page count $pages is plausible"
else
    fail "page count ${pages:-?} (expected 12-40)"
fi

# Every page after the cover: marking at top and bottom, "Page N of M".
if awk -v RS='\f' -v pages="$pages" '
    NR > pages { next }
    {
        n = gsub(/OFFICIAL-SENSITIVE/, "&")
        if (n < 2) { printf "page %d has the marking %d times\n", NR, n; bad = 1 }
        if (NR > 1 && index($0, "Page " NR " of " pages) == 0) {
            printf "page %d lacks \"Page %d of %d\"\n", NR, NR, pages; bad = 1
        }
    }
    END { exit bad }' "$tmp/sample.txt" >"$tmp/pages.log"; then
    ok "marking twice and \"Page N of $pages\" on every page"
else
    fail "page furniture: $(head -3 "$tmp/pages.log")"
fi

# Contents links (borderless) and bookmarks for every section and heading.
links=$(grep -a -o "/Subtype /Link" "$sample" | wc -l)
entries=$(qpdf --json --json-key=outlines "$sample" | grep -c '"title"')
if [ "$links" -ge 20 ] && [ "$entries" -eq $((links + 1)) ]; then
    ok "$links contents links, $entries bookmarks (with Contents)"
else
    fail "links $links, bookmarks $entries"
fi
borders=$(grep -a -o "/Border *\[[^]]*\]" "$sample" | tr -d ' ' | sort -u)
if [ "$borders" = "/Border[000]" ]; then
    ok "links have no border"
else
    fail "link borders: $borders"
fi

if [ "$failures" -gt 0 ]; then
    echo "test_render_pdf: $failures failed" >&2
    exit 1
fi
echo "test_render_pdf: all passed"
