"""Incremental builds equal clean builds, whatever happened in between: random edits, a build
killed half-way, a corrupt cache; and shards plus the index equal one whole build."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kimsite.build.pipeline import Shard, build, build_index, shard_of
from kimsite.cli.main import main
from kimsite.output.lock import LOCK_NAME
from tests.helpers import GOLDEN, REPO, article, profile, snapshot, stamps, write_project

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _now(work: Path) -> datetime:
    """The build's clock: NOW, or where `op_clock` moved it (a file beside the project)."""
    clock = work / "clock"
    return datetime.fromisoformat(clock.read_text()) if clock.is_file() else NOW


def _clean_build(project: Path, work: Path) -> dict[str, bytes]:
    out, cache = work / "clean-out", work / "clean-cache"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    report = build(project / "config.yaml", out_dir=out, cache_dir=cache, now=_now(work))
    assert report.ok, [p.format() for p in report.problems]
    return snapshot(out)


def _incremental(project: Path, work: Path, jobs: int = 1) -> dict[str, bytes]:
    report = build(
        project / "config.yaml",
        out_dir=work / "out",
        cache_dir=work / "cache",
        now=_now(work),
        jobs=jobs,
    )
    assert report.ok, [p.format() for p in report.problems]
    return snapshot(work / "out")


def _golden_project(work: Path) -> Path:
    project = work / "project"
    shutil.copytree(GOLDEN / "project", project)
    shutil.copytree(REPO / "themes", project / "themes")
    return project


# -- operations on a project, each leaving it valid ------------------------------------------
def _articles(project: Path) -> list[Path]:
    return sorted(project.glob("content/*/artikel/*.md"))


def op_edit_body(project: Path, n: int) -> None:
    path = _articles(project)[n % len(_articles(project))]
    path.write_text(
        path.read_text(encoding="utf-8") + f"\nParagraf tambahan {n}.\n", encoding="utf-8"
    )


def op_edit_title(project: Path, n: int) -> None:
    path = _articles(project)[n % len(_articles(project))]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"judul: Judul baru {n}\n" if line.startswith("judul:") else line for line in lines]
    path.write_text("".join(lines), encoding="utf-8")


def op_add(project: Path, n: int) -> None:
    kims = sorted(p for p in (project / "content").iterdir() if p.is_dir())
    kim = kims[n % len(kims)]
    (kim / "artikel" / f"baru-{n}.md").write_text(
        article(
            f"Artikel baru {n}",
            tanggal=f"2025-0{1 + n % 9}-1{n % 10}",
            tag=f"[baru, t{n % 3}]",
            body=f"Kabar baru nomor {n}.",
        ),
        encoding="utf-8",
    )


# Articles other operations lean on (op_link_target links musdes to panen): never removed.
KEPT = ("lomba", "bersih", "musdes", "panen")


def op_delete(project: Path, n: int) -> None:
    candidates = [p for p in _articles(project) if not any(k in p.name for k in KEPT)]
    if len(candidates) > 2:
        candidates[n % len(candidates)].unlink()


def op_rename(project: Path, n: int) -> None:
    candidates = [p for p in _articles(project) if not any(k in p.name for k in KEPT)]
    path = candidates[n % len(candidates)]
    path.rename(path.with_name(f"ganti-{n}-{path.name}"))


def op_profile(project: Path, n: int) -> None:
    path = project / "content/kediri/kim.yaml"
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text = [
        f"deskripsi: Deskripsi versi {n}.\n" if line.startswith("deskripsi:") else line
        for line in text
    ]
    path.write_text("".join(text), encoding="utf-8")


def op_media(project: Path, n: int) -> None:
    extra = project / "content/kediri/media" / f"lampiran-{n % 3}.pdf"
    if extra.exists():
        extra.unlink()
    else:
        extra.write_text(f"%PDF-1.4 lampiran {n}", encoding="utf-8")


def op_template(project: Path, n: int) -> None:
    name = ["partials/card.html", "article.html", "base.html", "partials/pager.html"][n % 4]
    path = project / "themes/default/templates" / name
    text = path.read_text(encoding="utf-8")
    marker = f"{{# ubah {n} #}}<!-- {n} -->\n"
    if "{% endmacro %}" in text:  # a macro file: only what is inside the macro is output
        text = text.replace("{% endmacro %}", marker + "{% endmacro %}")
    else:
        text += marker
    path.write_text(text, encoding="utf-8")


def op_kim_template(project: Path, n: int) -> None:
    path = project / "content/pejeruk/templat/partials/pager.html"
    path.write_text(path.read_text(encoding="utf-8") + f"<!-- kim {n} -->\n", encoding="utf-8")


def op_media_rename(project: Path, n: int) -> None:
    media = project / "content/kediri/media"
    extra = sorted(media.glob("lampiran-*.pdf"))
    if extra:
        extra[0].rename(media / f"lampiran-{(n % 3) + 3}.pdf")
    else:
        (media / f"lampiran-{n % 3}.pdf").write_text(f"%PDF-1.4 lampiran {n}", encoding="utf-8")


