"""A KIM's worker process cannot take the build down (`kimsite.build.workers`): a KIM needing more
memory than its worker's ceiling, one stuck inside C code past its deadline, and one whose
worker is killed outright each fail alone, named; the other KIMs are byte for byte what
they would be, the index is built, and the next build builds the KIM again.

None of these can be caused by input on purpose (each one found became a check of its
own), so they are injected into the rendering of one KIM, as in test_kim_boundary.py; the
build runs with two worker processes, as on any machine with two cores or more."""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import kimsite.build.workers
import kimsite.render.kim_site
from kimsite.build.pipeline import build
from kimsite.build.workers import Limits, run_isolated
from tests.helpers import BASE_CONFIG, article, profile, run_kimsite, snapshot, write_project

NOW = datetime(2026, 6, 1, tzinfo=UTC)
INDEX = "kim.ntbprov.go.id"
KIMS = ("a", "b", "c")
FILES: dict[str, str | bytes] = {}
for _n, _slug in enumerate(KIMS):
    FILES[f"content/{_slug}/kim.yaml"] = profile(f"KIM {_slug.upper()}", "52.71.01.1004")
    FILES[f"content/{_slug}/artikel/2026-01-0{_n + 1}-kabar.md"] = article(
        f"Kabar {_slug}", f"2026-01-0{_n + 1}"
    )
LIMITS = "batas_detik_kim: 2\nbatas_memori_mb: 512\n"


@pytest.fixture
def short_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stuck worker is killed half a second past its deadline here, not five: the suite
    waits less, and what is tested (killed, not waited for) is the same."""
    monkeypatch.setattr(kimsite.build.workers, "GRACE_SECONDS", 0.5)


def _fault_in_b(monkeypatch: pytest.MonkeyPatch, fault: Callable[[], object]) -> None:
    real = kimsite.render.kim_site.render_kim

    def render(kim: Any, *args: Any, **kwargs: Any) -> Any:
        if kim.slug == "b":
            fault()
        return real(kim, *args, **kwargs)

    monkeypatch.setattr(kimsite.render.kim_site, "render_kim", render)


def _hog() -> object:
    """More memory than the ceiling, in C (one allocation) and then in Python."""
    blocks = [bytearray(256 * 2**20) for _ in range(8)]
    return blocks


def _stuck_in_c() -> object:
    """A loop inside C code, which never lets the worker's own alarm in."""
    return hashlib.pbkdf2_hmac("sha256", b"kunci", b"garam", 2**31 - 1)


def _killed() -> object:
    os.kill(os.getpid(), signal.SIGKILL)
    return None


def _sites(root: Path) -> dict[str, dict[str, bytes]]:
    return {host: snapshot(root / "build" / host) for host in ("a.kim.id", "c.kim.id")}


@pytest.mark.parametrize(
    ("fault", "code", "how"),
    [
        (_hog, "kim.memory", None),
        (_stuck_in_c, "kim.timeout", None),
        (_killed, "kim.worker_died", "SIGKILL"),
    ],
    ids=["memory", "stuck in C code", "killed"],
)
def test_a_worker_lost_is_its_kims_failure_alone(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fault: Callable[[], object],
    code: str,
    how: str | None,
    short_grace: None,
) -> None:
    clean = write_project(tmp_path / "bersih", FILES, config=BASE_CONFIG + LIMITS)
    assert build(clean / "config.yaml", now=NOW, jobs=2).ok
    root = write_project(tmp_path / "p", FILES, config=BASE_CONFIG + LIMITS)
    _fault_in_b(monkeypatch, fault)
    report = build(root / "config.yaml", now=NOW, jobs=2)  # returns: C code is killed
    assert [(Path(p.path).name, p.code) for p in report.problems] == [("b", code)]
    if how is not None:
        assert dict(report.problems[0].params)["how"] == how
        assert "batas_memori_mb" in report.problems[0].message("en")
    assert _sites(root) == _sites(clean)
    assert report.index_built and not (root / "build/b.kim.id").exists()
    index = (root / "build" / INDEX / "index.html").read_text(encoding="utf-8")
    assert "Kabar a" in index and "Kabar c" in index
    # The fault gone, the next build builds the KIM: nothing was left broken.
    monkeypatch.undo()
    again = build(root / "config.yaml", now=NOW, jobs=2)
    assert again.ok, [p.format() for p in again.problems]
    assert snapshot(root / "build/b.kim.id") == snapshot(clean / "build/b.kim.id")


