"""The province index site, built from KIM summaries alone.

It never reads KIM content: it only needs the `KimSummary` of each KIM, which is what makes
sharded builds possible (each shard writes summaries; one last step renders the index).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import Any

from kimsite.i18n.messages import site_text
from kimsite.model import routes
from kimsite.model.content import KimSummary
from kimsite.model.problems import ProblemLog
from kimsite.render import feeds
from kimsite.render.pages import PageWriter
from kimsite.render.site_files import add_assets, add_icons
from kimsite.render.site_output import OutputConflict, Owner, SiteOutput
from kimsite.render.themes import AssetUrls, Theme, template_environment
from kimsite.render.views import Link, Meta, Pager
from kimsite.source.config import SiteConfig


@dataclass(frozen=True)
class NewsItem:
    judul: str
    url: str
    ringkasan: str
    tanggal_text: str
    tanggal_iso: str
    kategori: str
    gambar: str | None  # on the index's own host when a small copy could be published
    gambar_alt: str
    kim_nama: str
    kim_url: str
    desa: str


@dataclass(frozen=True)
class KimEntry:
    nama: str
    url: str
    host: str
    desa: str
    desa_jenis: str
    deskripsi: str
    article_count: int
    logo_url: str | None


# A region page lists at most this many KIMs (a kabupaten can have 400 desa and more); its
# further pages are linked from the index home, so every KIM stays two clicks away.
KIM_PER_PAGE = 100
NEWS_PAGES = 10  # pages of the province's latest news: the home, then /berita/hal/2/…


@dataclass(frozen=True)
class KecamatanGroup:
    nama: str
    code: str
    kims: tuple[KimEntry, ...]
    continued: bool = False  # its first KIMs are on the region's previous page

    @property
    def count(self) -> int:
        return len(self.kims)


@dataclass(frozen=True)
class KabkotaGroup:
    nama: str
    code: str
    url: str
    kecamatan: tuple[KecamatanGroup, ...]

    @property
    def count(self) -> int:
        return sum(k.count for k in self.kecamatan)

    @property
    def pages(self) -> tuple[str, ...]:
        """The URLs of its pages: the region page, then `hal/2/`…"""
        total = max(1, -(-self.count // KIM_PER_PAGE))
        return tuple(routes.paged(self.url, n) for n in range(1, total + 1))

    def chunks(self) -> list[tuple[KecamatanGroup, ...]]:
        """Its KIMs, page by page, in kecamatan order; a kecamatan may run over two pages."""
        chunks: list[tuple[KecamatanGroup, ...]] = []
        current: list[KecamatanGroup] = []
        room = KIM_PER_PAGE
        for kec in self.kecamatan:
            kims, continued = kec.kims, False
            while kims:
                part, kims = kims[:room], kims[room:]
                current.append(replace(kec, kims=part, continued=continued))
                continued, room = True, room - len(part)
                if room == 0:
                    chunks.append(tuple(current))
                    current, room = [], KIM_PER_PAGE
        if current or not chunks:
            chunks.append(tuple(current))
        return chunks


@dataclass(frozen=True)
class ProvinceView:
    """The index site in the role `site` plays for a KIM, so that `base.html` serves both."""

    nama: str
    istilah: str
    deskripsi: str
    base_url: str
    host: str
    menu: tuple[Link, ...]
    logo_url: str | None
    feed_url: str
    index_url: str
    index_title: str
    penyelenggara: str
    provinsi: str
    is_index: bool = True

    def abs(self, url: str) -> str:
        return self.base_url.rstrip("/") + url


def _groups(summaries: list[KimSummary]) -> list[KabkotaGroup]:
    ordered = sorted(summaries, key=lambda s: (s.kabkota_code, s.kecamatan_code, s.nama, s.slug))
    groups = []
    for (kab_code, kab_name), in_kab in groupby(ordered, key=lambda s: (s.kabkota_code, s.kabkota)):
        kecamatan = []
        for (kec_code, kec_name), in_kec in groupby(
            list(in_kab), key=lambda s: (s.kecamatan_code, s.kecamatan)
        ):
            kims = tuple(
                KimEntry(
                    s.nama,
                    s.base_url,
                    s.host,
                    s.desa,
                    s.desa_jenis,
                    s.deskripsi,
                    s.article_count,
                    s.logo_url,
                )
                for s in in_kec
            )
            kecamatan.append(KecamatanGroup(kec_name, kec_code, kims))
        groups.append(KabkotaGroup(kab_name, kab_code, routes.region(kab_name), tuple(kecamatan)))
    return groups


NewsKey = tuple[str, str]  # published time, URL: the order of "latest"


class _Latest:
    """The newest `limit` items seen so far; memory stays bounded however many KIMs."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._heap: list[tuple[NewsKey, int, Any]] = []
        self._count = 0

    def offer(self, key: NewsKey, item: Any) -> None:
        self._count += 1
        entry = (key, -self._count, item)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, entry)
        elif key > self._heap[0][0]:
            heapq.heapreplace(self._heap, entry)

    def items(self) -> list[Any]:
        return [item for _key, _n, item in sorted(self._heap, reverse=True)]


