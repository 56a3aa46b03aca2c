"""Markdown to safe HTML, with links and images resolved against the KIM's own files.

Three steps, each with one job: Python-Markdown parses; a tree processor rewrites relative
references (an image next to the article, a link to another article's `.md` file) into the
URLs they will have on the site and reports those that lead nowhere; nh3 then removes
anything a writer could use to run script on the site, whatever the Markdown contained.
"""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

from kimsite.indonesia.conventions import slugify
from kimsite.model.content import Asset, Document
from kimsite.model.problems import Problem, Severity, problem, problem_from_json, problem_to_json
from kimsite.render import markdown_patch
from kimsite.source.files import AssetResolver

# Bump when the HTML this module produces changes for the same input: cached renders keyed
# on it become stale.
RENDERER_VERSION = "4"
markdown_patch.install()  # the same output, faster (see the module)

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "ol": {"start"},
    "li": {"value"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)

# Levels of lists in lists and quotes in quotes a text may have. An article uses a handful;
# Markdown's work (and, in some releases, its recursion) grows with every level, so that a
# few thousand levels take it minutes and megabytes. The limit is kimsite's own, judged
# before Markdown sees the text: what a writer may publish does not depend on which
# Markdown release is installed.
MAX_NESTING = 50
# What opens a level at the start of a line, after the indentation: a quote marker or a
# list item's marker ("- ", "* ", "+ ", "1. ", "1) "), each followed by a space or the end.
_LEVEL_MARKERS = re.compile(r"(?:(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+")

# Normalised source path of an article or page (the KIM folder itself is resolved) → its
# URL, or None while it is unpublished (a draft, or dated in the future): a link to it is
# dropped with a warning.
LinkMap = Mapping[Path, str | None]


# What a render looked up outside its own text: ("a", reference, URL or why not) for a media
# file, ("l", resolved .md path, URL or "" when unpublished or "?" when missing) for a link.
# A cached render stays valid while every lookup still gives the same answer.
Dependency = tuple[str, str, str]
_MISSING = "?"


@dataclass
class RenderedBody:
    html: str
    words: int
    summary: str  # first paragraph as plain text, for lists and meta descriptions
    problems: list[Problem] = field(default_factory=list)
    deps: list[Dependency] = field(default_factory=list)


def body_to_json(body: RenderedBody, key: str) -> dict[str, Any]:
    """A rendered body as the cache keeps it (data, never code), under the key it was
    rendered for."""
    return {
        "key": key,
        "html": body.html,
        "words": body.words,
        "summary": body.summary,
        "problems": [problem_to_json(p) for p in body.problems],
        "deps": [list(d) for d in body.deps],
    }


def body_from_json(data: dict[str, Any]) -> RenderedBody:
    return RenderedBody(
        html=data["html"],
        words=data["words"],
        summary=data["summary"],
        problems=[problem_from_json(p) for p in data["problems"]],
        deps=[(d[0], d[1], d[2]) for d in data["deps"]],
    )


