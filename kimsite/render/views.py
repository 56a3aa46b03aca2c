"""What templates see: small, documented view objects built from the model.

Themes depend on these names (see docs/tema.md), not on the model, so the model can grow
without breaking a theme. Every text is ready to print: dates already in Indonesian,
URLs already absolute where a crawler or WhatsApp needs them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from markupsafe import Markup

from kimsite.i18n.messages import site_text
from kimsite.indonesia.conventions import (
    Moment,
    Zone,
    date_full,
    moment_text,
    reading_minutes,
    rupiah,
)
from kimsite.model import routes
from kimsite.model.content import (
    KATEGORI,
    Article,
    Contact,
    Decree,
    Kim,
    Page,
    Person,
    Potential,
    Product,
    Profile,
)
from kimsite.render.images import ProcessedImage, derivative_url
from kimsite.render.markup import RenderedBody, shorten
from kimsite.source.config import SiteConfig

CATEGORY_LABELS = KATEGORI
ISTILAH_LABEL = {
    "kelompok": "Kelompok Informasi Masyarakat",
    "komunitas": "Komunitas Informasi Masyarakat",
}
POTENSI_LABEL = {
    "wisata": "Wisata",
    "pertanian": "Pertanian",
    "perikanan": "Perikanan",
    "peternakan": "Peternakan",
    "kerajinan": "Kerajinan",
    "kuliner": "Kuliner",
    "budaya": "Budaya",
    "lainnya": "Lainnya",
}
SOCIAL_LABEL = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "x": "X (Twitter)",
}


def category_label(slug: str) -> str:
    return CATEGORY_LABELS.get(slug, slug.replace("-", " ").capitalize())


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    count: int = 0


@dataclass(frozen=True)
class Stamp:
    """A date as templates need it: `text` to show, `iso` for <time datetime> and feeds."""

    text: str
    iso: str
    date_text: str

    @classmethod
    def of(cls, moment: Moment, zone: Zone) -> Stamp:
        local = moment.at.astimezone(zone.tz)
        iso = local.isoformat() if moment.has_time else local.date().isoformat()
        return cls(moment_text(moment, zone), iso, date_full(local.date()))


@dataclass(frozen=True)
class ImageView:
    """A published photo: its cleaned file, its size (so the page does not jump while it
    loads), the WebP widths a phone picks from, and the image for sharing (1200×630, or that
    shape at a smaller photo's own size)."""

    url: str
    width: int
    height: int
    srcset: str  # "/media/x-480w.webp 480w, /media/x-960w.webp 960w, …"
    share_url: str  # root-relative; SiteView.abs makes it absolute
    thumb_url: str  # the smallest width, for lists elsewhere (the index's news)


Images = Mapping[str, ImageView]  # media URL → its view; absent: not a processed photo


def image_views(processed: Mapping[str, ProcessedImage]) -> dict[str, ImageView]:
    views = {}
    for url, image in processed.items():
        srcset = ", ".join(f"{derivative_url(url, v)} {v.width}w" for v in image.variants)
        views[url] = ImageView(
            url=url,
            width=image.original.width,
            height=image.original.height,
            srcset=srcset,
            share_url=derivative_url(url, image.share),
            thumb_url=derivative_url(url, image.variants[0]) if image.variants else url,
        )
    return views


# Content column of the default theme (56rem less padding); a theme with another layout can
# write its own `sizes` from `width`.
BODY_SIZES = "(min-width: 56rem) 54rem, calc(100vw - 2rem)"
_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\bsrc="([^"]*)"')


def responsive_html(html: str, images: Images) -> str:
    """Give every photo in a rendered body its size and WebP widths (the body was already
    sanitised; this only adds attributes kimsite computed)."""
    if "<img" not in html or not images:
        return html

    def enhance(match: re.Match[str]) -> str:
        tag = match.group()
        src = _SRC.search(tag)
        view = images.get(src.group(1)) if src else None
        if view is None or " width=" in tag:
            return tag
        extra = f' width="{view.width}" height="{view.height}"'
        if view.srcset:
            extra += f' srcset="{view.srcset}" sizes="{BODY_SIZES}"'
        return tag[:-1].rstrip("/ ") + extra + ">"

    return _IMG.sub(enhance, html)


