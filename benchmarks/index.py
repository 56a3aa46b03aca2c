"""The province index at the size of Jawa Timur: how long it takes to render from KIM
summaries, and how heavy each of its pages is for a reader's phone.

    python -m benchmarks.index [--kims 8000]

Prints the render time and the gzipped size of the home page, the largest region page and
the largest news page. Not part of the test suite (tests/test_index_scale.py asserts the
60 KB limit on the same province).
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from pathlib import Path

from kimsite.model.content import KimSummary

KIMS, KABKOTA, KECAMATAN_PER_KABKOTA, BIG = 8000, 38, 17, 474
CONFIG = 'provinsi: "35"\ndomain_indeks: kim.jatimprov.go.id\njudul: KIM Jawa Timur\n'


def summaries(kims: int = KIMS) -> list[KimSummary]:
    """KIM summaries of a province like Jawa Timur's: 38 kabupaten/kota, the first with
    474 KIMs (as Kabupaten Lamongan has desa), the others sharing the rest."""
    out = []
    for n in range(kims):
        # The first 474 KIMs in the first kabupaten; the rest spread over the others.
        kab = 0 if n < BIG else 1 + n % (KABKOTA - 1)
        kec = (n // KABKOTA) % KECAMATAN_PER_KABKOTA
        kab_code = f"35.{kab + 1:02d}"
        kec_code = f"{kab_code}.{kec + 1:02d}"
        slug = f"sumberrejo-{n}"
        base = f"https://{slug}.kim.id/"
        out.append(
            KimSummary(
                slug=slug,
                nama=f"KIM Sumberrejo Makmur {n}",
                host=f"{slug}.kim.id",
                base_url=base,
                istilah="Komunitas Informasi Masyarakat",
                deskripsi="Kabar warga, potensi desa, dan produk UMKM dari desa kami. " * 2,
                logo_url=f"{base}media/logo.png",
                kode_wilayah=f"{kec_code}.2{n % 1000:03d}",
                desa=f"Sumberrejo {n}",
                desa_jenis="Desa",
                kecamatan_code=kec_code,
                kecamatan=f"Ngadirojo {kab}-{kec}",
                kabkota_code=kab_code,
                kabkota=f"Kabupaten Probolinggo {kab}",
                article_count=40,
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


def render(summaries: list[KimSummary], root: Path) -> dict[str, int]:
    """Render the index into memory; gzipped bytes of each HTML page."""
    import shutil

    from kimsite.model.problems import ProblemLog
    from kimsite.render.index_site import render_index
    from kimsite.render.themes import load_theme
    from kimsite.source.config import load_config

    repo = Path(__file__).resolve().parent.parent
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(repo / "themes", root / "themes", dirs_exist_ok=True)
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    config = load_config(root / "config.yaml")
    log = ProblemLog()
    theme = load_theme(config.themes_dir, config.tema, log, root / "config.yaml", None)
    assert theme is not None
    site = render_index(summaries, config, theme, log, lambda slug, url: "<p>Isi.</p>")
    assert site is not None and not log.has_errors(), [p.format() for p in log]
    return {
        str(path): len(gzip.compress(data, 9))
        for path, data in site.texts.items()
        if path.suffix == ".html"
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kims", type=int, default=KIMS)
    args = parser.parse_args()
    data = summaries(args.kims)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        sizes = render(data, Path(tmp))
        seconds = time.perf_counter() - started
    regions = {k: v for k, v in sizes.items() if k.startswith("wilayah/")}
    news = {k: v for k, v in sizes.items() if k.startswith("berita/")}
    print(f"index of {args.kims} KIMs rendered in {seconds:.2f} s, {len(sizes)} pages")
    print(f"  home                  {sizes['index.html'] / 1024:6.1f} KB gzipped")
    print(
        f"  largest region page   {max(regions.values()) / 1024:6.1f} KB gzipped "
        f"({len(regions)} region pages)"
    )
    if news:
        print(f"  largest news page     {max(news.values()) / 1024:6.1f} KB gzipped")


if __name__ == "__main__":
    main()