@dataclass
class IndexInput:
    """Everything the index needs, gathered one KIM summary at a time."""

    limit: int
    per_kim: int  # a fair index: one busy KIM cannot fill the province's latest news
    thumbnail: Thumbnail | None = None
    copies: dict[str, Path] = field(default_factory=dict)  # own URL → file, when shown
    kims: list[KimSummary] = field(default_factory=list)
    latest: _Latest | None = None
    by_kabkota: dict[str, _Latest] = field(default_factory=dict)

    def add(self, s: KimSummary) -> None:
        if self.latest is None:
            self.latest = _Latest(self.limit * NEWS_PAGES)
        region_latest = self.by_kabkota.setdefault(s.kabkota_code, _Latest(self.limit))
        newest = sorted(s.latest, key=lambda a: (a["published_iso"], a["url"]), reverse=True)
        for a in newest[: self.per_kim]:
            gambar = self._own_copy(s, a.get("gambar_kecil")) or a["gambar"]
            item = NewsItem(
                judul=a["judul"],
                url=a["url"],
                ringkasan=a["ringkasan"],
                tanggal_text=a["tanggal_text"],
                tanggal_iso=a["tanggal_iso"],
                kategori=a["kategori"],
                gambar=gambar,
                gambar_alt=a["gambar_alt"],
                kim_nama=s.nama,
                kim_url=s.base_url,
                desa=s.desa,
            )
            key = (a["published_iso"], a["url"])
            self.latest.offer(key, (item, a, s.kabkota, s.slug))
            region_latest.offer(key, item)
        self.kims.append(replace(s, latest=[]))

    def _own_copy(self, s: KimSummary, small: object) -> str | None:
        """The index's own URL for a news photo's smallest width, when the KIM's built site
        holds it: the index then stands on its own, and a local preview shows it too."""
        if not isinstance(small, str) or self.thumbnail is None:
            return None
        source = self.thumbnail(s.host, small)
        if source is None:
            return None
        url = f"{routes.NEWS_IMAGES}{s.slug}/{PurePosixPath(small).name}"
        self.copies[url] = source
        return url


ArticleHtml = Callable[[str, str], str]  # (KIM slug, article URL) → the article's body
Thumbnail = Callable[[str, str], Path | None]  # (KIM host, URL on it) → the built file


