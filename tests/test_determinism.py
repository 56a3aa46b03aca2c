"""The same input builds byte-identical files, wherever and however often it is built."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import snapshot, stamps
from tests.test_golden import build_golden


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_golden(tmp_path / "a")
    second = build_golden(tmp_path / "b")
    assert snapshot(first) == snapshot(second)


def test_rebuild_rewrites_nothing(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from kimsite.build import build

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
