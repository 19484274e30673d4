#!/usr/bin/env bash
# The man page: it exists, groff formats it without a warning, and its
# OPTIONS section documents every long option `svreport --help` prints. The
# systemd samples pass `systemd-analyze verify` where that command exists.
set -eu
. "$(dirname "$0")/lib.sh"
BIN=$1
scratch
MAN=man/svreport.1

[ -f "$MAN" ] || fail "$MAN is missing"
command -v groff >/dev/null || fail "groff not found (Debian package groff-base)"

# 1. No warnings from troff with every warning enabled.
warnings=$(groff -man -ww -z "$MAN" 2>&1) || fail "groff failed on $MAN: $warnings"
[ -z "$warnings" ] || fail "groff warns on $MAN:
$warnings"

# 2. Every long option of --help is in the OPTIONS section, as formatted:
#    plain ASCII (\- is '-'), no hyphenation, lines long enough for any tag.
"$BIN" --help >"$SCRATCH/help" || fail "svreport --help exited $?"
groff -man -Tascii -P-cbou -rHY=0 -rLL=200n "$MAN" 2>/dev/null |
    awk '/^OPTIONS$/ { on = 1; next } /^[A-Z][A-Z ]*$/ { on = 0 } on' >"$SCRATCH/options"
[ -s "$SCRATCH/options" ] || fail "$MAN has no OPTIONS section"
options=$(grep -oE -- '--[a-z][a-z-]*' "$SCRATCH/help" | sort -u)
[ -n "$options" ] || fail "no long options found in svreport --help"
for opt in $options; do
    grep -qE -- "(^|[^a-z-])$opt([^a-z-]|\$)" "$SCRATCH/options" ||
        fail "$MAN: option $opt (printed by svreport --help) is not documented under OPTIONS"
done

# 3. The systemd samples, with ExecStart pointed at a binary that exists
#    (verify checks that the command is executable) and no man-page lookup.
if command -v systemd-analyze >/dev/null; then
    mkdir "$SCRATCH/units"
    sed "s|^ExecStart=/usr/local/bin/svreport |ExecStart=$(realpath "$BIN") |" \
        samples/systemd/svreport-monthly.service >"$SCRATCH/units/svreport-monthly.service"
    cp samples/systemd/svreport-monthly.timer "$SCRATCH/units/"
    out=$(systemd-analyze verify --man=no "$SCRATCH/units/svreport-monthly.service" \
        "$SCRATCH/units/svreport-monthly.timer" 2>&1) || fail "systemd-analyze verify failed:
$out"
    [ -z "$out" ] || fail "systemd-analyze verify warns:
$out"
fi
