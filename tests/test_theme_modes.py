"""The default theme in a real Chromium: accessible (axe-core) on every page type at a
phone's and a laptop's width, dark mode follows the phone, print drops menus.

The sample's KIM site is served over HTTP on 127.0.0.1 (root-relative stylesheets), once
as the default theme and once as `pesisir`, its child theme.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from kimsite.build.pipeline import BuildReport
from tests.helpers import REPO, serving


@pytest.fixture(scope="module")
def served(sample: tuple[Path, BuildReport]) -> Iterator[dict[str, str]]:
    """Each KIM site on its own port, so that its root-relative links resolve."""
    _root, report = sample
    sites = ("sesela.kim.id", "ampenan-selatan.kim.id", "kim.ntbprov.go.id")
    with ExitStack() as stack:
        yield {site: stack.enter_context(serving(report.out_dir / site)) for site in sites}


def _luminance(css_color: str) -> float:
    """Relative luminance (WCAG) of an `rgb(r, g, b)` computed colour."""
    parts = [int(p) for p in css_color[css_color.index("(") + 1 : -1].split(",")[:3]]

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in parts)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


COLOURS = """() => {
  const s = e => getComputedStyle(document.querySelector(e));
  const link = document.querySelector('main .kartu h2 a, main .kartu h3 a');
  return {
    body: s('body').backgroundColor, text: s('body').color,
    link: getComputedStyle(link).color,
    band: s('.kepala').backgroundColor, bandImage: s('.kepala').backgroundImage,
    bandText: s('.kepala').color,
    menu: s('.menu').display,
  };
}"""


@pytest.mark.parametrize("site", ["sesela.kim.id", "ampenan-selatan.kim.id"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_follow_the_phone_and_stay_readable(
    served: dict[str, str], browser: object, site: str, scheme: str
) -> None:
    page = browser.new_page(color_scheme=scheme)  # type: ignore[attr-defined]
    try:
        page.goto(served[site] + "/")
        c = page.evaluate(COLOURS)
    finally:
        page.close()
    dark = _luminance(c["body"]) < 0.05
    assert dark == (scheme == "dark"), c
    assert _contrast(c["text"], c["body"]) >= 7, c  # WCAG AAA for body text
    assert _contrast(c["link"], c["body"]) >= 4.5, c
    # The header band: its colour, or every stop of its gradient (pesisir's wave).
    bands = (
        [c["band"]]
        if not c["band"].startswith("rgba")
        else re.findall(r"rgba?\([^)]*\)", c["bandImage"])
    )
    assert bands, c
    for band in bands:
        assert _contrast(c["bandText"], band) >= 4.5, (band, c)


def test_print_drops_menus_and_keeps_the_article(served: dict[str, str], browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.emulate_media(media="print")
        page.goto(served["sesela.kim.id"] + "/")
        c = page.evaluate(COLOURS)
        article = page.evaluate("() => getComputedStyle(document.querySelector('main')).display")
    finally:
        page.close()
    assert c["menu"] == "none" and article != "none"
    assert _luminance(c["body"]) > 0.9 and _luminance(c["text"]) < 0.05


AXE = REPO / ".tools/node_modules/axe-core/axe.min.js"


def _page_types(out: Path) -> list[tuple[str, str]]:
    kim = out / "ampenan-selatan.kim.id"
    article = sorted((kim / "artikel").glob("*/index.html"))[0].parent.name
    region = sorted((out / "kim.ntbprov.go.id/wilayah").iterdir())[0].name
    paths = [
        "/",
        "/artikel/",
        f"/artikel/{article}/",
        "/profil/",
        "/potensi/",
        "/produk/",
        "/kategori/",
        "/cari/",
        "/404.html",
    ]
    return [("ampenan-selatan.kim.id", p) for p in paths] + [
        ("kim.ntbprov.go.id", "/"),
        ("kim.ntbprov.go.id", f"/wilayah/{region}/"),
        ("kim.ntbprov.go.id", "/cari/?q=desa"),
    ]


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)], ids=["390px", "1280px"])
def test_axe_finds_nothing_serious_on_any_page_type(
    served: dict[str, str],
    browser: object,
    sample: tuple[Path, BuildReport],
    viewport: tuple[int, int],
) -> None:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: scripts/test.sh installs it into .tools/")
    width, height = viewport
    found = []
    checked = 0
    page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    try:
        for site, path in _page_types(sample[1].out_dir):
            page.goto(served[site] + path)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            checked += len(result["passes"]) + len(result["violations"])
            for v in result["violations"]:
                if v["impact"] in ("serious", "critical"):
                    found.append(f"{site}{path}: {v['id']} ({v['impact']}): {v['help']}")
    finally:
        page.close()
    assert checked > 0, "axe ran no rule"
    assert found == [], "\n".join(found)


def test_screenshots_for_a_person(
    sample: tuple[Path, BuildReport], browser: object, tmp_path: Path
) -> None:
    """scripts/screenshots.py writes every page type at both widths, full page."""
    import importlib.util

    from PIL import Image

    spec = importlib.util.spec_from_file_location("screenshots", REPO / "scripts/screenshots.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.take(browser, sample[1].out_dir, tmp_path / "layar")
    names = {p.name for p in written}
    for page in ("beranda", "artikel", "daftar", "profil", "potensi", "produk"):
        assert f"ampenan-selatan.kim.id-{page}-390.png" in names, names
    assert "kim.ntbprov.go.id-indeks-1280.png" in names
    with Image.open(tmp_path / "layar/ampenan-selatan.kim.id-artikel-390.png") as shot:
        assert shot.width == 780 and shot.height > 1688  # DPR 2, longer than one screen
