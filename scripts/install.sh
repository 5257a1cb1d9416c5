#!/usr/bin/env bash
# The one install command: system packages (apt-get), then the npm packages from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
npm ci --no-audit --no-fund
