"""What every importer shares: HTML to Markdown, media, and writing into one KIM folder.

Writing is idempotent: a file that would get the same bytes is left alone, a file that
exists with other bytes (a writer edited it since the last import) is never overwritten
without `force`, and the redirect map only gains entries. Every path is computed from safe
names and checked to lie inside the KIM's folder before anything is written.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, ParseError

import yaml

from kimsite.indonesia.conventions import slugify
from kimsite.model.problems import KimsiteError, ProblemLog
from kimsite.output.atomic import write_atomic
from kimsite.render.markup import sanitize
from kimsite.source.files import REDIRECTS_NAME
from kimsite.source.redirects import MAX_URL_CHARS, load_redirects, old_address, server_key

MAX_SLUG = 80
_UPLOAD = re.compile(r"/wp-content/uploads/(?P<path>(?:\d{4}/\d{2}/)?[^\"'\s?#<>]+)")
_RESIZED = re.compile(r"-\d{2,5}x\d{2,5}(?=\.[A-Za-z0-9]+$)")
_GUTENBERG = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S | re.I)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.I)
_SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s[^\]]*)?\]", re.I)
_OWN_LINE_URL = re.compile(r"(?m)^\s*(https?://\S+)\s*$")
_YOUTUBE = re.compile(r"https?://(?:www\.|m\.)?(?:youtube\.com/watch\?v=|youtu\.be/)([\w-]{6,20})")


class ExportUnreadable(Exception):
    """The export is not well-formed XML (truncated, or with entities): `line` says where."""

    def __init__(self, line: int | None, detail: str) -> None:
        super().__init__(line, detail)  # both: it is pickled back from the import's worker
        self.line, self.detail = line, detail

    def __str__(self) -> str:
        return self.detail


def stream(
    path: Path, wanted: frozenset[str], name_of: Callable[[str], str]
) -> Iterator[tuple[str, Element]]:
    """An export's `wanted` elements (by `name_of` their tag), each cleared once used, so
    memory stays bounded; parsed by defusedxml (no entities, no DTD, nothing fetched)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        for _event, element in iterparse(str(path), events=("end",)):
            name = name_of(element.tag)
            if name in wanted:
                yield name, element
                element.clear()
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ExportUnreadable(line, str(exc)) from None
    except DefusedXmlException as exc:
        raise ExportUnreadable(None, f"{type(exc).__name__}: {exc}") from None


@dataclass
class Doc:
    """An article (`artikel`) or page (`halaman`) ready to be written."""

    kind: str
    slug: str
    front: dict[str, object]
    body: str
    old_paths: list[str] = field(default_factory=list)
    source_id: str = ""  # the post's id in the export, for messages

    @property
    def url(self) -> str:
        return f"/artikel/{self.slug}/" if self.kind == "artikel" else f"/{self.slug}/"

    def file_name(self) -> str:
        if self.kind == "artikel":
            tanggal = self.front.get("tanggal")
            if isinstance(tanggal, str) and re.match(r"\d{4}-\d{2}-\d{2}", tanggal):
                return f"{tanggal[:10]}-{self.slug}.md"
        return f"{self.slug}.md"


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def safe_slug(*candidates: str) -> str:
    """The first candidate that makes a usable slug: `../../x` gives `x`, never a path."""
    for candidate in candidates:
        slug = slugify(unquote(candidate or "").replace("/", " "))[:MAX_SLUG].strip("-")
        if slug:
            return slug
    return "tanpa-judul"