def op_theme_shadow(project: Path, n: int) -> None:
    """A child theme gains (or loses) its own article.html, shadowing its parent's."""
    own = project / "themes/pesisir/templates/article.html"
    if own.exists():
        own.unlink()
    else:
        parent = (project / "themes/default/templates/article.html").read_text(encoding="utf-8")
        own.write_text(
            parent.replace("</article>", f"<!-- pesisir {n} --></article>", 1), encoding="utf-8"
        )


def op_kim(project: Path, n: int) -> None:
    """A KIM joins the province, or the one that joined leaves."""
    folder = project / "content/baru"
    if folder.exists():
        shutil.rmtree(folder)
        return
    (folder / "artikel").mkdir(parents=True)
    (folder / "kim.yaml").write_text(profile(f"KIM Baru {n}", "52.71.02.1001"), encoding="utf-8")
    (folder / "artikel/kabar.md").write_text(article(f"Kabar KIM baru {n}"), encoding="utf-8")


def op_page(project: Path, n: int) -> None:
    """A page is edited, or a second page comes (and goes)."""
    extra = project / "content/pejeruk/halaman/layanan.md"
    if n % 2 and extra.exists():
        extra.unlink()
    elif n % 2:
        extra.write_text(
            f"---\njudul: Layanan {n}\nurutan: {n}\n---\nJam buka.\n", encoding="utf-8"
        )
    else:
        page = project / "content/pejeruk/halaman/sejarah.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\nCatatan {n}.\n", encoding="utf-8")


def op_config(project: Path, n: int) -> None:
    """The province changes a setting that every page shows or depends on."""
    path = project / "config.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [
        f"artikel_per_halaman: {2 + n % 2}\n"
        if line.startswith("artikel_per_halaman:")
        else f"judul: KIM NTB {n}\n"
        if line.startswith("judul:")
        else line
        for line in lines
    ]
    path.write_text("".join(lines), encoding="utf-8")


def op_schedule(project: Path, n: int) -> None:
    """An article is scheduled a few weeks after the build's clock."""
    due = _now(project.parent) + timedelta(days=10 + n % 40)
    (project / "content/kediri/artikel/terjadwal.md").write_text(
        article(f"Terjadwal {n}", tanggal=due.strftime("%Y-%m-%d %H:%M")), encoding="utf-8"
    )


def op_clock(project: Path, n: int) -> None:
    """Time passes: scheduled articles fall due (at the hourly build, with nothing edited)."""
    clock = project.parent / "clock"
    clock.write_text((_now(project.parent) + timedelta(days=15 + n)).isoformat())


def op_link_target(project: Path, n: int) -> None:
    """An article links to another, whose target then turns draft (or back)."""
    source = project / "content/kediri/artikel/musdes.md"
    text = source.read_text(encoding="utf-8")
    if "(panen.md)" not in text:
        source.write_text(text + "\nLihat juga [kabar panen](panen.md).\n", encoding="utf-8")
    target = project / "content/kediri/artikel/panen.md"
    head, sep, body = target.read_text(encoding="utf-8").partition("\n---\n")
    lines = [line for line in head.splitlines() if not line.startswith("draf:")]
    if n % 2:
        lines.append("draf: true")
    target.write_text("\n".join(lines) + sep + body, encoding="utf-8")


def op_static(project: Path, n: int) -> None:
    """The theme's stylesheet changes (its digest-named copy and every page's link)."""
    path = project / "themes/default/static/kimsite.css"
    path.write_text(path.read_text(encoding="utf-8") + f"\n/* ubah {n} */\n", encoding="utf-8")


STRAY = "tambahan-tangan"


def op_output(project: Path, n: int) -> None:
    """Someone changes the output folder by hand: deletes a file, edits one, or adds one.
    The next build writes back what it owns and leaves what it does not own alone."""
    out = project.parent / "out"
    files = sorted(p for p in out.rglob("*") if p.is_file() and STRAY not in p.name)
    if not files:
        return
    victim = files[(n * 7919) % len(files)]
    if n % 3 == 0:
        victim.unlink()
    elif n % 3 == 1:
        victim.write_bytes(victim.read_bytes() + b"\n<!-- diubah tangan -->")
    else:
        (victim.parent / f"{STRAY}-{n}.txt").write_text("milik orang lain", encoding="utf-8")


OPS = [
    op_edit_body,
    op_edit_title,
    op_add,
    op_delete,
    op_rename,
    op_profile,
    op_media,
    op_template,
    op_kim_template,
    op_media_rename,
    op_theme_shadow,
    op_kim,
    op_page,
    op_config,
    op_schedule,
    op_clock,
    op_link_target,
    op_static,
    op_output,
]


