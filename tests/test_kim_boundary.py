"""Each KIM is built inside its own failure boundary (`kimbuild.build_kim`): whatever goes
wrong while one KIM is read, rendered or written becomes that KIM's problem, named where
it can be (a template's file and line), and changes nothing else: the KIM's last good
site stays as it was, the other KIMs and the index are built, and the build remembers the
failed KIM's host, so its site is still removed when its folder goes.

The template faults are real input (a KIM's own `templat/`); memory running out and an
unexpected error of kimsite itself cannot be caused by input on purpose (each one found
became a check of its own), so those are injected into the rendering of one KIM.
"""

from __future__ import annotations

import errno
import pickle
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import kimsite.render.kim_site
from kimsite.build.pipeline import BuildReport, build
from kimsite.build.run import MachineFailure
from kimsite.model.problems import KimsiteError
from tests.helpers import BASE_CONFIG, article, parse, profile, snapshot, write_project

NOW = datetime(2026, 6, 1, tzinfo=UTC)
INDEX = "kim.ntbprov.go.id"
FILES = {
    "content/a/kim.yaml": profile("KIM Amanah", "52.71.01.1004"),
    "content/a/artikel/2026-01-05-panen.md": article("Panen raya", "2026-01-05"),
    "content/b/kim.yaml": profile("KIM Bersinar", "52.01.14.2006"),
    "content/b/artikel/2026-02-01-posyandu.md": article("Posyandu", "2026-02-01"),
}


def _published(tmp_path: Path) -> tuple[Path, dict[str, dict[str, bytes]]]:
    root = write_project(tmp_path / "p", FILES)
    report = build(root / "config.yaml", now=NOW)
    assert report.ok, [p.format() for p in report.problems]
    out = root / "build"
    return root, {host: snapshot(out / host) for host in ("a.kim.id", "b.kim.id")}


def _edit_b(root: Path, day: str) -> None:
    """B's article edited, so B is built again (with this date)."""
    (root / "content/b/artikel/2026-02-01-posyandu.md").write_text(
        article("Posyandu", day, body="Jadwal baru."), encoding="utf-8"
    )


def _said(report: BuildReport, root: Path) -> list[tuple[str, int | None, str, str]]:
    return [
        (str(Path(p.path).relative_to(root)), p.line, p.code, dict(p.params).get("detail", ""))
        for p in report.problems
    ]


def _index_names(root: Path) -> str:
    return " ".join(parse(root / "build" / INDEX / "index.html").itertext())


def _still_whole(root: Path, before: dict[str, dict[str, bytes]], report: BuildReport) -> None:
    """B failed, A built, B's site as it was, the index still listing B (from its last good
    build), and the build remembering B's host."""
    assert [(k.slug, k.host, k.built) for k in report.kims] == [
        ("a", "a.kim.id", True),
        ("b", "b.kim.id", False),
    ]
    assert report.kims[1].pages == 0  # counted into the command's --json summary
    assert snapshot(root / "build/b.kim.id") == before["b.kim.id"]
    assert "Panen raya" in snapshot(root / "build/a.kim.id")["index.html"].decode()
    assert "KIM Amanah" in _index_names(root) and "KIM Bersinar" in _index_names(root)
    assert not (root / "build/.kimsite-tmp").exists()
    # B's folder goes: the site it last published goes with it, though its last build failed.
    shutil.rmtree(root / "content/b")
    after = build(root / "config.yaml", now=NOW)
    assert after.ok, [p.format() for p in after.problems]
    assert not (root / "build/b.kim.id").exists()
    assert "KIM Bersinar" not in _index_names(root)


