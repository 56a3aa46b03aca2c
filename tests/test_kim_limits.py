"""One KIM's share of the build is bounded by the province (`batas_*` in config.yaml) and of
the index by kimsite: a title, a summary, tags per article and per KIM, the whole site's
size; on the index and its combined search, each field cut and at most a hundred records a
KIM. Past a bound it is that KIM's error at its file and line, the others build as they
would without it."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kimsite.build.pipeline import build
from kimsite.render.search import PROVINCE_RECORDS_PER_KIM
from kimsite.render.site_files import INDEX_CHARS
from tests.helpers import BASE_CONFIG, article, profile, snapshot, write_project

NOW = datetime(2026, 6, 1, tzinfo=UTC)
INDEX = "kim.ntbprov.go.id"
HEALTHY = {
    "content/a/kim.yaml": profile("KIM Amanah", "52.71.01.1004"),
    "content/a/artikel/2026-01-05-panen.md": article("Panen raya", "2026-01-05", tag="[sawah]"),
}


def _errors(report: object, root: Path) -> list[tuple[str, int | None, str]]:
    return [
        (str(Path(p.path).relative_to(root)), p.line, p.code)
        for p in report.problems  # type: ignore[attr-defined]
        if p.severity.value == "error"
    ]


def _with(tmp_path: Path, files: dict[str, str | bytes], config: str = "") -> tuple[Path, object]:
    root = write_project(
        tmp_path,
        {**HEALTHY, "content/b/kim.yaml": profile("KIM Bersinar", "52.01.14.2006"), **files},
        config=BASE_CONFIG + config,
    )
    return root, build(root / "config.yaml", now=NOW)


@pytest.mark.parametrize(
    ("front", "config", "line", "code"),
    [
        ({"judul": "J" * 301}, "", 2, "doc.too_long"),
        ({"ringkasan": "R " * 60}, "batas_ringkasan: 100\n", 4, "doc.too_long"),
        ({"tag": "[" + ", ".join(f"t{n}" for n in range(31)) + "]"}, "", 4, "doc.too_many_tags"),
        ({"tag": "[" + "x" * 101 + "]"}, "", 4, "doc.bad_tag"),
        ({"kategori": "kata " * 100}, "", 4, "doc.bad_category"),
    ],
    ids=[
        "title",
        "summary",
        "tags per article",
        "a tag that is a sentence",
        "a category that is a sentence",
    ],
)
def test_a_field_past_its_bound_is_an_error_at_its_line(
    tmp_path: Path, front: dict[str, str], config: str, line: int, code: str
) -> None:
    judul = front.pop("judul", "Kabar")
    text = article(judul, "2026-02-01", **front)
    clean, _ = _with(tmp_path / "bersih", {})
    root, report = _with(tmp_path / "p", {"content/b/artikel/2026-02-01-kabar.md": text}, config)
    assert _errors(report, root) == [("content/b/artikel/2026-02-01-kabar.md", line, code)]
    message = next(p for p in report.problems if p.code == code).message("id")  # type: ignore[attr-defined]
    assert "Traceback" not in message and len(message) < 400
    assert snapshot(root / "build/a.kim.id") == snapshot(clean / "build/a.kim.id")


def test_too_many_different_tags_is_named_at_the_article_past_the_bound(tmp_path: Path) -> None:
    files = {
        f"content/b/artikel/2026-02-{n + 1:02d}-kabar-{n}.md": article(
            f"Kabar {n}", f"2026-02-{n + 1:02d}", tag=f"[a{n}, b{n}, c{n}]"
        )
        for n in range(5)
    }
    root, report = _with(tmp_path, files, "batas_tag_kim: 10\n")
    # Three new tags an article: the fourth article brings the twelfth.
    assert _errors(report, root) == [
        ("content/b/artikel/2026-02-04-kabar-3.md", None, "kim.too_many_tags")
    ]
    assert (root / "build/a.kim.id/tag/sawah/index.html").is_file()
    assert not (root / "build/b.kim.id").exists()


def test_a_site_past_its_size_writes_nothing(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/b/artikel/2026-02-01-kabar.md": article("Kabar", "2026-02-01"),
        "content/b/media/laporan.pdf": b"%PDF-1.4\n" + os.urandom(11 * 2**20),
    }
    clean, _ = _with(tmp_path / "bersih", {})
    root, report = _with(tmp_path / "p", files, "batas_keluaran_mb: 10\n")
    assert _errors(report, root) == [("content/b", None, "kim.output_too_big")]
    assert not (root / "build/b.kim.id").exists()
    assert snapshot(root / "build/a.kim.id") == snapshot(clean / "build/a.kim.id")
    assert report.index_built  # type: ignore[attr-defined]


def test_the_province_feed_carries_a_huge_article_as_its_summary(tmp_path: Path) -> None:
    """An article of megabytes is the KIM's own to publish, whole in its own feed; the
    province's feed gives it as its summary and a link."""
    from kimsite.render.kim_site import INDEX_FEED_CHARS

    body = "Paragraf panjang sekali. " * (INDEX_FEED_CHARS // 10)
    files = {
        "content/b/artikel/2026-02-01-besar.md": article(
            "Besar", "2026-02-01", ringkasan="Ringkasan pendek.", body=body
        )
    }
    root, report = _with(tmp_path, files)
    assert _errors(report, root) == []
    own = (root / "build/b.kim.id/feed.xml").stat().st_size
    province = (root / "build" / INDEX / "feed.xml").read_text(encoding="utf-8")
    assert own > 2 * INDEX_FEED_CHARS and len(province) < INDEX_FEED_CHARS
    assert "Ringkasan pendek." in province and "https://b.kim.id/artikel/besar/" in province


def test_the_index_holds_a_bounded_share_of_each_kim(tmp_path: Path) -> None:
    """Huge titles and summaries (within a generous province's bounds) are cut on the
    index, its feed and its combined search; a KIM with more articles than its share has
    only its newest there."""
    long_title, long_summary = "Judul " * 1600, "Ringkasan " * 9000
    many = PROVINCE_RECORDS_PER_KIM + 5
    files = {
        f"content/b/artikel/2026-0{1 + n // 28}-{1 + n % 28:02d}-kabar-{n}.md": article(
            long_title if n >= many - 3 else f"Kabar {n}",
            f"2026-0{1 + n // 28}-{1 + n % 28:02d}",
            ringkasan=long_summary if n >= many - 3 else "Pendek.",
        )
        for n in range(many)
    }
    config = "batas_judul: 10000\nbatas_ringkasan: 100000\n"
    short_files = {
        k: v.replace(long_title, "Kabar").replace(long_summary, "Pendek.") for k, v in files.items()
    }
    short, _ = _with(tmp_path / "pendek", short_files, config)
    root, report = _with(tmp_path / "p", files, config)
    assert _errors(report, root) == []
    limit = INDEX_CHARS["judul"] + INDEX_CHARS["ringkasan"]
    for page in ("index.html", "feed.xml"):
        grown = (root / "build" / INDEX / page).stat().st_size - (
            short / "build" / INDEX / page
        ).stat().st_size
        assert grown < 3 * 3 * limit, (page, grown)  # three articles, a few mentions each
    saved = json.loads((root / ".kimsite-cache/summaries/b.cari.json").read_text("utf-8"))
    records = saved["data"]
    assert len(records) == PROVINCE_RECORDS_PER_KIM
    assert max(len(json.dumps(r)) for r in records) < 2000
    # The KIM's own site keeps the whole text.
    own = (root / "build/b.kim.id/artikel/kabar-104/index.html").read_text(encoding="utf-8")
    assert long_title.strip() in own


def test_the_index_search_shares_its_records_among_the_kims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index's combined search holds at most `search.PROVINCE_RECORDS` records (Pagefind
    keeps a whole bundle in memory while making it): each KIM gives an equal share of its
    newest, at least one, so a province of thousands of KIMs still finds every KIM there."""
    import kimsite.render.search

    monkeypatch.setattr(kimsite.render.search, "PROVINCE_RECORDS", 5)
    files = {
        f"content/b/artikel/2026-02-0{n}-kabar-{n}.md": article(f"Kabar {n}", f"2026-02-0{n}")
        for n in range(1, 6)
    }
    files["content/c/kim.yaml"] = profile("KIM Cerdas", "52.01.14.2007")
    files["content/c/artikel/2026-03-01-satu.md"] = article("Satu-satunya", "2026-03-01")
    root, report = _with(tmp_path / "p", files)
    assert _errors(report, root) == []
    entry = json.loads((root / "build" / INDEX / "pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["id"]["page_count"] == 3  # 5 // 3 KIMs: one each, the newest
    own = json.loads((root / "build/b.kim.id/pagefind/pagefind-entry.json").read_text())
    assert own["languages"]["id"]["page_count"] >= 5  # the KIM's own search keeps them all
