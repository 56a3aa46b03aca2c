"""One KIM's site as sitegen lays it out, read on a small project built in preview: which
pages exist and what each one's title, canonical address, pager and neighbours say, what
a preview marks, and how links to pages and media resolve. Small on purpose: these are
the tests that speak first for sitegen's mutants (scripts/mutation.py)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from kimsite.build import kim as kim_build
from kimsite.build.pipeline import BuildReport, build
from kimsite.cli.main import main
from kimsite.render import pages
from kimsite.render.markup import MarkdownRenderer
from tests.helpers import BASE_CONFIG, _pixel, article, profile, snapshot, write_project

# 08.00 WITA (the KIM's zone): an article dated exactly then is live, not scheduled.
NOW = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
HOST = "uji.kim.id"
BASE = f"https://{HOST}"
PROFILE = profile("KIM Uji", "52.01.14.2006") + (
    "potensi:\n  - nama: Sawah Organik\n    jenis: pertanian\n    deskripsi: Padi tanpa pestisida.\n"
    "  - nama: Kebun Kopi\n    jenis: pertanian\n    deskripsi: Kopi robusta.\n"
    "produk:\n  - nama: Beras Merah\n    harga: 15000\n    satuan: per kg\n"
    "  - nama: Kopi Bubuk\n    harga: 30000\n    satuan: per bungkus\n"
)
# Seven live articles, newest first by date: a, b, c | d, e, f | g (3 per page).
LIVE = {
    "a": ("2026-05-31", "kegiatan", "[padi, panen]"),
    "b": ("2026-05-30", "pertanian", "[padi]"),
    "c": ("2026-05-29", "kegiatan", "[rapat]"),
    "d": ("2026-05-28", "kegiatan", "[rapat]"),
    "e": ("2026-05-27", "pertanian", "[panen]"),
    "f": ("2026-05-26", "kegiatan", "[rapat]"),
    "g": ("2026-05-25", "pertanian", "[padi]"),
}


def _files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "content/uji/kim.yaml": PROFILE,
        "content/uji/media/agenda.pdf": b"%PDF-1.4\n% agenda rapat\n",  # before the photo
        "content/uji/media/foto.png": _pixel(),
        "content/uji/media/.rahasia.png": _pixel(),  # hidden: never published
        "content/uji/halaman/jadwal.md": (
            "---\njudul: Jadwal Posyandu\n---\nSetiap Senin.\n\n![Balai desa](../media/foto.png)\n"
        ),
    }
    for slug, (day, kategori, tags) in LIVE.items():
        files[f"content/uji/artikel/{slug}.md"] = article(
            f"Berita {slug.upper()}", day, kategori=kategori, tag=tags, slug=slug
        )
    files["content/uji/artikel/a.md"] = article(
        "Berita A",
        "2026-05-31",
        body="Lihat [jadwal](../halaman/jadwal.md).",
        kategori="kegiatan",
        tag="[padi, panen]",
        slug="a",
    )
    files["content/uji/artikel/tepat.md"] = article("Tepat Waktu", "2026-06-01 08:00", slug="tepat")
    files["content/uji/artikel/nanti.md"] = article("Nanti Saja", "2026-06-01 08:01", slug="nanti")
    files["content/uji/artikel/draf.md"] = article(
        "Masih Draf",
        "2026-05-01",
        slug="draf",
        draf="true",
        body="![Balai desa](../media/foto.png)",
    )
    return files


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Built for each test (half a second): mutmut credits the calls a module-scoped fixture
    makes to the module's first test alone, so the others would never run for a mutant."""
    root = write_project(tmp_path / "p", _files(), config=BASE_CONFIG)
    report = build(root / "config.yaml", drafts=True, future=True, now=NOW, with_index=False)
    assert report.ok, [p.format() for p in report.problems]
    return root / "build" / HOST


def _page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / url.strip("/") / "index.html")).getroot()


def _head(doc: lxml.html.HtmlElement) -> tuple[str, str, str | None, bool]:
    """Title, canonical address, og:type, and whether robots are told noindex."""
    canonical = doc.xpath("//link[@rel='canonical']/@href")[0]
    og_type = (doc.xpath("//meta[@property='og:type']/@content") or [None])[0]
    noindex = bool(doc.xpath("//meta[@name='robots'][@content='noindex']"))
    return doc.findtext(".//title"), canonical, og_type, noindex