@dataclass(frozen=True)
class ArticleView:
    judul: str
    slug: str
    url: str
    abs_url: str
    tanggal: Stamp
    diperbarui: Stamp | None
    kategori: Link
    tags: tuple[Link, ...]
    ringkasan: str
    html: Markup
    gambar_url: str | None
    gambar_abs_url: str | None
    gambar_alt: str
    gambar: ImageView | None  # the same photo with its size and widths, when processed
    gambar_bagikan_url: str | None  # absolute URL of its share image
    penulis: str | None
    sumber: str | None
    sumber_url: str | None
    menit_baca: int
    updated_iso: str  # RFC 3339 with time, for feeds and sitemaps
    published_iso: str
    # Only in a preview (`kimsite serve` shows drafts and scheduled articles): "draf", or
    # "terjadwal" for one that goes live by itself later; None on a published site.
    status: str | None = None


@dataclass(frozen=True)
class PageView:
    judul: str
    slug: str
    url: str
    ringkasan: str
    html: Markup


@dataclass(frozen=True)
class ProductView:
    nama: str
    pemilik: str | None
    harga: str | None
    satuan: str | None
    deskripsi: str | None
    foto_url: str | None
    wa_url: str | None
    foto: ImageView | None = None


@dataclass(frozen=True)
class PotentialView:
    nama: str
    jenis: str
    deskripsi: str
    foto_url: str | None
    foto: ImageView | None = None


@dataclass(frozen=True)
class Meta:
    """The <head> of one page: title, description, canonical URL and share preview."""

    title: str
    description: str
    url: str
    canonical: str
    og_type: str = "website"
    image: str | None = None
    image_alt: str | None = None
    noindex: bool = False
    jsonld: Markup | None = None  # schema.org data, ready for <script type="application/ld+json">


@dataclass(frozen=True)
class Pager:
    number: int
    total: int
    prev_url: str | None
    next_url: str | None


@dataclass(frozen=True)
class ProfileView:
    """The profile as written, data only: no file paths reach a template."""

    nama: str
    deskripsi: str
    kode_wilayah: str
    nomor_induk: str | None
    domain: str | None
    istilah: str
    alamat: str | None
    tanggal_berdiri: date | None
    sk: Decree | None
    pembina: str | None
    pengurus: tuple[Person, ...]
    visi: str | None
    misi: tuple[str, ...]
    kontak: Contact | None
    media_sosial: tuple[tuple[str, str], ...]


def profile_view(p: Profile) -> ProfileView:
    """The profile's data fields, by the view's own names (paths and lines stay behind)."""
    return ProfileView(**{f.name: getattr(p, f.name) for f in fields(ProfileView)})


@dataclass
class SiteView:
    """The KIM whose site is being rendered; every field is data (see docs/tema.md)."""

    nama: str
    slug: str
    host: str
    base_url: str
    istilah: str
    deskripsi: str
    zona: str
    wilayah: object  # kimsite.indonesia.regions.Region
    profile: ProfileView
    logo_url: str | None
    menu: tuple[Link, ...]
    index_url: str
    index_title: str
    feed_url: str
    sk_tanggal: str | None
    berdiri: str | None
    whatsapp_url: str | None
    map_url: str | None
    media_sosial: tuple[Link, ...]
    potensi: tuple[PotentialView, ...]
    produk: tuple[ProductView, ...]
    pages: tuple[PageView, ...] = field(default_factory=tuple)
    is_index: bool = False

    def abs(self, url: str) -> str:
        return self.base_url.rstrip("/") + url


def wa_link(number: str | None, text: str | None = None) -> str | None:
    if not number:
        return None
    from urllib.parse import quote

    return f"https://wa.me/{number}" + (f"?text={quote(text)}" if text else "")


