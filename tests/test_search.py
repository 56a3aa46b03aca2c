"""Search: each KIM site and the index carry a Pagefind bundle that the reader's browser
queries. Asked here through Pagefind's own JavaScript API and through the search page, in
a real Chromium, on the sample served over HTTP; and kept in step by the incremental build.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from kimsite.build.pipeline import BuildReport, build
from tests.helpers import (
    REPO,
    SAMPLE,
    SAMPLE_NOW,
    article,
    parse,
    profile,
    serving,
    stamps,
    write_project,
)

KIM, INDEX = "sesela.kim.id", "kim.ntbprov.go.id"
ASK = """async (word) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const found = await pagefind.search(word);
  const data = await Promise.all(found.results.map((r) => r.data()));
  return data.map((d) => ({url: d.url, title: d.meta.title, kim: d.meta.kim || null}));
}"""


@pytest.fixture(scope="module")
def served(sample: tuple[Path, BuildReport]) -> Iterator[dict[str, str]]:
    with ExitStack() as stack:
        yield {
            site: stack.enter_context(serving(sample[1].out_dir / site)) for site in (KIM, INDEX)
        }


def _ask(browser: object, base: str, word: str) -> list[dict[str, str]]:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(base + "/cari/")
        return list(page.evaluate(ASK, word))
    finally:
        page.close()


def test_a_kim_search_finds_the_article_holding_the_word(
    served: dict[str, str], browser: object
) -> None:
    # "bermusyawarah" stands only in the body of one article, not in its title.
    found = _ask(browser, served[KIM], "bermusyawarah")
    assert [f["url"] for f in found] == ["/artikel/musyawarah-desa-rkp-2027/"], found
    # A word of the scheduled article (not yet published on the sample's day) and of the
    # draft is not findable: the search holds what the site shows, nothing more.
    assert _ask(browser, served[KIM], "Belanda") == []
    assert _ask(browser, served[KIM], "usulan") == []


def test_the_index_search_spans_every_kim_and_links_to_their_hosts(
    served: dict[str, str], browser: object
) -> None:
    found = _ask(browser, served[INDEX], "musyawarah")
    urls = {f["url"] for f in found}
    assert "https://sesela.kim.id/artikel/musyawarah-desa-rkp-2027/" in urls, found
    assert all(f["kim"] == "KIM Sesela Bersatu" for f in found if "sesela" in f["url"]), found
    everywhere = _ask(browser, served[INDEX], "desa")
    hosts = {f["url"].split("/")[2] for f in everywhere}
    assert len(hosts) >= 4 and INDEX not in hosts, hosts  # many KIMs, none on the index


def test_the_search_page_lists_results_and_works_without_javascript(
    served: dict[str, str], browser: object
) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(served[KIM] + "/cari/?q=bermusyawarah")
        page.wait_for_selector("#cari-hasil li a")
        links = page.eval_on_selector_all("#cari-hasil li a", "as => as.map(a => a.href)")
        status = page.text_content("#cari-status") or ""
        fallback_hidden = page.eval_on_selector("#cari-tanpa-js", "e => e.hidden")
        assert page.input_value("#q") == "bermusyawarah"
        # Typing a new search in the form searches again without leaving the page.
        page.fill("#q", "Belanda")
        page.click("form.cari button")
        page.wait_for_function(
            "document.getElementById('cari-status').textContent.startsWith('Tidak')"
        )
        assert page.eval_on_selector("#cari-hasil", "e => e.hidden")
        assert "q=Belanda" in page.url
    finally:
        page.close()
    assert links == [served[KIM] + "/artikel/musyawarah-desa-rkp-2027/"]
    assert status.startswith("1 hasil") and fallback_hidden and not errors

    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(served[KIM] + "/cari/?q=bermusyawarah")
        visible = page.is_visible("#cari-tanpa-js")
        targets = page.eval_on_selector_all("#cari-tanpa-js a", "as => as.map(a => a.pathname)")
    finally:
        context.close()
    assert visible and "/artikel/" in targets


def test_every_page_links_to_search_and_the_site_declares_it(
    sample: tuple[Path, BuildReport],
) -> None:
    out = sample[1].out_dir
    for host in (KIM, INDEX):
        for rel in ("index.html", "profil/index.html", "404.html"):
            if (out / host / rel).is_file():
                doc = parse(out / host / rel)
                assert doc.xpath("//nav//a[@href='/cari/']"), (host, rel)
        sitemap = (out / host / "sitemap.xml").read_text()
        assert "/cari/" not in sitemap  # a search page without words is not for crawlers
        assert (out / host / "pagefind/pagefind.js").is_file()
        # Only what the theme's own script needs: no Pagefind UI bundles.
        assert not list((out / host / "pagefind").glob("pagefind-*ui*"))


def test_hostile_text_in_results_stays_text(tmp_path: Path, browser: object) -> None:
    """Words a writer typed come back in result titles and excerpts: shown, never run."""
    # Pagefind returns titles as they were given (its excerpts come HTML-escaped).
    title = """'Judul <img src=x onerror="document.title=''pwned''"> biasa'"""
    root = write_project(
        tmp_path / "p",
        {
            "content/desa-a/kim.yaml": profile("KIM Desa A", "52.03.04.2006"),
            "content/desa-a/artikel/a.md": article(
                title, body="Warga menulis `<script>alert(1)</script>` dan kata ajaibkata."
            ),
        },
    )
    report = build(root / "config.yaml", now=SAMPLE_NOW)
    assert report.ok, [p.format() for p in report.problems]
    with serving(report.out_dir / "desa-a.kim.id") as base:
        page = browser.new_page()  # type: ignore[attr-defined]
        try:
            page.goto(base + "/cari/?q=ajaibkata")
            page.wait_for_selector("#cari-hasil li")
            title = page.title()
            images = page.eval_on_selector_all("#cari-hasil img", "xs => xs.length")
            text = page.text_content("#cari-hasil") or ""
        finally:
            page.close()
    assert title != "pwned" and images == 0
    assert "ajaibkata" in text and '<img src=x onerror="document.title=' in text
    assert "<script>alert(1)</script>" in text


def test_search_is_reindexed_only_where_content_changed(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(SAMPLE / "content", root / "content")
    shutil.copytree(REPO / "themes", root / "themes")
    shutil.copy(SAMPLE / "config.yaml", root / "config.yaml")
    first = build(root / "config.yaml", now=SAMPLE_NOW)
    out = root / "build"
    assert first.indexed == len(first.kims) + 1  # every KIM and the index

    def again() -> set[str]:
        """Build; the hosts whose search bundle was made again, checked against the disk."""
        before = {h.name: stamps(h / "pagefind") for h in sorted(out.iterdir())}
        report = build(root / "config.yaml", now=SAMPLE_NOW)
        assert report.ok, [p.format() for p in report.problems]
        made = {k.host for k in report.kims if k.indexed and k.host}
        made |= {INDEX} if report.index_indexed else set()
        after = {h.name: stamps(h / "pagefind") for h in sorted(out.iterdir())}
        assert {h for h in after if after[h] != before[h]} <= made
        return made

    assert again() == set()  # nothing changed: nothing re-indexed

    # A theme edit changes every page but no searchable content: no bundle is made again.
    base = root / "themes/default/templates/article.html"
    base.write_text(base.read_text().replace("{% block content %}", "{% block content %}\n"))
    assert again() == set()

    # One edited article body: its KIM's bundle only (the index holds titles and summaries).
    path = root / "content/sesela/artikel/musyawarah-desa-rkp-2027.md"
    path.write_text(path.read_text() + "\nWarga juga membahas jembatanbambu baru.\n")
    assert again() == {KIM}
    # A new topic reaches the index's combined search too (topics are not in the index's
    # pages: only the search sees this change).
    text = path.read_text()
    assert "\ntag: [" in text
    path.write_text(text.replace("\ntag: [", "\ntag: [rembuk warga, "))
    assert again() == {KIM, INDEX}


def test_a_forked_process_starts_its_own_pagefind_and_leaves_the_parents() -> None:
    """Build workers are forked (and so are mutation testing's): a child must not talk to
    the Pagefind its parent started (their answers would cross) nor leave the inherited
    pipes to the garbage collector; the parent's service goes on answering."""
    import os

    from kimsite.render import search

    records = [search.Record("/artikel/a/", "Panen raya", "Warga memanen padi bersama.")]
    before = search.bundle(records)
    parent = search._client()
    pid = os.fork()
    if pid == 0:  # the child: exit code says what it saw
        code = 9
        try:
            same = search.bundle(records) == before
            child = search._client()
            closed = parent.process.stdin.closed and parent.process.stdout.closed  # type: ignore[union-attr]
            code = 0 if same and child is not parent and closed else 1
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert search._client() is parent and search.bundle(records) == before


def test_a_kept_service_that_stopped_answering_is_replaced_once() -> None:
    """A preview keeps Pagefind for hours; if it stops answering between two builds, the
    next build starts another and the search is made (only a new service's failure is
    the search's failure). The fault is injected where it shows: the answers' pipe ends."""
    import os

    from kimsite.render import search

    records = [search.Record("/artikel/a/", "Panen raya", "Warga memanen padi bersama.")]
    before = search.bundle(records)
    kept = search._client()
    read_end, write_end = os.pipe()
    os.close(write_end)
    real_stdout = kept.process.stdout
    kept.process.stdout = os.fdopen(read_end, "rb")
    try:
        assert search.bundle(records) == before
        assert search._client() is not kept and kept.process.poll() is not None
    finally:
        if real_stdout is not None:
            real_stdout.close()
