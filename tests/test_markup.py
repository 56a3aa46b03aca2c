"""A writer's Markdown rendered (`kimsite.render.markup`): heading ids, descriptions."""

from __future__ import annotations

import re
from pathlib import Path

from kimsite.render.markup import shorten

REPO = Path(__file__).resolve().parent.parent


def test_heading_ids_are_unique_and_leave_the_themes_ids_alone() -> None:
    from kimsite.model.content import Document
    from kimsite.render.markup import PAGE_IDS, MarkdownRenderer
    from kimsite.source.files import AssetResolver

    doc = Document(
        Path("/tmp/a.md"),
        "a",
        "A",
        None,
        "## Isi\n\n## Hasil Lomba\n\n## Hasil lomba\n\n### Jum'at *Bersih*\n",
        5,
    )
    html = MarkdownRenderer().render(doc, AssetResolver(Path("/tmp")), {}).html
    assert re.findall(r'id="([^"]+)"', html) == [
        "isi-2",
        "hasil-lomba",
        "hasil-lomba-2",
        "jumat-bersih",
    ]
    theme_ids = set()
    for template in (REPO / "themes").rglob("*.html"):
        theme_ids |= set(re.findall(r'id="([a-z-]+)"', template.read_text(encoding="utf-8")))
    assert theme_ids <= PAGE_IDS


def test_a_description_is_cut_after_the_last_whole_word_that_fits() -> None:
    assert shorten("abc defgh", 9) == "abc defgh"  # fits: as written
    # The ellipsis takes the last place; a word that ends just before it stays.
    assert shorten("abc defgh ijk", 11) == "abc defgh…"
    assert shorten("abc defghi jk", 11) == "abc…"
    assert shorten("Rapat RT, lalu kerja bakti", 11) == "Rapat RT…"  # no comma before "…"
    assert shorten("Kelas XX diumumkan besok", 10) == "Kelas XX…"  # only punctuation goes
    text = "Warga desa bergotong royong membersihkan saluran irigasi. " * 5
    assert all(len(shorten(text, n)) <= n for n in range(10, 200))
