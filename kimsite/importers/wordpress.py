"""`kimsite import wordpress EXPORT.xml --kim SLUG`: a WordPress export (WXR 1.0–1.2, from
WordPress.com or a self-hosted site, or one site of a Multisite network) into a KIM.

The export is read twice as a stream (first its attachments, then its posts), so memory
stays bounded whatever its size. It is parsed with defusedxml: no entity expansion, no
external entity, no DTD. Published posts become articles, published pages become pages;
drafts, pending and private posts become `draf: true` articles, scheduled ones keep their
future date; password-protected posts are never imported; menus, attachments, revisions
and other post types are not articles. Every published post, page, category and tag gets
its old addresses (its permalink, `?p=ID` / `?page_id=ID`, `/category/…/`, `/tag/…/`) in
`pengalihan.yaml`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from kimsite.importers.common import (
    BATCH,
    Doc,
    ExportUnreadable,
    KimFolder,
    Media,
    Summary,
    clean_html,
    converter,
    local_time,
    path_of,
    safe_slug,
    stream,
    unique_slug,
    without_leading_photo,
)
from kimsite.indonesia.conventions import Zone, slugify
from kimsite.render.markup import html_to_text, shorten
from kimsite.source.kim_folder import MAX_TAG_CHARS

_WP = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
_EXCERPT = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
RESERVED_PAGES = frozenset(
    {
        "artikel",
        "kategori",
        "tag",
        "profil",
        "potensi",
        "produk",
        "cari",
        "hal",
        "media",
        "assets",
        "pagefind",
        "berita",
        "wilayah",
        "gambar",
    }
)
DRAFT_STATES = frozenset({"draft", "pending", "private"})
UNCATEGORISED = frozenset({"uncategorized", "tak-berkategori", "tanpa-kategori"})


def _name(tag: str) -> str:
    """`{namespace}local` → "wp:local", "excerpt:encoded", "content:encoded", "dc:creator",
    whatever version (1.0–1.2) and scheme (http/https) the export's namespaces use."""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    if _WP.match(uri):
        return f"wp:{local}"
    if _EXCERPT.match(uri):
        return f"excerpt:{local}"
    if uri == _CONTENT:
        return f"content:{local}"
    if uri == _DC:
        return f"dc:{local}"
    return local


def _elements(path: Path, wanted: frozenset[str]) -> Iterator[tuple[str, Element]]:
    return stream(path, wanted, _name)


def _fields(item: Element) -> dict[str, Any]:
    """An item's children by name; categories and postmeta as lists."""
    found: dict[str, Any] = {"category": [], "wp:postmeta": {}}
    for child in item:
        name = _name(child.tag)
        if name == "category":
            found["category"].append(
                (child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip())
            )
        elif name == "wp:postmeta":
            key = value = ""
            for meta in child:
                if _name(meta.tag) == "wp:meta_key":
                    key = (meta.text or "").strip()
                elif _name(meta.tag) == "wp:meta_value":
                    value = (meta.text or "").strip()
            found["wp:postmeta"][key] = value
        else:
            found[name] = child.text or ""
    return found


@dataclass
class Channel:
    authors: dict[str, str] = field(default_factory=dict)  # login → display name
    parents: dict[str, str] = field(default_factory=dict)  # category nicename → parent's
    attachments: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (url, alt)


def _first_pass(path: Path) -> Channel:
    channel = Channel()
    wanted = frozenset({"wp:author", "wp:category", "item"})
    for name, element in _elements(path, wanted):
        values = {_name(c.tag): (c.text or "").strip() for c in element}
        if name == "wp:author":
            login = values.get("wp:author_login", "")
            channel.authors[login] = values.get("wp:author_display_name") or login
        elif name == "wp:category":
            nicename = values.get("wp:category_nicename", "")
            channel.parents[nicename] = values.get("wp:category_parent", "")
        elif values.get("wp:post_type") == "attachment":
            meta = _fields(element)["wp:postmeta"]
            channel.attachments[values.get("wp:post_id", "")] = (
                values.get("wp:attachment_url", ""),
                meta.get("_wp_attachment_image_alt", ""),
            )
    return channel