def unique_slug(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


class Media:
    """Uploads of the old site, copied into the KIM's `media/` when the export's files are
    at hand; otherwise (or when one is missing) the link keeps pointing at the old site."""

    def __init__(self, uploads: Path | None, media_dir: Path, summary: Summary) -> None:
        self.uploads = uploads.resolve() if uploads else None
        self.media_dir = media_dir
        self.summary = summary
        self.copies: dict[Path, str] = {}  # upload file → name in media/

    def local(self, url: str, where: str) -> str | None:
        """`../media/<name>` for an upload URL, or None when it stays a link."""
        found = _UPLOAD.search(url)
        if found is None:
            return None
        rel = PurePosixPath(unquote(found.group("path")))
        if ".." in rel.parts or rel.is_absolute():
            return None
        original = rel.with_name(_RESIZED.sub("", rel.name))
        if self.uploads is None:
            return None
        for candidate in (original, rel):
            source = self.uploads.joinpath(*candidate.parts)
            try:
                real = source.resolve(strict=True)
            except OSError:
                continue
            if real.is_file() and real.is_relative_to(self.uploads):
                return "../media/" + self._copy_name(real, candidate)
        self.summary.warnings.append(f"{where}: berkas {original} tidak ada di --uploads")
        return None

    def _copy_name(self, real: Path, rel: PurePosixPath) -> str:
        if real not in self.copies:
            stem = safe_slug(rel.stem)
            suffix = rel.suffix.lower()
            suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""
            prefix = "-".join(p for p in rel.parts[:-1] if p.isdigit())
            name = f"{prefix}-{stem}{suffix}" if prefix else f"{stem}{suffix}"
            taken = set(self.copies.values())
            base, n = name, 2
            while name in taken:
                name = base.replace(suffix, f"-{n}{suffix}") if suffix else f"{base}-{n}"
                n += 1
            self.copies[real] = name
        return self.copies[real]

    def write(self, force: bool) -> None:
        for real, name in sorted(self.copies.items(), key=lambda item: item[1]):
            target = self.media_dir / name
            if target.exists():
                if target.stat().st_size == real.stat().st_size:
                    self.summary.counts["media tidak berubah"] += 1
                    continue
                if not force:
                    self.summary.skipped["media sudah ada (pakai --force)"] += 1
                    continue
            self.media_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(real, target)
            self.summary.counts["media disalin"] += 1


def html_to_markdown(
    raw: str,
    media: Media,
    where: str,
    gallery: dict[str, tuple[str, str]] | None = None,
    fix_url: Callable[[str], str] | None = None,
) -> str:
    """WordPress or Blogger HTML to clean Markdown (`clean_html`, then `to_markdown`)."""
    return to_markdown(clean_html(raw, media, where, gallery, fix_url))


def clean_html(
    raw: str,
    media: Media,
    where: str,
    gallery: dict[str, tuple[str, str]] | None = None,
    fix_url: Callable[[str], str] | None = None,
) -> str:
    """Shortcodes and block comments resolved, `&nbsp;` soup and empty paragraphs gone,
    embeds as plain links (no third-party script), uploads relinked into media/, and what
    HTML remains sanitised as writers' HTML is."""
    text = _GUTENBERG.sub("", raw or "")
    text = _CAPTION.sub(_captioned, text)
    text = _EMBED.sub(lambda m: f"\n{m.group(1).strip()}\n", text)
    if gallery is not None:
        text = _GALLERY.sub(lambda m: _gallery(m.group(1), gallery), text)
    text = _SHORTCODE.sub("", text)
    text = _OWN_LINE_URL.sub(lambda m: _embed_link(m.group(1)), text)
    text = text.replace("&nbsp;", " ").replace("\u00a0", " ")
    if "<p" not in text and "\n\n" in text:  # WordPress' classic editor: paragraphs by lines
        text = "".join(f"<p>{part.strip()}</p>\n" for part in text.split("\n\n") if part.strip())
    clean = sanitize(text)

    def relink(found: re.Match[str]) -> str:
        attribute, url = found.group(1), html.unescape(found.group(2))
        local = media.local(url, where)
        if local is None and fix_url is not None:
            url = fix_url(url)
        return f'{attribute}="{html.escape(local or url)}"'

    return re.sub(r'\b(src|href)="([^"]*)"', relink, clean)


_PHOTO = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)
_FIGURE = re.compile(r"<figure>(?:(?!</figure>).)*<figcaption>(?:(?!</figure>).)*</figure>", re.S)
_FIGURE_MARK = "KIMSITEFIGUREMARK"


