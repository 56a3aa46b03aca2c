"""Reading one KIM folder into the model, collecting every problem on the way.

A KIM folder is read completely even when something is wrong, so that the writer sees all
their mistakes in one run; the caller decides that a KIM with errors is not built.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath

from kimsite.config import SiteConfig
from kimsite.indonesian import (
    FIRST_YEAR,
    LAST_YEAR,
    Moment,
    Zone,
    is_dns_label,
    is_host_name,
    parse_date,
    parse_moment,
    slugify,
    whatsapp_number,
)
from kimsite.kimfiles import (
    ARTICLES_DIR,
    MAX_TEXT_BYTES,
    MEDIA_DIR,
    OVERRIDES_DIR,
    PAGES_DIR,
    PROFILE_NAME,
    is_content_file,
    list_files,
    name_problem,
)
from kimsite.model import (
    ISTILAH,
    JENIS_POTENSI,
    MEDIA_SOSIAL,
    Article,
    Asset,
    Contact,
    Decree,
    Kim,
    Page,
    Person,
    Potential,
    Product,
    Profile,
)
from kimsite.problems import ProblemLog, Severity
from kimsite.regions import DESA_CODE, Region, lookup, normalize_code, suggest
from kimsite.yamlsource import (
    CONTROL_CHARS,
    Fields,
    YamlUnreadable,
    parse_yaml,
    split_front_matter,
)

__all__ = [
    "ARTICLES_DIR",
    "MEDIA_DIR",
    "OVERRIDES_DIR",
    "PAGES_DIR",
    "PROFILE_NAME",
    "AssetResolver",
    "host_of",
    "list_kim_folders",
    "load_kim",
    "publishable",
    "read_text",
    "region_of",
]

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
UPDATE_SLACK = timedelta(days=1)  # clocks and zones differ; a day more is still honest
MAX_REF_CHARS = 500  # a path written in content; longer is a mistake or an attack


def list_kim_folders(content_dir: Path) -> list[Path]:
    if not content_dir.is_dir():
        return []
    return sorted(
        p for p in content_dir.iterdir() if p.is_dir() and is_content_file(p.name)
    )


def read_text(path: Path, log: ProblemLog) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            log.add(
                path, None, "file.too_big", size_kb=size // 1024, limit_kb=MAX_TEXT_BYTES // 1024
            )
            return None
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        log.add(path, None, "file.not_utf8")
    except OSError as exc:
        log.add(path, None, "file.unreadable", detail=exc.strerror or str(exc))
    else:
        bad = CONTROL_CHARS.search(text)
        if bad is None:
            return text
        line = text.count("\n", 0, bad.start()) + 1
        log.add(path, line, "file.control_char", char=f"U+{ord(bad.group()):04X}")
    return None


@dataclass(frozen=True)
class AssetResolver:
    """Turns a path written in content into a published media file, or says why not.

    A reference is relative to the file it is written in (as in any Markdown editor's
    preview), or else to the KIM folder. It must stay inside the KIM's own `media/`
    folder: `../../other-kim/media/x.jpg` or a link leading outside is refused.
    """

    folder: Path  # the KIM folder, resolved
    media: frozenset[str] | None = None  # rel of every publishable media file; None: any

    def resolve(self, ref: str, base_dir: Path) -> tuple[Asset | None, str | None]:
        ref = ref.split("#", 1)[0].split("?", 1)[0]
        if len(ref) > MAX_REF_CHARS or any(name_problem(part) for part in ref.split("/")):
            return None, "ref.bad_name"
        if not ref or ref.startswith("/") or PurePosixPath(ref).is_absolute():
            return None, "ref.absolute"
        candidates = [base_dir / ref]
        if not ref.startswith("../"):
            candidates.append(self.folder / ref)
        outside = False
        for candidate in candidates:
            try:
                real = Path(os.path.realpath(candidate))
                is_file = real.is_file()
            except (OSError, ValueError):
                continue
            if not real.is_relative_to(self.folder):
                outside = True
                continue
            if is_file:
                rel = real.relative_to(self.folder)
                if rel.parts[0] != MEDIA_DIR:
                    return None, "ref.not_media"
                if self.media is not None and rel.as_posix() not in self.media:
                    return None, "ref.refused_media"
                return Asset(real, rel.as_posix()), None
        return None, "ref.outside" if outside else "ref.missing"


def load_kim(
    folder: Path, config: SiteConfig, log: ProblemLog, now: datetime | None = None
) -> Kim | None:
    """Read a KIM folder; returns None only when even its profile cannot be read.

    `now` (the build's time) enables the checks that depend on it: an update date may not
    lie in the future.
    """
    slug = folder.name
    if not is_dns_label(slug):
        log.add(folder, None, "kim.bad_slug", slug=slug, hint=slugify(slug) or "kim-desa")
        return None
    if folder.is_symlink():
        log.add(folder, None, "link.kim_folder", target=os.readlink(folder))
        return None
    files = list_files(folder, log)
    folder = files.folder
    resolver = AssetResolver(folder, publishable(files.media, folder))
    if files.profile is None:
        log.add(folder / PROFILE_NAME, None, "kim.no_profile")
        profile = None
    else:
        profile = load_profile(files.profile, config, resolver, log)
    # Articles and pages are read even when the profile is broken, so that one run shows
    # the writer every mistake in the folder.
    zone = config.zone
    articles = tuple(
        a for a in (load_article(p, zone, resolver, log, now) for p in files.articles) if a
    )
    _check_unique_slugs(articles, "article.duplicate_slug", log)
    pages = tuple(p for p in (load_page(p, log) for p in files.pages) if p is not None)
    _check_unique_slugs(pages, "page.duplicate_slug", log)
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
    )


def host_of(slug: str, config: SiteConfig) -> str:
    """A KIM's host is the province's to give: its folder under `domain_induk`, unless
    `config.yaml` gives it a custom domain."""
    return config.domain_kustom.get(slug) or f"{slug}.{config.domain_induk}"


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


# -- profile -------------------------------------------------------------------------------
def load_profile(
    path: Path, config: SiteConfig, resolver: AssetResolver, log: ProblemLog
) -> Profile | None:
    if not path.is_file():
        log.add(path, None, "kim.no_profile")
        return None
    text = read_text(path, log)
    if text is None:
        return None
    try:
        node = parse_yaml(text, path, log)
    except YamlUnreadable:
        return None
    fields = Fields.open(node, path, log, what=PROFILE_NAME)
    if fields is None:
        return None
    start = len(log.errors)
    nama = fields.text("nama", required=True)
    deskripsi = fields.text("deskripsi", required=True)
    kode = fields.text("kode_wilayah", required=True)
    region = None
    if kode:
        kode = normalize_code(kode)
        region = region_of(kode, config, log, path, fields.line("kode_wilayah"))
    base = path.parent
    nomor_induk = fields.text("nomor_induk")
    if nomor_induk and region and not nomor_induk.startswith(region.code.replace(".", "")):
        log.add(
            path,
            fields.line("nomor_induk"),
            "kim.nomor_induk_mismatch",
            Severity.WARNING,
            value=nomor_induk,
            code=region.code.replace(".", ""),
        )
    domain = fields.text("domain")
    if domain is not None:
        domain = domain.lower()
        if not is_host_name(domain):
            log.add(path, fields.line("domain"), "field.bad_host", key="domain", value=domain)
    istilah = (fields.text("istilah") or "komunitas").lower()
    if istilah not in ISTILAH:
        log.add(
            path,
            fields.line("istilah"),
            "field.choice",
            key="istilah",
            value=istilah,
            choices=", ".join(ISTILAH),
        )
    profile = Profile(
        source=path,
        nama=nama or "",
        kode_wilayah=kode or "",
        region=region,  # type: ignore[arg-type]  # checked below: errors stop the build
        deskripsi=deskripsi or "",
        nomor_induk=nomor_induk,
        domain=domain,
        istilah=istilah,
        alamat=fields.text("alamat"),
        tanggal_berdiri=_date(fields, "tanggal_berdiri", log),
        sk=_decree(fields, log),
        pembina=fields.text("pembina"),
        pengurus=tuple(_people(fields)),
        visi=fields.text("visi"),
        misi=fields.text_list("misi"),
        logo=_asset(fields, "logo", base, resolver, log),
        kontak=_contact(fields, log),
        media_sosial=_social(fields, log),
        potensi=tuple(_potentials(fields, base, resolver, log)),
        produk=tuple(_products(fields, base, resolver, log)),
        tema=fields.text("tema"),
        tema_line=fields.line("tema") if fields.has("tema") else None,
        domain_line=fields.line("domain") if domain is not None else None,
    )
    fields.finish()
    if region is None or len(log.errors) > start:
        return None if region is None else profile
    return profile


def region_of(
    kode: str, config: SiteConfig, log: ProblemLog, where: Path, line: int | None
) -> Region | None:
    """The region of a KIM's desa code, or None with the reason logged: a malformed code,
    one Kemendagri does not have (answered with the nearest real ones), or one outside
    the configured province."""
    if not DESA_CODE.match(kode):
        log.add(where, line, "kim.code_format", value=kode)
        return None
    region = lookup(kode)
    if region is None:
        near = suggest(kode, config.provinsi)
        if near:
            hint = ", ".join(f"{r.code} {r.desa}" for r in near)
            log.add(where, line, "kim.code_unknown_hint", value=kode, hint=hint)
        else:
            log.add(where, line, "kim.code_unknown", value=kode)
        return None
    if region.provinsi_code != config.provinsi:
        log.add(
            where,
            line,
            "kim.code_other_province",
            value=kode,
            provinsi=region.provinsi,
            expected=config.provinsi_nama,
        )
        return None
    return region


def _date(fields: Fields, key: str, log: ProblemLog) -> date | None:
    raw = fields.text(key)
    if raw is None:
        return None
    value = parse_date(raw)
    if value is None:
        log.add(fields.path, fields.line(key), "field.bad_date", key=fields.prefix + key, value=raw)
    return value


def _asset(
    fields: Fields, key: str, base: Path, resolver: AssetResolver, log: ProblemLog
) -> Asset | None:
    raw = fields.text(key)
    if raw is None:
        return None
    asset, why = resolver.resolve(raw, base)
    if asset is None:
        log.add(fields.path, fields.line(key), why or "ref.missing", ref=raw)
    return asset


def _decree(fields: Fields, log: ProblemLog) -> Decree | None:
    sk = fields.mapping("sk")
    if sk is None:
        return None
    result = Decree(
        nomor=sk.text("nomor"),
        tanggal=_date(sk, "tanggal", log),
        penerbit=sk.text("penerbit"),
        masa_bakti=sk.text("masa_bakti"),
    )
    sk.finish()
    return result


def _people(fields: Fields) -> list[Person]:
    people = []
    for item in fields.mapping_list("pengurus"):
        jabatan = item.text("jabatan", required=True)
        nama = item.text("nama", required=True)
        item.finish()
        if jabatan and nama:
            people.append(Person(jabatan, nama))
    return people


def _contact(fields: Fields, log: ProblemLog) -> Contact | None:
    kontak = fields.mapping("kontak")
    if kontak is None:
        return None
    wa = _whatsapp(kontak, "whatsapp", log)
    email = kontak.text("email")
    if email and not _EMAIL.match(email):
        log.add(kontak.path, kontak.line("email"), "kim.bad_email", value=email)
    lat, lon = kontak.number("lat"), kontak.number("lon")
    if lat is not None and not -90 <= lat <= 90:
        log.add(kontak.path, kontak.line("lat"), "kim.bad_coordinate", key="kontak.lat")
        lat = None
    if lon is not None and not -180 <= lon <= 180:
        log.add(kontak.path, kontak.line("lon"), "kim.bad_coordinate", key="kontak.lon")
        lon = None
    result = Contact(whatsapp=wa, telepon=kontak.text("telepon"), email=email, lat=lat, lon=lon)
    kontak.finish()
    return result


def _whatsapp(fields: Fields, key: str, log: ProblemLog) -> str | None:
    raw = fields.text(key)
    if raw is None:
        return None
    number = whatsapp_number(raw)
    if number is None:
        log.add(
            fields.path, fields.line(key), "kim.bad_whatsapp", key=fields.prefix + key, value=raw
        )
    return number


def _social(fields: Fields, log: ProblemLog) -> tuple[tuple[str, str], ...]:
    social = fields.mapping("media_sosial")
    if social is None:
        return ()
    links = []
    for name in MEDIA_SOSIAL:
        url = social.text(name)
        if url is None:
            continue
        if not url.startswith("https://"):
            log.add(
                social.path, social.line(name), "kim.bad_url", key=f"media_sosial.{name}", value=url
            )
            continue
        links.append((name, url))
    social.finish()
    return tuple(links)


def _potentials(
    fields: Fields, base: Path, resolver: AssetResolver, log: ProblemLog
) -> list[Potential]:
    out = []
    for item in fields.mapping_list("potensi"):
        nama = item.text("nama", required=True)
        jenis = (item.text("jenis") or "lainnya").lower()
        if jenis not in JENIS_POTENSI:
            log.add(
                item.path,
                item.line("jenis"),
                "field.choice",
                key=item.prefix + "jenis",
                value=jenis,
                choices=", ".join(JENIS_POTENSI),
            )
        deskripsi = item.text("deskripsi", required=True)
        foto = _asset(item, "foto", base, resolver, log)
        item.finish()
        if nama and deskripsi:
            out.append(Potential(nama, jenis, deskripsi, foto))
    return out


def _products(
    fields: Fields, base: Path, resolver: AssetResolver, log: ProblemLog
) -> list[Product]:
    out = []
    for item in fields.mapping_list("produk"):
        nama = item.text("nama", required=True)
        product = Product(
            nama=nama or "",
            pemilik=item.text("pemilik"),
            harga=item.integer("harga"),
            satuan=item.text("satuan"),
            deskripsi=item.text("deskripsi"),
            foto=_asset(item, "foto", base, resolver, log),
            whatsapp=_whatsapp(item, "whatsapp", log),
        )
        item.finish()
        if nama:
            out.append(product)
    return out


# -- articles and pages --------------------------------------------------------------------
def _front_matter(path: Path, log: ProblemLog) -> tuple[Fields, str, int] | None:
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
    fields = Fields.open(node, path, log, offset=fm.yaml_line - 1, what="front matter")
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


def load_article(
    path: Path,
    zone: Zone,
    resolver: AssetResolver,
    log: ProblemLog,
    now: datetime | None = None,
) -> Article | None:
    parsed = _front_matter(path, log)
    if parsed is None:
        return None
    fields, body, body_line = parsed
    start = len(log.errors)
    judul = fields.text("judul", required=True)
    tanggal = _moment(fields, "tanggal", zone, required=True)
    diperbarui = _moment(fields, "diperbarui", zone)
    if diperbarui is not None and now is not None and diperbarui.at > now + UPDATE_SLACK:
        # An update "in the future" would pin the article on top of every list and feed.
        log.add(path, fields.line("diperbarui"), "doc.updated_future", value=str(diperbarui.at))
    kategori_raw = fields.text("kategori") or "berita"
    kategori = slugify(kategori_raw)
    if not kategori:
        log.add(path, fields.line("kategori"), "doc.bad_category", value=kategori_raw)
    gambar = _asset(fields, "gambar", path.parent, resolver, log)
    gambar_alt = fields.text("gambar_alt")
    if fields.has("gambar") and not gambar_alt:
        log.add(path, fields.line("gambar"), "doc.image_no_alt", Severity.WARNING)
    tags = []
    for tag in fields.text_list("tag"):
        if not slugify(tag):
            log.add(path, fields.line("tag"), "doc.bad_tag", value=tag)
        elif tag.lower() not in tags:
            tags.append(tag.lower())
    article = Article(
        source=path,
        slug=_slug(fields, path, log),
        judul=judul or "",
        ringkasan=fields.text("ringkasan"),
        body=body,
        body_line=body_line,
        tanggal=tanggal,  # type: ignore[arg-type]  # None only with an error logged
        kategori=kategori,
        gambar=gambar,
        gambar_alt=gambar_alt,
        penulis=fields.text("penulis"),
        tag=tuple(tags),
        draf=fields.boolean("draf"),
        diperbarui=diperbarui,
        sumber=fields.text("sumber"),
    )
    fields.finish()
    if len(log.errors) > start or tanggal is None or not judul:
        return None
    return article


def load_page(path: Path, log: ProblemLog) -> Page | None:
    parsed = _front_matter(path, log)
    if parsed is None:
        return None
    fields, body, body_line = parsed
    start = len(log.errors)
    judul = fields.text("judul", required=True)
    page = Page(
        source=path,
        slug=_slug(fields, path, log),
        judul=judul or "",
        ringkasan=fields.text("ringkasan"),
        body=body,
        body_line=body_line,
        urutan=fields.integer("urutan") or 100,
        menu=fields.boolean("menu", default=True),
    )
    fields.finish()
    if len(log.errors) > start or not judul:
        return None
    return page
