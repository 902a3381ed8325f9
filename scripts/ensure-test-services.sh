#!/usr/bin/env bash
# `npm test`'s pretest: the e2e and contract suites start their own redis-server and PostgreSQL,
# the bcrypt interop test runs htpasswd and the /docs test runs Chromium. When one is missing,
# install them (as root with apt-get), or say in one line what to install. Quiet when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# A TEST_* variable means the developer runs that server; the tests then do not start one.
if [ -z "${TEST_REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  missing+=(redis-server)
fi
if [ -z "${TEST_PG_HOST:-}" ] && [ -z "${PG_BIN:-}" ] &&
  ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  missing+=('PostgreSQL (initdb, pg_ctl)')
fi
command -v htpasswd >/dev/null 2>&1 || missing+=('htpasswd (apache2-utils)')
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)

[ ${#missing[@]} -eq 0 ] && exit 0

list="$(IFS=,; echo "${missing[*]}" | sed 's/,/, /g')"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing what the tests need: $list" >&2
  exec bash scripts/setup-test-services.sh
fi
echo "The tests need $list: run 'bash scripts/setup-test-services.sh' as root (Debian/Ubuntu)," \
  "or install them yourself (see docs/guides/testing.md#test-services)." >&2
exit 1