def _square_or_die(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    if n == 5:
        hashlib.pbkdf2_hmac("sha256", b"k", b"s", 2**31 - 1)
    return n * n


def test_results_come_in_the_tasks_order_whatever_dies(short_grace: None) -> None:
    """Ten tasks on two workers: the lost ones give their failure in their place, a new
    worker takes the others, and no worker is left behind."""
    before = _children()
    results = list(
        run_isolated(
            list(range(10)), _square_or_die, lambda n, why: (n, why), 2, Limits(seconds=0.5)
        )
    )
    assert results == [0, 1, 4, (3, "died:SIGKILL"), 16, (5, "timeout"), 36, 49, 64, 81]
    assert _children() == before


def test_the_workers_own_alarm_goes_first() -> None:
    """Past its deadline a worker gets a few seconds more before it is killed: its own
    alarm (a message naming the template's line) goes first where Python code runs."""
    assert kimsite.build.workers.GRACE_SECONDS >= 1


def _children() -> set[int]:
    import multiprocessing

    return {p.pid for p in multiprocessing.active_children() if p.pid is not None}


def test_a_worker_within_its_ceiling_cannot_exceed_it() -> None:
    """The ceiling holds for memory asked for by C code too: the allocation fails in the
    worker (MemoryError), never in the machine. It counts from what the worker had when
    it started, so a big parent (a test runner, a preview server) takes nothing from it."""
    ballast = bytearray(768 * 2**20)  # the parent's own memory, bigger than the ceiling

    def allocate(size: int) -> str:
        try:
            bytearray(size)
        except MemoryError:
            return "refused"
        return "given"

    answers = list(
        run_isolated(
            [2**20, 256 * 2**20, 2**31],
            allocate,
            lambda n, why: why,
            2,
            Limits(memory_bytes=512 * 2**20),
        )
    )
    assert answers == ["given", "given", "refused"]
    del ballast


def test_the_command_line_bounds_a_kim_built_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short_grace: None
) -> None:
    """`kimsite build` after one KIM's edit builds that KIM alone (and `--jobs 1` builds
    one at a time): still in a worker, so a KIM stuck inside C code is killed, said, and
    the index is built; the other KIMs' sites are left as they were."""
    root = write_project(tmp_path / "p", FILES, config=BASE_CONFIG + LIMITS)
    done = run_kimsite(root, "build", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    before = _sites(root)
    (root / "content/b/artikel/2026-01-02-kabar.md").write_text(
        article("Kabar b", "2026-01-02", body="Disunting."), encoding="utf-8"
    )
    _fault_in_b(monkeypatch, _stuck_in_c)
    done = run_kimsite(root, "build", "--jobs", "1", env={"KIMSITE_LANG": "en"})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "content/b: This KIM took more than 2 seconds" in done.stderr, done.stderr
    assert _sites(root) == before


def test_each_worker_calls_finish_before_it_ends(tmp_path: Path) -> None:
    """What a worker started for its tasks (the build's search service) is stopped by the
    worker itself: `finish` runs in every worker, after its last task."""

    def work(n: int) -> int:
        (tmp_path / f"task-{n}").write_text(str(os.getpid()))
        return os.getpid()

    def finish() -> None:
        (tmp_path / f"finish-{os.getpid()}").write_text("selesai")

    pids = set(run_isolated(list(range(6)), work, lambda n, why: -1, 2, Limits(0, 0), finish))
    assert len(pids) == 2 and -1 not in pids
    assert {p.name for p in tmp_path.glob("finish-*")} == {f"finish-{pid}" for pid in pids}
