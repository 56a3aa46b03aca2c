"""Rendering one KIM's whole site into a `SiteOutput`, and the summary the index needs.

Nothing here writes to disk: the caller commits the output only when every page rendered.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kimsite.model import routes
from kimsite.model.content import Article, Kim, KimSummary, Page
from kimsite.model.problems import ProblemLog
from kimsite.model.publishing import BuildOptions
from kimsite.render import search
from kimsite.render.images import (
    PROCESSED,
    ImageProblem,
    ProcessedImage,
    process,
)
from kimsite.render.markup import (
    RENDERER_VERSION,
    MarkdownRenderer,
    RenderedBody,
    body_from_json,
    body_to_json,
    still_valid,
)
from kimsite.render.pages import PageWriter, render_pages
from kimsite.render.site_files import add_files, summary_of
from kimsite.render.site_output import OutputConflict, SiteOutput
from kimsite.render.themes import (
    AssetUrls,
    Theme,
    template_environment,
    template_files,
)
from kimsite.render.views import (
    ArticleView,
    Images,
    PageView,
    SiteView,
    article_view,
    image_views,
    page_view,
    site_view,
)
from kimsite.source.config import SiteConfig
from kimsite.source.files import OVERRIDES_DIR, REDIRECTS_NAME, AssetResolver
from kimsite.source.kim_folder import Unread, publishable
from kimsite.source.redirects import check_against_site


@dataclass
class KimRender:
    """A rendered KIM site and what the cache keeps of the rendering."""

    output: SiteOutput
    summary: KimSummary
    renders: dict[str, Any]  # source path (relative to the KIM folder) → cached render
    templates: dict[str, list[str]]  # template used → template files it reads
    feed_html: dict[str, str]  # URL → body of the articles in the summary, for the index feed
    next_change_ns: int | None  # when a future-dated article becomes due
    site_search: list[search.Record]  # what the site's own search bundle indexes
    province_search: list[search.Record]  # what the index's combined search holds of it


# The province feed carries each article's body, as the KIM's own feed does, up to this
# size; a longer one is given there as its summary and a link (one KIM's megabytes of text
# would otherwise be every subscriber's download of the province's news).
INDEX_FEED_CHARS = 50_000


def index_feed_body(article: ArticleView) -> str:
    body = str(article.html)
    if len(body) <= INDEX_FEED_CHARS:
        return body
    return (
        f"<p>{html.escape(article.ringkasan)}</p>"
        f'<p><a href="{html.escape(article.abs_url)}">Baca selengkapnya</a></p>'
    )


def render_kim(
    kim: Kim,
    config: SiteConfig,
    theme: Theme,
    options: BuildOptions,
    renderer: Callable[[], MarkdownRenderer],
    log: ProblemLog,
    cached: dict[str, Any] | None = None,
    keep: Callable[[str], bool] | None = None,
    known_templates: dict[str, list[str]] | None = None,
    image_cache: Path | None = None,
    searching: Callable[[list[search.Record]], None] | None = None,
    extras: Callable[[SiteOutput, list[str]], None] | None = None,
) -> KimRender | None:
    """Render every file of a KIM's site; None when anything failed (problems are logged).

    `cached` holds earlier renders of the KIM's Markdown: one whose text and lookups are
    unchanged is reused instead of rendered (`renderer` is only called when one is not).
    `known_templates` are the template files each template read at the last build, valid
    while no theme file changed. `keep(template)` tells which templates did not
    change since the last build, so pages rendered with them are kept, not rendered again
    (only valid when the KIM's content did not change either). `searching` is handed the
    site's search records before the pages render, so their bundle can be made meanwhile.
    `extras(out, stylesheets)` adds what the pipeline publishes beside the theme's pages
    (the editor's `/admin/`): inside the site before its redirects are checked against it.
    """
    published = [a for a in kim.articles if options.published(a)]
    links: dict[Path, str | None] = {a.source: None for a in kim.articles}
    links.update({a.source: routes.article(a.slug) for a in published})
    links.update({p.source: routes.page(p.slug) for p in kim.pages})
    resolver = AssetResolver(kim.folder, publishable(kim.media, kim.folder))
    processed = _process_images(kim, image_cache, log)
    images = image_views(processed)

    bodies, renders = _bodies([*published, *kim.pages], kim, renderer, resolver, links, cached, log)
    for page in kim.pages:
        if page.slug in routes.RESERVED_PREFIXES:
            log.add(page.source, None, "page.reserved_slug", slug=page.slug)
    if log.has_errors():
        return None

    site, articles, pages = _views(kim, config, options, published, bodies, images)
    site_search = search.site_records(site, articles, pages)
    if searching is not None:
        searching(site_search)
    env = template_environment(theme, kim.folder / OVERRIDES_DIR)
    out = SiteOutput()
    assets = theme.assets()
    page_writer = PageWriter(
        env, site, out, log, kim.profile.source, keep, AssetUrls(assets, theme.name)
    )
    try:
        render_pages(page_writer, site, articles, pages, config, kim)
        add_files(
            out,
            kim,
            assets,
            theme.name,
            site,
            articles,
            processed,
            config,
            keep_machine_files=keep is not None,
        )
        if extras is not None:
            extras(out, sorted(a.url for a in assets.values() if a.url.endswith(".css")))
    except OutputConflict as conflict:
        _conflict(conflict, kim, log)
    if kim.redirects:
        waiting = {routes.article(a.slug) for a in kim.articles if not options.published(a)}
        check_against_site(
            kim.redirects, kim.folder / REDIRECTS_NAME, out.owners.keys(), log, waiting
        )
    if log.has_errors():
        return None
    templates = {
        name: (known_templates or {}).get(name) or template_files(env, name)
        for name in page_writer.used
    }
    return _result(kim, config, options, site, articles, out, renders, templates, site_search)


def body_problems(
    unread: Unread, renderer: Callable[[], MarkdownRenderer], log: ProblemLog
) -> None:
    """The mistakes in the bodies of a KIM that has other errors (a refused front matter, a
    broken profile): no site is made, but the writer learns every mistake of a file in one
    run, the missing picture in the text with the missing photo in the header. Every
    Markdown file of the KIM counts as a page for links (none is published now)."""
    if unread.folder is None or not unread.docs:
        return
    resolver = AssetResolver(unread.folder, publishable(unread.media, unread.folder))
    links: dict[Path, str | None] = {source: "/" for source in unread.sources}
    for doc in unread.docs:
        log.extend(renderer().render(doc, resolver, links).problems)


def _result(
    kim: Kim,
    config: SiteConfig,
    options: BuildOptions,
    site: SiteView,
    articles: list[ArticleView],
    out: SiteOutput,
    renders: dict[str, Any],
    templates: dict[str, list[str]],
    site_search: list[search.Record],
) -> KimRender:
    """The rendered site and what the cache and the index keep of it."""
    next_change = _next_change(kim, options)
    province_search = search.province_records(site, articles)
    return KimRender(
        output=out,
        summary=summary_of(kim, config, site, articles, search.digest(province_search)),
        renders=renders,
        templates=templates,
        feed_html={a.abs_url: index_feed_body(a) for a in articles[: config.berita_indeks]},
        next_change_ns=int(next_change * 1e9) if next_change is not None else None,
        site_search=site_search,
        province_search=province_search,
    )


def _views(
    kim: Kim,
    config: SiteConfig,
    options: BuildOptions,
    published: list[Article],
    bodies: dict[Path, RenderedBody],
    images: Images,
) -> tuple[SiteView, list[ArticleView], tuple[PageView, ...]]:
    """What the templates see: the site, its published articles (a preview marks drafts
    and future-dated ones) and its pages."""
    base_url = config.base_url(kim.host)
    pages = tuple(page_view(p, bodies[p.source], images) for p in kim.pages)
    site = site_view(kim, config, pages, images)
    articles = [
        replace(article_view(a, bodies[a.source], kim, base_url, images), status=status)
        if (status := _status(a, options))
        else article_view(a, bodies[a.source], kim, base_url, images)
        for a in published
    ]
    return site, articles, pages


def _conflict(conflict: OutputConflict, kim: Kim, log: ProblemLog) -> None:
    """Two sources claiming one file of the site: an error naming both."""
    log.add(
        conflict.source or kim.folder,
        None,
        "output.conflict",
        output=str(conflict.path),
        first=conflict.first.label,
        second=conflict.second.label,
    )


def _next_change(kim: Kim, options: BuildOptions) -> float | None:
    """When the next article not published yet is due (a draft never is): the build after
    that moment publishes it."""
    due = [
        a.tanggal.at
        for a in kim.articles
        if not options.published(a) and not (a.draf and not options.drafts)
    ]
    return min(due).timestamp() if due else None


def _bodies(
    docs: list[Article | Page],
    kim: Kim,
    renderer: Callable[[], MarkdownRenderer],
    resolver: AssetResolver,
    links: dict[Path, str | None],
    cached: dict[str, Any] | None,
    log: ProblemLog,
) -> tuple[dict[Path, RenderedBody], dict[str, Any]]:
    """Every document's Markdown as HTML, and what the cache keeps of each: an earlier
    render is reused while its text, the renderer and every look-up it made are the same."""
    bodies: dict[Path, RenderedBody] = {}
    renders: dict[str, Any] = {}
    for doc in docs:
        rel = doc.source.relative_to(kim.folder).as_posix()
        digest = hashlib.blake2b(doc.body.encode(), digest_size=16).hexdigest()
        key = f"{RENDERER_VERSION}:{digest}:{doc.body_line}"
        entry = (cached or {}).get(rel)
        body = None
        if isinstance(entry, dict) and entry.get("key") == key:
            try:
                body = body_from_json(entry)
            except (KeyError, TypeError, ValueError, IndexError):
                body = None
            if body is not None and not still_valid(body, doc, resolver, links):
                body = None
        if body is None:
            body = renderer().render(doc, resolver, links)
        renders[rel] = body_to_json(body, key)
        log.extend(body.problems)
        bodies[doc.source] = body
    return bodies, renders


def _status(article: Article, options: BuildOptions) -> str | None:
    """What a preview marks: a draft, or an article that goes live by itself later."""
    if article.draf:
        return "draf"
    return "terjadwal" if article.tanggal.at > options.now else None


def _process_images(kim: Kim, cache: Path | None, log: ProblemLog) -> dict[str, ProcessedImage]:
    """Every photo of the KIM cleaned and resized (from the image cache when its bytes are
    unchanged); one that cannot be read is this KIM's error, naming the file."""
    import tempfile

    processed: dict[str, ProcessedImage] = {}
    with tempfile.TemporaryDirectory() if cache is None else nullcontext(str(cache)) as where:
        for asset in kim.media:
            if Path(asset.rel).suffix.lower() not in PROCESSED:
                continue
            try:
                processed[asset.url] = process(asset.source, Path(where))
            except ImageProblem as problem:
                log.add(kim.folder / asset.rel, None, problem.code, detail=problem.detail[:200])
        if cache is None:  # kimsite check: the files go with the temporary folder
            return {}
    return processed


__all__ = ["KimRender", "PageWriter", "render_kim"]
