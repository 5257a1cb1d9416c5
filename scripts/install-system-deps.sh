#!/usr/bin/env bash
# System packages the tests and the benchmark need on a Debian machine: Chromium for the
# end-to-end tests (Playwright cannot download its own browser here), CJK fonts so Chinese does
# not render as boxes in screenshots, the sqlite3 CLI the import benchmark compares against, and
# poppler-utils (pdftotext) so the tests read the PDFs the console writes back as text.
# Installs only what is missing; needs root (or sudo) when something is.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
