#!/usr/bin/env bash
# The report in a real browser: builds the release binary, writes the seed
# article's HTML report, opens it in Debian's Chromium (headless, driven by
# playwright-core from npm), clicks tree nodes, checks the highlighted source
# lines and the diagnostics, and saves a screenshot.
#
#   bash scripts/browser-test.sh
#
# Installs what is missing, as root: Debian's chromium and a CJK font
# (fonts-noto-cjk) with apt-get; playwright-core (pinned) with npm into a
# cache folder ($OUTLINE_BROWSER_CACHE, default ~/.cache/outline-browser).
# Environment: OUTLINE_BIN uses that binary instead of building one;
# CARGO_TARGET_DIR is honoured. The screenshot is target/browser/report.png.
# Exit status: 0 when every check passed; the last line is `N passed, M failed`.
set -euo pipefail
cd "$(dirname "$0")/.."

PLAYWRIGHT_VERSION=1.65.1
CHROMIUM=/usr/bin/chromium
CACHE="${OUTLINE_BROWSER_CACHE:-$HOME/.cache/outline-browser}"
OUT_DIR="$PWD/target/browser"
start=$SECONDS

step() { printf '== %s (%ss)\n' "$*" "$((SECONDS - start))"; }

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "browser-test: need root to install $* (or install them first)" >&2
    exit 2
  fi
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

step "chromium"
if [ ! -x "$CHROMIUM" ]; then
  apt_install chromium
fi
"$CHROMIUM" --version 2>/dev/null

step "CJK font"
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  apt_install fonts-noto-cjk fontconfig
fi
fc-match -f '%{family[0]}\n' 'sans-serif:lang=zh-cn'

step "playwright-core $PLAYWRIGHT_VERSION"
installed=$(node -p "try{require('$CACHE/node_modules/playwright-core/package.json').version}catch(e){''}")
if [ "$installed" != "$PLAYWRIGHT_VERSION" ]; then
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error \
    "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null
fi

if [ -n "${OUTLINE_BIN:-}" ]; then
  bin="$OUTLINE_BIN"
else
  step "cargo build --release"
  cargo build --release --quiet
  bin="${CARGO_TARGET_DIR:-target}/release/outline"
fi

step "report"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" report fixtures/ai-industry-upgrade.txt -o "$tmp/report.html"
mkdir -p "$OUT_DIR"

step "browser"
PLAYWRIGHT_CORE="$CACHE/node_modules/playwright-core" \
CHROMIUM="$CHROMIUM" \
REPORT="$tmp/report.html" \
SCREENSHOT="$OUT_DIR/report.png" \
USER_DATA_DIR="$tmp/profile" \
  node tests/browser/report.mjs
