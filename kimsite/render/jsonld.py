"""Schema.org structured data (JSON-LD) for search engines and link previews.

Built from the view objects, as data, and serialised here once: a writer's text can never
close the `<script type="application/ld+json">` element it is printed in (`<`, `>` and `&`
are escaped as JSON `\\u` sequences, which every JSON parser reads back as they were).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from kimsite.i18n.messages import site_text
from kimsite.model import routes
from kimsite.render.views import ArticleView, SiteView

CONTEXT = "https://schema.org"


def to_script(*items: dict[str, Any]) -> Markup:
    """The content of one ld+json script element: a single item, or a graph of several."""
    data: dict[str, Any] = (
        {"@context": CONTEXT, **items[0]}
        if len(items) == 1
        else {"@context": CONTEXT, "@graph": list(items)}
    )
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    escaped = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(escaped)  # safe: escaped above for the script element's content


def organization(site: SiteView) -> dict[str, Any]:
    org: dict[str, Any] = {
        "@type": "Organization",
        "@id": site.abs("/#organisasi"),
        "name": site.nama,
        "alternateName": site.istilah,
        "url": site.base_url,
        "description": site.deskripsi,
    }
    if site.logo_url:
        org["logo"] = site.abs(site.logo_url)
    if site.media_sosial:
        org["sameAs"] = [link.url for link in site.media_sosial]
    return org


def website(site: SiteView) -> dict[str, Any]:
    return {
        "@type": "WebSite",
        "@id": site.abs("/#situs"),
        "name": site.nama,
        "url": site.base_url,
        "inLanguage": "id",
        "publisher": {"@id": site.abs("/#organisasi")},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": site.abs(routes.SEARCH) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def news_article(site: SiteView, article: ArticleView) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.judul[:110],
        "description": article.ringkasan,
        "url": article.abs_url,
        "mainEntityOfPage": article.abs_url,
        "datePublished": article.published_iso,
        "dateModified": article.updated_iso,
        "inLanguage": "id",
        "articleSection": article.kategori.label,
        "author": (
            {"@type": "Person", "name": article.penulis}
            if article.penulis
            else {"@type": "Organization", "name": site.nama, "url": site.base_url}
        ),
        "publisher": organization(site),
    }
    if article.tags:
        item["keywords"] = [t.label for t in article.tags]
    if article.gambar_bagikan_url:
        item["image"] = [article.gambar_bagikan_url]
    elif article.gambar_abs_url:
        item["image"] = [article.gambar_abs_url]
    return item


def breadcrumbs(site: SiteView, trail: list[tuple[str, str]]) -> dict[str, Any]:
    """`trail`: (name, root-relative URL) from the home page down to this page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": site.abs(url)}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def article_script(site: SiteView, article: ArticleView) -> Markup:
    trail = [
        (site_text("site.home"), routes.HOME),
        (article.kategori.label, article.kategori.url),
        (article.judul, article.url),
    ]
    return to_script(news_article(site, article), breadcrumbs(site, trail))


def home_script(site: SiteView) -> Markup:
    return to_script(organization(site), website(site))