def render_index(
    summaries: Iterable[KimSummary],
    config: SiteConfig,
    theme: Theme,
    log: ProblemLog,
    article_html: ArticleHtml,
    thumbnail: Thumbnail | None = None,
) -> SiteOutput | None:
    """Render the index from summaries, read one at a time (a province may have thousands)."""
    gathered = IndexInput(config.berita_indeks, config.berita_per_kim, thumbnail)
    for summary in summaries:
        gathered.add(summary)
    groups = _groups(gathered.kims)
    site = _province_view(config, groups)
    out = SiteOutput()
    assets = theme.assets()
    write = PageWriter(
        template_environment(theme, None),
        site,
        out,
        log,
        config.root / "config.yaml",
        aset=AssetUrls(assets, theme.name),
    )
    news = gathered.latest.items() if gathered.latest else []
    try:
        all_pages = _news_pages(write, site, config, news, gathered.kims, groups)
        all_pages += _region_pages(write, site, config, groups, gathered)
        _search_and_404(write, site, config)
        add_assets(out, assets, theme.name)
        _machine_files(out, site, config, news, article_html, all_pages)
        _news_photos(out, news, gathered)
    except OutputConflict as conflict:
        log.add(
            config.root / "config.yaml",
            None,
            "output.conflict",
            output=str(conflict.path),
            first=conflict.first.label,
            second=conflict.second.label,
        )
    return None if log.has_errors() else out


def _province_view(config: SiteConfig, groups: list[KabkotaGroup]) -> ProvinceView:
    """The index in the role a KIM's `site` plays for the theme: its names and menu."""
    base_url = config.base_url(config.domain_indeks)
    return ProvinceView(
        nama=config.judul,
        istilah=site_text("site.index_name", provinsi=config.provinsi_nama),
        deskripsi=config.deskripsi,
        base_url=base_url,
        host=config.domain_indeks,
        menu=(
            Link(site_text("site.home"), routes.HOME),
            *(Link(g.nama, g.url) for g in groups),
            Link(site_text("site.search"), routes.SEARCH),
        ),
        logo_url=None,
        feed_url=routes.FEED,
        index_url=base_url,
        index_title=config.judul,
        penyelenggara=config.penyelenggara,
        provinsi=config.provinsi_nama,
    )


def _meta(site: ProvinceView, title: str, url: str, description: str, **extra: Any) -> Meta:
    return Meta(title=title, description=description, url=url, canonical=site.abs(url), **extra)


def _news_pages(
    write: PageWriter,
    site: ProvinceView,
    config: SiteConfig,
    news: list[Any],
    kims: list[KimSummary],
    groups: list[KabkotaGroup],
) -> list[str]:
    """The home page and the pages of older news after it; returns their URLs."""
    limit = config.berita_indeks
    news_pages = [news[i : i + limit] for i in range(0, len(news), limit)] or [[]]
    all_pages = [routes.HOME]
    for number, chunk in enumerate(news_pages, start=1):
        url = routes.HOME if number == 1 else routes.paged(routes.NEWS, number)
        pager = Pager(
            number=number,
            total=len(news_pages),
            prev_url=None
            if number == 1
            else (routes.HOME if number == 2 else routes.paged(routes.NEWS, number - 1)),
            next_url=routes.paged(routes.NEWS, number + 1) if number < len(news_pages) else None,
        )
        if number == 1:
            write(
                "province_home.html",
                routes.HOME,
                "indeks",
                _meta(site, config.judul, routes.HOME, config.deskripsi),
                groups=groups,
                news=[n for n, *_ in chunk],
                pager=pager,
                total_kim=len(kims),
                total_articles=sum(s.article_count for s in kims),
            )
            continue
        all_pages.append(url)
        write(
            "province_news.html",
            url,
            f"berita halaman {number}",
            _meta(
                site,
                site_text("site.page_number", title=site_text("site.latest"), number=number),
                url,
                site_text("site.latest_about", provinsi=config.provinsi_nama, number=number),
            ),
            news=[n for n, *_ in chunk],
            pager=pager,
        )
    return all_pages