_LEADING_PHOTO = re.compile(
    r"^\s*(?:<p>\s*</p>\s*)*(<figure>(?:(?!</figure>).)*</figure>"
    r"|<p>\s*(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?\s*</p>"
    r"|(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)",
    re.S,
)


def without_leading_photo(body: str, photo: str) -> str:
    """The post's featured photo (now its `gambar`, shown above the text) dropped from the
    top of its body, where WordPress themes that show none put it: not shown twice."""
    found = _LEADING_PHOTO.match(body)
    if found and f'src="{html.escape(photo)}"' in found.group(1):
        return body[found.end() :].lstrip()
    return body


def _captioned(found: re.Match[str]) -> str:
    """`[caption]<img …> Panen raya[/caption]`: the photo with its caption under it, as a
    figure (Markdown has none; kimsite publishes the figure as written)."""
    photo = _PHOTO.match(found.group(1))
    if photo is None:
        return f"<p>{found.group(1)}</p>"
    caption = photo.group(2).strip()
    if not caption:
        return f"<figure>{photo.group(1)}</figure>"
    return f"<figure>{photo.group(1)}<figcaption>{caption}</figcaption></figure>"


def to_markdown(clean: str) -> str:
    """Sanitised HTML to Markdown: a pure function, so big imports run it in worker
    processes (`markdowns`). A captioned photo stays a `<figure>` block (sanitised
    already): Markdown would make its caption a paragraph, or glue it to the photo."""
    from markdownify import markdownify

    figures: list[str] = []

    def keep(found: re.Match[str]) -> str:
        figures.append(found.group(0))
        return f"<p>{_FIGURE_MARK}{len(figures) - 1}</p>"

    markdown = markdownify(
        _FIGURE.sub(keep, clean), heading_style="ATX", bullets="-", strip=["figure"]
    )
    for number, figure in enumerate(figures):
        markdown = markdown.replace(f"{_FIGURE_MARK}{number}", f"\n\n{figure}\n\n", 1)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return "\n".join(line.rstrip() for line in markdown.strip().splitlines()) + "\n"


BATCH = 64  # posts converted at a time: memory stays bounded whatever the export's size


