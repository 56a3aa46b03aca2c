#!/usr/bin/env bash
# The lock: every Python package that scripts/setup.sh and scripts/test.sh install, at one
# version each, with the hashes of its files, for every Python kimsite supports (3.11 and
# newer, any platform). Run this on purpose, after changing pyproject.toml's dependencies
# or to take newer releases; then run the test command and commit the lock files.
#
#   bash scripts/lock.sh             keep every locked version that pyproject.toml still allows
#   bash scripts/lock.sh --upgrade   take the newest releases (the weekly job does this)
#
# Writes requirements-test.txt (kimsite's dependencies, the test tools, and setuptools to
# install kimsite itself) and requirements-build.txt (the same without the test tools: what
# `scripts/setup.sh` alone and the build and deploy jobs install), at the same versions. The resolver, uv, is itself pinned
# by version and hash in scripts/lock-uv.txt and installed into .tools/lock/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

upgrade=()
case "${1:-}" in
  "") ;;
  --upgrade) upgrade=(--upgrade) ;;
  *) echo "usage: bash scripts/lock.sh [--upgrade]" >&2; exit 2 ;;
esac

python=${PYTHON:-python3}
tools=.tools/lock
if [ ! -x "$tools/bin/uv" ]; then
  rm -rf "$tools"
  "$python" -m venv "$tools"
  "$tools/bin/python" -m pip install -q --disable-pip-version-check --require-hashes \
    -r scripts/lock-uv.txt
fi

compile=("$tools/bin/uv" pip compile --quiet --universal --python-version 3.11
  --generate-hashes --custom-compile-command "bash scripts/lock.sh" "${upgrade[@]}")
# Existing pins are kept unless --upgrade: uv reads them from the output file.
"${compile[@]}" pyproject.toml --extra test scripts/lock-tools.in -o requirements-test.txt
# The build's lock is a subset of the test lock, never a resolution of its own.
"${compile[@]}" pyproject.toml scripts/lock-tools.in --constraint requirements-test.txt \
  -o requirements-build.txt
echo "requirements-test.txt and requirements-build.txt written; now: bash scripts/test.sh"
