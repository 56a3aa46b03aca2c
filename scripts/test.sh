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

# From the npm registry into .tools/ (git-ignored): the W3C Nu HTML Checker (vnu) and
# axe-core (the accessibility rules the browser tests run in Chromium), Lighthouse.
npm_tools=("vnu-jar@26.9.27" "axe-core@4.14.1" "lighthouse@12.8.2")
for tool in "${npm_tools[@]}"; do
  name=${tool%@*}; version=${tool##*@}
  if ! grep -q "\"version\": \"$version\"" ".tools/node_modules/$name/package.json" 2>/dev/null; then
    npm install --silent --no-audit --no-fund --prefix .tools "${npm_tools[@]}" >/dev/null
    break
  fi
done

# kimsite and the Python test tools, in .venv/ (see scripts/setup.sh).
bash scripts/setup.sh test

# The browser editor's program (Decap CMS, pinned by digest) and its local server
# (decap-server, from kimsite's lock file), fetched once into .tools/ so that no test
# waits on the registry; the tests copy them into each project's cache.
.venv/bin/python -m kimsite admin fetch --cache .tools/decap-cache >/dev/null

.venv/bin/python -m ruff check .
.venv/bin/python -m mypy
# The province's own content, judged as its writers' check judges it (the tests themselves
# build the copy of the sample in tests/sample/, whatever content/ holds).
.venv/bin/python -m kimsite check --strict
exec .venv/bin/python -m pytest "$@"
