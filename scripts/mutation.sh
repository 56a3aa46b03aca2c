#!/usr/bin/env bash
# Mutation testing (mutmut) of kimsite's modules: slow, so not part of scripts/test.sh.
#   bash scripts/mutation.sh source.redirects   # one module
#   bash scripts/mutation.sh --all              # every module scripts/mutation.py knows
# Prints a table per module and writes mutation-report.md; exit 1 when a mutant survives
# that tests/mutation-survivors.txt does not explain.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test >/dev/null
exec .venv/bin/python scripts/mutation.py "$@"
