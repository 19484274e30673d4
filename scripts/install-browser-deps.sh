#!/bin/sh
# Installs what the browser test of the HTML edition needs, if anything is
# missing: Debian's chromium and chromium-driver, Node.js and npm, then the
# pinned npm packages of tests/browser (npm ci). Called by `make browser-deps`
# (and so by `make check`); safe to run again, and offline once done.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)

missing=""
for p in chromium chromium-driver; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
# Node.js may come from elsewhere than Debian (the machines carry a newer
# one): only a missing command asks for Debian's package.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
  echo "svreport: installing Debian packages:$missing" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The npm packages, exactly as package-lock.json pins them; skipped while
# node_modules was installed from this very lock file.
cd "$root/tests/browser"
stamp=node_modules/.svreport-lock
want=$(cksum <package-lock.json)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
  [ -f node_modules/axe-core/axe.min.js ] && [ -f node_modules/playwright-core/package.json ]; then
  exit 0
fi
echo "svreport: installing the browser test's npm packages (npm ci)" >&2
# No browser download: the test drives Debian's /usr/bin/chromium.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
echo "$want" >"$stamp"
