#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need (idempotently),
# then runs pytest. README.md and .ci/run both call exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)  # the HTML validator
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# The deploy tests: a real nginx (with Debian's brotli_static module), rsync, and an ssh
# server on 127.0.0.1 that the tests start with throwaway keys.
command -v nginx >/dev/null 2>&1 || need_apt+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
  || need_apt+=(libnginx-mod-http-brotli-static)
command -v rsync >/dev/null 2>&1 || need_apt+=(rsync)
[ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need_apt+=(openssh-client)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "scripts/test.sh: missing ${need_apt[*]} (run as root to install them)" >&2
  fi
fi

# From the npm registry into .tools/ (git-ignored), exactly as tests/tools/package-lock.json
# locks them (versions and integrity hashes): the W3C Nu HTML Checker (vnu), axe-core (the
# accessibility rules the browser tests run in Chromium) and Lighthouse. Install scripts are
# not run (vnu-jar's would fetch a Java runtime; Debian's is used).
mkdir -p .tools
if ! cmp -s tests/tools/package-lock.json .tools/package-lock.json \
  || [ ! -f .tools/node_modules/.kimsite-installed ]; then
  cp tests/tools/package.json tests/tools/package-lock.json .tools/
  npm ci --silent --no-audit --no-fund --ignore-scripts --prefix .tools >/dev/null
  touch .tools/node_modules/.kimsite-installed
fi

# kimsite and the Python test tools, in .venv/ (see scripts/setup.sh).
bash scripts/setup.sh test

# The browser editor's program (Decap CMS, pinned by digest) and its local server
# (decap-server, from kimsite's lock file), fetched once into .tools/ so that no test
# waits on the registry; the tests copy them into each project's cache.
.venv/bin/python -m kimsite admin fetch --cache .tools/decap-cache >/dev/null

.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m mypy
# The province's own content, judged as its writers' check judges it (the tests themselves
# build the copy of the sample in tests/sample/, whatever content/ holds).
.venv/bin/python -m kimsite check --strict
# One worker process per core (pytest-xdist), each taking the next test as it frees up;
# tests sharing a module's built project stay cheap because each worker builds it once.
exec .venv/bin/python -m pytest -n "${KIMSITE_TEST_WORKERS:-auto}" --dist worksteal "$@"
