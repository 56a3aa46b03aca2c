"""The README's shell examples run as written, in order, on a fresh copy of the repository
with a fresh virtual environment (`scripts/setup.sh` makes it, as a new user's first command
does). Two lines are not run as written: the test-suite command (this test is part of that
suite) and `kimsite serve`, which runs until stopped: it is given ten seconds and must
have said where it serves by then.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.helpers import REPO, SAMPLE

SKIPPED = ("bash scripts/test.sh",)
# Paths of the repository a new user's copy has not got (the build folder, not the package
# `kimsite/build/`), and names left out wherever they are.
LEFT_OUT = {
    ".venv",
    ".tools",
    "build",
    ".kimsite-cache",
    ".git",
    "benchmarks/work",
    "tests/sample",
    "tests/golden",
}
LEFT_OUT_ANYWHERE = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis"}


def left_out(folder: str, names: list[str]) -> list[str]:
    rel = Path(folder).resolve().relative_to(REPO)
    return [n for n in names if n in LEFT_OUT_ANYWHERE or (rel / n).as_posix() in LEFT_OUT]


def shell_blocks(readme: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", readme, flags=re.S | re.M)


def script_of(blocks: list[str]) -> str:
    lines = ["set -euo pipefail"]
    for block in blocks:
        for line in block.splitlines():
            command = line.split("  #", 1)[0].strip()
            if not command or command.startswith(SKIPPED):
                continue
            if command.startswith("kimsite serve"):
                # Runs until stopped: stopped once it says its address (within 120 s: it
                # builds first, and a busy machine is slow), and it must have said it.
                lines.append(f"{{ {command} > serve.log 2>&1 & }}; serving=$!")
                lines.append(
                    "for _ in $(seq 240); do grep -q 'http://127.0.0.1:' serve.log "
                    "&& break; sleep 0.5; done"
                )
                lines.append("kill $serving; wait $serving || true")
                lines.append("grep -q 'http://127.0.0.1:' serve.log")
            else:
                lines.append(command)
    return "\n".join(lines) + "\n"


def test_readme_examples_run_as_written(tmp_path: Path) -> None:
    blocks = shell_blocks((REPO / "README.md").read_text(encoding="utf-8"))
    assert blocks and "scripts/setup.sh" in blocks[0]  # the first thing a new user runs
    copy = tmp_path / "kimsite"
    shutil.copytree(REPO, copy, ignore=left_out)
    # The README describes the sample province; the repository's content/ may be another's.
    shutil.rmtree(copy / "content")
    shutil.copytree(SAMPLE / "content", copy / "content")
    shutil.copy(SAMPLE / "config.yaml", copy / "config.yaml")
    script = script_of(blocks)
    # A new user's shell: none of this session's virtual environment.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p
    )
    done = subprocess.run(
        ["bash", "-c", script], cwd=copy, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, (
        f"{script}\n--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
    )
    # What the examples promise is there.
    assert (copy / ".venv/bin/kimsite").is_file()
    assert (copy / "build/kim.ntbprov.go.id/index.html").is_file()
    assert (copy / "build/sesela.kim.id/pagefind/pagefind.js").is_file()
    assert list((copy / "content/kekait/artikel").glob("*-panen-raya-padi-di-kekait.md"))