@dataclass
class _Context:
    doc: Document
    resolver: AssetResolver
    links: LinkMap
    problems: list[Problem] = field(default_factory=list)
    deps: list[Dependency] = field(default_factory=list)

    def link(self, resolved: Path) -> str | None:
        """The URL of a linked .md file ("" while unpublished), or None when there is none."""
        if resolved not in self.links:
            self.deps.append(("l", str(resolved), _MISSING))
            return None
        url = self.links[resolved] or ""
        self.deps.append(("l", str(resolved), url))
        return url

    def asset(self, ref: str) -> tuple[Asset | None, str | None]:
        asset, why = self.resolver.resolve(ref, self.doc.source.parent)
        self.deps.append(("a", ref, asset.url if asset else f"{_MISSING}{why}"))
        return asset, why

    def line_of(self, ref: str) -> int:
        """Python-Markdown keeps no positions: find the line that holds the reference."""
        for offset, text in enumerate(self.doc.body.splitlines()):
            if ref in text:
                return self.doc.body_line + offset
        return self.doc.body_line

    def report(self, ref: str, code: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(problem(self.doc.source, self.line_of(ref), code, severity, ref=ref))


class _ReferenceProcessor(Treeprocessor):
    context: _Context | None = None

    def run(self, root: ET.Element) -> None:
        ctx = self.context
        assert ctx is not None
        taken = set(PAGE_IDS)
        for element in root.iter():
            if element.tag == "img":
                self._image(element, ctx)
            elif element.tag == "a":
                self._link(element, ctx)
            elif element.tag in _HEADINGS:
                _heading_id(element, taken)

    def _image(self, element: ET.Element, ctx: _Context) -> None:
        src = element.get("src", "")
        if not element.get("alt", "").strip():
            ctx.problems.append(
                problem(
                    ctx.doc.source,
                    ctx.line_of(src),
                    "markup.image_no_alt",
                    Severity.WARNING,
                    ref=src,
                )
            )
        element.set("loading", "lazy")
        element.set("decoding", "async")
        if _is_local(src):
            asset = self._asset(src, ctx)
            if asset is None:
                del element.attrib["src"]
            else:
                element.set("src", asset.url)

    def _link(self, element: ET.Element, ctx: _Context) -> None:
        href = element.get("href", "")
        if not _is_local(href):
            return
        target, _, fragment = href.partition("#")
        if not target:
            return
        if target.lower().endswith((".md", ".markdown")):
            base = ctx.doc.source.parent
            url = ctx.link(Path(os.path.normpath(base / target)))
            if url is None:
                ctx.report(href, "markup.link_missing")
                del element.attrib["href"]  # reported once; never published as a dead link
                return
            if not url:
                ctx.report(href, "markup.link_unpublished", Severity.WARNING)
                del element.attrib["href"]
                return
            element.set("href", _with_fragment(url, fragment))
            return
        asset = self._asset(href, ctx)
        if asset is None:
            del element.attrib["href"]
        else:
            element.set("href", _with_fragment(asset.url, fragment))

    def _asset(self, ref: str, ctx: _Context) -> Asset | None:
        asset, why = ctx.asset(ref)
        if asset is None:
            ctx.report(ref, why or "ref.missing")
        return asset


def _is_local(ref: str) -> bool:
    """A reference into the KIM's own files: no scheme, no host, not root-absolute."""
    if not ref or ref.startswith(("#", "/", "//")):
        return False
    return not urlsplit(ref).scheme


class _KimsiteExtension(Extension):
    def __init__(self, processor: _ReferenceProcessor) -> None:
        super().__init__()
        self.processor = processor

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802  (Markdown's API)
        # After inline patterns (priority 20) have produced <a> and <img>.
        md.treeprocessors.register(self.processor, "kimsite_refs", 5)


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# Ids the themes give parts of every page (the skip link's target, section headings): a
# heading in an article must not take one, or the page would hold two elements of one id.
PAGE_IDS = frozenset(
    {
        "isi",
        "kimsite-galat",
        "judul-berita",
        "judul-terkait",
        "judul-potensi",
        "judul-sk",
        "judul-visi",
        "judul-pengurus",
        "judul-kontak",
        "judul-wilayah",
        "q",  # the search page's form and results
        "cari-status",
        "cari-hasil",
        "cari-tanpa-js",
    }
)


def _with_fragment(url: str, fragment: str) -> str:
    return f"{url}#{fragment}" if fragment else url


def too_deep(body: str) -> int | None:
    """The index of the first line of `body` nested past MAX_NESTING levels, or None.

    A level is four columns of indentation (a nested list item, or a block inside one) or a
    quote or list marker opening the line; tabs count as four columns, as in Markdown.
    """
    for number, line in enumerate(body.splitlines()):
        if not line or line[0] not in " \t>-*+0123456789":
            continue  # the common case: a line of plain text opens no level
        expanded = line.expandtabs(4)
        text = expanded.lstrip(" ")
        level = (len(expanded) - len(text)) // 4
        markers = _LEVEL_MARKERS.match(text)
        if markers:
            level += sum(1 for part in re.split(r"[ \t]+", markers.group()) if part)
        if level > MAX_NESTING:
            return number
    return None


def _heading_id(element: ET.Element, taken: set[str]) -> None:
    """Give a heading an id from its text, so a section can be linked (`#hasil-lomba`).

    Python-Markdown's toc extension does this too, but also builds a table of contents
    nobody reads here, which costs a sixth of all Markdown time.
    """
    wanted = element.get("id") or slugify("".join(element.itertext())) or "bagian"
    unique, n = wanted, 1
    while unique in taken:
        n += 1
        unique = f"{wanted}-{n}"
    taken.add(unique)
    element.set("id", unique)


class MarkdownRenderer:
    """One configured Markdown instance, reused (building one costs more than a page)."""

    def __init__(self) -> None:
        self._processor = _ReferenceProcessor(None)
        # Extension objects, not names: naming them makes Markdown scan every installed
        # package's entry points (50 ms), which an incremental build should not pay.
        self._md = markdown.Markdown(
            extensions=[
                # What "extra" bundles, in its order (it names them, see above).
                FencedCodeExtension(),
                FootnoteExtension(BACKLINK_TITLE="Kembali ke rujukan %d"),
                AttrListExtension(),
                DefListExtension(),
                TableExtension(),
                AbbrExtension(),
                MarkdownInHtmlExtension(),
                SaneListExtension(),
                _KimsiteExtension(self._processor),
            ],
            output_format="html",
        )
        self._processor.md = self._md

    def render(self, doc: Document, resolver: AssetResolver, links: LinkMap) -> RenderedBody:
        ctx = _Context(doc, resolver, links)
        deep = too_deep(doc.body)
        if deep is not None:
            problems = [
                problem(doc.source, doc.body_line + deep, "markup.too_deep", limit=MAX_NESTING)
            ]
            return RenderedBody("", 0, "", problems, ctx.deps)
        self._processor.context = ctx
        try:
            raw = self._md.reset().convert(doc.body)
        except RecursionError:
            # Whatever else nests past the interpreter's limit (too_deep judges lists and
            # quotes first). Such a text is a mistake (or an attack), never content.
            self.__init__()  # type: ignore[misc]  # the old instance may be half-way through
            problems = [problem(doc.source, doc.body_line, "markup.too_deep")]
            return RenderedBody("", 0, "", problems, ctx.deps)
        finally:
            self._processor.context = None
        safe = sanitize(raw, lambda tag, attr, value: self._raw_reference(tag, attr, value, ctx))
        text = html_to_text(safe)
        first = _FIRST_PARAGRAPH.search(safe)
        # The first paragraph; a body without one (a list, a table) gives its own text,
        # so that no page goes out with an empty description.
        summary = html_to_text(first.group(1)) if first else text
        return RenderedBody(safe, len(text.split()), summary, ctx.problems, ctx.deps)

    def _raw_reference(self, tag: str, attr: str, value: str, ctx: _Context) -> str | None:
        """References in raw HTML (which Markdown passes through untouched) get the same
        resolution as Markdown's own; one that leads nowhere is dropped, not published."""
        if attr not in ("src", "href") or not _is_local(value):
            return value
        target, _, fragment = value.partition("#")
        if tag == "a" and target.lower().endswith((".md", ".markdown")):
            url = ctx.link(Path(os.path.normpath(ctx.doc.source.parent / target)))
            if url is None:
                ctx.report(value, "markup.link_missing")
            elif not url:  # as in Markdown: a link to a draft is dropped, and said
                ctx.report(value, "markup.link_unpublished", Severity.WARNING)
            return _with_fragment(url, fragment) if url else None
        asset = self._processor._asset(value, ctx)
        return asset.url if asset else None


def still_valid(body: RenderedBody, doc: Document, resolver: AssetResolver, links: LinkMap) -> bool:
    """Whether a cached render of `doc` would come out the same today."""
    for kind, key, answer in body.deps:
        if kind == "l":
            path = Path(key)
            now = (links[path] or "") if path in links else _MISSING
        else:
            asset, why = resolver.resolve(key, doc.source.parent)
            now = asset.url if asset else f"{_MISSING}{why}"
        if now != answer:
            return False
    return True


AttributeFilter = Callable[[str, str, str], str | None]


def sanitize(raw_html: str, attribute_filter: AttributeFilter | None = None) -> str:
    return str(
        nh3.clean(
            raw_html,
            attribute_filter=attribute_filter,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            filter_style_properties={"text-align"},
            link_rel=None,
            strip_comments=True,
        )
    )


def html_to_text(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def shorten(text: str, limit: int = 160) -> str:
    """Cut at a word boundary and add an ellipsis, for descriptions and previews."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:")
    return cut + "…"