@pytest.mark.parametrize(
    ("template", "line", "code", "detail"),
    [
        # The writer's own template: the writer's mistake, not "probably kimsite's fault".
        ("<p>\n{{ 1 // 0 }}\n</p>\n", 2, "theme.render", "integer division or modulo by zero"),
        (
            "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n<p>\n{{ f(1) }}\n</p>\n",
            1,  # the innermost frame of the KIM's own template: the macro
            "theme.too_deep",
            "",
        ),
        # Found by the renderer itself (not the boundary): the same promises hold.
        ("<p>\n{{ 1 | tidak_ada }}\n</p>\n", 2, "theme.syntax", ""),
    ],
    ids=["divides by zero", "recursion", "unknown filter"],
)
def test_a_kims_template_that_fails_is_named_and_harms_nothing_else(
    tmp_path: Path, template: str, line: int, code: str, detail: str
) -> None:
    root, before = _published(tmp_path)
    (root / "content/b/templat").mkdir()
    (root / "content/b/templat/404.html").write_text(template, encoding="utf-8")
    (root / "content/a/artikel/2026-01-05-panen.md").write_text(
        article("Panen raya", "2026-01-05", body="Hasil panen tahun ini melimpah."),
        encoding="utf-8",
    )
    report = build(root / "config.yaml", now=NOW)
    [(where, at, said, text)] = _said(report, root)
    assert (where, at, said) == ("content/b/templat/404.html", line, code)
    assert text.startswith(detail) and "Traceback" not in text
    assert "melimpah" in snapshot(root / "build/a.kim.id")["artikel/panen/index.html"].decode()
    _still_whole(root, before, report)


def test_a_kim_with_a_mistake_publishes_nothing_of_it(tmp_path: Path) -> None:
    """A writer's mistake found while reading (here an article's impossible date) stops
    that KIM before anything is rendered: not a page of the half-good site is published."""
    root, before = _published(tmp_path)
    _edit_b(root, "2026-02-31")  # no such day
    (root / "content/b/artikel/2026-02-02-baru.md").write_text(
        article("Berita baru", "2026-02-02"), encoding="utf-8"
    )
    report = build(root / "config.yaml", now=NOW)
    assert [(where, line) for where, line, _c, _d in _said(report, root)] == [
        ("content/b/artikel/2026-02-01-posyandu.md", 3)
    ]
    assert not (root / "build/b.kim.id/artikel/baru").exists()
    _still_whole(root, before, report)


def _fault_in_b(monkeypatch: pytest.MonkeyPatch, fault: BaseException) -> Callable[..., Any]:
    real = kimsite.render.kim_site.render_kim

    def render(kim: Any, *args: Any, **kwargs: Any) -> Any:
        if kim.slug == "b":
            raise fault
        return real(kim, *args, **kwargs)

    monkeypatch.setattr(kimsite.render.kim_site, "render_kim", render)
    return render


@pytest.mark.parametrize(
    ("fault", "code", "detail"),
    [
        (MemoryError(), "kim.memory", ""),
        (RecursionError(), "kim.too_deep", ""),  # not in a template: the KIM's folder
        (
            PermissionError(errno.EACCES, "Permission denied"),
            "kim.internal_error",
            "PermissionError: [Errno 13] Permission denied",
        ),
        # A long message is cut: a writer needs its start, not a page of it.
        (
            RuntimeError("rusak " * 100),
            "kim.internal_error",
            "RuntimeError: " + ("rusak " * 100)[:286],
        ),
    ],
    ids=["memory", "recursion", "not the machine's error", "long message"],
)
def test_a_fault_while_rendering_one_kim_is_that_kims_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: BaseException, code: str, detail: str
) -> None:
    root, before = _published(tmp_path)
    _edit_b(root, "2026-02-01")
    _fault_in_b(monkeypatch, fault)
    report = build(root / "config.yaml", now=NOW)
    assert _said(report, root) == [("content/b", None, code, detail)]
    assert not report.index_rendered  # nothing the index shows has changed
    monkeypatch.undo()
    _still_whole(root, before, report)


