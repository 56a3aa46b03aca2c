"""The province index stays light at the size of Jawa Timur (~8,500 desa): 8,000 KIMs in
38 kabupaten/kota, one of them with 474 (as Kabupaten Lamongan has desa). Its home lists
regions, not KIMs; each region page lists its KIMs, a hundred a page; every KIM is two
clicks from the home page."""

from __future__ import annotations

import gzip
from pathlib import Path

import lxml.html

from benchmarks.index import KIMS, summaries
from kimsite.model.problems import ProblemLog
from kimsite.render.index_site import render_index
from kimsite.render.themes import load_theme
from kimsite.source.config import load_config
from tests.helpers import write_project

LIMIT = 60 * 1024  # gzipped HTML per page


def test_every_index_page_is_light_at_8000_kims(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {},
        config='provinsi: "35"\ndomain_indeks: kim.jatimprov.go.id\njudul: KIM Jawa Timur\n',
    )
    config = load_config(root / "config.yaml")
    log = ProblemLog()
    theme = load_theme(config.themes_dir, config.tema, log, root / "config.yaml", None)
    assert theme is not None
    site = render_index(summaries(), config, theme, log, lambda slug, url: "<p>Isi.</p>")
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
    print(
        f"\nindex at {KIMS} KIMs: home {home / 1024:.1f} KB gz, largest region page "
        f"{max(regions.values()) / 1024:.1f} KB gz, {len(regions)} region pages"
    )
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
    kims = {s.base_url for s in summaries()}
    assert kims <= first | second, len(kims - first - second)
    home_html = pages["/"]
    assert "sumberrejo-4321.kim.id" not in home_html  # the home lists regions, not KIMs
