"""The same input builds byte-identical files, wherever and however often it is built."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import build_golden, snapshot, stamps


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_golden(tmp_path / "a")
    second = build_golden(tmp_path / "b")
    assert snapshot(first) == snapshot(second)


def test_rebuild_rewrites_nothing(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from kimsite.build.pipeline import build

    out = build_golden(tmp_path)
    before = stamps(out)
    report = build(
        tmp_path / "project" / "config.yaml",
        out_dir=out,
        now=datetime(2026, 1, 1, tzinfo=UTC),
        cache_dir=tmp_path / "cache",
    )
    assert report.stats.written == 0
    assert report.stats.removed == 0
    assert stamps(out) == before


def test_separate_processes_hash_seeds_jobs_and_zones_agree(tmp_path: Path) -> None:
    """Byte-identical across what differs between machines and runs: the hash seed (set
    and dict order), one worker or two, the machine's time zone and locale. Each build is
    its own `kimsite build` process, as CI runs it."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.helpers import GOLDEN, GOLDEN_NOW, REPO, golden_view

    project = tmp_path / "project"
    shutil.copytree(GOLDEN / "project", project)
    shutil.copytree(REPO / "themes", project / "themes")
    runs = [
        {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "jobs": "1"},
        {"PYTHONHASHSEED": "2", "TZ": "Asia/Jayapura", "LC_ALL": "C", "jobs": "2"},
        {"PYTHONHASHSEED": "3", "TZ": "America/Los_Angeles", "LANG": "en_US.UTF-8", "jobs": "2"},
    ]
    outputs = []
    for n, run in enumerate(runs):
        env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG", "TZ")}
        env.update({k: v for k, v in run.items() if k != "jobs"})
        env["SOURCE_DATE_EPOCH"] = str(int(GOLDEN_NOW.timestamp()))
        env["PYTHONPATH"] = str(REPO)
        out = tmp_path / f"out-{n}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kimsite",
                "build",
                "--config",
                str(project / "config.yaml"),
                "--out",
                str(out),
                "--cache",
                str(tmp_path / f"cache-{n}"),
                "--jobs",
                run["jobs"],
                "--quiet",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(snapshot(out))
    assert outputs[0] == outputs[1] == outputs[2]
    assert golden_view(out) == snapshot(GOLDEN / "expected")
