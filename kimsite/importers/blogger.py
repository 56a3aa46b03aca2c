"""`kimsite import blogger FEED.atom --kim SLUG`: a Blogger blog (Google Takeout's
`feed.atom`, or the older "Back up content" export) into a KIM.

Both formats are Atom: Takeout marks each entry with `blogger:type` (POST, PAGE, COMMENT)
and `blogger:status` (LIVE, DRAFT, SOFT_TRASHED) and its path with `blogger:filename`; the
older export says the kind with a `category` of the `g/2005#kind` scheme, a draft with
`app:draft`, and the path with the `alternate` link. Labels become tags. Posts' old
addresses (`/2019/05/judul.html`) and pages' (`/p/judul.html`) go into `pengalihan.yaml`.
Photos stay on Blogger's servers (nothing is fetched: an import never needs the internet),
their links asking for the full size instead of a thumbnail's.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element

from kimsite.importers.common import (
    Doc,
    KimFolder,
    Media,
    Summary,
    html_to_markdown,
    local_time,
    path_of,
    safe_slug,
    stream,
    unique_slug,
)
from kimsite.indonesia.conventions import Zone
from kimsite.render.markup import html_to_text, shorten
from kimsite.source.kim_folder import MAX_TAG_CHARS

ATOM = "{http://www.w3.org/2005/Atom}"
_BLOGGER = re.compile(r"^https?://schemas\.google\.com/blogger/\d{4}$")
_APP = re.compile(r"^https?://purl\.org/atom/app#$|^https?://www\.w3\.org/2007/app$")
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
_PHOTO_HOSTS = re.compile(r"^https?://([a-z0-9-]+\.)?(googleusercontent\.com|bp\.blogspot\.com)/")
# Blogger serves one photo at many sizes by a path part (/s320/, /w400-h300-c/) or a
# suffix (=w400-h300); the import asks for the largest.
_SIZE_PART = re.compile(r"/(?:s\d+|w\d+-h\d+)(?:-[a-z0-9-]+)?/")
_SIZE_SUFFIX = re.compile(r"=(?:s\d+|w\d+-h\d+)(?:-[a-z0-9-]+)?$")


def _name(tag: str) -> str:
    if tag.startswith(ATOM):
        return tag[len(ATOM) :]
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        if _BLOGGER.match(uri):
            return f"blogger:{local}"
        if _APP.match(uri):
            return f"app:{local}"
    return tag


def full_size(url: str) -> str:
    if not _PHOTO_HOSTS.match(url):
        return url
    return _SIZE_SUFFIX.sub("=s1600", _SIZE_PART.sub("/s1600/", url, count=1))


def _entry(element: Element) -> dict[str, object]:
    """An entry's fields from its own children (an author's `blogger:type` is the
    author's, not the entry's)."""
    found: dict[str, object] = {"kind": "", "draft": False}
    labels: list[str] = []
    for child in element:
        name = _name(child.tag)
        if name == "category":
            scheme, term = child.get("scheme", ""), child.get("term", "")
            if scheme == KIND_SCHEME:
                found["kind"] = term.rsplit("#", 1)[-1].upper()
            elif term and len(term.strip()) <= MAX_TAG_CHARS:  # longer: a sentence, left out
                labels.append(term.strip())
        elif name == "link" and child.get("rel") == "alternate":
            found["link"] = child.get("href", "")
        elif name == "author":
            author = next((a.text for a in child if _name(a.tag) == "name"), "") or ""
            found["author"] = author.strip()
        elif name == "app:control":
            draft = next((d.text for d in child if _name(d.tag) == "app:draft"), "") or ""
            found["draft"] = draft.strip().lower() == "yes"
        elif name in (
            "title",
            "content",
            "published",
            "updated",
            "blogger:type",
            "blogger:status",
            "blogger:filename",
        ):
            found[name] = child.text or ""
    found["labels"] = labels
    if found.get("blogger:type"):
        found["kind"] = str(found["blogger:type"]).strip().upper()
    status = str(found.get("blogger:status", "")).strip().upper()
    if status == "DRAFT":
        found["draft"] = True
    found["status"] = status
    return found


def import_blogger(feed: Path, folder: Path, zone: Zone, force: bool = False) -> Summary:
    """Import the Blogger `feed` into the KIM folder `folder`; raises ExportUnreadable."""
    summary = Summary()
    media = Media(None, folder / "media", summary)
    out = KimFolder(folder, force, summary)
    taken = {"artikel": set[str](), "halaman": set[str]()}
    redirects: dict[str, str] = {}
    used_labels: set[str] = set()
    for _entry_name, element in stream(feed, frozenset({"entry"}), _name):
        entry = _entry(element)
        doc = _doc(entry, zone, media, summary, taken)
        if doc is None:
            continue
        out.write_doc(doc)
        if not doc.front.get("draf"):
            for old in doc.old_paths:
                redirects.setdefault(old, doc.url)
            used_labels.update(str(label) for label in entry["labels"])  # type: ignore[attr-defined]
    for label in sorted(used_labels):
        redirects.setdefault(f"/search/label/{label}", f"/tag/{safe_slug(label)}/")
    out.add_redirects(redirects)
    out.commit()
    return summary


def _doc(
    entry: dict[str, object],
    zone: Zone,
    media: Media,
    summary: Summary,
    taken: dict[str, set[str]],
) -> Doc | None:
    kind = str(entry.get("kind", ""))
    if kind not in ("POST", "PAGE"):
        summary.skipped[f"jenis {kind.lower() or '?'} (bukan artikel)"] += 1
        return None
    if entry.get("status") in ("SOFT_TRASHED", "DELETED"):
        summary.skipped["dibuang di Blogger"] += 1
        return None
    title = html_to_text(str(entry.get("title", ""))) or "Tanpa judul"
    where = f"entri {shorten(title, 60)}"
    body = html_to_markdown(str(entry.get("content", "")), media, where, fix_url=full_size)
    filename = str(entry.get("blogger:filename") or "")
    filename = filename or path_of(str(entry.get("link") or "")) or ""
    stem = filename.rsplit("/", 1)[-1].removesuffix(".html")
    doc_kind = "artikel" if kind == "POST" else "halaman"
    if doc_kind == "halaman" and entry.get("draft"):
        summary.skipped["halaman yang belum terbit"] += 1
        return None
    slug = unique_slug(safe_slug(stem, title), taken[doc_kind])
    front: dict[str, object] = {"judul": html.unescape(title)}
    if doc_kind == "artikel":
        published = str(entry.get("published") or entry.get("updated") or "")
        try:
            at = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
        except ValueError:
            summary.skipped["tanggal tidak terbaca"] += 1
            summary.warnings.append(f"{where}: tanggalnya tidak terbaca, tidak diimpor")
            return None
        if at.tzinfo is None:
            at = at.replace(tzinfo=zone.tz)
        front["tanggal"] = local_time(at.astimezone(zone.tz))
        front["kategori"] = "berita"
        labels = sorted(dict.fromkeys(entry["labels"]), key=str.lower)  # type: ignore[call-overload]
        if labels:
            front["tag"] = labels
        if entry.get("author") and entry["author"] != "Unknown":
            front["penulis"] = entry["author"]
        if entry.get("draft"):
            front["draf"] = True
    old = [filename] if filename.startswith("/") and filename.endswith(".html") else []
    return Doc(doc_kind, slug, front, body, old)


__all__ = ["full_size", "import_blogger"]
