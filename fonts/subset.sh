#!/bin/sh
# Rebuilds the bundled font subsets from Debian's fonts-dejavu-core.
# Not part of the build: the subsets are committed. Needs Debian's fonttools.
# The ranges cover Latin (Welsh, Polish, Irish, Nordic and other European
# names), typographic punctuation, and the arrows and shapes the reports use
# as non-colour markers (up/down triangles, circle, square, tick, cross).
set -eu
here=$(dirname "$0")
ranges="U+0020-007E,U+00A0-017F,U+0180-024F,U+0259,U+02C6-02DD,U+1E80-1E85,\
U+1EF2-1EF3,U+2010-2027,U+2030-203A,U+2044,U+20AC,U+2122,U+2190-2195,U+2212,\
U+2248,U+2260,U+2264,U+2265,U+25A0-25A1,U+25B2-25B3,U+25B6,U+25BA,U+25BC-25BD,\
U+25C0,U+25C6-25C7,U+25CB,U+25CF,U+2713,U+2717,U+FFFD"
for w in "" "-Bold"; do
  pyftsubset "/usr/share/fonts/truetype/dejavu/DejaVuSans$w.ttf" \
    --unicodes="$ranges" --layout-features='' --no-hinting \
    --output-file="$here/DejaVuSans$w.ttf"
done
