#!/usr/bin/env bash
# `npm test`: set up what the tests need, then typecheck, lint, format check, unit and integration
# tests, a production build, and the Playwright end-to-end suite in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NEXT_TELEMETRY_DISABLED=1 AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
mkdir -p test-results
echo "== typecheck" && npx tsc --noEmit
echo "== lint" && npx eslint --max-warnings=0 .
echo "== format" && npx prettier --check . >/dev/null
echo "== unit" && npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
echo "== build" && npm run build
echo "== e2e" && rm -rf test-results/e2e-data && npx playwright test