def _pager(doc: lxml.html.HtmlElement) -> tuple[str | None, str | None, str]:
    nav = doc.xpath("//nav[@aria-label='Halaman']")
    if not nav:
        return None, None, ""
    prev = (nav[0].xpath(".//a[@rel='prev']/@href") or [None])[0]
    nxt = (nav[0].xpath(".//a[@rel='next']/@href") or [None])[0]
    return prev, nxt, " ".join(nav[0].xpath(".//span/text()"))


def _cards(doc: lxml.html.HtmlElement) -> list[str]:
    """The articles a list page shows, by address, in order."""
    return [
        h
        for h in doc.xpath("//main//a/@href")
        if h.startswith("/artikel/") and h != "/artikel/" and "/hal/" not in h
    ]


def test_the_home_and_the_list_are_cut_into_pages_with_their_neighbours(site: Path) -> None:
    # Preview: ten articles (seven live, one exactly due, one scheduled, one draft).
    home = _page(site, "/")
    assert _head(home) == ("KIM Uji", f"{BASE}/", "website", False)
    assert _pager(home) == (None, "/hal/2/", "Halaman 1 dari 4")
    assert _head(_page(site, "/hal/2/"))[:2] == ("KIM Uji — Halaman 2 | KIM Uji", f"{BASE}/hal/2/")
    assert _pager(_page(site, "/hal/2/")) == ("/", "/hal/3/", "Halaman 2 dari 4")
    assert _pager(_page(site, "/hal/4/")) == ("/hal/3/", None, "Halaman 4 dari 4")
    assert not (site / "hal/5").exists() and not (site / "hal/1").exists()

    first = _page(site, "/artikel/")
    assert _head(first)[:2] == ("Semua Berita | KIM Uji", f"{BASE}/artikel/")
    assert _pager(first) == (None, "/artikel/hal/2/", "Halaman 1 dari 4")
    second = _page(site, "/artikel/hal/2/")
    assert _head(second)[0] == "Semua Berita — Halaman 2 | KIM Uji"
    order = [
        _cards(_page(site, url))
        for url in ("/artikel/", "/artikel/hal/2/", "/artikel/hal/3/", "/artikel/hal/4/")
    ]
    assert [len(set(chunk)) for chunk in order] == [3, 3, 3, 1]
    assert order[0][0] == "/artikel/nanti/" and order[3] == ["/artikel/draf/"]


def test_an_article_page_names_itself_and_its_neighbours(site: Path) -> None:
    doc = _page(site, "/artikel/c/")
    assert _head(doc) == ("Berita C | KIM Uji", f"{BASE}/artikel/c/", "article", False)
    neighbours = doc.xpath("//nav[@aria-label='Artikel lain']")[0]
    assert neighbours.xpath(".//a[@rel='next']/@href") == ["/artikel/b/"]  # newer
    assert neighbours.xpath(".//a[@rel='prev']/@href") == ["/artikel/d/"]  # older
    related = doc.xpath("//section[@aria-labelledby='judul-terkait']//a/@href")
    assert "/artikel/a/" in related and "/artikel/b/" not in related  # same category only
    assert "/artikel/c/" not in related
    newest = _page(site, "/artikel/nanti/").xpath("//nav[@aria-label='Artikel lain']//a/@rel")
    assert newest == ["prev"]
    oldest = _page(site, "/artikel/draf/").xpath("//nav[@aria-label='Artikel lain']//a/@rel")
    assert oldest == ["next"]
    before_last = _page(site, "/artikel/g/").xpath("//nav[@aria-label='Artikel lain']//a/@href")
    assert before_last == ["/artikel/f/", "/artikel/draf/"]


def test_every_category_and_tag_has_its_pages(site: Path) -> None:
    kegiatan = _page(site, "/kategori/kegiatan/")
    assert set(_cards(kegiatan)) == {"/artikel/a/", "/artikel/c/", "/artikel/d/"}
    assert _pager(kegiatan)[1] == "/kategori/kegiatan/hal/2/"
    assert set(_cards(_page(site, "/kategori/kegiatan/hal/2/"))) == {"/artikel/f/"}
    assert set(_cards(_page(site, "/tag/padi/"))) == {"/artikel/a/", "/artikel/b/", "/artikel/g/"}
    assert set(_cards(_page(site, "/tag/panen/"))) == {"/artikel/a/", "/artikel/e/"}
    titles = {
        url: _page(site, url).findtext(".//title")
        for url in ("/kategori/", "/kategori/kegiatan/", "/kategori/kegiatan/hal/2/", "/tag/padi/")
    }
    assert titles == {
        "/kategori/": "Kategori | KIM Uji",
        "/kategori/kegiatan/": "Kategori: Kegiatan | KIM Uji",
        "/kategori/kegiatan/hal/2/": "Kategori: Kegiatan — Halaman 2 | KIM Uji",
        "/tag/padi/": "Tag: #padi | KIM Uji",
    }