# 30 examples in all, half in one process and half with worker processes: two tests, so
# that the suite's workers (pytest-xdist) can run them side by side.
@pytest.mark.parametrize("jobs", [1, 2])
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 50)), min_size=1, max_size=4))
def test_incremental_equals_clean(
    tmp_path_factory: object, steps: list[tuple[object, int]], jobs: int
) -> None:
    work = tmp_path_factory.mktemp("inc")  # type: ignore[attr-defined]
    project = _golden_project(work)
    _incremental(project, work, jobs)
    strays: dict[str, bytes] = {}
    for op, n in steps:
        op(project, n)  # type: ignore[operator]
        strays = {k: v for k, v in snapshot(work / "out").items() if STRAY in k}
        built = {k: v for k, v in _incremental(project, work, jobs).items() if STRAY not in k}
        assert built == _clean_build(project, work), op
    # What the build did not write, it never touches.
    assert {k: v for k, v in snapshot(work / "out").items() if STRAY in k} == strays
    if jobs == 2:
        return  # the shards are checked in the other half (they build with one job)
    # Every shard builds exactly its own KIMs, and the shards plus the index are the build.
    clean = _clean_build(project, work)
    sharded, merged = work / "sharded", work / "merged-cache"
    for path in (sharded, merged):
        shutil.rmtree(path, ignore_errors=True)
    for index in (1, 2):
        cache = work / f"shard-cache-{index}"
        shutil.rmtree(cache, ignore_errors=True)
        before = set(snapshot(sharded)) if sharded.exists() else set()
        report = build(
            project / "config.yaml",
            out_dir=sharded,
            cache_dir=cache,
            now=_now(work),
            shard=Shard(index, 2),
        )
        assert report.ok and not report.index_built
        own = {f.name for f in (project / "content").iterdir() if shard_of(f.name, 2) == index}
        assert {r.slug for r in report.kims} == own
        hosts = {r.host for r in report.kims}
        added = {k for k in set(snapshot(sharded)) - before if k != LOCK_NAME}
        assert {k.split("/", 1)[0] for k in added} == hosts and bool(added) == bool(own)
        shutil.copytree(cache / "summaries", merged / "summaries", dirs_exist_ok=True)
    assert build_index(project / "config.yaml", out_dir=sharded, cache_dir=merged).ok
    assert snapshot(sharded) == clean


def test_unchanged_build_touches_nothing(tmp_path: Path) -> None:
    project = _golden_project(tmp_path)
    _incremental(project, tmp_path)
    before = stamps(tmp_path / "out")
    state = tmp_path / "cache/state.json"
    state_stamp = state.stat().st_mtime_ns
    report = build(
        project / "config.yaml", out_dir=tmp_path / "out", cache_dir=tmp_path / "cache", now=NOW
    )
    assert [k.slug for k in report.kims if k.rendered] == []
    assert report.index_rendered is False
    assert report.stats.written == 0
    assert stamps(tmp_path / "out") == before
    assert state.stat().st_mtime_ns == state_stamp  # the cache's state is left alone too
    assert 0 <= report.seconds < 600


def test_worker_processes_build_what_one_process_builds(tmp_path: Path) -> None:
    """`--jobs 2` builds each KIM in a worker process and hands back only its outcome: the
    sites are the same bytes as one process builds, and a KIM that fails in a worker comes
    back with its problem named at its file and line while the other is published.
    (test_determinism compares the command's --jobs 1 and 2; this one runs where mutation
    testing sees it.)"""
    project = _golden_project(tmp_path)
    assert _incremental(project, tmp_path, jobs=2) == _clean_build(project, tmp_path)
    broken = _articles(project)[0]  # one of kediri's
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[2].startswith("tanggal:")
    lines[2] = "tanggal: 2025-02-30\n"  # no such day
    broken.write_text("".join(lines), encoding="utf-8")
    op_edit_body(project, 2)  # and one of pejeruk's
    report = build(
        project / "config.yaml",
        out_dir=tmp_path / "out",
        cache_dir=tmp_path / "cache",
        now=NOW,
        jobs=2,
    )
    assert [(Path(p.path).name, p.line, p.code) for p in report.problems] == [
        (broken.name, 3, "field.bad_moment")
    ], report.problems
    assert [(k.slug, k.built, k.rendered) for k in report.kims] == [
        ("kediri", False, True),
        ("pejeruk", True, True),
    ]
    assert (
        b"Paragraf tambahan 2"
        in snapshot(tmp_path / "out/kimpejeruk.mataramkota.go.id")[
            "artikel/lomba-perahu/index.html"
        ]
    )


