"""Links and references a writer puts in an article, as readers get them: a link to
another article becomes its address (with its #fragment), one to a draft is dropped with a
warning, one to nothing is an error at its line; files in media/ get their published
address, in Markdown and in raw HTML alike; a cached page is rendered again when what it
links to changes; summaries are cut at a word. Built in this process (mutation testing
sees it), judged on the built HTML."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from kimsite.build.pipeline import build
from kimsite.render.markup import MAX_NESTING
from tests.helpers import PIXEL, article, parse, profile

NOW = datetime(2026, 1, 1, tzinfo=UTC)
LIMIT = 160  # a description's length (markup.shorten)
BODY = """\
Baca [kabar B](b.md) dan [bagiannya](b.md#panen), juga [draf](draf.md).

![](../media/foto.png)

Lampiran: [surat](../media/surat.pdf#page=2) dan <a href="b.md#rapat">B mentah</a> <a href="./b.md">B polos</a>.

<img src="../media/foto.png" alt="Foto sawah"> <a href="./draf.md">draf mentah</a>

[luar](https://example.org/a.md) dan [atas](#judul) dan <a href="../media/surat.pdf">pdf</a>
"""


def _files(a: str = BODY) -> dict[str, str | bytes]:
    """The KIM of these tests; `a` is the body of its article `a.md`."""
    return {
        "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
        "content/desa/media/foto.png": PIXEL,
        "content/desa/media/surat.pdf": b"%PDF-1.4 surat",
        "content/desa/artikel/a.md": article("A", body=a),
        "content/desa/artikel/b.md": article("B", "2025-07-20"),
        "content/desa/artikel/draf.md": article("Draf", draf="true"),
    }


def _links(page: Path) -> list[tuple[str, str | None]]:
    body = parse(page).xpath("//article//div[contains(@class, 'isi')] | //article")[0]
    return [
        (a.text_content(), a.get("href"))
        for a in body.iter("a")
        if a.text_content()
        in {
            "kabar B",
            "bagiannya",
            "draf",
            "surat",
            "B mentah",
            "B polos",
            "draf mentah",
            "luar",
            "atas",
            "pdf",
        }
    ]


def test_links_and_references_become_the_sites_addresses(project: Callable[..., Path]) -> None:
    root = project(_files())
    report = build(root / "config.yaml", now=NOW)
    problems = {(Path(p.path).name, p.line, p.code, p.severity.value) for p in report.problems}
    # Lines count in the file: the front matter is 4 lines, the body starts at line 5.
    assert problems == {
        ("a.md", 5, "markup.link_unpublished", "warning"),
        ("a.md", 7, "markup.image_no_alt", "warning"),
        ("a.md", 11, "markup.link_unpublished", "warning"),
    }, report.problems
    page = root / "build/desa.kim.id/artikel/a/index.html"
    surat = next((root / "build/desa.kim.id/media").glob("surat*.pdf")).name
    assert _links(page) == [
        ("kabar B", "/artikel/b/"),
        ("bagiannya", "/artikel/b/#panen"),
        ("draf", None),  # the draft is not published: no dead link
        ("surat", f"/media/{surat}#page=2"),
        ("B mentah", "/artikel/b/#rapat"),
        ("B polos", "/artikel/b/"),
        ("draf mentah", None),
        ("luar", "https://example.org/a.md"),
        ("atas", "#judul"),
        ("pdf", f"/media/{surat}"),
    ]
    images = parse(page).xpath("//img[contains(@src, 'foto')]")
    assert len(images) == 2 and len({i.get("src") for i in images}) == 1
    assert images[0].get("src", "").startswith("/media/foto")
    # Markdown's image waits until it is near the screen (raw HTML is left as written).
    assert (images[0].get("loading"), images[0].get("decoding")) == ("lazy", "async")


def test_a_missing_target_is_an_error_at_its_line_and_never_a_dead_link(
    project: Callable[..., Path],
) -> None:
    files = _files()
    files["content/desa/artikel/a.md"] = article(
        "A",
        body=(
            'Satu.\n\nBaca [hilang](hilang.md).\n\n<a href="juga-hilang.md">x</a>\n\n'
            '![Peta](../media/peta.png)\n\n<img src="../media/denah.png" alt="Denah">\n\n'
            '[lain](lain.markdown) <a href="juga.markdown">y</a>\n'
        ),
    )
    root = project(files)
    report = build(root / "config.yaml", now=NOW)
    problems = {(Path(p.path).name, p.line, p.code) for p in report.problems}
    assert problems == {
        ("a.md", 7, "markup.link_missing"),
        ("a.md", 9, "markup.link_missing"),
        ("a.md", 11, "ref.missing"),
        ("a.md", 13, "ref.missing"),
        ("a.md", 15, "markup.link_missing"),  # both: .markdown is Markdown too
    }, report.problems
    assert sum(p.code == "markup.link_missing" for p in report.problems) == 4
    # The writer adds what was missing: the pages cached with the error are not reused.
    for name in ("hilang.md", "juga-hilang.md", "lain.markdown", "juga.markdown"):
        (root / "content/desa/artikel" / name).write_text(article(name), encoding="utf-8")
    for name in ("peta.png", "denah.png"):
        (root / "content/desa/media" / name).write_bytes(PIXEL)
    report = build(root / "config.yaml", now=NOW)
    assert not [p for p in report.problems if p.code in {"markup.link_missing", "ref.missing"}]


def test_a_cached_page_follows_what_it_links_to(project: Callable[..., Path]) -> None:
    """The page of `a` is reused from the cache only while its links answer the same: the
    draft it links to being published gives the link its address; a linked article moved
    to another name, or a media file gone, is noticed although `a.md` never changed."""
    files = _files()
    # `c` has one reference only: when it changes, every one of the page's references did.
    files["content/desa/artikel/c.md"] = article("C", body="Hanya [draf](draf.md).")
    root = project(files)
    assert not [
        p for p in build(root / "config.yaml", now=NOW).problems if p.severity.value == "error"
    ]
    page = root / "build/desa.kim.id/artikel/a/index.html"
    draf = root / "content/desa/artikel/draf.md"
    draf.write_text(article("Draf"), encoding="utf-8")  # published now
    build(root / "config.yaml", now=NOW)
    assert ("draf", "/artikel/draf/") in _links(page)
    assert ("draf", "/artikel/draf/") in _links(root / "build/desa.kim.id/artikel/c/index.html")
    (root / "content/desa/media/surat.pdf").unlink()
    report = build(root / "config.yaml", now=NOW)
    assert ("a.md", 9, "ref.missing") in {
        (Path(p.path).name, p.line, p.code) for p in report.problems
    }
    (root / "content/desa/media/surat.pdf").write_bytes(b"%PDF-1.4 surat")
    (root / "content/desa/artikel/b.md").rename(root / "content/desa/artikel/b2.md")
    report = build(root / "config.yaml", now=NOW)
    assert ("a.md", 5, "markup.link_missing") in {
        (Path(p.path).name, p.line, p.code) for p in report.problems
    }


def test_summaries_are_cut_at_a_word(project: Callable[..., Path]) -> None:
    """With no `ringkasan`, the first paragraph is the page's description: kept whole up
    to 160 characters (what search results show), cut at a word (without the punctuation
    before the cut) with an ellipsis past it."""
    exact = ("kata " * 40)[: LIMIT - 1].rstrip() + "."
    exact = exact + "x" * (LIMIT - len(exact))
    longer = "Panen, " * 40
    files = {
        "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
        "content/desa/artikel/pas.md": article("Pas", body=exact),
        "content/desa/artikel/panjang.md": article("Panjang", body=longer),
        "content/desa/artikel/lebih.md": article("Lebih", body=exact + "y"),
    }
    root = project(files)
    build(root / "config.yaml", now=NOW)

    def description(slug: str) -> str:
        page = lxml.html.parse(str(root / f"build/desa.kim.id/artikel/{slug}/index.html"))
        return str(page.xpath("//meta[@name='description']/@content")[0])

    assert len(exact) == LIMIT and description("pas") == exact
    # 22 whole words fit in 159 characters; the comma before the cut goes too.
    assert description("panjang") == ", ".join(["Panen"] * 22) + "…"
    assert description("lebih").endswith("…") and len(description("lebih")) <= LIMIT


@pytest.mark.parametrize(("levels", "quote"), [(MAX_NESTING + 1, False), (350, False), (300, True)])
def test_nesting_too_deep_for_markdown_is_one_error(
    project: Callable[..., Path], levels: int, quote: bool
) -> None:
    """kimsite's own limit, judged before Markdown reads the text, so that it holds on every
    Markdown release (3.11.3 recursed at 350 levels, 3.11.4 stops nesting and takes 18 s
    and 6 MB of HTML for 2,000). The message names the first line past the limit."""
    files = _files()
    if quote:
        nested = "".join("> " * (depth + 1) + "kutipan\n" for depth in range(levels))
    else:
        nested = "".join("    " * depth + "- butir\n" for depth in range(levels))
    files["content/desa/artikel/a.md"] = article("A", body=nested)
    root = project(files)
    report = build(root / "config.yaml", now=NOW)
    errors = [
        (Path(p.path).name, p.line, p.code) for p in report.problems if p.severity.value == "error"
    ]
    # The body starts at line 5; its line MAX_NESTING (0-based) is the first too deep.
    assert errors == [("a.md", 5 + MAX_NESTING, "markup.too_deep")]
    [message] = [p.message("en") for p in report.problems if p.code == "markup.too_deep"]
    assert f"more than {MAX_NESTING} levels" in message
    # The renderer is whole again for the next document (the other KIMs, the next build).
    files["content/desa/artikel/a.md"] = article("A", body=BODY)
    (root / "content/desa/artikel/a.md").write_text(
        files["content/desa/artikel/a.md"], encoding="utf-8"
    )
    assert build(root / "config.yaml", now=NOW).ok


def test_nesting_up_to_the_limit_is_published(project: Callable[..., Path]) -> None:
    """The limit refuses nothing a writer means: MAX_NESTING levels of lists (with tabs
    for indentation, as some phone editors write them) are published, every level a list."""
    nested = "".join("\t" * depth + "- butir\n" for depth in range(MAX_NESTING))
    files = _files()
    files["content/desa/artikel/a.md"] = article("A", body="Daftar:\n\n" + nested)
    root = project(files)
    assert build(root / "config.yaml", now=NOW).ok
    page = parse(root / "build/desa.kim.id/artikel/a/index.html")
    assert len(page.xpath("//article//ul")) == MAX_NESTING


def test_headings_footnotes_and_messages_as_readers_and_writers_see_them(
    project: Callable[..., Path],
) -> None:
    """Every heading can be linked: its id comes from its text, or the writer's own
    `{#id}`, or "bagian" when the text makes none, each once per page. A footnote's way
    back is titled in Indonesian. A problem's message names the reference it is about."""
    body = (
        "## Hasil Lomba\n\nA.\n\n## Hasil Lomba\n\nB.\n\n## ???\n\nC.\n\n"
        "## Jadwal {#jadwal-kegiatan}\n\nD.[^1]\n\n[^1]: Sumber: kantor desa.\n\n"
        "![](../media/foto.png)\n\nBaca [ini](hilang.md).\n"
    )
    root = project(_files(a=body))
    report = build(root / "config.yaml", now=NOW)
    messages = {p.code: p.message("en") for p in report.problems}
    assert "'../media/foto.png'" in messages["markup.image_no_alt"], messages
    assert "'hilang.md'" in messages["markup.link_missing"], messages
    mended = article("A", body=body.replace("Baca [ini](hilang.md).", ""))
    (root / "content/desa/artikel/a.md").write_text(mended, encoding="utf-8")
    assert build(root / "config.yaml", now=NOW).ok
    page = parse(root / "build/desa.kim.id/artikel/a/index.html")
    ids = [h.get("id") for h in page.xpath("//article//h2")]
    assert ids[:4] == ["hasil-lomba", "hasil-lomba-2", "bagian", "jadwal-kegiatan"], ids
    [back] = page.xpath("//a[contains(@class, 'footnote-backref')]")
    assert back.get("title") == "Kembali ke rujukan 1"


def test_what_the_sanitiser_keeps_and_drops(project: Callable[..., Path]) -> None:
    """Only the tags and link schemes an article needs reach readers: a page's own
    landmarks (`nav`, `footer`, `aside`), old presentational tags and other schemes
    (`ftp:`, `sms:`) are dropped, and so are the writer's HTML comments (notes to self)."""
    body = (
        "<nav>menu</nav><aside>samping</aside><center>tengah</center>\n\n"
        "[unduh](ftp://contoh.id/a) [pesan](sms:+628123) [telepon](tel:+628123) "
        "[surat polos](../media/surat.pdf)\n\n<!-- catatan penulis: jangan terbit -->\n"
    )
    root = project(_files(a=body))
    assert build(root / "config.yaml", now=NOW).ok
    html = (root / "build/desa.kim.id/artikel/a/index.html").read_text(encoding="utf-8")
    article_html = html[html.index("<article") : html.index("</article>")]
    for gone in ("<nav>", "<aside>", "<center>", "ftp:", "sms:", "catatan penulis"):
        assert gone not in article_html, gone
    assert 'href="tel:+628123"' in article_html
    surat = next((root / "build/desa.kim.id/media").glob("surat*.pdf")).name
    assert f'href="/media/{surat}">surat polos' in article_html


def test_a_reference_outside_the_kim_says_so_and_a_list_has_a_description(
    project: Callable[..., Path],
) -> None:
    """A photo taken from another KIM's folder is refused with its own reason (not "not
    found"); an article that is only a list still gets a description, from its text."""
    files = _files()
    files["content/lain/kim.yaml"] = profile("KIM Lain", "52.71.01.1005")
    files["content/lain/media/x.png"] = PIXEL
    files["content/desa/artikel/a.md"] = article("A", body="![Foto](../../lain/media/x.png)")
    files["content/desa/artikel/daftar.md"] = article("Daftar", body="- satu\n- dua\n")
    root = project(files)
    report = build(root / "config.yaml", now=NOW)
    assert [(Path(p.path).name, p.line, p.code) for p in report.problems] == [
        ("a.md", 5, "ref.outside")
    ]
    del files["content/desa/artikel/a.md"]
    (root / "content/desa/artikel/a.md").unlink()
    assert build(root / "config.yaml", now=NOW).ok
    page = lxml.html.parse(str(root / "build/desa.kim.id/artikel/daftar/index.html"))
    assert page.xpath("//meta[@name='description']/@content") == ["satu dua"]
