"""The pages of a site, each through its template: the one `PageWriter` (a template's
failure becomes a problem at its line, never a crash) and every page type of a KIM's site,
list by list. `kim_site` calls `render_pages` once a KIM's views are made; the index's
pages (`index_site`) go through the same writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from kimsite.i18n.messages import site_text
from kimsite.model import routes
from kimsite.model.content import Kim, KimSummary
from kimsite.model.problems import ProblemLog
from kimsite.render import jsonld, search
from kimsite.render.site_output import Owner, SiteOutput
from kimsite.render.themes import (
    AssetUrls,
    render_page,
    template_problem,
)
from kimsite.render.views import (
    ArticleView,
    Link,
    Meta,
    Pager,
    PageView,
    SiteView,
)
from kimsite.source.config import SiteConfig


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


RELATED = 3


TEMPLATES = (
    "home.html",
    "list.html",
    "article.html",
    "terms.html",
    "page.html",
    "profile.html",
    "potensi.html",
    "produk.html",
    "cari.html",
    "404.html",
)


class PageWriter:
    """Renders one template into the output, turning template failures into problems."""

    def __init__(
        self,
        env: jinja2.Environment,
        site: Any,
        out: SiteOutput,
        log: ProblemLog,
        fallback: Path,
        keep: Callable[[str], bool] | None = None,
        aset: AssetUrls | None = None,
    ) -> None:
        self.env, self.site, self.out, self.log, self.fallback = env, site, out, log, fallback
        self.keep = keep
        self.aset = aset
        self.used: set[str] = set()

    def __call__(
        self, template: str, url: str, owner: str | Owner, meta: Meta, **context: Any
    ) -> None:
        self.used.add(template)
        owner = owner if isinstance(owner, Owner) else Owner(owner)
        if self.keep is not None and self.keep(template):
            self.out.keep(url, owner)
            return
        fallback = self.fallback
        try:
            compiled = self.env.get_template(template)
            fallback = Path(compiled.filename) if compiled.filename else fallback
            html = render_page(
                compiled, {"site": self.site, "meta": meta, "aset": self.aset, **context}
            )
        except (
            jinja2.TemplateError,
            TypeError,
            ValueError,
            AttributeError,
            LookupError,
            ArithmeticError,  # `{{ total // count }}` with no articles yet
            RecursionError,  # a macro that calls itself without end
        ) as exc:
            template_problem(exc, self.log, fallback, template)
            return
        self.out.add_text(url, html, owner)


def paginate(
    items: Sequence[ArticleView], per_page: int, base: str
) -> Iterator[tuple[list[ArticleView], Pager, str]]:
    total = max(1, -(-len(items) // per_page))
    for number in range(1, total + 1):
        chunk = list(items[(number - 1) * per_page : number * per_page])
        pager = Pager(
            number=number,
            total=total,
            prev_url=routes.paged(base, number - 1) if number > 1 else None,
            next_url=routes.paged(base, number + 1) if number < total else None,
        )
        yield chunk, pager, routes.paged(base, number)


def _meta(site: SiteView, title: str, url: str, description: str, **extra: Any) -> Meta:
    return Meta(title=title, description=description, url=url, canonical=site.abs(url), **extra)


def render_pages(
    write: PageWriter,
    site: SiteView,
    articles: list[ArticleView],
    pages: tuple[PageView, ...],
    config: SiteConfig,
    kim: Kim,
) -> None:
    """Every page of a KIM's site, template by template."""
    per_page = config.artikel_per_halaman
    sources = {routes.article(a.slug): a.source for a in kim.articles}
    sources.update({routes.page(p.slug): p.source for p in kim.pages})
    logo = site.abs(site.logo_url) if site.logo_url else None
    _lists(write, site, articles, per_page, logo)
    _articles(write, site, articles, sources, logo)
    _render_terms(write, site, articles, per_page, "kategori")
    _render_terms(write, site, articles, per_page, "tag")
    for page in pages:
        write(
            "page.html",
            page.url,
            Owner(f"halaman {page.slug}", sources.get(page.url)),
            _meta(site, page.judul, page.url, page.ringkasan or site.deskripsi),
            doc=page,
        )
    _kim_pages(write, site, kim, logo)


def _lists(
    write: PageWriter, site: SiteView, articles: list[ArticleView], per_page: int, logo: str | None
) -> None:
    """The home page and the list of all news, each page by page."""
    for chunk, pager, url in paginate(articles, per_page, routes.HOME):
        title = _numbered(site.nama, pager.number)
        write(
            "home.html",
            url,
            "beranda",
            _meta(site, title, url, site.deskripsi, image=logo, jsonld=jsonld.home_script(site)),
            articles=chunk,
            pager=pager,
        )
    for chunk, pager, url in paginate(articles, per_page, routes.ARTICLES):
        title = _numbered(site_text("site.all_news"), pager.number)
        write(
            "list.html",
            url,
            "daftar artikel",
            _meta(site, title, url, site_text("site.all_news_about", nama=site.nama)),
            title=title,
            articles=chunk,
            pager=pager,
            term=None,
        )


