"""The build's orchestration (`kimsite.build.pipeline`): shards, the report, the clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kimsite.build.pipeline import BuildReport, KimResult, Shard, current_time, shard_of
from kimsite.model.problems import Problem, Severity
from kimsite.source.config import load_config
from tests.helpers import write_project


def test_a_shard_is_read_from_the_command_line_and_owns_the_same_kims_everywhere() -> None:
    assert Shard.parse("2/8") == Shard(2, 8)
    assert (Shard.parse("1/1"), Shard.parse("8/8")) == (Shard(1, 1), Shard(8, 8))
    for bad in ("0/8", "9/8", "2", "a/b", "2/0", "-1/3", "", "1/"):
        with pytest.raises(ValueError):
            Shard.parse(bad)
    # The same on every machine, run and Python version (not hash(), which is salted): the
    # CI's runners must agree on who builds which KIM.
    assert [shard_of(s, 8) for s in ("desa", "sumberrejo", "kim-007", "pejeruk")] == [6, 1, 6, 5]
    slugs = [f"kim{n:03d}" for n in range(200)]
    assert {shard_of(s, 3) for s in slugs} == {1, 2, 3}
    assert [Shard(2, 3).owns(s) for s in slugs] == [shard_of(s, 3) == 2 for s in slugs]
    assert all(Shard(1, 1).owns(s) for s in slugs)


def test_a_report_is_ok_without_errors_and_counts_what_it_did(tmp_path: Path) -> None:
    root = write_project(tmp_path, {})
    report = BuildReport(load_config(root / "config.yaml"), tmp_path / "build")
    report.problems.append(Problem("a.md", 1, "markup.image_no_alt", (), Severity.WARNING))
    assert report.ok
    report.problems.append(Problem("b.md", 2, "profile.required", (), Severity.ERROR))
    assert not report.ok
    report.kims = [
        KimResult("a", "a.kim.id", True, indexed=True),
        KimResult("b", None, False),
        KimResult("c", "c.kim.id", True),
        KimResult("d", "d.kim.id", False),
    ]
    assert report.indexed == 1 and [k.slug for k in report.failed] == ["b", "d"]
    report.index_indexed = True
    assert report.indexed == 2


def test_the_clock_is_source_date_epoch_when_it_is_a_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert current_time() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    for ignored in ("", "17e8", "-5", "sekarang"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", ignored)
        assert abs((current_time() - datetime.now(UTC)).total_seconds()) < 60
