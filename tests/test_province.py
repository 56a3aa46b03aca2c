"""The province index's own decisions, read on what it renders: which news is "latest" (and
fair between KIMs), how a region's KIMs are cut into pages, and what each index page says
and links to. The summaries are written here, as a shard would have left them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import pytest

from kimsite.model.content import KimSummary
from kimsite.model.problems import ProblemLog
from kimsite.render import index_site
from kimsite.render.index_site import (
    IndexInput,
    KabkotaGroup,
    KecamatanGroup,
    KimEntry,
    Thumbnail,
    _Latest,
    render_index,
)
from kimsite.render.site_output import SiteOutput
from kimsite.render.themes import load_theme
from kimsite.source.config import load_config
from tests.helpers import ATOM, write_project


def _entry(n: int) -> KimEntry:
    return KimEntry(
        f"KIM {n}", f"https://k{n}.kim.id/", f"k{n}.kim.id", f"Desa {n}", "Desa", "", 0, None
    )


def _kecamatan(code: str, first: int, count: int) -> KecamatanGroup:
    return KecamatanGroup(f"Kecamatan {code}", code, tuple(_entry(first + i) for i in range(count)))


def _news(base: str, i: int, day: int, minute: int = 0) -> dict[str, Any]:
    return {
        "judul": f"Kabar {base} {i}",
        "url": f"{base}artikel/kabar-{i}/",
        "ringkasan": f"Ringkasan {i}.",
        "tanggal_iso": f"2026-05-{day:02d}",
        "tanggal_text": f"{day} Mei 2026",
        "tanggal_date_text": f"{day} Mei 2026",
        "updated_iso": f"2026-05-{day:02d}T09:00:00+07:00",
        "published_iso": f"2026-05-{day:02d}T08:{minute:02d}:00+07:00",
        "kategori": "Kegiatan",
        "gambar": None,
        "gambar_alt": f"Foto {i}",
        "html_digest": "0" * 24,
        "penulis": f"Penulis {i}",
    }


def _summary(
    n: int, kab: int, kec: int, articles: int, days: list[int] | None = None
) -> KimSummary:
    slug, kab_code = f"kim{n:03d}", f"52.{kab:02d}"
    base = f"https://{slug}.kim.id/"
    days = days or list(range(1, articles + 1))
    return KimSummary(
        slug=slug,
        nama=f"KIM Nomor {n}",
        host=f"{slug}.kim.id",
        base_url=base,
        istilah="Komunitas Informasi Masyarakat",
        deskripsi=f"Deskripsi {n}.",
        logo_url=None,
        kode_wilayah=f"{kab_code}.{kec:02d}.2001",
        desa=f"Desa {n}",
        desa_jenis="Desa",
        kecamatan_code=f"{kab_code}.{kec:02d}",
        kecamatan=f"Kecamatan {kab}-{kec}",
        kabkota_code=kab_code,
        kabkota=f"Kabupaten Nomor {kab}",
        article_count=articles + 10,
        latest=[_news(base, i, day, n % 60) for i, day in enumerate(days)],
    )


def test_latest_keeps_the_newest_and_the_first_offered_of_equals() -> None:
    latest = _Latest(2)
    latest.offer(("2026-05-02", "a"), "a")
    latest.offer(("2026-05-01", "b"), "b")
    latest.offer(("2026-05-03", "c"), "c")
    assert latest.items() == ["c", "a"]
    latest.offer(("2026-05-02", "a"), "again")  # no newer than the oldest kept: not taken
    assert latest.items() == ["c", "a"]
    latest.offer(("2026-05-02", "b"), "b2")  # newer (a later URL at the same time)
    assert latest.items() == ["c", "b2"]
    # Items that cannot be compared (news records are not ordered): equal keys keep the
    # order they were offered in, and never fall back on comparing the items.
    same = _Latest(3)
    things = [object(), object(), object(), object()]
    for thing in things:
        same.offer(("2026-05-01", "x"), thing)
    assert same.items() == things[:3]


def test_a_region_is_cut_into_pages_in_kecamatan_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_site, "KIM_PER_PAGE", 3)
    group = KabkotaGroup(
        "Kabupaten Satu",
        "52.01",
        "/wilayah/kabupaten-satu/",
        (_kecamatan("a", 0, 2), _kecamatan("b", 10, 4), _kecamatan("c", 20, 3)),
    )
    assert group.count == 9
    assert group.pages == (
        "/wilayah/kabupaten-satu/",
        "/wilayah/kabupaten-satu/hal/2/",
        "/wilayah/kabupaten-satu/hal/3/",
    )
    chunks = group.chunks()
    shape = [[(k.code, [e.nama for e in k.kims], k.continued) for k in chunk] for chunk in chunks]
    assert shape == [
        [("a", ["KIM 0", "KIM 1"], False), ("b", ["KIM 10"], False)],
        [("b", ["KIM 11", "KIM 12", "KIM 13"], True)],
        [("c", ["KIM 20", "KIM 21", "KIM 22"], False)],
    ]
    # Exactly full pages leave no empty page after them; an empty region has one page.
    full = KabkotaGroup("K", "52.02", "/wilayah/k/", (_kecamatan("a", 0, 3), _kecamatan("b", 3, 3)))
    assert len(full.pages) == 2
    assert [[k.code for k in chunk] for chunk in full.chunks()] == [["a"], ["b"]]
    one_more = KabkotaGroup("K", "52.02", "/wilayah/k/", (_kecamatan("a", 0, 7),))
    assert len(one_more.pages) == 3 and [len(c[0].kims) for c in one_more.chunks()] == [3, 3, 1]
    empty = KabkotaGroup("K", "52.03", "/wilayah/k/", ())
    assert empty.pages == ("/wilayah/k/",) and empty.chunks() == [()]


def test_each_kim_gives_the_index_at_most_its_newest_few() -> None:
    gathered = IndexInput(limit=2, per_kim=2)
    busy = _summary(1, 1, 1, 5, days=[3, 9, 1, 7, 5])
    quiet = _summary(2, 1, 1, 1, days=[2])
    other = _summary(3, 2, 1, 1, days=[4])
    for s in (busy, quiet, other):
        gathered.add(s)
    assert gathered.latest is not None
    province_news = [(item.judul, slug) for item, _raw, _kab, slug in gathered.latest.items()]
    # The busy KIM's two newest (days 9 and 7), never its older ones, then the others.
    assert province_news == [
        ("Kabar https://kim001.kim.id/ 1", "kim001"),
        ("Kabar https://kim001.kim.id/ 3", "kim001"),
        ("Kabar https://kim003.kim.id/ 0", "kim003"),
        ("Kabar https://kim002.kim.id/ 0", "kim002"),
    ]
    region_one = [item.judul for item in gathered.by_kabkota["52.01"].items()]
    assert region_one == ["Kabar https://kim001.kim.id/ 1", "Kabar https://kim001.kim.id/ 3"]
    assert [item.kim_nama for item in gathered.by_kabkota["52.02"].items()] == ["KIM Nomor 3"]
    assert [s.slug for s in gathered.kims] == ["kim001", "kim002", "kim003"]
    assert all(s.latest == [] for s in gathered.kims)  # the index keeps no more than it shows
    assert gathered.latest.limit == 2 * index_site.NEWS_PAGES


def _index(
    tmp_path: Path,
    summaries: list[KimSummary],
    limit: int,
    tema: str = "default",
    files: dict[str, str] | None = None,
    thumbnail: Thumbnail | None = None,
) -> tuple[SiteOutput | None, ProblemLog, Path]:
    root = write_project(
        tmp_path / "p",
        files or {},
        config=(
            'provinsi: "52"\ndomain_indeks: kim.ntbprov.go.id\njudul: KIM NTB\n'
            f"penyelenggara: Diskominfotik NTB\nberita_indeks: {limit}\nberita_per_kim: 3\n"
            f"tema: {tema}\n"
        ),
    )
    config = load_config(root / "config.yaml")
    log = ProblemLog()
    theme = load_theme(config.themes_dir, config.tema, log, root / "config.yaml", None)
    assert theme is not None, [p.format() for p in log]
    site = render_index(
        summaries, config, theme, log, lambda slug, url: f"<p>Isi {slug} {url}</p>", thumbnail
    )
    return site, log, root


def _render(
    tmp_path: Path, summaries: list[KimSummary], limit: int, **kwargs: Any
) -> dict[str, Any]:
    site, log, _root = _index(tmp_path, summaries, limit, **kwargs)
    assert site is not None and not log.has_errors(), [p.format() for p in log]
    return {str(path): data for path, data in site.texts.items()}


def _page(pages: dict[str, Any], path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(pages[path])


def _titles(doc: lxml.html.HtmlElement) -> list[str]:
    return [a.text_content() for a in doc.xpath("//main//article[@class='kartu']//h3/a")]


def _one(doc: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement:
    [found] = doc.xpath(xpath)
    return found


def _rel(doc: lxml.html.HtmlElement, rel: str) -> list[str]:
    return [a.get("href") for a in doc.xpath(f"//nav[@class='halaman']/a[@rel='{rel}']")]


def test_every_index_page_says_and_links_what_it_should(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_site, "KIM_PER_PAGE", 2)
    summaries = [
        _summary(1, 1, 1, 5, days=[3, 9, 1, 7, 5]),  # gives its three newest: 9, 7, 5
        _summary(2, 1, 2, 1, days=[2]),
        _summary(3, 1, 2, 1, days=[8]),
        _summary(4, 2, 1, 2, days=[4, 6]),
    ]
    pages = _render(tmp_path, summaries, limit=2)
    region1, region2 = "wilayah/kabupaten-nomor-1/", "wilayah/kabupaten-nomor-2/"
    assert sorted(p for p in pages if p.endswith(".html")) == sorted(
        [
            "index.html",
            "berita/hal/2/index.html",
            "berita/hal/3/index.html",
            "berita/hal/4/index.html",
            f"{region1}index.html",
            f"{region1}hal/2/index.html",
            f"{region2}index.html",
            "cari/index.html",
            "404.html",
        ]
    )
    k = {n: f"Kabar https://kim00{n}.kim.id/" for n in range(1, 5)}
    newest = [
        f"{k[1]} 1",
        f"{k[3]} 0",
        f"{k[1]} 3",
        f"{k[4]} 1",
        f"{k[1]} 4",
        f"{k[4]} 0",
        f"{k[2]} 0",
    ]  # days 9, 8, 7, 6, 5, 4, 2

    home = _page(pages, "index.html")
    assert home.findtext(".//title") == "KIM NTB"
    assert " ".join(home.xpath("//p[@class='wilayah']")[0].text_content().split()) == (
        "4 KIM di 2 kabupaten/kota · 49 berita"
    )
    assert _titles(home) == newest[:2]
    assert [a.get("href") for a in home.xpath("//a[contains(@class, 'tombol')]")] == [
        "/berita/hal/2/"
    ]
    assert [a.get("href") for a in home.xpath("//nav//a")][:4] == [
        "/",
        f"/{region1}",
        f"/{region2}",
        "/cari/",
    ]
    region_list = [
        " ".join(li.text_content().split()) for li in home.xpath("//ul[@class='wilayah-daftar']/li")
    ]
    assert region_list == [
        "Kabupaten Nomor 1 (3 KIM, 2 kecamatan) · halaman 1 2",
        "Kabupaten Nomor 2 (1 KIM, 1 kecamatan)",
    ]

    for number in (2, 3, 4):
        doc = _page(pages, f"berita/hal/{number}/index.html")
        url = f"https://kim.ntbprov.go.id/berita/hal/{number}/"
        assert doc.findtext(".//title") == f"Berita terbaru — Halaman {number} | KIM NTB"
        assert _one(doc, "//link[@rel='canonical']").get("href") == url
        assert _one(doc, "//meta[@name='description']").get("content") == (
            f"Berita terbaru dari seluruh KIM Nusa Tenggara Barat, halaman {number}."
        )
        assert _titles(doc) == newest[2 * number - 2 : 2 * number]
        assert _rel(doc, "prev") == ["/" if number == 2 else f"/berita/hal/{number - 1}/"]
        assert _rel(doc, "next") == ([] if number == 4 else [f"/berita/hal/{number + 1}/"])
        assert doc.findtext(".//h2") == f"Halaman {number} dari 4"

    first = _page(pages, f"{region1}index.html")
    second = _page(pages, f"{region1}hal/2/index.html")
    assert first.findtext(".//title") == "KIM di Kabupaten Nomor 1 | KIM NTB"
    assert second.findtext(".//title") == "KIM di Kabupaten Nomor 1 — Halaman 2 | KIM NTB"
    for doc in (first, second):
        assert _one(doc, "//meta[@name='description']").get("content") == (
            "Daftar 3 KIM di Kabupaten Nomor 1, Nusa Tenggara Barat."
        )
        # Each kecamatan links to the page where its list begins.
        assert [a.get("href") for a in doc.xpath("//main//nav//ul//a")] == [
            f"/{region1}#kec-52-01-01",
            f"/{region1}#kec-52-01-02",
        ]
    assert [h.text_content() for h in first.xpath("//section/h2[starts-with(@id, 'kec')]")] == [
        "Kecamatan Kecamatan 1-1",
        "Kecamatan Kecamatan 1-2",
    ]
    assert [h.text_content() for h in second.xpath("//section/h2[starts-with(@id, 'kec')]")] == [
        "Kecamatan Kecamatan 1-2 (lanjutan)"
    ]
    assert [a.text_content() for a in first.xpath("//section//h3/a")][:2] == [
        "KIM Nomor 1",
        "KIM Nomor 2",
    ]
    assert _rel(first, "next") == [f"/{region1}hal/2/"] and _rel(first, "prev") == []
    assert _rel(second, "prev") == [f"/{region1}"] and _rel(second, "next") == []
    # The region's own latest news, on its first page only.
    assert _titles(first)[-2:] == [f"{k[1]} 1", f"{k[3]} 0"]
    assert not second.xpath("//*[@id='judul-berita']")
    only = _page(pages, f"{region2}index.html")
    assert only.findtext(".//title") == "KIM di Kabupaten Nomor 2 | KIM NTB"
    assert _titles(only)[-2:] == [f"{k[4]} 1", f"{k[4]} 0"] and not only.xpath(
        "//nav[@class='halaman']"
    )

    for path, title in (
        ("cari/index.html", "Cari berita KIM"),
        ("404.html", "Halaman tidak ditemukan"),
    ):
        doc = _page(pages, path)
        assert doc.findtext(".//title") == f"{title} | KIM NTB"
        assert _one(doc, "//meta[@name='robots']").get("content") == "noindex"
    assert (
        _one(_page(pages, "cari/index.html"), "//meta[@name='description']").get("content")
        == "Cari berita semua KIM di Nusa Tenggara Barat."
    )

    sitemap = lxml.etree.fromstring(pages["sitemap.xml"])
    listed = [loc.text for loc in sitemap.iter("{*}loc")]
    base = "https://kim.ntbprov.go.id/"
    assert listed == [
        base,
        *(f"{base}berita/hal/{n}/" for n in (2, 3, 4)),
        f"{base}{region1}",
        f"{base}{region1}hal/2/",
        f"{base}{region2}",
    ]
    assert pages["robots.txt"].decode().endswith(f"Sitemap: {base}sitemap.xml\n")

    feed = lxml.etree.fromstring(pages["feed.xml"])
    assert feed.findtext(f"{ATOM}updated") == "2026-05-09T09:00:00+07:00"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Diskominfotik NTB"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == newest[:2]
    one = entries[0]
    assert one.findtext(f"{ATOM}published") == "2026-05-09T08:01:00+07:00"
    assert one.findtext(f"{ATOM}author/{ATOM}name") == "Penulis 1"
    assert [c.get("term") for c in one.findall(f"{ATOM}category")] == [
        "Kegiatan",
        "Kabupaten Nomor 1",
    ]
    assert one.findtext(f"{ATOM}content") == (
        "<p>Isi kim001 https://kim001.kim.id/artikel/kabar-1/</p>"
    )


def test_a_province_without_kims_yet_has_a_home_and_valid_feeds(tmp_path: Path) -> None:
    pages = _render(tmp_path, [], limit=5)
    assert sorted(p for p in pages if p.endswith(".html")) == [
        "404.html",
        "cari/index.html",
        "index.html",
    ]
    home = _page(pages, "index.html")
    text = " ".join(home.text_content().split())
    assert "Belum ada berita." in text and "Belum ada KIM." in text
    assert "0 KIM di 0 kabupaten/kota · 0 berita" in text
    feed = lxml.etree.fromstring(pages["feed.xml"])
    assert feed.findtext(f"{ATOM}updated") == "2000-01-01T00:00:00+00:00"  # fixed: deterministic
    assert feed.findall(f"{ATOM}entry") == []
    sitemap = lxml.etree.fromstring(pages["sitemap.xml"])
    assert [loc.text for loc in sitemap.iter("{*}loc")] == ["https://kim.ntbprov.go.id/"]


def test_two_regions_claiming_one_page_stop_the_index_with_both_named(tmp_path: Path) -> None:
    """Summaries come from the cache of other shards: two kabupaten/kota codes under one
    name would write one region page twice. The index says so instead of keeping either."""
    first, second = _summary(1, 1, 1, 1), _summary(2, 2, 1, 1)
    second = KimSummary(**{**second.to_json(), "kabkota": first.kabkota})
    site, log, root = _index(tmp_path, [first, second], limit=2)
    assert site is None
    [problem] = list(log)
    assert problem.code == "output.conflict" and problem.path == str(root / "config.yaml")
    params = dict(problem.params)
    assert params["output"] == "wilayah/kabupaten-nomor-1/index.html"
    assert (params["first"], params["second"]) == ("wilayah 52.01", "wilayah 52.02")


UJI = {
    "themes/uji/theme.yaml": "nama: uji\nextends: default\n",
    "themes/uji/templates/cari.html": (
        '{% extends "base.html" %}{% block content %}<p id="situs">{{ site.host }}|'
        "{{ site.index_url }}|{{ site.index_title }}|{{ site.provinsi }}|"
        "{{ site.penyelenggara }}|{{ site.istilah }}|{{ site.is_index }}</p>{% endblock %}"
    ),
    "themes/uji/templates/province_home.html": (
        '{% extends "base.html" %}{% block content %}<p id="pager">{{ pager.number }}/'
        "{{ pager.total }}|{{ pager.prev_url }}|{{ pager.next_url }}</p>{% for n in news %}"
        '<p class="n">{{ n.judul }}|{{ n.url }}|{{ n.ringkasan }}|{{ n.tanggal_text }}|'
        "{{ n.tanggal_iso }}|{{ n.kategori }}|{{ n.gambar }}|{{ n.gambar_alt }}|{{ n.kim_nama }}|"
        "{{ n.kim_url }}|{{ n.desa }}</p>{% endfor %}{% endblock %}"
    ),
}


def test_a_province_theme_gets_what_the_theme_guide_promises(tmp_path: Path) -> None:
    summaries = [_summary(1, 1, 1, 3)]
    pages = _render(tmp_path, summaries, limit=2, tema="uji", files=UJI)
    situs = _page(pages, "cari/index.html").xpath("//p[@id='situs']")[0].text
    assert situs == (
        "kim.ntbprov.go.id|https://kim.ntbprov.go.id/|KIM NTB|Nusa Tenggara Barat|"
        "Diskominfotik NTB|Portal Komunitas Informasi Masyarakat Nusa Tenggara "
        "Barat|True"
    )
    home = _page(pages, "index.html")
    assert home.xpath("//p[@id='pager']")[0].text == "1/2|None|/berita/hal/2/"
    assert [p.text for p in home.xpath("//p[@class='n']")] == [
        f"Kabar https://kim001.kim.id/ {i}|https://kim001.kim.id/artikel/kabar-{i}/|"
        f"Ringkasan {i}.|{i + 1} Mei 2026|2026-05-0{i + 1}|Kegiatan|None|Foto {i}|KIM Nomor 1|"
        "https://kim001.kim.id/|Desa 1"
        for i in (2, 1)
    ]


def test_a_province_theme_mistake_names_its_file_and_line(tmp_path: Path) -> None:
    broken = {
        **UJI,
        "themes/uji/templates/province_home.html": (
            '{% extends "base.html" %}{% block content %}\n<link href="{{ aset(\'tidak-ada.css\') }}">'
            "\n{% endblock %}"
        ),
    }
    site, log, root = _index(tmp_path, [_summary(1, 1, 1, 1)], limit=2, tema="uji", files=broken)
    assert site is None
    [problem] = list(log)
    assert problem.code == "theme.render"
    assert (problem.path, problem.line) == (
        str(root / "themes/uji/templates/province_home.html"),
        2,
    )
    assert "tema uji" in problem.message(), problem.message()
    # A theme of its own (no parent) without the news pages' template: the index names it,
    # at config.yaml, which chose the theme.
    alone = {
        "themes/polos/theme.yaml": "nama: polos\n",
        **{
            f"themes/polos/templates/{name}": '<html lang="id"><title>{{ meta.title }}</title></html>'
            for name in ("province_home.html", "province_region.html", "cari.html", "404.html")
        },
    }
    site, log, root = _index(
        tmp_path / "polos", [_summary(1, 1, 1, 3)], limit=1, tema="polos", files=alone
    )
    assert site is None
    assert [(p.code, p.path, dict(p.params)["name"]) for p in log] == [
        ("theme.missing_template", str(root / "config.yaml"), "province_news.html")
    ] * 2


def test_news_photos_shown_only_on_a_region_page_are_published_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index's own small copy of each photo it shows: on the home page and on the region
    pages, whose latest news reach further back than the province's."""
    monkeypatch.setattr(index_site, "NEWS_PAGES", 1)
    photo = tmp_path / "foto-480w.webp"
    photo.write_bytes(b"RIFF....WEBP")
    summaries = [_summary(1, 1, 1, 2, days=[8, 9]), _summary(2, 2, 1, 2, days=[1, 2])]
    for s in summaries:
        for a in s.latest:
            a["gambar_kecil"] = a["url"] + "foto-480w.webp"
            a["gambar"] = f"https://{s.host}/media/foto.jpg"
    asked: list[tuple[str, str]] = []

    def thumbnail(host: str, url: str) -> Path | None:
        asked.append((host, url))
        return photo

    site, log, _root = _index(tmp_path, summaries, limit=2, thumbnail=thumbnail)
    assert site is not None and not log.has_errors()
    assert ("kim002.kim.id", "https://kim002.kim.id/artikel/kabar-1/foto-480w.webp") in asked
    copies = sorted(str(path) for path in site.copies)
    assert copies == ["gambar/kim001/foto-480w.webp", "gambar/kim002/foto-480w.webp"]
    region = lxml.html.fromstring(site.texts[Path("wilayah/kabupaten-nomor-2/index.html")])
    assert [img.get("src") for img in region.xpath("//main//img")] == [
        "/gambar/kim002/foto-480w.webp"
    ] * 2
