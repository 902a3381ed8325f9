#!/usr/bin/env bash
# Installs the servers the e2e and contract tests start for themselves (Redis, PostgreSQL),
# htpasswd for the bcrypt interop test and Chromium for the /docs browser test.
# Debian/Ubuntu; safe to run again. `npm test` runs it by itself when one of them is missing and
# it runs as root. Usage, as root:
#   bash scripts/setup-test-services.sh
set -euo pipefail

if [ "$(id -u)" != "0" ]; then
  echo "Run it as root (e.g. sudo bash $0)." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get not found: install redis-server, PostgreSQL (initdb, pg_ctl) and htpasswd with" \
    "your package manager, or set TEST_REDIS_URL and TEST_PG_HOST/TEST_PG_PORT/TEST_PG_USER." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends redis-server postgresql apache2-utils chromium >/dev/null

# The tests start their own servers on free ports; the ones the packages may have started are
# not needed, but are left as they are.
echo "redis-server: $(command -v redis-server)"
echo "PostgreSQL:   $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
echo "Chromium:     $(command -v chromium)"
