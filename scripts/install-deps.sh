#!/bin/sh
# Installs the Debian packages svreport needs to build, run and test, if any
# is missing. Called by `make demo` and `make check`; safe to run again.
set -eu
packages="build-essential pkg-config libhpdf-dev libpng-dev zlib1g-dev libcsv-dev
libjansson-dev libgsl-dev uthash-dev nettle-dev libcriterion-dev poppler-utils qpdf
bc jq groff-base"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "svreport: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
