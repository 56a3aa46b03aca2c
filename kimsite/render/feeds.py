"""Atom feeds, sitemaps and robots.txt, written as XML by code rather than by templates.

These files are read by machines that reject what is not exactly right; building them with
ElementTree guarantees well-formed, escaped, byte-stable XML whatever a theme does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str  # absolute
    updated: str  # RFC 3339
    published: str  # RFC 3339
    summary: str
    content_html: str
    author: str
    categories: tuple[str, ...] = ()
    image: str | None = None  # absolute


@dataclass(frozen=True)
class Feed:
    title: str
    subtitle: str
    site_url: str  # absolute, with trailing slash
    feed_url: str  # absolute
    author: str
    updated: str  # RFC 3339; the newest entry's, so that the feed is stable between builds
    entries: tuple[FeedEntry, ...]


def atom(feed: Feed) -> bytes:
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    root = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": "id"})
    sub(root, "id", feed.site_url)
    sub(root, "title", feed.title)
    sub(root, "subtitle", feed.subtitle)
    sub(root, "updated", feed.updated)
    sub(root, "link", href=feed.site_url, rel="alternate", type="text/html")
    sub(root, "link", href=feed.feed_url, rel="self", type="application/atom+xml")
    author = sub(root, "author")
    sub(author, "name", feed.author)
    sub(root, "generator", "kimsite")
    for entry in feed.entries:
        el = sub(root, "entry")
        sub(el, "id", entry.url)
        sub(el, "title", entry.title)
        sub(el, "link", href=entry.url, rel="alternate", type="text/html")
        sub(el, "published", entry.published)
        sub(el, "updated", entry.updated)
        entry_author = sub(el, "author")
        sub(entry_author, "name", entry.author)
        for category in entry.categories:
            sub(el, "category", term=category)
        if entry.image:
            sub(el, "link", href=entry.image, rel="enclosure", type=_image_type(entry.image))
        sub(el, "summary", entry.summary)
        sub(el, "content", entry.content_html, type="html")
    return _serialise(root)


def sitemap(urls: Iterable[tuple[str, str | None]]) -> bytes:
    """`urls` are (absolute URL, lastmod or None), written in the order given."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for loc, lastmod in urls:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    return _serialise(root)


def robots(sitemap_url: str, disallow: tuple[str, ...] = ()) -> bytes:
    refused = "".join(f"Disallow: {path}\n" for path in disallow)
    return f"User-agent: *\nAllow: /\n{refused}\nSitemap: {sitemap_url}\n".encode()


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def _image_type(url: str) -> str:
    ext = url.rsplit(".", 1)[-1].lower()
    return {
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "webp": "image/webp",
        "gif": "image/gif",
        "svg": "image/svg+xml",
    }.get(ext, "application/octet-stream")
