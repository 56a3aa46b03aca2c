"""Province-wide settings from `config.yaml`, typed and validated in one place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kimsite.indonesia.conventions import (
    Zone,
    is_dns_label,
    is_host_name,
    known_province_zone,
    zone_for_province,
)
from kimsite.indonesia.regions import province_name
from kimsite.model.problems import KimsiteError, ProblemLog
from kimsite.source.yaml_fields import Fields
from kimsite.source.yaml_text import YamlUnreadable, parse_yaml

CONFIG_NAME = "config.yaml"

# The pre-compressed copies a province may ask for (`kompresi:`), beside each text file;
# `kimsite.output.compress` makes them.
ENCODINGS = ("gzip", "br")


@dataclass(frozen=True)
class Certificate:
    """A certificate on the web server and the hosts it covers (`*.kim.id` is a wildcard
    for one label, as in the certificate itself)."""

    sertifikat: str
    kunci: str
    host: tuple[str, ...]

    def covers(self, name: str) -> bool:
        for pattern in self.host:
            if pattern.startswith("*."):
                head, _, rest = name.partition(".")
                if head and rest == pattern[2:]:
                    return True
            elif pattern == name:
                return True
        return False


BACKENDS = ("github", "gitlab", "gitea")
_REPO = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")
_HANDLE = re.compile(r"^@[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?$|^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


@dataclass(frozen=True)
class EditorConfig:
    """`penyunting:` the browser editor at every KIM host's /admin/ (kimsite.admin).

    Every save is a commit (through a pull/merge request with the editorial workflow) to
    `repo` on `backend`; GitLab and Gitea sign in from the browser (PKCE, `app_id`), GitHub
    through the OAuth proxy at `base_url`.
    """

    backend: str
    repo: str
    cabang: str = "main"
    app_id: str | None = None
    base_url: str | None = None
    api_root: str | None = None
    alur_editorial: bool = True  # saves become pull/merge requests a maintainer merges
    # CODEOWNERS: the province's reviewers of everything, and each KIM folder's own
    pengelola_provinsi: tuple[str, ...] = ()
    pengelola: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class ContentLimits:
    """What one KIM may publish, set by the province (config.yaml's `batas_*` keys): bounds
    that keep one KIM's mistake (or malice) from filling the build machine's memory or
    disk. Generous: `kimsite check` already warns far below them (MAX_TITLE, MAX_SUMMARY)."""

    judul: int = 300  # characters of an article's or page's title
    ringkasan: int = 1000  # characters of its summary
    tag_artikel: int = 30  # tags on one article
    tag_kim: int = 1000  # different tags over a KIM's articles (a page each, and its lists)
    keluaran_mb: int = 4096  # the KIM's whole site: pages, media and their copies


# config.yaml key → (ContentLimits field, lowest, highest)
LIMIT_KEYS = {
    "batas_judul": ("judul", 50, 10_000),
    "batas_ringkasan": ("ringkasan", 100, 100_000),
    "batas_tag_artikel": ("tag_artikel", 1, 1000),
    "batas_tag_kim": ("tag_kim", 10, 1_000_000),
    "batas_keluaran_mb": ("keluaran_mb", 10, 10_000_000),
}


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the folder holding config.yaml, content/ and themes/
    provinsi: str  # Kemendagri code, "52"
    provinsi_nama: str  # "Nusa Tenggara Barat"
    domain_indeks: str  # host of the province index site
    domain_induk: str  # parent domain of KIM hosts, "kim.id"
    tema: str  # default theme
    judul: str  # title of the index site
    deskripsi: str
    penyelenggara: str  # who runs the index, e.g. the provincial Dinas Kominfo
    artikel_per_halaman: int
    berita_indeks: int  # latest articles on the index home page
    skema: str  # "https" or "http"
    berita_per_kim: int = 3  # at most this many of one KIM among the index's latest news
    batas_detik_kim: int = 300  # one KIM's read, render and write; past it, that KIM fails
    # one build worker's memory (address space, MB); past it, the KIM it builds fails
    batas_memori_mb: int = 2048
    foto_maks_px: int = 2560  # long side of a photo kept in the repository (`kimsite foto`)
    foto_kualitas: int = 85  # its JPEG/WebP quality
    batas: ContentLimits = ContentLimits()
    # KIM folder → custom host, given by the province (a KIM cannot claim one itself)
    domain_kustom: dict[str, str] = field(default_factory=dict)
    # pre-compressed copies the build writes beside text files (see kimsite.output.compress)
    kompresi: tuple[str, ...] = ENCODINGS
    # certificates the web server presents, for `kimsite deploy nginx`
    tls: tuple[Certificate, ...] = ()
    # the browser editor; None: no /admin/ on the KIM sites
    penyunting: EditorConfig | None = None

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def themes_dir(self) -> Path:
        return self.root / "themes"

    @property
    def zone(self) -> Zone:
        return zone_for_province(self.provinsi)

    def base_url(self, host: str) -> str:
        return f"{self.skema}://{host}/"


def _ranged(
    fields: Fields, path: Path, log: ProblemLog, key: str, default: int, low: int, high: int
) -> int:
    """An integer setting (its default when absent), `config.range` at its line when out of
    bounds."""
    value = fields.integer(key) or default
    if not low <= value <= high:
        log.add(path, fields.line(key), "config.range", key=key, low=low, high=high)
    return value


def load_config(path: Path) -> SiteConfig:
    """Read and check `config.yaml`; every problem in it is reported at once.

    A broken config stops the whole build (`KimsiteError`): every site depends on it.
    """
    log = ProblemLog()
    fields = _open(path, log)
    provinsi = fields.text("provinsi", required=True) or ""
    prov_name = province_name(provinsi) if provinsi else None
    if provinsi and (prov_name is None or not known_province_zone(provinsi)):
        log.add(path, fields.line("provinsi"), "config.bad_province", value=provinsi)
    domain_indeks = _host(fields, path, log, "domain_indeks", None)
    domain_induk = _host(fields, path, log, "domain_induk", "kim.id")
    tema = _theme(fields, path, log)
    per_page = fields.integer("artikel_per_halaman") or 10
    berita = fields.integer("berita_indeks") or 20
    for key, value in (("artikel_per_halaman", per_page), ("berita_indeks", berita)):
        if not 1 <= value <= 100:
            log.add(path, fields.line(key), "config.range", key=key, low=1, high=100)
    berita_per_kim = _ranged(fields, path, log, "berita_per_kim", 3, 1, 100)
    batas_detik_kim = _ranged(fields, path, log, "batas_detik_kim", 300, 1, 86_400)
    batas_memori_mb = _ranged(fields, path, log, "batas_memori_mb", 2048, 256, 1_048_576)
    foto_maks_px = _ranged(fields, path, log, "foto_maks_px", 2560, 800, 10_000)
    foto_kualitas = _ranged(fields, path, log, "foto_kualitas", 85, 50, 95)
    batas = _limits(fields, path, log)
    domain_kustom = _custom_domains(fields, domain_indeks, domain_induk, log)
    skema = fields.text("skema") or "https"
    if skema not in ("https", "http"):
        log.add(path, fields.line("skema"), "config.scheme", value=skema)
    judul = fields.text("judul") or f"KIM {prov_name or provinsi}"
    deskripsi = fields.text("deskripsi") or (
        f"Kumpulan Komunitas Informasi Masyarakat di {prov_name or provinsi}."
    )
    penyelenggara = fields.text("penyelenggara") or ""
    kompresi = _compression(fields, path, log)
    tls = tuple(_certificates(fields, log))
    penyunting = _editor(fields, log)
    fields.finish()
    if log.has_errors():
        raise KimsiteError(log)
    return SiteConfig(
        root=path.parent.resolve(),
        provinsi=provinsi,
        provinsi_nama=prov_name or provinsi,
        domain_indeks=domain_indeks,
        domain_induk=domain_induk,
        tema=tema,
        judul=judul,
        deskripsi=deskripsi,
        penyelenggara=penyelenggara,
        artikel_per_halaman=per_page,
        berita_indeks=berita,
        skema=skema,
        berita_per_kim=berita_per_kim,
        batas_detik_kim=batas_detik_kim,
        batas_memori_mb=batas_memori_mb,
        foto_maks_px=foto_maks_px,
        foto_kualitas=foto_kualitas,
        batas=batas,
        domain_kustom=domain_kustom,
        kompresi=kompresi,
        tls=tls,
        penyunting=penyunting,
    )


def _open(path: Path, log: ProblemLog) -> Fields:
    """`config.yaml`'s keys, or `KimsiteError` when it cannot be read as YAML at all."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        log.add(path, None, "config.missing")
        raise KimsiteError(log) from None
    except (OSError, UnicodeDecodeError) as exc:
        log.add(path, None, "file.unreadable", detail=str(exc))
        raise KimsiteError(log) from None
    try:
        node = parse_yaml(text, path, log)
    except YamlUnreadable:
        raise KimsiteError(log) from None
    fields = Fields.open(node, path, log, what="config.yaml")
    if fields is None:
        raise KimsiteError(log)
    return fields


def _host(fields: Fields, path: Path, log: ProblemLog, key: str, default: str | None) -> str:
    """A host name setting, lower-cased; required when it has no default."""
    host = (fields.text(key, required=default is None) or default or "").lower()
    if host and not is_host_name(host):
        log.add(path, fields.line(key), "field.bad_host", key=key, value=host)
    return host


def _theme(fields: Fields, path: Path, log: ProblemLog) -> str:
    """The province's theme; one not in `themes/` is said once, at its line here, not at
    every KIM that uses it."""
    tema = fields.text("tema") or "default"
    themes_dir = path.parent / "themes"
    if themes_dir.is_dir() and not (themes_dir / tema).is_dir():
        available = sorted(t.name for t in themes_dir.iterdir() if t.is_dir())
        log.add(
            path,
            fields.line("tema"),
            "theme.unknown",
            name=tema,
            available=", ".join(available) or "-",
        )
    return tema


def _compression(fields: Fields, path: Path, log: ProblemLog) -> tuple[str, ...]:
    """The pre-compressed copies asked for (`kompresi:`), each once; all by default."""
    kompresi: tuple[str, ...] = ENCODINGS
    if fields.has("kompresi"):
        kompresi = tuple(dict.fromkeys(e.lower() for e in fields.text_list("kompresi")))
        for encoding in kompresi:
            if encoding not in ENCODINGS:
                log.add(
                    path,
                    fields.line("kompresi"),
                    "config.encoding",
                    value=encoding,
                    known=", ".join(ENCODINGS),
                )
    return kompresi


def _certificates(fields: Fields, log: ProblemLog) -> Iterator[Certificate]:
    """`tls:` lists the server's certificate files (absolute paths on the web server: they
    are read by nginx, never by kimsite) and the hosts each covers."""
    for item in fields.mapping_list("tls"):
        cert = item.text("sertifikat", required=True) or ""
        key = item.text("kunci", required=True) or ""
        hosts = tuple(h.lower() for h in item.text_list("host"))
        for name, value in (("sertifikat", cert), ("kunci", key)):
            if value and (not value.startswith("/") or any(c in value for c in ";{}\"\n'$")):
                log.add(item.path, item.line(name), "config.tls_path", key=name, value=value)
        if not hosts:
            log.add(item.path, item.line(), "config.tls_hosts")
        for host in hosts:
            if not is_host_name(host.removeprefix("*.")):
                log.add(item.path, item.line("host"), "field.bad_host", key="tls.host", value=host)
        item.finish()
        yield Certificate(cert, key, hosts)


def _editor(fields: Fields, log: ProblemLog) -> EditorConfig | None:
    section = fields.mapping("penyunting")
    if section is None:
        return None
    aktif = section.boolean("aktif", default=True)
    backend = (section.text("backend", required=aktif) or "github").lower()
    if backend not in BACKENDS:
        log.add(
            section.path,
            section.line("backend"),
            "field.choice",
            key="penyunting.backend",
            value=backend,
            choices=", ".join(BACKENDS),
        )
    repo = section.text("repo", required=aktif) or ""
    if repo and not _REPO.match(repo):
        log.add(section.path, section.line("repo"), "config.editor_repo", value=repo)
    cabang = section.text("cabang") or "main"
    app_id = section.text("app_id")
    base_url, api_root = section.text("base_url"), section.text("api_root")
    for key, url in (("base_url", base_url), ("api_root", api_root)):
        if url is not None and not _https_url(url):
            log.add(
                section.path,
                section.line(key),
                "config.editor_url",
                key=f"penyunting.{key}",
                value=url,
            )
    if aktif and backend in ("gitlab", "gitea") and not app_id:
        log.add(section.path, section.line(), "config.editor_app_id", backend=backend)
    if aktif and backend in ("github", "gitea") and not base_url:
        log.add(section.path, section.line(), "config.editor_base_url", backend=backend)
    alur = section.boolean("alur_editorial", default=True)
    provinsi = section.text_list("pengelola_provinsi")
    kims: list[tuple[str, tuple[str, ...]]] = []
    per_kim = section.mapping("pengelola")
    if per_kim is not None:
        for slug, (key_node, _value) in sorted(per_kim.entries().items()):
            line = int(key_node.start_mark.line) + 1
            if not is_dns_label(slug):
                log.add(per_kim.path, line, "config.custom_slug", slug=slug)
                continue
            kims.append((slug, per_kim.text_list(slug)))
        per_kim.finish()
    for who in (*provinsi, *(h for _slug, handles in kims for h in handles)):
        if not _HANDLE.match(who):
            log.add(section.path, section.line("pengelola"), "config.editor_handle", value=who)
    section.finish()
    if not aktif:
        return None
    return EditorConfig(
        backend, repo, cabang, app_id, base_url, api_root, alur, provinsi, tuple(kims)
    )


def _https_url(url: str) -> bool:
    host = url.removeprefix("https://").split("/", 1)[0]
    return url.startswith("https://") and is_host_name(host.split(":", 1)[0])


def _limits(fields: Fields, path: Path, log: ProblemLog) -> ContentLimits:
    """The `batas_*` keys, each within its range (the defaults where a key is absent)."""
    given: dict[str, int] = {}
    for key, (name, low, high) in LIMIT_KEYS.items():
        value = fields.integer(key)
        if value is None:
            continue
        if not low <= value <= high:
            log.add(path, fields.line(key), "config.range", key=key, low=low, high=high)
        else:
            given[name] = value
    return ContentLimits(**given)


def _custom_domains(
    fields: Fields, domain_indeks: str, domain_induk: str, log: ProblemLog
) -> dict[str, str]:
    """`domain_kustom:` maps a KIM folder to the host the province registered for it.

    No host may be the index's or lie under it (a page under the province's own name), be
    the parent domain or a public suffix (`go.id`, `desa.id`), or serve two KIMs.
    """
    section = fields.mapping("domain_kustom")
    if section is None:
        return {}
    found: dict[str, str] = {}
    owners: dict[str, str] = {}
    for slug, (key_node, _value) in sorted(section.entries().items()):
        host = (section.text(slug) or "").lower()
        line = int(key_node.start_mark.line) + 1
        if not is_dns_label(slug):
            log.add(section.path, line, "config.custom_slug", slug=slug)
        elif not is_host_name(host):
            log.add(section.path, line, "field.bad_host", key=f"domain_kustom.{slug}", value=host)
        elif host == domain_indeks or host.endswith("." + domain_indeks):
            log.add(section.path, line, "config.custom_under_index", host=host, index=domain_indeks)
        elif host == domain_induk or is_public_suffix(host):
            log.add(section.path, line, "config.custom_suffix", host=host)
        elif host in owners:
            log.add(section.path, line, "config.custom_twice", host=host, other=owners[host])
        else:
            owners[host] = slug
            found[slug] = host
    section.finish()
    return found


@cache
def _public_suffixes() -> Any:
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def is_public_suffix(host: str) -> bool:
    """Whether anyone may register names under `host` (`go.id`, `github.io`): never a site's.

    The Public Suffix List ships inside the publicsuffixlist package (no network); it is
    loaded only when a province gives custom domains.
    """
    return bool(_public_suffixes().is_public(host))
