"""Hostile HTML written into content never reaches any output: not the KIM's own pages, not
its feed, not the province index."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import lxml.etree
import lxml.html

from kimsite.build.pipeline import build
from tests.helpers import PIXEL, article, html_pages, parse, profile

HOSTILE_BODY = """\
Paragraf biasa.

<script>alert('xss')</script>
<img src="../media/x.png" onerror="alert(1)">
<a href="javascript:alert(1)">klik</a>
<a href="JaVaScRiPt:alert(1)">klik 2</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>
<iframe src="https://evil.example/"></iframe>
<svg onload="alert(1)"><circle r="4"/></svg>
<div style="background:url(javascript:alert(1))" onclick="alert(1)">div</div>
<form action="https://evil.example/"><input name="x"></form>
<object data="evil.swf"></object>
<p onmouseover="alert(1)">teks</p>

[tautan markdown](javascript:alert(document.cookie))

![gambar](javascript:alert(1))

<style>body{display:none}</style>
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/">
"""

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "form", "input", "style", "svg", "base"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
LD_JSON = '<script type="application/ld+json">'
# The theme's own search page (`/cari/`) is the one page with a script, a form and an input:
# exactly these, nothing a writer can add to.
# (its name holds its digest: kimsite.render.themes publishes theme scripts so)
SEARCH_SCRIPT = re.compile(r'<script type="module" src="/assets/cari\.[0-9a-f]{10}\.js"></script>')


def _theirs(path: Path, el: lxml.html.HtmlElement) -> bool:
    if path.parent.name != "cari" or not (path.parent.parent / "robots.txt").is_file():
        return False  # only the site's own /cari/, not an article or page named so
    tag = el.tag.lower()
    if tag == "script":
        return (
            set(el.attrib) == {"type", "src"}
            and el.get("type") == "module"
            and SEARCH_SCRIPT.fullmatch(f'<script type="module" src="{el.get("src")}"></script>')
            is not None
            and not el.text
        )
    if tag == "form":
        return dict(el.attrib) == {
            "class": "cari",
            "role": "search",
            "action": "/cari/",
            "method": "get",
        }
    return tag == "input" and el.get("id") == "q" and el.get("name") == "q"


def _check_html(path: Path) -> None:
    doc = parse(path)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "script" and el.get("type") == "application/ld+json" and len(el.attrib) == 1:
            json.loads(el.text or "")  # a data block browsers never run, and it is whole
            continue
        if _theirs(path, el):
            continue
        assert tag not in FORBIDDEN_TAGS, f"{path}: <{tag}>"
        if tag == "meta":
            assert el.get("http-equiv") is None, path
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"{path}: {tag} {name}"
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                assert not value.strip().lower().startswith(BAD_SCHEMES), f"{path}: {name}={value}"
            if name.lower() == "style":
                assert "javascript" not in value.lower() and "url(" not in value.lower()
    text = path.read_text(encoding="utf-8").lower().replace(LD_JSON, "")
    if path.parent.name == "cari" and (path.parent.parent / "robots.txt").is_file():
        text = SEARCH_SCRIPT.sub("", text, count=1)
    assert "<script" not in text and "<iframe" not in text, path  # escaped text is fine


def test_hostile_html_never_reaches_output(project: Callable[..., Path]) -> None:
    root = project(
        {
            "content/jahat/kim.yaml": profile(
                "KIM <script>alert(1)</script> Jahat",
                "52.71.01.1004",
                alamat='"<img src=x onerror=alert(1)>"',
            ),
            "content/jahat/artikel/serangan.md": article(
                '"<script>alert(1)</script> Judul"',
                body=HOSTILE_BODY,
                ringkasan='"<b onmouseover=alert(1)>ringkas</b>"',
                penulis='"<svg onload=alert(1)>"',
                sumber='"javascript:alert(1)"',
                tag='["<script>", "aman"]',
            ),
            "content/jahat/halaman/tentang.md": "---\njudul: Tentang\n---\n" + HOSTILE_BODY,
            "content/baik/kim.yaml": profile("KIM Baik", "52.71.01.1005"),
            "content/baik/artikel/a.md": article("Kabar baik"),
            "content/jahat/media/x.png": PIXEL,
        }
    )
    report = build(root / "config.yaml")
    assert report.ok, [p.format() for p in report.problems]
    out = report.out_dir
    pages = [p for host in out.iterdir() for p in html_pages(host)]
    assert len(pages) > 10
    for page in pages:
        _check_html(page)
    # The article's body was rendered, minus the attack.
    body = parse(out / "jahat.kim.id/artikel/serangan/index.html").find(".//div[@class='isi']")
    assert "Paragraf biasa." in body.text_content()
    assert "<script>" in parse(out / "jahat.kim.id/artikel/serangan/index.html").findtext(".//h1")
    # Feeds carry the article as escaped HTML; once unescaped it must be just as clean.
    for feed in out.glob("*/feed.xml"):
        root_el = lxml.etree.parse(str(feed)).getroot()
        for content in root_el.iter("{http://www.w3.org/2005/Atom}content"):
            fragment = html.unescape(content.text or "")
            lowered = fragment.lower()
            assert "<script" not in lowered and "onerror" not in lowered
            assert "javascript:" not in lowered and "<iframe" not in lowered