@contextlib.contextmanager
def converter() -> Iterator[Callable[[list[str]], list[str]]]:
    """`to_markdown` for a batch at a time, on every core (one pool for the whole import;
    the import runs alone in its process, so forking is safe)."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2:
        yield lambda cleaned: [to_markdown(c) for c in cleaned]
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield lambda cleaned: list(pool.map(to_markdown, cleaned, chunksize=4))


def _gallery(attributes: str, attachments: dict[str, tuple[str, str]]) -> str:
    """`[gallery ids="…"]`: its photos one after another, each with its alt text."""
    ids = re.search(r'ids="([\d,\s]+)"', attributes)
    if not ids:
        return ""
    images = [attachments[i.strip()] for i in ids.group(1).split(",") if i.strip() in attachments]
    return "".join(
        f'<p><img src="{html.escape(url)}" alt="{html.escape(alt)}"></p>' for url, alt in images
    )


def _embed_link(url: str) -> str:
    if _YOUTUBE.match(url):
        return f'<p><a href="{html.escape(url)}">Tonton videonya di YouTube</a></p>'
    return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'


# libyaml's emitter: PyYAML's own (pure Python) took a quarter of a 5,000-post import.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(front: dict[str, object]) -> str:
    body = yaml.dump(front, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n"


def local_time(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


class KimFolder:
    """Writes into `content/<kim>/` only, and only once the whole import has been read:
    documents and the redirect file are staged, then `commit` writes them (each file
    atomically). An export that turns out broken halfway writes nothing at all."""

    def __init__(self, folder: Path, force: bool, summary: Summary) -> None:
        self.folder = folder.resolve()
        self.force = force
        self.summary = summary
        self.staged: dict[Path, str] = {}

    def _inside(self, *parts: str) -> Path:
        target = self.folder.joinpath(*parts)
        resolved = target.resolve()
        if not resolved.is_relative_to(self.folder):
            raise ValueError(f"refusing to write outside {self.folder}: {target}")
        return target

    def write_doc(self, doc: Doc) -> None:
        target = self._inside(doc.kind, doc.file_name())
        data = front_matter(doc.front) + "\n" + doc.body
        if target.exists():
            if target.read_text(encoding="utf-8") == data:
                self.summary.counts[f"{doc.kind} tidak berubah"] += 1
                return
            if not self.force:
                self.summary.skipped[f"{doc.kind} sudah ada dan diubah (pakai --force)"] += 1
                return
        self.staged[target] = data
        self.summary.counts[doc.kind] += 1

    def relink(self, hosts: set[str], redirects: dict[str, str]) -> int:
        """Links between the imported posts, written to the old site (which, on
        WordPress.com, goes away with the move), point to their new addresses: every
        Markdown link whose address is on one of `hosts` and whose path the import
        redirects. How many links changed."""
        if not hosts:
            return 0
        # Any host, then a look-up: an export's hosts are its writer's (one per post, if
        # it likes), and a pattern naming each would grow with them.
        pattern = re.compile(r"\]\(\s*https?://([^/\s)]+)(/[^)\s]*)?(\s+\"[^\"]*\")?\s*\)")
        known = {h.lower() for h in hosts}
        changed = 0

        def new_address(match: re.Match[str]) -> str:
            nonlocal changed
            if match.group(1).lower() not in known:
                return match.group(0)
            path, _, fragment = (match.group(2) or "/").partition("#")
            new = redirects.get(path) or redirects.get(path.rstrip("/") + "/")
            if new is None:
                return match.group(0)
            changed += 1
            title = match.group(3) or ""
            return f"]({new}{'#' + fragment if fragment else ''}{title})"

        for target, data in self.staged.items():
            if target.suffix == ".md":
                self.staged[target] = pattern.sub(new_address, data)
        return changed

    def add_redirects(self, redirects: dict[str, str]) -> None:
        """Merge into pengalihan.yaml: entries already there (a writer's) are kept. The file
        is read as the build reads it (kimsite's YAML reader and its limits); one the build
        would refuse stops the import, naming its problems, before anything is written."""
        path = self._inside(REDIRECTS_NAME)
        existing: dict[str, str] = {}
        if path.exists():
            log = ProblemLog()
            existing = {r.old: r.new for r in load_redirects(path, log)}
            if log.errors:
                raise KimsiteError(log)
        merged = dict(existing)
        # The web server matches old addresses without case: of two that it would read as
        # one (Blogger labels "Berita" and "berita"), the first is kept.
        taken = {server_key(old) for old in merged}
        for old, new in sorted(redirects.items()):
            sent = old_address(old)
            # An old address that is the new one (WordPress' /tag/x/ is kimsite's too) is a
            # page of the site already: no redirect.
            # The file holds the address as sent, which the build reads as written: it must
            # fit what the build accepts written (MAX_URL_CHARS) as well as sent.
            if sent is None or sent == new or sent in merged or len(sent) > MAX_URL_CHARS:
                continue
            if server_key(sent) not in taken:
                merged[sent] = new
                taken.add(server_key(sent))
        if merged == existing:
            return
        header = (
            "# Alamat lama (situs yang diimpor) dan halaman penggantinya; dibuat oleh\n"
            "# kimsite import, boleh disunting. Lihat README: pengalihan.yaml.\n"
        )
        body = yaml.safe_dump(merged, allow_unicode=True, sort_keys=True, width=1000)
        self.staged[path] = header + body
        self.summary.counts["pengalihan"] = len(merged) - len(existing)

    def commit(self) -> None:
        """Write what was staged, in a fixed order."""
        for target, data in sorted(self.staged.items()):
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data)
        self.staged.clear()


def path_of(url: str) -> str | None:
    """The path and query of an old URL, or None for one that is not a page address."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return path if path != "/" else None


__all__ = [
    "Doc",
    "ExportUnreadable",
    "KimFolder",
    "Media",
    "Summary",
    "html_to_markdown",
    "safe_slug",
    "stream",
]
