#!/usr/bin/env bash
# `npm run demo`: install, build and serve the dashboard on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
SAFEKEEP_SKIP_APT="${SAFEKEEP_SKIP_APT:-1}" bash scripts/setup.sh   # the browser is only needed by the tests
npm run build
export PORT="${PORT:-3000}"
echo "Safekeep: http://127.0.0.1:${PORT}"
exec node scripts/start-standalone.mjs