def _articles(
    write: PageWriter,
    site: SiteView,
    articles: list[ArticleView],
    sources: dict[str, Path],
    logo: str | None,
) -> None:
    """Each article's page, with its related, newer and older articles."""
    for index, article in enumerate(articles):
        related = [a for a in articles if a.kategori == article.kategori and a is not article][
            :RELATED
        ]
        newer = articles[index - 1] if index > 0 else None
        older = articles[index + 1] if index + 1 < len(articles) else None
        meta = _meta(
            site,
            article.judul,
            article.url,
            article.ringkasan,
            og_type="article",
            image=article.gambar_bagikan_url or article.gambar_abs_url or logo,
            image_alt=article.gambar_alt or None,
            jsonld=jsonld.article_script(site, article),
        )
        write(
            "article.html",
            article.url,
            Owner(f"artikel {article.slug}", sources.get(article.url)),
            meta,
            article=article,
            related=related,
            newer=newer,
            older=older,
        )


def _kim_pages(write: PageWriter, site: SiteView, kim: Kim, logo: str | None) -> None:
    """The pages every KIM site has from its profile alone: profile, potential, products
    (when it has some), search and the 404 page."""
    write(
        "profile.html",
        routes.PROFILE,
        "halaman profil bawaan kimsite",
        _meta(
            site,
            site_text("site.profile", nama=site.nama),
            routes.PROFILE,
            site.deskripsi,
            image=logo,
        ),
    )
    if site.potensi:
        write(
            "potensi.html",
            routes.POTENTIALS,
            "halaman potensi bawaan kimsite",
            _meta(
                site,
                site_text("site.potentials", desa=kim.profile.region.desa),
                routes.POTENTIALS,
                site_text(
                    "site.potentials_about",
                    desa=kim.profile.region.desa_label,
                    names=", ".join(p.nama for p in site.potensi),
                ),
            ),
        )
    if site.produk:
        write(
            "produk.html",
            routes.PRODUCTS,
            "halaman produk bawaan kimsite",
            _meta(
                site,
                site_text("site.products", desa=kim.profile.region.desa),
                routes.PRODUCTS,
                site_text("site.products_about", names=", ".join(p.nama for p in site.produk)),
            ),
        )
    write(
        "cari.html",
        routes.SEARCH,
        "halaman pencarian bawaan kimsite",
        _meta(
            site,
            site_text("site.search"),
            routes.SEARCH,
            site_text("site.search_about", nama=site.nama),
            noindex=True,
        ),
    )
    write(
        "404.html",
        routes.NOT_FOUND,
        "404",
        _meta(site, site_text("site.not_found"), routes.NOT_FOUND, site.deskripsi, noindex=True),
    )


def _numbered(title: str, number: int) -> str:
    """A title, with its page's number after the first page of a list."""
    return title if number == 1 else site_text("site.page_number", title=title, number=number)


def _render_terms(
    write: PageWriter, site: SiteView, articles: list[ArticleView], per_page: int, kind: str
) -> None:
    groups: dict[str, tuple[Link, list[ArticleView]]] = {}
    for article in articles:
        for term in [article.kategori] if kind == "kategori" else list(article.tags):
            groups.setdefault(term.url, (term, []))[1].append(article)
    terms = sorted(
        (Link(t.label, t.url, len(items)) for t, items in groups.values()),
        key=lambda t: (-t.count, t.label),
    )
    base = routes.CATEGORIES if kind == "kategori" else routes.TAGS
    heading = site_text("site.categories" if kind == "kategori" else "site.tags")
    write(
        "terms.html",
        base,
        f"daftar {kind}",
        _meta(site, heading, base, site_text("site.terms_about", heading=heading, nama=site.nama)),
        title=heading,
        terms=terms,
        kind=kind,
    )
    for url in sorted(groups):
        term, items = groups[url]
        for chunk, pager, page_url in paginate(items, per_page, url):
            label = term.label if kind == "kategori" else f"#{term.label}"
            title = _numbered(site_text("site.term", heading=heading, label=label), pager.number)
            write(
                "list.html",
                page_url,
                f"{kind} {term.label}",
                _meta(
                    site,
                    title,
                    page_url,
                    site_text(
                        "site.category_about" if kind == "kategori" else "site.tag_about",
                        nama=site.nama,
                        label=term.label,
                    ),
                ),
                title=title,
                articles=chunk,
                pager=pager,
                term=term,
            )


__all__ = ["PageWriter", "paginate", "render_pages"]