def _when(item: dict[str, Any], zone: Zone) -> datetime | None:
    gmt = (item.get("wp:post_date_gmt") or "").strip()
    local = (item.get("wp:post_date") or "").strip()
    for text, tz in ((gmt, UTC), (local, zone.tz)):
        if text and not text.startswith("0000"):
            try:
                at = datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
            except ValueError:
                continue
            return at.astimezone(zone.tz)
    return None


def _category_path(nicename: str, parents: dict[str, str]) -> list[str]:
    chain, seen = [nicename], {nicename}
    while parents.get(chain[0]) and parents[chain[0]] not in seen:
        chain.insert(0, parents[chain[0]])
        seen.add(chain[0])
    return chain


def import_wordpress(
    export: Path,
    folder: Path,
    zone: Zone,
    uploads: Path | None = None,
    force: bool = False,
) -> Summary:
    """Import `export` into the KIM folder `folder`; raises ExportUnreadable."""
    summary = Summary()
    channel = _first_pass(export)
    media = Media(uploads, folder / "media", summary)
    out = KimFolder(folder, force, summary)
    taken = {"artikel": set[str](), "halaman": set[str]()}
    redirects: dict[str, str] = {}
    used_categories: dict[str, str] = {}  # nicename → kimsite kategori slug
    used_tags: dict[str, str] = {}
    # A category's or tag's page exists only once an article of it is live: a post dated
    # later (status "future") makes none yet, and the build refuses a redirect to a page it
    # does not make (WordPress's own theme test data has a category of such posts alone).
    now = local_time(datetime.now(zone.tz))
    hosts: set[str] = set()  # where the old site was: its posts' links
    for item, doc in _converted(export, channel, zone, media, summary, taken):
        out.write_doc(doc)
        host = urlsplit(str(item.get("link") or "")).hostname
        if host:
            hosts.add(host)
        if doc.front.get("draf") or doc.old_paths == []:
            continue
        for old in doc.old_paths:
            redirects.setdefault(old, doc.url)
        if doc.kind == "artikel" and str(doc.front.get("tanggal", "")) <= now:
            kategori = str(doc.front.get("kategori", ""))
            tags = doc.front.get("tag")
            for domain, nicename, name in item["category"]:
                if domain == "category" and slugify(name) == kategori:
                    used_categories[nicename] = f"/kategori/{kategori}/"
                elif domain == "category" and isinstance(tags, list) and name in tags:
                    used_categories.setdefault(nicename, f"/tag/{slugify(name)}/")
                elif domain == "post_tag" and isinstance(tags, list) and name in tags:
                    used_tags[nicename] = f"/tag/{slugify(name)}/"
    for nicename, new in used_categories.items():
        path = "/".join(_category_path(nicename, channel.parents))
        redirects.setdefault(f"/category/{path}/", new)
    for nicename, new in used_tags.items():
        redirects.setdefault(f"/tag/{nicename}/", new)
    relinked = out.relink(hosts, redirects)
    if relinked:
        summary.counts["tautan ke situs lama diganti"] += relinked
    out.add_redirects(redirects)  # may refuse the KIM's redirect file: nothing written yet
    media.write(force)
    out.commit()
    return summary


def _converted(
    export: Path,
    channel: Channel,
    zone: Zone,
    media: Media,
    summary: Summary,
    taken: dict[str, set[str]],
) -> Iterator[tuple[dict[str, Any], Doc]]:
    """The export's posts as documents, in order, their HTML turned to Markdown a batch at a
    time on every core (the conversion is half of a big import's time)."""
    batch: list[tuple[dict[str, Any], Doc]] = []
    with converter() as markdowns:

        def flush() -> Iterator[tuple[dict[str, Any], Doc]]:
            bodies = markdowns([doc.body for _item, doc in batch])
            for (item, doc), body in zip(batch, bodies, strict=True):
                doc.body = body
                yield item, doc
            batch.clear()

        for _item, element in _elements(export, frozenset({"item"})):
            item = _fields(element)
            doc = _doc(item, channel, zone, media, summary, taken)
            if doc is not None:
                batch.append((item, doc))
            if len(batch) >= BATCH:
                yield from flush()
        yield from flush()