def test_a_search_index_that_cannot_be_made_keeps_the_kims_last_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind failing for one KIM (a machine's problem, not the writer's: injected) is
    that KIM's problem, named as such, and nothing of its new site is published."""
    import kimsite.render.search

    root, before = _published(tmp_path)
    _edit_b(root, "2026-02-01")
    real = kimsite.render.search.bundle

    def failing(records: Any) -> Any:
        if any(r.title == "Posyandu" for r in records):
            raise kimsite.render.search.SearchFailure("pagefind berhenti")
        return real(records)

    monkeypatch.setattr(kimsite.render.search, "bundle", failing)
    report = build(root / "config.yaml", now=NOW)
    assert _said(report, root) == [
        ("content/b/kim.yaml", None, "search.failed", "pagefind berhenti")
    ]
    monkeypatch.undo()
    _still_whole(root, before, report)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (errno.ENOSPC, "No space left on device"),
        (errno.EDQUOT, "Disk quota exceeded"),
        (errno.EROFS, "Read-only file system"),
        (errno.EIO, ""),
    ],
)
def test_the_machine_failing_stops_the_build_and_keeps_every_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, text: str
) -> None:
    """A full or read-only disk is no KIM's fault, and no KIM could be written: the build
    stops with one problem about the output folder (test_hardening fills a real disk)."""
    root, before = _published(tmp_path)
    _edit_b(root, "2026-02-01")
    _fault_in_b(monkeypatch, OSError(code, text, "/keluaran/b.kim.id/x"))
    with pytest.raises(KimsiteError) as stopped:
        build(root / "config.yaml", now=NOW)
    said = [(p.path, p.code, dict(p.params)) for p in stopped.value.problems]
    assert said == [(str(root / "build"), "build.machine", {"code": code, "detail": text})]
    assert {h: snapshot(root / "build" / h) for h in before} == before


def test_a_machine_failure_crosses_from_a_worker_whole() -> None:
    """A worker process hands its MachineFailure to the build by pickling it: the error code
    (which picks the message: disk full, read-only…) and its text must arrive."""
    sent = MachineFailure(errno.ENOSPC, "No space left on device")
    got = pickle.loads(pickle.dumps(sent))
    assert (got.code, got.text) == (sent.code, sent.text)


def test_a_theme_removed_by_the_province_is_the_kims_problem(tmp_path: Path) -> None:
    """The province deletes a theme a KIM still names: that KIM is told (its kim.yaml's
    `tema` line), its last site stays, and the others are built as if nothing happened."""
    files = dict(FILES)
    files["content/b/kim.yaml"] = profile("KIM Bersinar", "52.01.14.2006", tema="pesisir")
    root = write_project(tmp_path / "p", files)
    assert build(root / "config.yaml", now=NOW).ok
    before = snapshot(root / "build/b.kim.id")
    shutil.rmtree(root / "themes/pesisir")
    report = build(root / "config.yaml", now=NOW)
    assert [(where, code) for where, _l, code, _d in _said(report, root)] == [
        ("content/b/kim.yaml", "theme.unknown")
    ]
    assert snapshot(root / "build/b.kim.id") == before


@pytest.mark.parametrize("then", ["folder removed", "domain moved"])
def test_a_host_another_kim_now_owns_is_never_cleared_for_the_old_one(
    tmp_path: Path, then: str
) -> None:
    """The province gave B the custom domain c.kim.id; then a KIM folder `c` arrives, whose
    name gives that host. C takes it, B fails (`kim.duplicate_host`). Whatever happens to B
    next (its folder removed, or its domain moved), C's site stays whole. Before, B's
    state still held c.kim.id, and removing B deleted every file of C's site."""
    config = "domain_kustom:\n  b: c.kim.id\n"
    root = write_project(tmp_path / "p", FILES, config=BASE_CONFIG + config)
    assert build(root / "config.yaml", now=NOW).ok
    (root / "content/c").mkdir()
    (root / "content/c/kim.yaml").write_text(profile("KIM Cemerlang", "52.71.01.1006"))
    report = build(root / "config.yaml", now=NOW)
    assert [(w, line, code) for w, line, code, _ in _said(report, root)] == [
        ("content/b/kim.yaml", None, "kim.duplicate_host")
    ]
    site = snapshot(root / "build/c.kim.id")
    assert "KIM Cemerlang" in site["index.html"].decode() and "posyandu" not in str(site)
    if then == "folder removed":
        shutil.rmtree(root / "content/b")
    else:
        (root / "config.yaml").write_text(BASE_CONFIG + "domain_kustom:\n  b: b2.kim.id\n")
    report = build(root / "config.yaml", now=NOW)
    assert report.ok, [p.format() for p in report.problems]
    assert snapshot(root / "build/c.kim.id") == site
    if then == "domain moved":
        assert "Posyandu" in snapshot(root / "build/b2.kim.id")["index.html"].decode()
