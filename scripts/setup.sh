#!/usr/bin/env bash
# Set-up on a fresh machine: a virtual environment in .venv/ with kimsite installed in it
# (editable, so a `git pull` needs no reinstall). Debian's and Ubuntu's own Python refuse
# `pip install` outside a virtual environment (PEP 668); this works there and everywhere.
#
#   bash scripts/setup.sh          kimsite and what it needs to build
#   bash scripts/setup.sh test     … and what the test suite needs (scripts/test.sh does this)
#
# Every package comes from a lock with hashes (requirements-build.txt, or requirements-test.txt
# with `test`; scripts/lock.sh writes both), so every machine gets the same versions until
# someone updates the lock on purpose. Idempotent: a second run with the same lock installs
# nothing; a lock that changed gives a new environment, so no package of the old one stays.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=${1:-}
python=${PYTHON:-python3}

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "scripts/setup.sh: kimsite needs Python 3.11 or newer ($python is $("$python" -V 2>&1))" >&2
  exit 1
fi

lock=requirements-build.txt
[ "$extras" = test ] && lock=requirements-test.txt
if [ -n "$extras" ] && [ "$extras" != test ]; then
  echo "scripts/setup.sh: unknown extra '$extras' (none, or test)" >&2
  exit 2
fi
digest=$(cat pyproject.toml requirements-build.txt requirements-test.txt | sha256sum | cut -c1-16)
if [ -d .venv ] && ! compgen -G ".venv/.kimsite-lock-$digest-*" >/dev/null; then
  rm -rf .venv  # made from another lock (or by hand): what it holds is not what the lock says
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    # Debian and Ubuntu ship venv separately (python3-venv).
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "python$version-venv" >/dev/null 2>&1 \
        || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      "$python" -m venv .venv
    else
      echo "scripts/setup.sh: '$python -m venv' is not available." >&2
      echo "  On Debian/Ubuntu: sudo apt-get install python3-venv, then run this again." >&2
      exit 1
    fi
  fi
fi

stamp=".venv/.kimsite-lock-$digest-${extras:-build}"
[ "$extras" != test ] && [ -f ".venv/.kimsite-lock-$digest-test" ] && exit 0  # a superset
if [ ! -f "$stamp" ]; then
  pip=(.venv/bin/python -m pip install -q --disable-pip-version-check)
  # pip's notes about this machine's pip.conf are noise; its errors are shown in full.
  if ! log=$("${pip[@]}" --require-hashes -r "$lock" 2>&1) \
    || ! log+=$("${pip[@]}" --no-deps --no-build-isolation -e . 2>&1); then
    echo "$log" >&2
    exit 1
  fi
  echo "$log" | grep -v -E "^WARNING: (Location|Running pip)" || true
  touch "$stamp"
fi