def _doc(
    item: dict[str, Any],
    channel: Channel,
    zone: Zone,
    media: Media,
    summary: Summary,
    taken: dict[str, set[str]],
) -> Doc | None:
    post_type = (item.get("wp:post_type") or "").strip()
    status = (item.get("wp:status") or "").strip()
    post_id = (item.get("wp:post_id") or "").strip()
    if post_type not in ("post", "page"):
        summary.skipped[f"jenis {post_type or '?'} (bukan artikel)"] += 1
        return None
    if (item.get("wp:post_password") or "").strip():
        summary.skipped["dilindungi kata sandi (tidak pernah diterbitkan)"] += 1
        return None
    if status not in ("publish", "future", *DRAFT_STATES):
        summary.skipped[f"status {status or '?'}"] += 1
        return None
    if post_type == "page" and status != "publish":
        summary.skipped["halaman yang belum terbit"] += 1
        return None
    title = html_to_text(html.unescape(item.get("title") or "")) or "Tanpa judul"
    where = f"post {post_id} ({shorten(title, 60)})"
    content = item.get("content:encoded") or ""
    # The attachments' table only for a post that has a gallery: a site with thousands of
    # uploads would otherwise rebuild it for every post.
    gallery = (
        {i: (url, alt or title) for i, (url, alt) in channel.attachments.items()}
        if "[gallery" in content.lower()
        else None
    )
    body = clean_html(content, media, where, gallery)  # Markdown later, on every core
    kind = "artikel" if post_type == "post" else "halaman"
    slug = safe_slug(item.get("wp:post_name") or "", title)
    if kind == "halaman" and slug in RESERVED_PAGES:
        slug = f"halaman-{slug}"
    slug = unique_slug(slug, taken[kind])
    front: dict[str, object] = {"judul": title}
    excerpt = html_to_text(html.unescape(item.get("excerpt:encoded") or ""))
    if kind == "artikel":
        at = _when(item, zone)
        if at is None:
            summary.skipped["tanggal tidak terbaca"] += 1
            summary.warnings.append(f"{where}: tanggalnya tidak terbaca, tidak diimpor")
            return None
        front["tanggal"] = local_time(at)
        kategori, tags = _topics(item["category"], channel.parents)
        front["kategori"] = kategori
        if tags:
            front["tag"] = tags
        author = channel.authors.get((item.get("dc:creator") or "").strip())
        if author:
            front["penulis"] = author
        if excerpt:
            front["ringkasan"] = shorten(excerpt, 300)
        thumbnail = item["wp:postmeta"].get("_thumbnail_id", "")
        if thumbnail in channel.attachments:
            url, alt = channel.attachments[thumbnail]
            local = media.local(url, where)
            if local:
                front["gambar"] = local
                front["gambar_alt"] = alt or title
                body = without_leading_photo(body, local)
            else:
                summary.warnings.append(f"{where}: gambar utamanya tetap di alamat lama ({url})")
        if status in DRAFT_STATES:
            front["draf"] = True
    elif excerpt:
        front["ringkasan"] = shorten(excerpt, 300)
    old: list[str] = []
    if status == "publish" or status == "future":
        link = path_of(item.get("link") or "")
        if link:
            old.append(link)
        if post_id.isdigit():
            old.append(f"/?p={post_id}" if kind == "artikel" else f"/?page_id={post_id}")
    return Doc(kind, slug, front, body, old, post_id)


def _topics(
    categories: list[tuple[str, str, str]], parents: dict[str, str]
) -> tuple[str, list[str]]:
    """One kategori (the deepest of the post's categories: the most specific) and the rest
    as tags, with the post's tags."""
    cats = [(n, name) for domain, n, name in categories if domain == "category" and name]
    cats = [(n, name) for n, name in cats if slugify(name) not in UNCATEGORISED]
    tags = [name for domain, _n, name in categories if domain == "post_tag" and name]
    kategori = "berita"
    if cats:
        deepest = max(cats, key=lambda c: (len(_category_path(c[0], parents)), c[0]))
        kategori = slugify(deepest[1])[:MAX_TAG_CHARS].rstrip("-") or "berita"
        tags = [name for _n, name in cats if name != deepest[1]] + tags
    # What the build refuses as a tag (a sentence, not a word) is left out, not imported.
    tags = [t for t in tags if len(t) <= MAX_TAG_CHARS]
    return kategori, sorted(dict.fromkeys(tags), key=lambda t: t.lower())


__all__ = ["ExportUnreadable", "import_wordpress"]
