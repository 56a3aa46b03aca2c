"""The shipped sample, built as README's first command builds it, checked on real output."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from kimsite.build.pipeline import BuildReport
from kimsite.indonesia.conventions import parse_moment
from kimsite.indonesia.regions import lookup
from tests.helpers import SAMPLE_NOW, broken_links, html_pages, parse, parse_atom, validate_sitemap

Sample = tuple[Path, BuildReport]
MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
DAYS = "Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu"
FULL_DATE = re.compile(rf"({DAYS}), \d{{1,2}} ({MONTHS}) \d{{4}}")


def _profiles(root: Path) -> dict[str, dict[str, object]]:
    return {
        p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "content").glob("*/kim.yaml"))
    }


def _host(slug: str, data: dict[str, object]) -> str:
    return str(data.get("domain") or f"{slug}.kim.id")


def test_sample_builds_cleanly(sample: Sample) -> None:
    root, report = sample
    errors = [p.format() for p in report.problems if p.severity.value == "error"]
    assert errors == []
    profiles = _profiles(root)
    assert len(profiles) >= 8
    kabkota = {lookup(str(d["kode_wilayah"])).kabkota for d in profiles.values()}  # type: ignore[union-attr]
    assert len(kabkota) >= 3
    assert all(k.built for k in report.kims)
    assert report.index_built


def test_every_kim_has_every_page(sample: Sample) -> None:
    root, report = sample
    build = report.out_dir
    for slug, data in _profiles(root).items():
        site = build / _host(slug, data)
        for rel in (
            "index.html",
            "artikel/index.html",
            "profil/index.html",
            "kategori/index.html",
            "tag/index.html",
            "404.html",
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
        ):
            assert (site / rel).is_file(), f"{site.name}/{rel}"
        if data.get("potensi"):
            assert (site / "potensi/index.html").is_file()
        if data.get("produk"):
            assert (site / "produk/index.html").is_file()
        for page in sorted((root / "content" / slug / "halaman").glob("*.md")):
            assert (site / page.stem / "index.html").is_file(), page
        articles = sorted((root / "content" / slug / "artikel").glob("*.md"))
        assert 3 <= len(articles) <= 8, slug
        robots = (site / "robots.txt").read_text()
        assert f"Sitemap: https://{site.name}/sitemap.xml" in robots


def test_article_pages_show_title_date_and_body(sample: Sample) -> None:
    root, report = sample
    count = 0
    for slug, data in _profiles(root).items():
        site = report.out_dir / _host(slug, data)
        for page in sorted((site / "artikel").glob("*/index.html")):
            if page.parent.name == "hal" or page.parent.parent.name == "hal":
                continue
            doc = parse(page)
            title = doc.findtext(".//h1")
            assert title and title.strip()
            assert title.strip() in doc.findtext(".//title")
            time = doc.find(".//article//time")
            assert time is not None and FULL_DATE.search(time.text_content()), page
            body = doc.find(".//div[@class='isi']")
            assert body is not None and len(body.text_content().split()) >= 20, page
            assert doc.find(".//meta[@property='og:image']") is not None
            count += 1
    assert count >= 8 * 3


def test_unpublished_articles_are_not_built(sample: Sample) -> None:
    root, report = sample
    for md in sorted((root / "content").glob("*/artikel/*.md")):
        text = md.read_text(encoding="utf-8")
        header = yaml.safe_load(text.split("---")[1])
        slug = header.get("slug") or re.sub(r"^\d{4}-\d{2}-\d{2}-", "", md.stem)
        profile = yaml.safe_load((md.parent.parent / "kim.yaml").read_text(encoding="utf-8"))
        page = (
            report.out_dir / _host(md.parent.parent.name, profile) / "artikel" / slug / "index.html"
        )
        moment = parse_moment(str(header["tanggal"]), report.config.zone)
        assert moment is not None, md
        unpublished = header.get("draf") is True or moment.at > SAMPLE_NOW
        assert page.is_file() != unpublished, md


def test_every_internal_link_resolves(sample: Sample) -> None:
    _root, report = sample
    hosts = {p.name for p in report.out_dir.iterdir()}
    assert broken_links(report.out_dir, hosts) == []


def test_index_lists_every_kim_by_region(sample: Sample) -> None:
    root, report = sample
    index_dir = report.out_dir / "kim.ntbprov.go.id"
    doc = parse(index_dir / "index.html")
    for slug, data in _profiles(root).items():
        region = lookup(str(data["kode_wilayah"]))
        assert region is not None
        host = _host(slug, data)
        # Two clicks from the index's home: its kabupaten/kota, then the KIM.
        url = "/wilayah/" + region.kabkota.lower().replace(" ", "-") + "/"
        assert doc.xpath(f"//ul[@class='wilayah-daftar']//a[@href='{url}']")
        region_page = parse(index_dir / url.strip("/") / "index.html")
        links = region_page.xpath(f"//main//h3/a[@href='https://{host}/']")
        assert len(links) == 1, f"{slug} is not listed once on {url}"
        kec_heading = links[0].xpath("ancestor::section[1]/h2")[0].text_content()
        assert region.kecamatan in kec_heading


def test_index_counts_match(sample: Sample) -> None:
    root, report = sample
    doc = parse(report.out_dir / "kim.ntbprov.go.id" / "index.html")
    profiles = _profiles(root)
    per_kab: dict[str, int] = {}
    for data in profiles.values():
        region = lookup(str(data["kode_wilayah"]))
        assert region is not None
        per_kab[region.kabkota] = per_kab.get(region.kabkota, 0) + 1
    entries = doc.xpath("//ul[@class='wilayah-daftar']/li")
    assert len(entries) == len(per_kab)
    for li in entries:
        name = li.findtext("a")
        assert f"({per_kab[name]} KIM," in li.text_content()


def test_index_latest_news_links_to_kim_hosts(sample: Sample) -> None:
    root, report = sample
    hosts = {_host(s, d) for s, d in _profiles(root).items()}
    doc = parse(report.out_dir / "kim.ntbprov.go.id" / "index.html")
    news = doc.xpath("//section[@aria-labelledby='judul-berita']//h3/a/@href")
    assert len(news) >= 10
    assert all(re.match(r"https://([^/]+)/artikel/[a-z0-9-]+/$", u) for u in news)
    assert {re.match(r"https://([^/]+)/", u)[1] for u in news} <= hosts  # type: ignore[index]


def test_feeds_are_atom(sample: Sample) -> None:
    _root, report = sample
    feeds = sorted(report.out_dir.glob("*/feed.xml"))
    assert len(feeds) >= 9
    for feed in feeds:
        parsed = parse_atom(feed)
        host = feed.parent.name
        assert parsed.feed.link.startswith(f"https://{host}/")
        for entry in parsed.entries:
            assert entry.link.startswith("https://")
        if host != "kim.ntbprov.go.id":
            assert all(e.link.startswith(f"https://{host}/artikel/") for e in parsed.entries)


def test_sitemaps_match_schema_and_list_every_page(sample: Sample) -> None:
    _root, report = sample
    for sitemap in sorted(report.out_dir.glob("*/sitemap.xml")):
        site = sitemap.parent
        locs = validate_sitemap(sitemap)
        assert all(loc.startswith(f"https://{site.name}/") for loc in locs)
        if site.name == "kim.ntbprov.go.id":
            continue
        pages = {
            "/" + p.relative_to(site).parent.as_posix() + "/" if p.parent != site else "/"
            for p in html_pages(site)
            if p.name == "index.html"
        } - {"/cari/"}  # noindex: a search page without words is not for crawlers
        assert {loc.removeprefix(f"https://{site.name}") for loc in locs} == pages


@pytest.mark.parametrize("path", ["index.html", "profil/index.html"])
def test_pages_are_indonesian_and_shareable(sample: Sample, path: str) -> None:
    _root, report = sample
    for site in sorted(
        p for p in report.out_dir.iterdir() if p.is_dir() and p.name != "kim.ntbprov.go.id"
    ):
        doc = parse(site / path)
        assert doc.get("lang") == "id"
        canonical = doc.find(".//link[@rel='canonical']").get("href")
        assert canonical == f"https://{site.name}/" + ("" if path == "index.html" else "profil/")
        assert doc.find(".//meta[@property='og:title']") is not None
        assert doc.find(".//meta[@name='description']").get("content")


def test_index_news_photos_live_on_the_index(sample: Sample) -> None:
    """The index stands on its own: its news photos are small copies on its own host."""
    from PIL import Image

    _root, report = sample
    index = report.out_dir / "kim.ntbprov.go.id"
    srcs = parse(index / "index.html").xpath("//main//article//img/@src")
    assert len(srcs) >= 5
    for src in srcs:
        assert src.startswith("/gambar/") and src.endswith("-480w.webp"), src
        with Image.open(index / src.lstrip("/")) as image:
            assert image.format == "WEBP" and image.width <= 480


def test_summaries_cannot_name_files_outside_a_site(tmp_path: Path) -> None:
    """Summaries are cache data: a planted one naming another file publishes nothing."""
    from kimsite.build.index import _built_file

    site = tmp_path / "out/desa.kim.id/media"
    site.mkdir(parents=True)
    (site / "x-480w.webp").write_bytes(b"RIFF")
    (tmp_path / "rahasia.webp").write_bytes(b"RIFF")
    os.symlink(tmp_path / "rahasia.webp", site / "link-480w.webp")
    out = tmp_path / "out"
    assert _built_file(out, "desa.kim.id", "/media/x-480w.webp") == (site / "x-480w.webp").resolve()
    for host, url in [
        ("desa.kim.id", "/media/../../rahasia.webp"),
        ("desa.kim.id", "/media/link-480w.webp"),
        ("..", "/rahasia.webp"),
        ("desa.kim.id", "/kim.yaml"),
        ("desa.kim.id", "/media/x-480w.webp/../../../rahasia.webp"),
    ]:
        assert _built_file(out, host, url) is None, (host, url)
