#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: system packages the tests and PDF checks need, then the
# locked npm dependencies. Safe to run again; does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
# Team-mode tests start their own PostgreSQL and Redis from these packages' binaries (never the services).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if ((${#need[@]})) && [ "${SAFEKEEP_SKIP_APT:-}" != "1" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  # Debian starts a package's service on install unless policy-rc.d answers 101: the tests run their
  # own PostgreSQL and Redis, so no system service is started (an existing policy is left as it is).
  policy=/usr/sbin/policy-rc.d
  made_policy=""
  if [ ! -e "$policy" ]; then
    trap '$SUDO rm -f "$policy"' EXIT
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod +x "$policy"
    made_policy=1
  fi
  $SUDO apt-get install -y -qq "${need[@]}" fonts-liberation >/dev/null
  if [ -n "$made_policy" ]; then
    $SUDO rm -f "$policy"
    trap - EXIT
  fi
fi

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# Native add-ons build against the headers the image ships, never downloaded ones.
if [ -f /usr/include/node/node_version.h ]; then export npm_config_nodedir="${npm_config_nodedir:-/usr}"; fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# The native SQLite add-on must match this Node; rebuild it if a cached install does not load.
node -e "require('better-sqlite3')(':memory:').prepare('select 1').get()" 2>/dev/null || npm rebuild better-sqlite3