def test_only_markdown_that_changed_is_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The render cache: an article or page whose text (and the links and media it looked
    up) did not change is taken from the last build; only the edited one is rendered again.
    The real renderer runs; the test only notes which documents it was given."""
    root = write_project(tmp_path / "p", _files(), config=BASE_CONFIG)
    options = {"drafts": True, "future": True, "now": NOW, "with_index": False}
    assert build(root / "config.yaml", **options).ok
    rendered: list[str] = []
    real = MarkdownRenderer.render

    def noting(self: MarkdownRenderer, doc: Any, *args: Any) -> Any:
        rendered.append(doc.source.name)
        return real(self, doc, *args)

    monkeypatch.setattr(MarkdownRenderer, "render", noting)
    edited = root / "content/uji/artikel/b.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    assert build(root / "config.yaml", **options).ok
    assert rendered == ["b.md"]
    page = (root / "build" / HOST / "artikel/b/index.html").read_text(encoding="utf-8")
    assert "Tambahan." in page
    # Article a did not change, but the page it links to went away: it is rendered again,
    # and its link is reported, not taken from the last build.
    rendered.clear()
    (root / "content/uji/halaman/jadwal.md").unlink()
    report = build(root / "config.yaml", **options)
    assert rendered == ["a.md"]
    assert [(Path(p.path).name, p.code) for p in report.problems] == [
        ("a.md", "markup.link_missing")
    ]
    # A damaged entry of the render cache (its key intact) is rendered again, not trusted.
    (root / "content/uji/halaman/jadwal.md").write_text("---\njudul: Jadwal\n---\nSenin.\n")
    assert build(root / "config.yaml", **options).ok
    renders = root / ".kimsite-cache/renders/uji.json"
    entries = json.loads(renders.read_text(encoding="utf-8"))
    del entries["data"]["artikel/c.md"]["html"]
    renders.write_text(json.dumps(entries), encoding="utf-8")
    rendered.clear()
    edited.write_text(edited.read_text(encoding="utf-8") + "\nLagi.\n", encoding="utf-8")
    assert build(root / "config.yaml", **options).ok
    assert sorted(rendered) == ["b.md", "c.md"]
    assert "Berita C" in (root / "build" / HOST / "artikel/c/index.html").read_text()


def test_the_fixed_pages_are_there_with_their_titles(site: Path) -> None:
    assert _head(_page(site, "/profil/"))[:2] == ("Profil KIM Uji | KIM Uji", f"{BASE}/profil/")
    potensi = _head(_page(site, "/potensi/"))
    assert potensi[0].startswith("Potensi Desa ") and potensi[1] == f"{BASE}/potensi/"
    assert "Sawah Organik" in _page(site, "/potensi/").text_content()
    described = {
        url: _page(site, url).xpath("//meta[@name='description']/@content")[0]
        for url in ("/potensi/", "/produk/")
    }
    assert described["/potensi/"].endswith(": Sawah Organik, Kebun Kopi")
    assert described["/produk/"] == "Produk UMKM: Beras Merah, Kopi Bubuk"
    produk = _head(_page(site, "/produk/"))
    assert (
        produk[0].startswith("Produk UMKM ")
        and "Beras Merah" in _page(site, "/produk/").text_content()
    )
    assert _head(_page(site, "/cari/")) == ("Cari | KIM Uji", f"{BASE}/cari/", "website", True)
    missing = lxml.html.parse(str(site / "404.html")).getroot()
    assert _head(missing)[0] == "Halaman tidak ditemukan | KIM Uji" and _head(missing)[3]
    jadwal = _page(site, "/jadwal/")
    assert _head(jadwal)[:2] == ("Jadwal Posyandu | KIM Uji", f"{BASE}/jadwal/")
    # A photo in a page gets its size and smaller copies, as in an article.
    [photo] = jadwal.xpath("//main//img[@alt='Balai desa']")
    assert (photo.get("width"), photo.get("height")) == ("8", "8")
    assert photo.get("srcset") == "/media/foto-8w.webp 8w"


def test_a_link_to_a_page_reaches_the_page(site: Path) -> None:
    body = _page(site, "/artikel/a/").xpath("//div[@class='isi']//a/@href")
    assert body == ["/jadwal/"]


def test_a_preview_marks_drafts_and_scheduled_articles_only(site: Path) -> None:
    def mark(slug: str) -> str:
        return " ".join(_page(site, f"/artikel/{slug}/").xpath("//p[@class='status']//text()"))

    assert mark("draf").startswith("Draf: belum diterbitkan.")
    assert mark("nanti").startswith("Terjadwal: terbit sendiri")
    assert mark("tepat") == "" and mark("a") == ""


def test_a_preview_shows_a_drafts_photos_as_a_published_article_would(site: Path) -> None:
    [photo] = _page(site, "/artikel/draf/").xpath("//main//img[@alt='Balai desa']")
    assert photo.get("srcset") == "/media/foto-8w.webp 8w" and photo.get("width") == "8"


def test_a_theme_sees_the_status_words_its_guide_names(tmp_path: Path) -> None:
    """docs/tema.md promises `"draf"` or `"terjadwal"`, and a `term` (or none) to every
    list: a theme may read them itself (templates see an absent name as an error)."""
    files = _files()
    files["content/uji/templat/article.html"] = (
        '{% extends "base.html" %}{% block content %}'
        '<p id="status">{{ article.status or "terbit" }}</p>{% endblock %}'
    )
    files["content/uji/templat/list.html"] = (
        '{% extends "base.html" %}{% block content %}'
        '<p id="term">{{ term.label if term else "semua" }}</p>{% endblock %}'
    )
    root = write_project(tmp_path / "p", files, config=BASE_CONFIG)
    assert build(root / "config.yaml", drafts=True, future=True, now=NOW, with_index=False).ok
    site = root / "build" / HOST
    said = {
        slug: _page(site, f"/artikel/{slug}/").findtext(".//p[@id='status']")
        for slug in ("draf", "nanti", "tepat")
    }
    assert said == {"draf": "draf", "nanti": "terjadwal", "tepat": "terbit"}
    assert _page(site, "/artikel/").findtext(".//p[@id='term']") == "semua"
    assert _page(site, "/kategori/kegiatan/").findtext(".//p[@id='term']") == "Kegiatan"


def test_a_template_change_renders_only_the_pages_that_use_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When only a theme's template changed, the pages made with other templates (and the
    feed, sitemap and robots.txt, which use none) are kept from the last build, not
    rendered again; the result equals a clean build. The real templates render; the test
    only notes which ones were asked for. The KIM's content is not read again either: its
    model comes from the cache, as the build that last read it saved it."""
    root = write_project(tmp_path / "p", _files(), config=BASE_CONFIG)
    options = {"drafts": True, "future": True, "now": NOW, "with_index": False}
    assert build(root / "config.yaml", **options).ok
    rendered: list[str] = []
    loaded: list[str] = []
    real, real_load = pages.render_page, kim_build.load_kim

    def noting(template: Any, context: dict[str, Any]) -> str:
        rendered.append(Path(template.filename).name)
        return real(template, context)

    def loading(folder: Path, *args: Any, **kwargs: Any) -> Any:
        loaded.append(folder.name)
        return real_load(folder, *args, **kwargs)

    monkeypatch.setattr(pages, "render_page", noting)
    monkeypatch.setattr(kim_build, "load_kim", loading)
    template = root / "themes/default/templates/page.html"
    template.write_text(template.read_text().replace("<h1>", '<h1 class="diubah">'))
    assert build(root / "config.yaml", **options).ok
    assert rendered == ["page.html"]  # the one page, jadwal
    assert loaded == []
    # The content changes: read again (and its model saved for the next template change).
    (root / "content/uji/halaman/jadwal.md").write_text(
        "---\njudul: Jadwal\n---\nJadwal baru.\n", encoding="utf-8"
    )
    assert build(root / "config.yaml", **options).ok
    assert loaded == ["uji"]
    template.write_text(template.read_text().replace("diubah", "diubah-lagi"))
    assert build(root / "config.yaml", **options).ok
    assert loaded == ["uji"] and rendered[-1] == "page.html"
    monkeypatch.undo()
    clean = tmp_path / "bersih"
    assert build(root / "config.yaml", out_dir=clean, cache_dir=tmp_path / "c2", **options).ok
    assert snapshot(root / "build" / HOST) == snapshot(clean / HOST)
    assert '<h1 class="diubah-lagi">' in (clean / HOST / "jadwal/index.html").read_text()