def _region_pages(
    write: PageWriter,
    site: ProvinceView,
    config: SiteConfig,
    groups: list[KabkotaGroup],
    gathered: IndexInput,
) -> list[str]:
    """Each kabupaten/kota's pages of KIMs, in kecamatan order; returns their URLs."""
    all_pages: list[str] = []
    for group in groups:
        region_news = gathered.by_kabkota[group.code].items()
        pages, kec_chunks = group.pages, group.chunks()
        where = {
            kec.code: pages[n]
            for n, kec_chunk in enumerate(kec_chunks)
            for kec in kec_chunk
            if not kec.continued
        }
        for number, (url, kec_chunk) in enumerate(zip(pages, kec_chunks, strict=True), start=1):
            all_pages.append(url)
            title = site_text("site.region", nama=group.nama)
            if number > 1:
                title = site_text("site.page_number", title=title, number=number)
            write(
                "province_region.html",
                url,
                f"wilayah {group.code}",
                _meta(
                    site,
                    title,
                    url,
                    site_text(
                        "site.region_about",
                        count=group.count,
                        nama=group.nama,
                        provinsi=config.provinsi_nama,
                    ),
                ),
                group=group,
                kecamatan=kec_chunk,
                kecamatan_pages=[(k.nama, where[k.code], k.code) for k in group.kecamatan],
                news=region_news if number == 1 else [],
                pager=Pager(
                    number=number,
                    total=len(pages),
                    prev_url=pages[number - 2] if number > 1 else None,
                    next_url=pages[number] if number < len(pages) else None,
                ),
            )
    return all_pages


def _search_and_404(write: PageWriter, site: ProvinceView, config: SiteConfig) -> None:
    write(
        "cari.html",
        routes.SEARCH,
        "halaman pencarian",
        _meta(
            site,
            site_text("site.index_search"),
            routes.SEARCH,
            site_text("site.index_search_about", provinsi=config.provinsi_nama),
            noindex=True,
        ),
    )
    write(
        "404.html",
        routes.NOT_FOUND,
        "404",
        _meta(site, site_text("site.not_found"), routes.NOT_FOUND, config.deskripsi, noindex=True),
    )


def _machine_files(
    out: SiteOutput,
    site: ProvinceView,
    config: SiteConfig,
    news: list[Any],
    article_html: ArticleHtml,
    all_pages: list[str],
) -> None:
    """The index's feed (the province's latest news), sitemap, robots.txt and icons."""
    limit = config.berita_indeks
    base_url = site.base_url
    entries = tuple(
        feeds.FeedEntry(
            title=item.judul,
            url=item.url,
            updated=raw["updated_iso"],
            published=raw["published_iso"],
            summary=item.ringkasan,
            content_html=article_html(slug, item.url),
            author=raw["penulis"],
            categories=(item.kategori, kabkota),
            image=raw["gambar"],  # absolute, on the KIM's host
        )
        for item, raw, kabkota, slug in news[:limit]
    )
    updated = max((e.updated for e in entries), default="2000-01-01T00:00:00+00:00")
    out.add_text(
        routes.FEED,
        feeds.atom(
            feeds.Feed(
                title=config.judul,
                subtitle=config.deskripsi,
                site_url=base_url,
                feed_url=site.abs(routes.FEED),
                author=config.penyelenggara or config.judul,
                updated=updated,
                entries=entries,
            )
        ),
        Owner("feed"),
    )
    out.add_text(
        routes.SITEMAP,
        feeds.sitemap((site.abs(u), None) for u in all_pages),
        Owner("sitemap"),
    )
    out.add_text(routes.ROBOTS, feeds.robots(site.abs(routes.SITEMAP)), Owner("robots"))
    add_icons(out, None)


def _news_photos(out: SiteOutput, news: list[Any], gathered: IndexInput) -> None:
    """The index's own small copy of each news photo it shows."""
    shown = {item.gambar for item, *_ in news} | {
        item.gambar for latest in gathered.by_kabkota.values() for item in latest.items()
    }
    for url in sorted(shown & set(gathered.copies)):
        out.add_copy(url, gathered.copies[url], Owner("foto berita"))
