"""The content of a province as immutable data: KIM profiles, articles, pages, media.

The loaders of `kimsite.source` build these; templates never see them directly but
through the view objects of `render.views`, so the model can change without breaking themes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kimsite.indonesia.conventions import Moment, Zone
from kimsite.indonesia.regions import Region

ISTILAH = ("kelompok", "komunitas")
JENIS_POTENSI = (
    "wisata",
    "pertanian",
    "perikanan",
    "peternakan",
    "kerajinan",
    "kuliner",
    "budaya",
    "lainnya",
)
# categories a theme knows by name (others are allowed, labelled from their slug)
KATEGORI = {
    "berita": "Berita",
    "kegiatan": "Kegiatan",
    "pengumuman": "Pengumuman",
    "wisata": "Wisata",
    "umkm": "UMKM",
    "opini": "Opini",
    "budaya": "Budaya",
}
MEDIA_SOSIAL = ("facebook", "instagram", "youtube", "tiktok", "x")


@dataclass(frozen=True)
class Asset:
    """A file of a KIM's `media/` folder, published at the same path below the KIM's host."""

    source: Path
    rel: str  # "media/foto/panen.jpg", POSIX, relative to the KIM folder

    @property
    def url(self) -> str:
        return "/" + self.rel


@dataclass(frozen=True)
class Person:
    jabatan: str
    nama: str


@dataclass(frozen=True)
class Decree:
    nomor: str | None
    tanggal: date | None
    penerbit: str | None
    masa_bakti: str | None


@dataclass(frozen=True)
class Contact:
    whatsapp: str | None  # 62812…, ready for wa.me
    telepon: str | None
    email: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Potential:
    nama: str
    jenis: str
    deskripsi: str
    foto: Asset | None


@dataclass(frozen=True)
class Product:
    nama: str
    pemilik: str | None
    harga: int | None
    satuan: str | None
    deskripsi: str | None
    foto: Asset | None
    whatsapp: str | None


@dataclass(frozen=True)
class Profile:
    source: Path
    nama: str
    kode_wilayah: str
    region: Region
    deskripsi: str
    nomor_induk: str | None = None
    domain: str | None = None
    istilah: str = "komunitas"
    alamat: str | None = None
    tanggal_berdiri: date | None = None
    sk: Decree | None = None
    pembina: str | None = None
    pengurus: tuple[Person, ...] = ()
    visi: str | None = None
    misi: tuple[str, ...] = ()
    logo: Asset | None = None
    kontak: Contact | None = None
    media_sosial: tuple[tuple[str, str], ...] = ()
    potensi: tuple[Potential, ...] = ()
    produk: tuple[Product, ...] = ()
    tema: str | None = None
    tema_line: int | None = None
    domain_line: int | None = None


@dataclass(frozen=True)
class Document:
    """What articles and static pages share: a Markdown body with its origin."""

    source: Path
    slug: str
    judul: str
    ringkasan: str | None
    body: str  # Markdown as written
    body_line: int  # line of the body's first line in the source file


@dataclass(frozen=True)
class Article(Document):
    tanggal: Moment = field(kw_only=True)
    kategori: str = field(default="berita", kw_only=True)
    gambar: Asset | None = field(default=None, kw_only=True)
    gambar_alt: str | None = field(default=None, kw_only=True)
    penulis: str | None = field(default=None, kw_only=True)
    tag: tuple[str, ...] = field(default=(), kw_only=True)
    draf: bool = field(default=False, kw_only=True)
    diperbarui: Moment | None = field(default=None, kw_only=True)
    sumber: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class Page(Document):
    urutan: int = field(default=100, kw_only=True)
    menu: bool = field(default=True, kw_only=True)


@dataclass(frozen=True)
class Redirect:
    """An old address of the KIM's site (path and query, as a browser sends it) and the page
    that replaces it; `line` is its line in `pengalihan.yaml`."""

    old: str
    new: str
    line: int


@dataclass(frozen=True)
class Kim:
    slug: str
    folder: Path
    host: str
    zone: Zone
    profile: Profile
    articles: tuple[Article, ...]  # every article, drafts and future ones included
    pages: tuple[Page, ...]
    media: tuple[Asset, ...]
    theme: str
    redirects: tuple[Redirect, ...] = ()


@dataclass
class KimSummary:
    """What the province index knows of a KIM: enough to list it and its latest news.

    Stored as JSON between builds (and between shards), so the index can be built without
    reading any KIM's content again.
    """

    slug: str
    nama: str
    host: str
    base_url: str
    istilah: str
    deskripsi: str
    logo_url: str | None
    kode_wilayah: str
    desa: str
    desa_jenis: str
    kecamatan_code: str
    kecamatan: str
    kabkota_code: str
    kabkota: str
    article_count: int
    latest: list[dict[str, Any]] = field(default_factory=list)
    cari_digest: str = ""  # of its records in the index's combined search

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["latest"] = [dict(a) for a in self.latest]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KimSummary:
        return cls(**data)