def test_which_templates_pages_use_is_found_again_when_a_kims_override_goes(
    tmp_path: Path,
) -> None:
    """A KIM has its own page.html, then removes it: its pages use the theme's again, and
    the build must know it, or a later change to the theme's page.html would keep them as
    rendered with the override. Every step equals a clean build."""
    root = write_project(tmp_path / "p", _files(), config=BASE_CONFIG)
    options = {"drafts": True, "future": True, "now": NOW, "with_index": False}
    override = root / "content/uji/templat/page.html"
    theme_page = root / "themes/default/templates/page.html"
    steps = [
        lambda: (
            override.parent.mkdir(),
            override.write_text(
                '{% extends "base.html" %}\n{% block content %}<p>milik KIM</p>{% endblock %}\n'
            ),
        ),
        lambda: override.unlink(),
        lambda: theme_page.write_text(
            theme_page.read_text().replace("<h1>", '<h1 class="tema-baru">')
        ),
    ]
    for number, step in enumerate(steps):
        step()
        assert build(root / "config.yaml", **options).ok
        clean = tmp_path / f"bersih-{number}"
        assert build(
            root / "config.yaml", out_dir=clean, cache_dir=tmp_path / f"c-{number}", **options
        ).ok
        assert snapshot(root / "build" / HOST) == snapshot(clean / HOST), number
    assert 'class="tema-baru"' in (root / "build" / HOST / "jadwal/index.html").read_text()


