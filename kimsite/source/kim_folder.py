"""Reading one KIM folder into the model, collecting every problem on the way.

A KIM folder is read completely even when something is wrong, so that the writer sees all
their mistakes in one run; the caller decides that a KIM with errors is not built.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from kimsite.indonesia.conventions import (
    FIRST_YEAR,
    LAST_YEAR,
    Moment,
    Zone,
    is_dns_label,
    parse_moment,
    slugify,
)
from kimsite.model.content import (
    Article,
    Asset,
    Document,
    Kim,
    Page,
)
from kimsite.model.problems import ProblemLog, Severity
from kimsite.source.config import ContentLimits, SiteConfig
from kimsite.source.contract import ARTICLE, PAGE, Shape, shape
from kimsite.source.files import (
    PLACEHOLDER,
    PROFILE_NAME,
    AssetResolver,
    list_files,
    read_text,
)
from kimsite.source.hosts import host_of
from kimsite.source.profiles import asset_field, load_profile
from kimsite.source.redirects import load_redirects
from kimsite.source.yaml_fields import Fields
from kimsite.source.yaml_text import YamlUnreadable, parse_yaml, split_front_matter

__all__ = ["Unread", "load_kim", "publishable"]

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_ARTICLE, _PAGE = shape(ARTICLE), shape(PAGE)
UPDATE_SLACK = timedelta(days=1)  # clocks and zones differ; a day more is still honest


@dataclass
class Unread:
    """What a KIM's folder holds that no site is made from while it has errors: every
    article and page whose body could be read (those whose front matter was refused too),
    with what a body may refer to. Their bodies' own mistakes are then told in the same run
    as the front matter's (`kim_site.body_problems`), not one fix at a time."""

    folder: Path | None = None
    media: tuple[Asset, ...] = ()
    sources: tuple[Path, ...] = ()  # every Markdown file of the KIM: a link to one is no mistake
    docs: list[Document] = field(default_factory=list)


def load_kim(
    folder: Path,
    config: SiteConfig,
    log: ProblemLog,
    now: datetime | None = None,
    unread: Unread | None = None,
) -> Kim | None:
    """Read a KIM folder; returns None only when even its profile cannot be read.

    `now` (the build's time) enables the checks that depend on it: an update date may not
    lie in the future. `unread` is filled with every document whose body could be read.
    """
    slug = folder.name
    if not is_dns_label(slug):
        return None  # host_problems names it; every caller reports those first
    if folder.is_symlink():
        log.add(folder, None, "link.kim_folder", target=os.readlink(folder))
        return None
    files = list_files(folder, log)
    folder = files.folder
    resolver = AssetResolver(folder, publishable(files.media, folder))
    docs = unread.docs if unread is not None else None
    if unread is not None:
        unread.folder, unread.media = folder, files.media
        unread.sources = (*files.articles, *files.pages)
    if files.profile is None:
        log.add(folder / PROFILE_NAME, None, "kim.no_profile")
        profile = None
    else:
        profile = load_profile(files.profile, config, resolver, log)
    # Articles and pages are read even when the profile is broken, so that one run shows
    # the writer every mistake in the folder.
    zone = config.zone
    limits = config.batas
    articles = tuple(
        a
        for a in (load_article(p, zone, resolver, log, now, limits, docs) for p in files.articles)
        if a
    )
    _check_tag_count(articles, limits, log)
    _check_unique_slugs(articles, "article.duplicate_slug", log)
    pages = tuple(
        p for p in (load_page(p, log, limits, docs) for p in files.pages) if p is not None
    )
    _check_unique_slugs(pages, "page.duplicate_slug", log)
    redirects = load_redirects(files.redirects, log) if files.redirects else ()
    if profile is None:
        return None
    host = host_of(slug, config)
    if profile.domain is not None and profile.domain != host:
        log.add(
            profile.source,
            profile.domain_line,
            "kim.domain_not_approved",
            domain=profile.domain,
            host=host,
            slug=slug,
        )
    return Kim(
        slug=slug,
        folder=folder,
        host=host,
        zone=zone,
        profile=profile,
        articles=tuple(sorted(articles, key=lambda a: (-a.tanggal.at.timestamp(), a.slug))),
        pages=tuple(sorted(pages, key=lambda p: (p.urutan, p.slug))),
        media=files.media,
        theme=profile.tema or config.tema,
        redirects=redirects,
    )


