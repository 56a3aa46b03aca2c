"""Reading a KIM's profile (`kim.yaml`) into the model, every problem with its line.

The profile is the KIM's own description: name, desa code (from which region names are
derived, never typed), decree, officers, contacts, potensi and produk. Hosts are not the
profile's to choose (see `hosts.host_of`); a `domain:` here must agree with config.yaml.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kimsite.indonesia.conventions import is_host_name, parse_date, whatsapp_number
from kimsite.indonesia.regions import DESA_CODE, Region, lookup, normalize_code, suggest
from kimsite.model.content import (
    ISTILAH,
    JENIS_POTENSI,
    MEDIA_SOSIAL,
    Asset,
    Contact,
    Decree,
    Person,
    Potential,
    Product,
    Profile,
)
from kimsite.model.problems import ProblemLog, Severity
from kimsite.source.config import SiteConfig
from kimsite.source.contract import PROFILE, shape
from kimsite.source.files import PROFILE_NAME, AssetResolver, read_text
from kimsite.source.yaml_fields import Fields
from kimsite.source.yaml_text import YamlUnreadable, parse_yaml

_PROFILE = shape(PROFILE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def load_profile(
    path: Path, config: SiteConfig, resolver: AssetResolver, log: ProblemLog
) -> Profile | None:
    fields = _open(path, log)
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
    nomor_induk = _nomor_induk(fields, path, region, log)
    domain = fields.text("domain")
    if domain is not None:
        domain = domain.lower()
        if not is_host_name(domain):
            log.add(path, fields.line("domain"), "field.bad_host", key="domain", value=domain)
    istilah = _istilah(fields, path, log)
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
        logo=asset_field(fields, "logo", base, resolver, log),
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


def _open(path: Path, log: ProblemLog) -> Fields | None:
    """`kim.yaml`'s keys, or None with why in `log` (no profile, unreadable, not YAML)."""
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
    return Fields.open(node, path, log, what=PROFILE_NAME, schema=_PROFILE)


def _nomor_induk(fields: Fields, path: Path, region: Region | None, log: ProblemLog) -> str | None:
    """The KIM's registration number, which begins with its desa's code (a warning if not:
    the Diskominfo issues it, a typo here is the writer's)."""
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
    return nomor_induk


def _istilah(fields: Fields, path: Path, log: ProblemLog) -> str:
    """Kelompok or komunitas: what the KIM calls itself."""
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
    return istilah


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


def asset_field(
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
        foto = asset_field(item, "foto", base, resolver, log)
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
            foto=asset_field(item, "foto", base, resolver, log),
            whatsapp=_whatsapp(item, "whatsapp", log),
        )
        item.finish()
        if nama:
            out.append(product)
    return out


# -- articles and pages --------------------------------------------------------------------
