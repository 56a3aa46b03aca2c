"""The province index stays light at the size of Jawa Timur (~8,500 desa): 8,000 KIMs in
38 kabupaten/kota, one of them with 474 (as Kabupaten Lamongan has desa). Its home lists
regions, not KIMs; each region page lists its KIMs, a hundred a page; every KIM is two
clicks from the home page."""

from __future__ import annotations

import gzip
from pathlib import Path

import lxml.html

from kimsite.config import load_config
from kimsite.model import KimSummary
from kimsite.problems import ProblemLog
from kimsite.province import render_index
from kimsite.themes import load_theme
from tests.helpers import write_project

KIMS, KABKOTA, KECAMATAN_PER_KABKOTA = 8000, 38, 17
LIMIT = 60 * 1024  # gzipped HTML per page
BIG = 474


def _summaries() -> list[KimSummary]:
    out = []
    for n in range(KIMS):
        # The first 474 KIMs in the first kabupaten; the rest spread over the others.
        kab = 0 if n < BIG else 1 + n % (KABKOTA - 1)
        kec = (n // KABKOTA) % KECAMATAN_PER_KABKOTA
        kab_code = f"35.{kab + 1:02d}"
        kec_code = f"{kab_code}.{kec + 1:02d}"
        slug = f"sumberrejo-{n}"
        base = f"https://{slug}.kim.id/"
        out.append(
            KimSummary(
                slug=slug, nama=f"KIM Sumberrejo Makmur {n}", host=f"{slug}.kim.id",
                base_url=base, istilah="Komunitas Informasi Masyarakat",
                deskripsi="Kabar warga, potensi desa, dan produk UMKM dari desa kami. " * 2,
                logo_url=f"{base}media/logo.png", kode_wilayah=f"{kec_code}.2{n % 1000:03d}",
                desa=f"Sumberrejo {n}", desa_jenis="Desa", kecamatan_code=kec_code,
                kecamatan=f"Ngadirojo {kab}-{kec}", kabkota_code=kab_code,
                kabkota=f"Kabupaten Probolinggo {kab}", article_count=40,
                latest=[
                    {
                        "judul": f"Gotong royong membersihkan saluran irigasi desa {n}-{i}",
                        "url": f"{base}artikel/gotong-royong-{i}/",
                        "ringkasan": "Warga bergotong royong membersihkan saluran irigasi. " * 3,
                        "tanggal_iso": f"2026-05-{i + 1:02d}",
                        "tanggal_text": f"Jumat, {i + 1} Mei 2026",
                        "tanggal_date_text": f"Jumat, {i + 1} Mei 2026",
                        "updated_iso": f"2026-05-{i + 1:02d}T08:00:00+07:00",
                        "published_iso": f"2026-05-{i + 1:02d}T08:{n % 60:02d}:00+07:00",
                        "kategori": "Kegiatan",
                        "gambar": f"{base}media/foto-{i}.jpg",
                        "gambar_alt": "Warga membersihkan saluran",
                        "html_digest": "0" * 24,
                        "penulis": "Pengurus KIM",
                    }
                    for i in range(3)
                ],
            )
        )
    return out


def test_every_index_page_is_light_at_8000_kims(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p", {},
        config='provinsi: "35"\ndomain_indeks: kim.jatimprov.go.id\njudul: KIM Jawa Timur\n',
    )
    config = load_config(root / "config.yaml")
    log = ProblemLog()
    theme = load_theme(config.themes_dir, config.tema, log, root / "config.yaml", None)
    assert theme is not None
    site = render_index(_summaries(), config, theme, log, lambda slug, url: "<p>Isi.</p>")
    assert site is not None and not log.has_errors(), [p.format() for p in log]
    sizes = {
        str(path): len(gzip.compress(data, 9))
        for path, data in site.texts.items()
        if path.suffix == ".html"
    }
    home = sizes["index.html"]
    regions = {k: v for k, v in sizes.items() if k.startswith("wilayah/")}
    big = [k for k in regions if k.startswith("wilayah/kabupaten-probolinggo-0/")]
    assert len(big) == 5, big  # 474 KIMs: five pages of at most a hundred
    print(f"\nindex at {KIMS} KIMs: home {home / 1024:.1f} KB gz, largest region page "
          f"{max(regions.values()) / 1024:.1f} KB gz, {len(regions)} region pages")
    too_big = {k: v for k, v in sizes.items() if v > LIMIT}
    assert not too_big, too_big

    # Every KIM within two clicks of the home page: follow the links.
    pages = {
        "/" + str(path).removesuffix("index.html"): data.decode()
        for path, data in site.texts.items()
        if path.suffix == ".html"
    }

    def links(url: str) -> set[str]:
        doc = lxml.html.fromstring(pages[url])
        return {a.get("href").split("#")[0] for a in doc.iter("a") if a.get("href")}

    first = links("/")
    second = set().union(*(links(u) for u in first if u in pages))
    kims = {s.base_url for s in _summaries()}
    assert kims <= first | second, len(kims - first - second)
    home_html = pages["/"]
    assert "sumberrejo-4321.kim.id" not in home_html  # the home lists regions, not KIMs