def publishable(media: tuple[Asset, ...], folder: Path) -> frozenset[str]:
    """The real files (links followed) that content may reference as media."""
    return frozenset(a.source.relative_to(folder).as_posix() for a in media)


def _check_unique_slugs(
    docs: tuple[Article, ...] | tuple[Page, ...], code: str, log: ProblemLog
) -> None:
    seen: dict[str, Path] = {}
    for doc in sorted(docs, key=lambda d: d.source):
        if doc.slug in seen:
            log.add(doc.source, 1, code, slug=doc.slug, other=seen[doc.slug].name)
        else:
            seen[doc.slug] = doc.source


def _front_matter(path: Path, log: ProblemLog, schema: Shape) -> tuple[Fields, str, int] | None:
    text = read_text(path, log)
    if text is None:
        return None
    fm = split_front_matter(text, path, log)
    if fm is None:
        return None
    try:
        node = parse_yaml(fm.yaml_text, path, log, line_offset=fm.yaml_line - 1)
    except YamlUnreadable:
        return None
    fields = Fields.open(
        node, path, log, offset=fm.yaml_line - 1, what="front matter", schema=schema
    )
    if fields is None:
        return None
    return fields, fm.body, fm.body_line


def _slug(fields: Fields, path: Path, log: ProblemLog) -> str:
    raw = fields.text("slug")
    if raw is not None:
        if not is_dns_label(raw):
            log.add(
                path,
                fields.line("slug"),
                "doc.bad_slug",
                value=raw,
                hint=slugify(raw) or "judul-artikel",
            )
        return raw
    slug = slugify(_DATE_PREFIX.sub("", path.stem))
    if not slug:
        log.add(path, None, "doc.empty_slug")
    return slug