def _with_page_template(tmp_path: Path, block: str) -> tuple[Path, BuildReport]:
    """The KIM's own page.html (templat/), its content block on line 3; built once."""
    files = _files()
    files["content/uji/templat/page.html"] = (
        f'{{% extends "base.html" %}}\n{{% block content %}}\n{block}\n{{% endblock %}}'
    )
    root = write_project(tmp_path / "p", files, config=BASE_CONFIG)
    return root, build(root / "config.yaml", now=NOW, with_index=False)


def test_an_unknown_theme_file_names_the_theme_and_what_it_has(tmp_path: Path) -> None:
    root, report = _with_page_template(
        tmp_path, '<link rel="stylesheet" href="{{ aset(\'tidak-ada.css\') }}">'
    )
    [problem] = report.problems
    assert (problem.path, problem.line, problem.code) == (
        str(root / "content/uji/templat/page.html"),
        3,
        "theme.render",
    )
    assert (
        "aset 'tidak-ada.css' tidak ada di static/ tema default" in dict(problem.params)["detail"]
    )
    assert dict(problem.params)["name"] == "page.html"


def test_a_missing_template_is_named_where_it_was_asked_for(tmp_path: Path) -> None:
    """Included by a KIM's template: that template is named. Missing from a province theme
    that extends none: the KIM's profile (which chose the theme) is named."""
    root, report = _with_page_template(tmp_path, '{% include "tidak-ada.html" %}')
    assert [(p.path, p.code, dict(p.params)) for p in report.problems] == [
        (
            str(root / "content/uji/templat/page.html"),
            "theme.missing_template",
            {"name": "tidak-ada.html"},
        )
    ]
    polos = root / "themes/polos"
    shutil.copytree(root / "themes/default", polos)
    (polos / "templates/page.html").unlink()
    (root / "content/uji/templat/page.html").unlink()
    kim = root / "content/uji/kim.yaml"
    kim.write_text(kim.read_text() + "tema: polos\n")
    report = build(root / "config.yaml", now=NOW, with_index=False)
    assert [(p.path, p.line, p.code, dict(p.params)) for p in report.problems] == [
        (str(kim), None, "theme.missing_template", {"name": "page.html"})
    ]