def test_jobs_is_how_many_worker_processes_a_build_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--jobs` caps the workers (each holds one KIM in memory: a CI runner's memory is
    sized by it), even on a machine with more cores; `--jobs 1`, or one KIM to build,
    starts none at all. Counted while the build runs, as each KIM comes back."""
    for name in ("cpu_count", "process_cpu_count"):  # a bigger machine than this one
        if hasattr(os, name):
            monkeypatch.setattr(os, name, lambda: 8)
    project = _golden_project(tmp_path)

    def workers(jobs: int, out: str) -> list[int]:
        alive: list[int] = []
        report = build(
            project / "config.yaml",
            out_dir=tmp_path / out,
            cache_dir=tmp_path / f"{out}-cache",
            now=NOW,
            jobs=jobs,
            progress=lambda *_: alive.append(len(multiprocessing.active_children())),
        )
        assert report.ok, [p.format() for p in report.problems]
        return alive

    assert workers(1, "one") == [0, 0]
    assert workers(2, "two") == [2, 2]
    op_edit_body(project, 2)  # only pejeruk to build again
    assert workers(2, "two") == [0]


def test_output_changed_by_hand_is_put_back(tmp_path: Path) -> None:
    """On a server, someone deletes a site, or one page of another, or edits a third: the
    next build (with no source changed) puts back exactly what it wrote, nothing more."""
    project = _golden_project(tmp_path)
    before = _incremental(project, tmp_path)
    out = tmp_path / "out"
    shutil.rmtree(out / "kediri.kim.id")
    pages = sorted((out / "kimpejeruk.mataramkota.go.id/artikel").rglob("index.html"))
    pages[0].unlink()
    pages[1].write_text("diubah tangan", encoding="utf-8")
    (out / "kim.ntbprov.go.id/index.html").unlink()  # the index's too
    assert _incremental(project, tmp_path) == before
    # Put back once: the next build finds everything as it wrote it, and does nothing.
    report = build(project / "config.yaml", out_dir=out, cache_dir=tmp_path / "cache", now=NOW)
    assert not report.index_rendered and report.stats.written == 0
    assert not [k.slug for k in report.kims if k.rendered]


def _age_folders(root: Path, seconds: int = 3600) -> None:
    """Time passes: every folder of the output as if last changed an hour ago."""
    old = time.time() - seconds
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        os.utime(folder, (old, old))


def test_a_build_with_nothing_changed_reads_folder_times_not_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the folders' times can be trusted, a KIM's per-file records are not even read
    (outside its hour of the full comparison); a page deleted by hand is still put back by
    the next build; a page edited in place is put back in the KIM's hour."""
    from kimsite.build.cache import SiteRecords
    from kimsite.build.pipeline import FULL_CHECK_HOURS

    project = _golden_project(tmp_path)
    out, cache = tmp_path / "out", tmp_path / "cache"

    def again(now: datetime = NOW) -> list[str]:
        report = build(project / "config.yaml", out_dir=out, cache_dir=cache, now=now)
        assert report.ok, [p.format() for p in report.problems]
        return [k.slug for k in report.kims if k.rendered]

    assert again() == ["kediri", "pejeruk"]
    before = snapshot(out)
    _age_folders(out)
    assert again() == []  # the stamps taken right after writing were not trusted
    read: list[str] = []
    real = SiteRecords.load_detail

    def noting(self: SiteRecords) -> object:
        read.append(self.detail_path.name)
        return real(self)

    monkeypatch.setattr(SiteRecords, "load_detail", noting)
    hour = {slug: shard_of(slug, FULL_CHECK_HOURS) - 1 for slug in ("kediri", "pejeruk")}
    quiet = next(h for h in range(24) if h not in hour.values())
    at_quiet = NOW.replace(hour=quiet)
    assert again(at_quiet) == [] and read == ["index.json"]  # only the index's own check
    site = out / "kimpejeruk.mataramkota.go.id"
    pages = sorted((site / "artikel").rglob("index.html"))
    pages[0].unlink()
    assert again(at_quiet) == ["pejeruk"] and snapshot(out) == before
    _age_folders(out)
    again(at_quiet)
    pages[1].write_text("diubah tangan", encoding="utf-8")
    assert again(at_quiet) == []  # an edit in place waits for the KIM's hour
    assert again(NOW.replace(hour=hour["pejeruk"])) == ["pejeruk"]
    assert snapshot(out) == before


def test_a_province_setting_changed_builds_every_kim_again(tmp_path: Path) -> None:
    """Only config.yaml changes (articles per page): no KIM's files did, yet every KIM's
    lists are paged anew, as a clean build pages them."""
    project = _golden_project(tmp_path)
    _incremental(project, tmp_path)
    config = project / "config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "artikel_per_halaman: 3", "artikel_per_halaman: 2"
        ),
        encoding="utf-8",
    )
    report = build(config, out_dir=tmp_path / "out", cache_dir=tmp_path / "cache", now=NOW)
    assert [k.slug for k in report.kims if k.rendered] == ["kediri", "pejeruk"]
    assert snapshot(tmp_path / "out") == _clean_build(project, tmp_path)


def test_a_broken_kim_fails_every_build_until_mended(project: Callable[..., Path]) -> None:
    """Nothing changed since a KIM failed: the next build (CI's hourly one) fails again
    with the same problem, and the index still says which KIM it lacks, instead of taking
    the last failure for work already done."""
    root = project(
        {
            "content/baik/kim.yaml": profile("KIM Baik", "52.71.01.1005"),
            "content/rusak/kim.yaml": profile("KIM Rusak", "52.71.01.1004"),
            "content/rusak/artikel/a.md": article("A", "2025-02-30"),
        }
    )
    first = build(root / "config.yaml", now=NOW)
    second = build(root / "config.yaml", now=NOW)
    for report in (first, second):
        assert [(Path(p.path).name, p.line, p.code) for p in report.problems] == [
            ("a.md", 3, "field.bad_moment")
        ], report.problems
        assert [(k.slug, k.built) for k in report.kims] == [("baik", True), ("rusak", False)]
        assert report.index_note == "rusak"
    assert first.index_rendered is True and second.index_rendered is False
    # A KIM that was published, then broke: every build says so, its old site stays.
    broken = root / "content/rusak/artikel/a.md"
    broken.write_text(article("A", "2025-02-03"), encoding="utf-8")
    assert build(root / "config.yaml", now=NOW).ok
    site = snapshot(root / "build/rusak.kim.id")
    broken.write_text(article("A", "2025-02-30"), encoding="utf-8")
    for _ in range(2):
        report = build(root / "config.yaml", now=NOW)
        assert [p.code for p in report.problems] == ["field.bad_moment"]
        assert snapshot(root / "build/rusak.kim.id") == site


def test_the_build_time_can_be_fixed_for_a_reproducible_build(
    project: Callable[..., Path],
) -> None:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) is the build's clock: an
    article dated 2030 is scheduled at a 2029 clock and published at a 2031 one."""
    from tests.helpers import run_kimsite

    root = project(
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/artikel/nanti.md": article("Nanti", "2030-01-01"),
        }
    )
    page = root / "build/desa.kim.id/artikel/nanti/index.html"
    for year, published in ((2029, False), (2031, True)):
        epoch = str(int(datetime(year, 1, 1, tzinfo=UTC).timestamp()))
        done = run_kimsite(root, "build", "--quiet", env={"SOURCE_DATE_EPOCH": epoch})
        assert done.returncode == 0, done.stderr
        assert page.is_file() is published


def test_article_edit_rerenders_only_its_kim(tmp_path: Path) -> None:
    project = _golden_project(tmp_path)
    _incremental(project, tmp_path)
    other = stamps(tmp_path / "out" / "kediri.kim.id")
    op_edit_body(project, 2)  # an article of pejeruk (sorted: kediri's two, then pejeruk's)
    path = _articles(project)[2]
    assert "pejeruk" in str(path)
    shown: list[tuple[str, int, int, int]] = []
    report = build(
        project / "config.yaml",
        out_dir=tmp_path / "out",
        cache_dir=tmp_path / "cache",
        now=NOW,
        progress=lambda *step: shown.append(step),
    )
    assert [k.slug for k in report.kims if k.rendered] == ["pejeruk"]
    # The terminal's progress counts only the KIMs built, and each one's site files (not
    # counting the compressed copies beside them).
    site = tmp_path / "out/kimpejeruk.mataramkota.go.id"
    files = [f for f in site.rglob("*") if f.is_file() and f.suffix not in (".gz", ".br")]
    assert shown == [("pejeruk", 1, 1, len(files))]
    assert [k.pages for k in report.kims] == [0, shown[0][3]]
    assert stamps(tmp_path / "out" / "kediri.kim.id") == other
    assert 0 < report.stats.written < 10  # the article, lists it is on, feed; not the whole site


def test_template_edit_keeps_pages_that_do_not_use_it(tmp_path: Path) -> None:
    project = _golden_project(tmp_path)
    _incremental(project, tmp_path)
    site = tmp_path / "out" / "kediri.kim.id"
    before = stamps(site)
    op_template(project, 0)  # partials/card.html: used by list pages, not by article pages
    report = build(
        project / "config.yaml", out_dir=tmp_path / "out", cache_dir=tmp_path / "cache", now=NOW
    )
    after = stamps(site)
    assert after["artikel/panen/index.html"] == before["artikel/panen/index.html"]
    assert after["index.html"] != before["index.html"]
    assert "<!-- 0 -->" in (site / "index.html").read_text(encoding="utf-8")
    assert report.ok


def test_a_theme_changed_twice_between_a_kims_builds_is_all_applied(tmp_path: Path) -> None:
    """A template changes while only one KIM is built (`kimsite build pejeruk`), then
    another changes: the other KIM, built next, gets both changes, not only the last."""
    project = _golden_project(tmp_path)
    _incremental(project, tmp_path)
    op_template(project, 2)  # base.html: every page
    build(
        project / "config.yaml",
        out_dir=tmp_path / "out",
        cache_dir=tmp_path / "cache",
        now=_now(tmp_path),
        only=["pejeruk"],
    )
    op_template(project, 0)  # partials/card.html
    assert _incremental(project, tmp_path) == _clean_build(project, tmp_path)


def test_future_article_appears_when_due(tmp_path: Path) -> None:
    project = _golden_project(tmp_path)
    first = build(
        project / "config.yaml", out_dir=tmp_path / "out", cache_dir=tmp_path / "cache", now=NOW
    )
    page = tmp_path / "out/kimpejeruk.mataramkota.go.id/artikel/masa-depan/index.html"
    assert not page.exists()
    # A second before it is due, nothing is rendered; at the very second, it is published.
    assert first.next_due is not None and first.next_due[0] == "pejeruk"
    due = first.next_due[1]
    for at, published in ((due - timedelta(seconds=1), False), (due, True)):
        report = build(
            project / "config.yaml", out_dir=tmp_path / "out", cache_dir=tmp_path / "cache", now=at
        )
        assert page.is_file() is published
        assert [k.slug for k in report.kims if k.rendered] == (["pejeruk"] if published else [])


def test_the_command_line_says_where_it_wrote_and_when_the_next_article_is_due(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last lines a writer or CI reads: the output folder (after `build` and `index`),
    and when the scheduled article goes live, in the province's own time zone."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    monkeypatch.delenv("KIMSITE_LANG", raising=False)
    project = _golden_project(tmp_path)
    out = tmp_path / "out"
    for command in ("build", "index"):
        assert (
            main(
                [
                    command,
                    "--config",
                    str(project / "config.yaml"),
                    "--out",
                    str(out),
                    "--cache",
                    str(tmp_path / "cache"),
                ]
            )
            == 0
        )
        said = capsys.readouterr().err.splitlines()
        summary = next(line for line in said if line.startswith("Selesai dalam"))
        assert summary.endswith(f"→ {out}"), said
        due = [line for line in said if line.startswith("Artikel terjadwal")]
        assert due == (
            [
                "Artikel terjadwal berikutnya (KIM pejeruk) terbit Rabu, 1 Januari 2031, 00.00 WITA:"
                " build pertama sesudah waktu itu menerbitkannya. Daftar lengkapnya: kimsite check."
            ]
            if command == "build"
            else []
        ), said


def test_corrupt_cache_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    project = _golden_project(tmp_path)
    _incremental(project, tmp_path)
    cache = tmp_path / "cache"
    (cache / "state.json").write_bytes(b"\x00garbage{")
    for path in (cache / "renders").glob("*.json"):
        path.write_text('{"cache": "1/old", "data": {}}')
    for path in (cache / "summaries").glob("*.json"):
        path.write_text("[1, 2")
    op_edit_body(project, 3)
    assert _incremental(project, tmp_path) == _clean_build(project, tmp_path)


def _many_kims(root: Path, count: int) -> Path:
    codes = ["52.71.01.1004", "52.71.01.1005", "52.71.01.1006", "52.71.02.1001", "52.01.02.2001"]
    files: dict[str, str | bytes] = {}
    for i in range(count):
        files[f"content/kim{i:03d}/kim.yaml"] = profile(f"KIM Nomor {i}", codes[i % len(codes)])
        for j in range(12):
            body = "\n\n".join(
                f"## Bagian {k}\n\nKalimat berita desa yang cukup panjang {i}-{j}-{k}."
                for k in range(30)
            )
            files[f"content/kim{i:03d}/artikel/a{j}.md"] = article(
                f"Kabar {i}-{j}", tanggal=f"2025-03-{1 + j:02d}", tag="[desa]", body=body
            )
    return write_project(root, files)


def test_killed_build_leaves_a_usable_cache(tmp_path: Path) -> None:
    project = _many_kims(tmp_path / "p", 40)
    out, cache = tmp_path / "out", tmp_path / "cache"
    command = [
        sys.executable,
        "-m",
        "kimsite",
        "build",
        "--config",
        str(project / "config.yaml"),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "--jobs",
        "2",
        "--quiet",
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}
    subprocess.run(command, check=True, env=env, capture_output=True)
    for path in sorted(project.glob("content/*/artikel/a1.md")):
        path.write_text(path.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    killed = 0
    for delay in (0.4, 0.8, 1.2):
        process = subprocess.Popen(
            command,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            killed += 1
        process.wait()
    assert killed, "the build finished before it could be killed"
    finished = subprocess.run(command, env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert snapshot(out) == _clean_build(project, tmp_path)
    assert not list(out.rglob(".tmp-*")) and not list(cache.rglob(".tmp-*"))


# A build killed at a chosen point, in its own process (jobs=1, so every write happens
# there): the Nth staged write of a site, part-way through moving a site's staged files into
# place, or the Nth cache file written but not yet renamed over the old one.
KILLER = """
import os, signal, sys
from kimsite.output import atomic
from kimsite.output import staging
from kimsite.cli.main import main

point, n = sys.argv[1], int(sys.argv[2])
calls = 0
BUILD = os.getpid()  # KIMs are built in a worker process: the whole build is killed

def due():
    global calls
    calls += 1
    if calls == n:
        os.kill(BUILD, signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)

if point == "stage":
    real_write = staging.StagedFiles.write
    def write(self, target, data):
        due()
        real_write(self, target, data)
    staging.StagedFiles.write = write
elif point == "publish":
    def publish(self):
        self.wait()
        for tmp, target in self.staged:
            due()
            os.replace(tmp, target)
        self.staged.clear()
    staging.StagedFiles.publish = publish
else:
    real_replace = os.replace
    class Os:
        def __getattr__(self, name):
            return getattr(os, name)
        @staticmethod
        def replace(a, b):
            due()
            real_replace(a, b)
    atomic.os = Os()
sys.exit(main(sys.argv[3:]))
"""
KILL_POINTS = [
    ("stage", 3),
    ("publish", 40),
    ("cache", 2),
    ("stage", 150),
    ("publish", 700),
    ("cache", 25),
]


def test_builds_killed_at_chosen_points_leave_a_usable_cache(tmp_path: Path) -> None:
    project = _many_kims(tmp_path / "p", 12)
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = [
        "build",
        "--config",
        str(project / "config.yaml"),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "--jobs",
        "1",
        "--quiet",
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}
    subprocess.run(
        [sys.executable, "-m", "kimsite", *args], check=True, env=env, capture_output=True
    )
    for round_, (point, n) in enumerate(KILL_POINTS):
        for path in sorted(project.glob(f"content/*/artikel/a{round_ % 12}.md")):
            path.write_text(
                path.read_text(encoding="utf-8") + f"\nTambahan {round_}.\n", encoding="utf-8"
            )
        if round_ == 3:  # a template edit: every page is rewritten
            base = project / "themes/default/templates/base.html"
            base.write_text(base.read_text(encoding="utf-8") + "<!-- ubah -->\n")
        killed = subprocess.run(
            [sys.executable, "-c", KILLER, point, str(n), *args],
            env=env,
            capture_output=True,
            text=True,
        )
        assert killed.returncode == -signal.SIGKILL, (point, n, killed.stderr[-2000:])
    finished = subprocess.run(
        [sys.executable, "-m", "kimsite", *args], env=env, capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    assert snapshot(out) == _clean_build(project, tmp_path)
    assert not list(out.rglob(".tmp-*")) and not list(cache.rglob(".tmp-*"))


def test_shards_plus_index_equal_one_build(tmp_path: Path) -> None:
    project = _many_kims(tmp_path / "p", 9)
    whole = _clean_build(project, tmp_path)
    out = tmp_path / "sharded"
    merged = tmp_path / "merged-cache"
    count = 3
    owners = {shard_of(p.name, count) for p in (project / "content").iterdir()}
    assert len(owners) > 1  # the hash really spreads KIMs
    for index in range(1, count + 1):
        cache = tmp_path / f"cache-{index}"
        report = build(
            project / "config.yaml",
            out_dir=out,
            cache_dir=cache,
            now=NOW,
            shard=Shard(index, count),
        )
        assert report.ok and not report.index_built
        shutil.copytree(cache / "summaries", merged / "summaries", dirs_exist_ok=True)
    report = build_index(project / "config.yaml", out_dir=out, cache_dir=merged)
    assert report.ok and report.index_built and report.out_dir == out.resolve()
    assert snapshot(out) == whole
    # The cache of a whole build into the same folder, restored where the index job runs:
    # its state holds every KIM's summary digest as it was then.
    full = tmp_path / "full-cache"
    assert build(project / "config.yaml", out_dir=out, cache_dir=full, now=NOW).ok
    # The next commit: one article's title changes; its shard builds again and its summary
    # replaces the old one in the merged caches. The index must take the new summary,
    # whatever digests a cache's state still holds (they are computed again).
    edited = project / "content/kim003/artikel/a11.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("Kabar 3-11", "Kabar baru"), encoding="utf-8"
    )
    whole = _clean_build(project, tmp_path)
    for index in range(1, count + 1):
        cache = tmp_path / f"cache-{index}"
        build(
            project / "config.yaml",
            out_dir=out,
            cache_dir=cache,
            now=NOW,
            shard=Shard(index, count),
        )
        for into in (merged, full):
            shutil.copytree(cache / "summaries", into / "summaries", dirs_exist_ok=True)
    report = build_index(project / "config.yaml", out_dir=out, cache_dir=full)
    assert report.index_rendered and snapshot(out) == whole
    report = build_index(project / "config.yaml", out_dir=out, cache_dir=merged)
    assert snapshot(out) == whole
    # Nothing changed since: the index is not rendered again (its state was saved).
    report = build_index(project / "config.yaml", out_dir=out, cache_dir=merged)
    assert report.ok and not report.index_rendered and snapshot(out) == whole


def test_removed_kim_and_changed_domain_leave_no_stale_site(tmp_path: Path) -> None:
    project = _golden_project(tmp_path)
    _incremental(project, tmp_path)
    out = tmp_path / "out"
    assert (out / "kediri.kim.id").is_dir() and (out / "kimpejeruk.mataramkota.go.id").is_dir()
    shutil.rmtree(project / "content/kediri")
    for owned in (project / "config.yaml", project / "content/pejeruk/kim.yaml"):
        owned.write_text(
            owned.read_text(encoding="utf-8").replace(
                "kimpejeruk.mataramkota.go.id", "pejeruk.mataramkota.go.id"
            ),
            encoding="utf-8",
        )
    assert _incremental(project, tmp_path) == _clean_build(project, tmp_path)
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "kim.ntbprov.go.id",
        "pejeruk.mataramkota.go.id",
    ]
    index = (out / "kim.ntbprov.go.id/index.html").read_text(encoding="utf-8")
    assert "KIM Kediri Informatif" not in index and "https://pejeruk.mataramkota.go.id/" in index


def test_shards_through_the_command_line_each_build_only_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As CI runs them: each shard on its own runner (own output and cache), `kimsite build
    --shard I/N`; then the outputs and summaries merged and `kimsite index`. Each shard
    writes exactly its own KIMs' sites; the merge equals one whole build."""
    project = _many_kims(tmp_path / "p", 9)
    whole = _clean_build(project, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    count = 3
    merged_out, merged_cache = tmp_path / "merged-out", tmp_path / "merged-cache"
    slugs = sorted(p.name for p in (project / "content").iterdir())
    for index in range(1, count + 1):
        out, cache = tmp_path / f"out-{index}", tmp_path / f"cache-{index}"
        code = main(
            [
                "build",
                "--config",
                str(project / "config.yaml"),
                "--out",
                str(out),
                "--cache",
                str(cache),
                "--shard",
                f"{index}/{count}",
                "--quiet",
            ]
        )
        assert code == 0
        own = {f"{s}.kim.id" for s in slugs if shard_of(s, count) == index}
        assert own, "every shard gets KIMs here"
        assert {
            p.name for p in out.iterdir() if p.is_dir()
        } == own  # nothing of another shard, no index
        assert {p.stem for p in (cache / "summaries").glob("*.json") if "." not in p.stem} == {
            h.removesuffix(".kim.id") for h in own
        }
        shutil.copytree(out, merged_out, dirs_exist_ok=True)
        shutil.copytree(cache / "summaries", merged_cache / "summaries", dirs_exist_ok=True)
    code = main(
        [
            "index",
            "--config",
            str(project / "config.yaml"),
            "--out",
            str(merged_out),
            "--cache",
            str(merged_cache),
        ]
    )
    assert code == 0
    assert snapshot(merged_out) == whole


def test_a_removed_kim_goes_only_with_a_build_that_owns_it(tmp_path: Path) -> None:
    """Its site and cache go with a whole build, or with the shard that owns it; a build of
    other KIMs (`--only`, another shard on the same runner) leaves them for that one."""
    project = _many_kims(tmp_path / "p", 4)
    config, out, cache = project / "config.yaml", tmp_path / "out", tmp_path / "cache"
    assert build(config, out_dir=out, cache_dir=cache, now=NOW).ok
    slugs = sorted(p.name for p in (project / "content").iterdir())
    gone = next(s for s in slugs if shard_of(s, 2) == 1)
    kept = next(s for s in slugs if s != gone)
    shutil.rmtree(project / "content" / gone)
    report = build(config, out_dir=out, cache_dir=cache, now=NOW, only=[kept], with_index=False)
    assert report.ok and (out / f"{gone}.kim.id/index.html").is_file()
    assert build(config, out_dir=out, cache_dir=cache, now=NOW, shard=Shard(2, 2)).ok
    assert (out / f"{gone}.kim.id/index.html").is_file()
    assert (cache / "summaries" / f"{gone}.json").is_file()
    assert build(config, out_dir=out, cache_dir=cache, now=NOW, shard=Shard(1, 2)).ok
    assert not (out / f"{gone}.kim.id").exists()
    assert not list(cache.rglob(f"{gone}*"))
    assert {p.name for p in out.iterdir()} >= {f"{s}.kim.id" for s in slugs if s != gone}


def test_an_edit_in_the_same_clock_tick_is_still_seen(tmp_path: Path) -> None:
    """An article saved again right after a build, to the same size, on a filesystem whose
    clock tick hides the change (same size, same mtime): the build remembered the content
    of files that young, so it still renders the new text, twice in a row."""
    post = "content/desa/artikel/2025-12-20-kabar.md"
    root = write_project(
        tmp_path / "p",
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            post: article("Kabar", "2025-12-20", body="Isi ke-1."),
        },
    )
    page = root / "build/desa.kim.id/artikel/kabar/index.html"
    assert build(root / "config.yaml", now=NOW).ok
    path = root / post
    for edit in (2, 3):
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"Isi ke-{edit - 1}.", f"Isi ke-{edit}."), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert path.stat().st_size == before.st_size
        assert build(root / "config.yaml", now=NOW).ok
        assert f"Isi ke-{edit}." in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("lost", ["summary", "feed", "search"])
def test_a_lost_summary_file_is_written_again(tmp_path: Path, lost: str) -> None:
    """The index is made from files each KIM's build leaves in the cache (its summary, its
    articles for the index's feed, its search records). When one is lost (a cache restored
    in part) and the KIM is built again with the same summary (here: only a template
    changed), it is written again, and the whole output equals a clean build."""
    project = _golden_project(tmp_path)
    assert _incremental(project, tmp_path)
    slug = sorted(p.name for p in (project / "content").iterdir() if p.is_dir())[0]
    cache = tmp_path / "cache" / "summaries"
    name = {"summary": f"{slug}.json", "feed": f"{slug}.feed.json", "search": f"{slug}.cari.json"}
    (cache / name[lost]).unlink()
    template = project / "themes/default/templates/article.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _incremental(project, tmp_path) == _clean_build(project, tmp_path)
    assert (cache / name[lost]).is_file()


def test_a_removed_kim_s_files_count_as_removed(tmp_path: Path) -> None:
    """The build that takes a removed KIM's site away says how many files went: every file
    its site held, with those the index no longer has (the summary's "N dihapus"), not
    only the index's."""
    project = _golden_project(tmp_path)
    _incremental(project, tmp_path)
    out = tmp_path / "out"
    site, index = out / "kediri.kim.id", out / "kim.ntbprov.go.id"
    held = sum(1 for p in site.rglob("*") if p.is_file())
    listed = {p for p in index.rglob("*") if p.is_file()}
    assert held > 10
    shutil.rmtree(project / "content/kediri")
    report = build(project / "config.yaml", out_dir=out, cache_dir=tmp_path / "cache", now=NOW)
    assert report.ok and not site.exists()
    dropped = len(listed - {p for p in index.rglob("*") if p.is_file()})
    assert dropped > 0  # the index lists the KIM no more
    assert report.stats.removed == held + dropped
