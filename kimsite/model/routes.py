"""Every URL kimsite publishes, and the one function that maps a URL to a file.

Templates, feeds, sitemaps and link checks all take URLs from here, so a page's address
and the file that serves it can never disagree.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from kimsite.indonesia.conventions import slugify

HOME = "/"
ARTICLES = "/artikel/"
CATEGORIES = "/kategori/"
TAGS = "/tag/"
PROFILE = "/profil/"
POTENTIALS = "/potensi/"
PRODUCTS = "/produk/"
FEED = "/feed.xml"
SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"
FAVICON = "/favicon.ico"
TOUCH_ICON = "/apple-touch-icon.png"
NOT_FOUND = "/404.html"
ASSETS = "/assets/"
NEWS = "/berita/"
REGIONS = "/wilayah/"
NEWS_IMAGES = "/gambar/"  # on the index: small copies of the news' photos
SEARCH = "/cari/"
SEARCH_BUNDLE = "/pagefind/"  # Pagefind's files, below every site
ADMIN = "/admin/"  # the browser editor (kimsite.admin), when the province turns it on
EDITOR_BUNDLE = "/_decap/"  # on the index host: the editor's program, once per province

# Folders whose files kimsite owns without an index page of their own: a static page named
# like one would sit above them and shadow nothing visibly, so it is refused outright. Any
# other clash (a page called `profil`, `artikel`, …) is caught as two outputs claiming one
# file, naming both.
RESERVED_PREFIXES = frozenset({"hal", "media", "assets", "pagefind", "admin", "_decap"})


def paged(base: str, page: int) -> str:
    """Page 1 of a list is the list itself; page 2 is `<list>hal/2/`."""
    return base if page == 1 else f"{base}hal/{page}/"


def article(slug: str) -> str:
    return f"{ARTICLES}{slug}/"


def category(slug: str) -> str:
    return f"{CATEGORIES}{slug}/"


def tag(name: str) -> str:
    return f"{TAGS}{slugify(name)}/"


def page(slug: str) -> str:
    return f"/{slug}/"


def region(kabkota_name: str) -> str:
    return f"{REGIONS}{slugify(kabkota_name)}/"


def output_path(url: str) -> PurePosixPath:
    """`/artikel/x/` → `artikel/x/index.html`; `/feed.xml` → `feed.xml`.

    Refuses anything that could leave the site's folder: the writer relies on it.
    """
    if not url.startswith("/") or "\\" in url or "\x00" in url:
        raise ValueError(f"not a site URL: {url!r}")
    parts = [p for p in url.split("/") if p]
    if any(p in (".", "..") for p in parts):
        raise ValueError(f"not a site URL: {url!r}")
    if url.endswith("/"):
        parts.append("index.html")
    return PurePosixPath(*parts)