def site_view(
    kim: Kim, config: SiteConfig, pages: tuple[PageView, ...], images: Images | None = None
) -> SiteView:
    p = kim.profile
    base = config.base_url(kim.host)
    menu = [
        Link(site_text("site.home"), routes.HOME),
        Link(site_text("site.news"), routes.ARTICLES),
        Link(site_text("site.profile_menu"), routes.PROFILE),
    ]
    if p.potensi:
        menu.append(Link(site_text("site.potentials_menu"), routes.POTENTIALS))
    if p.produk:
        menu.append(Link(site_text("site.products_menu"), routes.PRODUCTS))
    menu.extend(
        Link(pg.judul, pg.url) for pg, src in zip(pages, kim.pages, strict=True) if src.menu
    )
    menu.append(Link(site_text("site.search"), routes.SEARCH))
    kontak = p.kontak
    map_url = None
    if kontak and kontak.lat is not None and kontak.lon is not None:
        map_url = (
            f"https://www.openstreetmap.org/?mlat={kontak.lat}&mlon={kontak.lon}"
            f"#map=16/{kontak.lat}/{kontak.lon}"
        )
    return SiteView(
        nama=p.nama,
        slug=kim.slug,
        host=kim.host,
        base_url=base,
        istilah=ISTILAH_LABEL[p.istilah],
        deskripsi=p.deskripsi,
        zona=kim.zone.abbr,
        wilayah=p.region,
        profile=profile_view(p),
        logo_url=p.logo.url if p.logo else None,
        menu=tuple(menu),
        index_url=config.base_url(config.domain_indeks),
        index_title=config.judul,
        feed_url=routes.FEED,
        sk_tanggal=date_full(p.sk.tanggal) if p.sk and p.sk.tanggal else None,
        berdiri=date_full(p.tanggal_berdiri) if p.tanggal_berdiri else None,
        whatsapp_url=wa_link(kontak.whatsapp if kontak else None),
        map_url=map_url,
        media_sosial=tuple(Link(SOCIAL_LABEL[n], u) for n, u in p.media_sosial),
        potensi=tuple(_potential(x, images or {}) for x in p.potensi),
        produk=tuple(_product(x, images or {}) for x in p.produk),
        pages=pages,
    )


def _potential(x: Potential, images: Images) -> PotentialView:
    return PotentialView(
        x.nama,
        POTENSI_LABEL.get(x.jenis, x.jenis),
        x.deskripsi,
        x.foto.url if x.foto else None,
        images.get(x.foto.url) if x.foto else None,
    )


def _product(x: Product, images: Images) -> ProductView:
    message = f"Halo, saya ingin memesan {x.nama}."
    return ProductView(
        nama=x.nama,
        pemilik=x.pemilik,
        harga=rupiah(x.harga) if x.harga is not None else None,
        satuan=x.satuan,
        deskripsi=x.deskripsi,
        foto_url=x.foto.url if x.foto else None,
        wa_url=wa_link(x.whatsapp, message),
        foto=images.get(x.foto.url) if x.foto else None,
    )


def article_view(
    a: Article, body: RenderedBody, kim: Kim, base_url: str, images: Images | None = None
) -> ArticleView:
    picture = (images or {}).get(a.gambar.url) if a.gambar else None
    url = routes.article(a.slug)
    root = base_url.rstrip("/")
    updated = a.diperbarui or a.tanggal
    sumber_url = a.sumber if a.sumber and a.sumber.startswith(("https://", "http://")) else None
    return ArticleView(
        judul=a.judul,
        slug=a.slug,
        url=url,
        abs_url=root + url,
        tanggal=Stamp.of(a.tanggal, kim.zone),
        diperbarui=Stamp.of(a.diperbarui, kim.zone) if a.diperbarui else None,
        kategori=Link(category_label(a.kategori), routes.category(a.kategori)),
        tags=tuple(Link(t, routes.tag(t)) for t in a.tag),
        ringkasan=a.ringkasan or shorten(body.summary),
        html=Markup(responsive_html(body.html, images or {})),
        gambar_url=a.gambar.url if a.gambar else None,
        gambar_abs_url=root + a.gambar.url if a.gambar else None,
        gambar_alt=a.gambar_alt or "",
        gambar=picture,
        gambar_bagikan_url=root + picture.share_url if picture else None,
        penulis=a.penulis,
        sumber=a.sumber,
        sumber_url=sumber_url,
        menit_baca=reading_minutes(body.words),
        updated_iso=rfc3339(updated.at.astimezone(kim.zone.tz)),
        published_iso=rfc3339(a.tanggal.at.astimezone(kim.zone.tz)),
    )


def page_view(p: Page, body: RenderedBody, images: Images | None = None) -> PageView:
    return PageView(
        p.judul,
        p.slug,
        routes.page(p.slug),
        p.ringkasan or shorten(body.summary),
        Markup(responsive_html(body.html, images or {})),
    )


def rfc3339(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()
