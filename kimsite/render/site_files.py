"""The files of a KIM's site that are not pages (media and their derivatives, theme assets,
icons, feed, sitemap, robots.txt), and the summary the index keeps of the KIM.

`kim_site.render_kim` calls these once its pages are rendered; they write nothing to disk.
"""

from __future__ import annotations

import hashlib

from kimsite.model import routes
from kimsite.model.content import Kim, KimSummary
from kimsite.render import feeds
from kimsite.render.images import ProcessedImage, derivative_url, icons
from kimsite.render.markup import shorten
from kimsite.render.site_output import Owner, SiteOutput
from kimsite.render.themes import ThemeAsset
from kimsite.render.views import ArticleView, SiteView
from kimsite.source.config import SiteConfig

FEED_ENTRIES = 20


def add_assets(out: SiteOutput, assets: dict[str, ThemeAsset], theme_name: str) -> None:
    for rel, asset in assets.items():
        out.add_text(asset.url, asset.data, Owner(f"tema {theme_name}: static/{rel}", asset.source))


def add_files(
    out: SiteOutput,
    kim: Kim,
    assets: dict[str, ThemeAsset],
    theme_name: str,
    site: SiteView,
    articles: list[ArticleView],
    processed: dict[str, ProcessedImage],
    config: SiteConfig,
    keep_machine_files: bool = False,
) -> None:
    """Media, theme assets, feed, sitemap and robots.txt.

    `keep_machine_files`: only templates changed since the last build, and the feed, the
    sitemap and robots.txt use none, so they are kept as they are.
    """
    for asset in kim.media:
        owner = Owner(asset.rel, asset.source)
        image = processed.get(asset.url)
        if image is None:
            out.add_copy(asset.url, asset.source, owner)
            continue
        out.add_copy(asset.url, image.path(image.original), owner)
        for variant in (*image.variants, image.share):
            out.add_copy(derivative_url(asset.url, variant), image.path(variant), owner)
    add_assets(out, assets, theme_name)
    logo = kim.profile.logo
    add_icons(out, processed.get(logo.url) if logo else None)
    if keep_machine_files:
        for url, label in (
            (routes.FEED, "feed"),
            (routes.SITEMAP, "sitemap"),
            (routes.ROBOTS, "robots"),
        ):
            out.keep(url, Owner(label))
        return
    _feed(out, kim, site, articles)
    _sitemap_and_robots(out, site, articles, config)


def _feed(out: SiteOutput, kim: Kim, site: SiteView, articles: list[ArticleView]) -> None:
    """The KIM's Atom feed: its newest articles, by when they were last updated."""
    newest = articles[0].updated_iso if articles else _fallback_updated(kim)
    entries = tuple(
        feeds.FeedEntry(
            title=a.judul,
            url=a.abs_url,
            updated=a.updated_iso,
            published=a.published_iso,
            summary=a.ringkasan,
            content_html=str(a.html),
            author=a.penulis or site.nama,
            categories=(a.kategori.label, *(t.label for t in a.tags)),
            image=a.gambar_abs_url,
        )
        for a in sorted(articles, key=lambda a: (a.updated_iso, a.url), reverse=True)[:FEED_ENTRIES]
    )
    newest = max([e.updated for e in entries], default=newest)
    feed = feeds.Feed(
        title=site.nama,
        subtitle=site.deskripsi,
        site_url=site.base_url,
        feed_url=site.abs(routes.FEED),
        author=site.nama,
        updated=newest,
        entries=entries,
    )
    out.add_text(routes.FEED, feeds.atom(feed), Owner("feed"))


def _sitemap_and_robots(
    out: SiteOutput, site: SiteView, articles: list[ArticleView], config: SiteConfig
) -> None:
    """Every page a search engine should know (not the search page or the editor), each
    with its last change where it is an article, and robots.txt pointing at it."""
    lastmod = {a.url: a.updated_iso for a in articles}
    html_urls = sorted(
        url
        for url in (
            "/" + str(p.parent) + "/" if str(p.parent) != "." else "/"
            for p in out.html_paths()
            if p.name == "index.html"
        )
        # noindex: a search page with no words in it, and the editor
        if url not in (routes.SEARCH, routes.ADMIN)
    )
    out.add_text(
        routes.SITEMAP,
        feeds.sitemap((site.abs(u), lastmod.get(u)) for u in html_urls),
        Owner("sitemap"),
    )
    hidden = (routes.ADMIN,) if config.penyunting else ()
    out.add_text(routes.ROBOTS, feeds.robots(site.abs(routes.SITEMAP), hidden), Owner("robots"))


def add_icons(out: SiteOutput, logo: ProcessedImage | None) -> None:
    """The icons every browser asks a site for, from its logo (see `images.icons`)."""
    made = icons(logo)
    out.add_text(routes.FAVICON, made["favicon.ico"], Owner("ikon situs"))
    out.add_text(routes.TOUCH_ICON, made["apple-touch-icon.png"], Owner("ikon situs"))


def _fallback_updated(kim: Kim) -> str:
    """A site without articles still needs a stable `updated`: the founding date, or 2000."""
    founded = kim.profile.tanggal_berdiri
    day = founded.isoformat() if founded else "2000-01-01"
    return f"{day}T00:00:00+00:00"


# What one KIM may put on the province's pages, in characters per field: the index's home,
# its region pages and its feed list the KIMs and their latest news side by side, so one
# KIM's hundred-kilobyte title would make every reader's page heavy. Cut, never refused:
# the KIM's own site shows the whole text.
INDEX_CHARS = {"judul": 150, "ringkasan": 300, "nama": 120, "deskripsi": 300, "label": 80}


def summary_of(
    kim: Kim, config: SiteConfig, site: SiteView, articles: list[ArticleView], cari_digest: str
) -> KimSummary:
    region = kim.profile.region
    cut = INDEX_CHARS
    latest = [
        {
            "judul": shorten(a.judul, cut["judul"]),
            "url": a.abs_url,
            "ringkasan": shorten(a.ringkasan, cut["ringkasan"]) if a.ringkasan else a.ringkasan,
            "tanggal_iso": a.tanggal.iso,
            "tanggal_text": a.tanggal.text,
            "tanggal_date_text": a.tanggal.date_text,
            "updated_iso": a.updated_iso,
            "published_iso": a.published_iso,
            "kategori": shorten(a.kategori.label, cut["label"]),
            "gambar": a.gambar_abs_url,
            "gambar_kecil": a.gambar.thumb_url if a.gambar else None,
            "gambar_alt": shorten(a.gambar_alt, cut["judul"]) if a.gambar_alt else a.gambar_alt,
            "html_digest": hashlib.blake2b(str(a.html).encode(), digest_size=12).hexdigest(),
            "penulis": shorten(a.penulis or site.nama, cut["nama"]),
        }
        for a in articles[: config.berita_indeks]
    ]
    return KimSummary(
        slug=kim.slug,
        nama=shorten(site.nama, cut["nama"]),
        host=kim.host,
        base_url=site.base_url,
        istilah=site.istilah,
        deskripsi=shorten(site.deskripsi, cut["deskripsi"]),
        logo_url=site.abs(site.logo_url) if site.logo_url else None,
        kode_wilayah=region.code,
        desa=region.desa,
        desa_jenis=region.desa_jenis,
        kecamatan_code=region.kecamatan_code,
        kecamatan=region.kecamatan,
        kabkota_code=region.kabkota_code,
        kabkota=region.kabkota,
        article_count=len(articles),
        latest=latest,
        cari_digest=cari_digest,
    )


__all__ = ["add_files", "add_icons", "summary_of"]