def _moment(fields: Fields, key: str, zone: Zone, required: bool = False) -> Moment | None:
    """A publication time, within the years a KIM can honestly carry."""
    raw = fields.text(key, required=required)
    if raw is None:
        return None
    value = parse_moment(raw, zone)
    if value is None:
        fields.log.add(fields.path, fields.line(key), "field.bad_moment", key=key, value=raw)
    elif not FIRST_YEAR <= value.at.year <= LAST_YEAR:
        fields.log.add(
            fields.path,
            fields.line(key),
            "field.year_range",
            key=key,
            value=raw,
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
        return None
    return value


DEFAULT_LIMITS = ContentLimits()
# A tag becomes a page's title and address: past this it is no tag but a sentence.
MAX_TAG_CHARS = 100


def _check_lengths(
    fields: Fields, path: Path, limits: ContentLimits, log: ProblemLog, **values: str | None
) -> None:
    """Titles and summaries within the province's bounds (`batas_judul`, `batas_ringkasan`):
    each is repeated on lists, feeds and the index, so one huge one weighs on many pages."""
    for key, limit in (("judul", limits.judul), ("ringkasan", limits.ringkasan)):
        value = values[key]
        if value is not None and len(value) > limit:
            log.add(
                path,
                fields.line(key),
                "doc.too_long",
                key=key,
                length=len(value),
                limit=limit,
                setting=f"batas_{key}",
            )


def _check_tag_count(articles: Sequence[Article], limits: ContentLimits, log: ProblemLog) -> None:
    """A KIM's different tags within `batas_tag_kim`: each is a page (and a list of pages),
    so thousands of them multiply a small folder into a site that fills the disk. Named at
    the first article, in the order the KIM's files are read, that goes past it."""
    seen: set[str] = set()
    for article in sorted(articles, key=lambda a: a.source):
        seen.update(article.tag)
        if len(seen) > limits.tag_kim:
            log.add(article.source, None, "kim.too_many_tags", limit=limits.tag_kim)
            return


def load_article(
    path: Path,
    zone: Zone,
    resolver: AssetResolver,
    log: ProblemLog,
    now: datetime | None = None,
    limits: ContentLimits = DEFAULT_LIMITS,
    docs: list[Document] | None = None,
) -> Article | None:
    parsed = _front_matter(path, log, _ARTICLE)
    if parsed is None:
        return None
    fields, body, body_line = parsed
    start = len(log.errors)
    judul = fields.text("judul", required=True)
    ringkasan = fields.text("ringkasan")
    _check_lengths(fields, path, limits, log, judul=judul, ringkasan=ringkasan)
    tanggal = _moment(fields, "tanggal", zone, required=True)
    diperbarui = _moment(fields, "diperbarui", zone)
    if diperbarui is not None and now is not None and diperbarui.at > now + UPDATE_SLACK:
        # An update "in the future" would pin the article on top of every list and feed.
        log.add(path, fields.line("diperbarui"), "doc.updated_future", value=str(diperbarui.at))
    kategori_raw = fields.text("kategori") or "berita"
    kategori = slugify(kategori_raw)
    if not kategori or len(kategori_raw) > MAX_TAG_CHARS:
        log.add(
            path, fields.line("kategori"), "doc.bad_category", value=kategori_raw[:MAX_TAG_CHARS]
        )
    gambar = asset_field(fields, "gambar", path.parent, resolver, log)
    gambar_alt = fields.text("gambar_alt")
    if fields.has("gambar") and not gambar_alt:
        log.add(path, fields.line("gambar"), "doc.image_no_alt", Severity.WARNING)
    tags = []
    for tag in fields.text_list("tag"):
        if not slugify(tag) or len(tag) > MAX_TAG_CHARS:
            log.add(path, fields.line("tag"), "doc.bad_tag", value=tag[:MAX_TAG_CHARS])
        elif tag.lower() not in tags:
            tags.append(tag.lower())
    if len(tags) > limits.tag_artikel:
        log.add(
            path, fields.line("tag"), "doc.too_many_tags", count=len(tags), limit=limits.tag_artikel
        )
    draf = fields.boolean("draf")
    example = body.find(PLACEHOLDER)
    if example >= 0 and not draf:
        # `new artikel`'s example text, not news: it would go out as written.
        log.add(path, body_line + body.count("\n", 0, example), "doc.placeholder")
    article = Article(
        source=path,
        slug=_slug(fields, path, log),
        judul=judul or "",
        ringkasan=ringkasan,
        body=body,
        body_line=body_line,
        tanggal=tanggal,  # type: ignore[arg-type]  # None only with an error logged
        kategori=kategori,
        gambar=gambar,
        gambar_alt=gambar_alt,
        penulis=fields.text("penulis"),
        tag=tuple(tags),
        draf=draf,
        diperbarui=diperbarui,
        sumber=fields.text("sumber"),
    )
    fields.finish()
    if docs is not None:
        docs.append(article)
    if len(log.errors) > start or tanggal is None or not judul:
        return None
    return article


def load_page(
    path: Path,
    log: ProblemLog,
    limits: ContentLimits = DEFAULT_LIMITS,
    docs: list[Document] | None = None,
) -> Page | None:
    parsed = _front_matter(path, log, _PAGE)
    if parsed is None:
        return None
    fields, body, body_line = parsed
    start = len(log.errors)
    judul = fields.text("judul", required=True)
    ringkasan = fields.text("ringkasan")
    _check_lengths(fields, path, limits, log, judul=judul, ringkasan=ringkasan)
    page = Page(
        source=path,
        slug=_slug(fields, path, log),
        judul=judul or "",
        ringkasan=ringkasan,
        body=body,
        body_line=body_line,
        urutan=fields.integer("urutan") or 100,
        menu=fields.boolean("menu", default=True),
    )
    fields.finish()
    if docs is not None:
        docs.append(page)
    if len(log.errors) > start or not judul:
        return None
    return page