def test_old_addresses_may_wait_for_an_article_not_published_yet(tmp_path: Path) -> None:
    """pengalihan.yaml is checked against the site the KIM really publishes: a target that
    is a scheduled or draft article is only a warning (its redirect starts working when it
    is published), at the line that names it; a published one is simply right."""
    files = _files()
    files["content/uji/pengalihan.yaml"] = (
        "/berita/a/: /artikel/a/\n/berita/nanti/: /artikel/nanti/\n/berita/draf/: /artikel/draf/\n"
    )
    root = write_project(tmp_path / "p", files, config=BASE_CONFIG)
    report = build(root / "config.yaml", now=NOW, with_index=False)
    assert report.ok
    source = str(root / "content/uji/pengalihan.yaml")
    assert [(p.path, p.line, p.code, p.severity.value) for p in report.problems] == [
        (source, 3, "redirect.waiting_target", "warning"),  # sorted by old address
        (source, 2, "redirect.waiting_target", "warning"),
    ]


def test_photos_are_made_only_in_the_cache_and_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build keeps its photo copies in the cache; `kimsite check` makes them in a
    temporary folder it removes. Neither leaves anything in the working folder."""
    root = write_project(tmp_path / "p", _files(), config=BASE_CONFIG)
    work = tmp_path / "kerja"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["check", "--config", str(root / "config.yaml")]) == 0
    assert build(root / "config.yaml", now=NOW, with_index=False).ok
    assert list(work.iterdir()) == []
    assert any((root / ".kimsite-cache/images").rglob("*.webp"))


def test_a_reference_to_a_media_file_that_is_not_published_is_an_error(tmp_path: Path) -> None:
    files = _files()
    files["content/uji/artikel/b.md"] = article(
        "Berita B", "2026-05-30", body="Lihat\n\n![foto](../media/.rahasia.png)", slug="b"
    )
    root = write_project(tmp_path / "p", files, config=BASE_CONFIG)
    report = build(root / "config.yaml", now=NOW, with_index=False)
    said = [
        (Path(p.path).name, p.line, p.code) for p in report.problems if p.severity.value == "error"
    ]
    assert ("b.md", 8, "ref.refused_media") in said, said


@pytest.mark.parametrize("slug", ["hal", "media", "pagefind"])
def test_a_page_named_like_kimsites_own_folders_is_refused(tmp_path: Path, slug: str) -> None:
    """/hal/2/ (the home's pager), /media/ and /pagefind/ are kimsite's: a page there would
    be mixed with them, so it is refused with its file and the name to choose instead, and
    the KIM keeps its last good site."""
    files = _files()
    files[f"content/uji/halaman/{slug}.md"] = f"---\njudul: Halaman {slug}\n---\nIsi.\n"
    root = write_project(tmp_path / "p", files, config=BASE_CONFIG)
    report = build(root / "config.yaml", now=NOW, with_index=False)
    errors = [p for p in report.problems if p.severity.value == "error"]
    assert [(p.path, p.line, p.code, dict(p.params)) for p in errors] == [
        (str(root / f"content/uji/halaman/{slug}.md"), None, "page.reserved_slug", {"slug": slug})
    ]
    assert f"tentang-{slug}.md" in errors[0].format()
    assert not (root / "build" / HOST).exists()


@pytest.mark.parametrize(
    ("slug", "other"),
    [
        ("artikel", "daftar artikel"),
        ("profil", "halaman profil bawaan kimsite"),
        ("potensi", "halaman potensi bawaan kimsite"),
        ("produk", "halaman produk bawaan kimsite"),
        ("cari", "halaman pencarian bawaan kimsite"),
        ("kategori", "daftar kategori"),
        ("tag", "daftar tag"),
    ],
)
def test_a_page_that_takes_an_address_of_the_site_is_named_with_what_it_hides(
    tmp_path: Path, slug: str, other: str
) -> None:
    files = _files()
    files[f"content/uji/halaman/{slug}.md"] = f"---\njudul: Halaman {slug}\n---\nIsi.\n"
    root = write_project(tmp_path / "p", files, config=BASE_CONFIG)
    report = build(root / "config.yaml", now=NOW, with_index=False)
    [problem] = [p for p in report.problems if p.severity.value == "error"]
    assert problem.path == str(root / f"content/uji/halaman/{slug}.md")
    assert problem.code == "output.conflict"
    claimants = {dict(problem.params)["first"], dict(problem.params)["second"]}
    assert claimants == {f"halaman {slug}", other}
    assert dict(problem.params)["output"] == f"{slug}/index.html"
