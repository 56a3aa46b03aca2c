"""A reader's phone (390 px wide, device pixel ratio 2) opening an article whose writer
uploaded a photo straight from a phone camera (4000×3000, ~4.5 MB, GPS, sideways) loads at
most 400 KB in all: measured in Chromium from the Resource Timing of every request."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from benchmarks.images import phone_photo
from kimsite.build.pipeline import build
from tests.helpers import article, profile, serving, write_project

BUDGET = 400 * 1024
NOW = datetime(2026, 6, 1, tzinfo=UTC)

TRANSFERRED = """async () => {
  window.scrollTo(0, document.body.scrollHeight);
  await new Promise(r => setTimeout(r, 500));
  const all = [...performance.getEntriesByType('navigation'),
               ...performance.getEntriesByType('resource')];
  return all.map(e => [e.name, e.transferSize || e.encodedBodySize]);
}"""


def test_article_with_a_phone_photo_fits_the_budget(tmp_path: Path, browser: object) -> None:
    photo = phone_photo(7)
    assert len(photo) > 3_000_000
    root = write_project(
        tmp_path / "p",
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/media/panen.jpg": photo,
            "content/desa/artikel/2026-05-01-panen.md": article(
                "Panen raya di sawah desa",
                "2026-05-01",
                gambar="../media/panen.jpg",
                gambar_alt="Petani memanen padi",
                body="Petani memanen padi. " * 150 + "\n\n![Sawah](../media/panen.jpg)\n",
            ),
        },
    )
    assert build(root / "config.yaml", now=NOW).ok
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    try:
        with serving(root / "build/desa.kim.id") as url:
            page = context.new_page()
            page.goto(f"{url}/artikel/panen/")
            page.wait_for_load_state("networkidle")
            entries = page.evaluate(TRANSFERRED)
    finally:
        context.close()
    total = sum(size for _name, size in entries)
    names = [name.rsplit("/", 1)[-1] for name, _size in entries]
    print(f"\n390 px, DPR 2: {total / 1024:.0f} KB in {len(entries)} requests: {names}")
    assert any(name.endswith(".webp") for name in names), names  # srcset was used
    assert not any(name == "panen.jpg" for name in names), names  # not the 1600 px fallback
    assert total <= BUDGET, entries
