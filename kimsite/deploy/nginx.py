"""`kimsite deploy nginx`: one nginx configuration serving every site of the province.

The configuration goes in nginx's `http` context (Debian: `/etc/nginx/conf.d/kimsite.conf`).
It is generated, never edited: every host comes from `config.yaml` and the KIM folders (a KIM
cannot name its own host), every redirect from a KIM's `pengalihan.yaml` after the same
checks the build makes. What a reader's phone gets from it:

- each host's own site from its own folder, its own 404 page, and nothing outside that
  folder (nginx refuses `..`; symbolic links to another owner's files are refused);
- pre-compressed `.gz` / `.br` copies written by the build, so nothing is compressed per
  request;
- stylesheets and scripts, whose names hold their digest, cached for a year; pages
  revalidated on every visit (cheap: an unchanged page is a 304);
- security headers that the default theme and the search really satisfy: no inline script,
  WebAssembly for Pagefind, nothing framed;
- with certificates in `config.yaml`: HTTPS, a redirect from HTTP and HSTS.

An unknown host (a name pointed at the server by mistake, or a scanner) gets no site at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kimsite.admin.decap import backend_origins
from kimsite.model.content import Redirect
from kimsite.model.problems import ProblemLog, Severity
from kimsite.model.routes import output_path
from kimsite.source.config import Certificate, SiteConfig
from kimsite.source.files import REDIRECTS_NAME, list_kim_folders
from kimsite.source.hosts import host_of, host_problems
from kimsite.source.redirects import forms, load_redirects, server_key

# Caching by URL. Theme assets carry their digest in their name (kimsite.render.themes), and
# Pagefind names its index chunks and fragments by their content: both may be kept
# forever. Media keep the name the writer gave them, so a replaced photo shows within a day.
IMMUTABLE = "public, max-age=31536000, immutable"
CACHE_RULES = (
    (r"~^/assets/.+\.[0-9a-f]{10}\.(css|js|mjs)$", IMMUTABLE),
    (r"~^/_decap/[0-9.]+/", IMMUTABLE),  # the editor's program, one folder per version
    (r"~^/pagefind/(fragment|index|filter)/", IMMUTABLE),
    (r"~^/(media|gambar)/", "public, max-age=86400"),
    (r"~^/(favicon\.ico|apple-touch-icon\.png)$", "public, max-age=86400"),
)
# What the pages may load. Pagefind compiles WebAssembly ('wasm-unsafe-eval', not
# 'unsafe-eval'); Markdown tables align cells with a style attribute, which the sanitiser
# limits to text-align (style-src-attr); imported articles may still show photos from
# their old host (img-src https:).
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data: https:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# The browser editor at /admin/ (kimsite.admin): Decap's program comes from the index host;
# it validates its configuration with ajv, which compiles schemas to functions
# ('unsafe-eval': without it Decap stops before its first screen, seen in Chromium); it
# styles itself with inline styles (emotion) and shows photos as blob: URLs before they
# are saved; it talks to the git host's API and sign-in only. The readers' pages keep CSP.
EDITOR_CSP = (
    "default-src 'self'; script-src 'self' {index} 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; media-src 'self' blob:; font-src 'self' data:; "
    "connect-src 'self' {apis}; frame-src 'self' blob:; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000"  # never includeSubDomains: other KIMs' hosts share kim.id


@dataclass(frozen=True)
class Host:
    name: str  # the host readers type
    folder: str  # its folder in the build
    redirects: tuple[Redirect, ...] = ()
    certificate: Certificate | None = None
    editor_csp: str | None = None  # the browser editor's policy at /admin/, when it is on


@dataclass(frozen=True)
class Listen:
    address: str  # "127.0.0.1:8080", "[::]:443", "80"

    @property
    def port(self) -> int:
        return int(self.address.rpartition(":")[2])

    @classmethod
    def parse(cls, text: str) -> Listen:
        host, _, port = text.rpartition(":")
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(text)
        bracketed = host.startswith("[") and host.endswith("]")
        if host and not bracketed and not all(c.isalnum() or c in ".-*" for c in host):
            raise ValueError(text)
        if bracketed and not all(c in "0123456789abcdefABCDEF:." for c in host[1:-1]):
            raise ValueError(text)
        return cls(text)


def province_hosts(config: SiteConfig, build: Path | None, log: ProblemLog) -> list[Host]:
    """Every host the province gives (index first), each with its valid redirects.

    A KIM whose host clashes is left out, as the build leaves it out. With the build
    folder at hand, a redirect whose target page was not built is left out too (said as
    a warning), so the server never redirects to a 404.
    """
    folders = {f.name: f for f in list_kim_folders(config.content_dir)}
    clashes = host_problems(folders, config)
    hosts = [Host(config.domain_indeks, config.domain_indeks)]
    for slug, folder in sorted(folders.items()):
        if slug in clashes:
            log.extend(clashes[slug])
            continue
        name = host_of(slug, config)
        redirects = _redirects(folder, log)
        if build is not None and redirects:
            redirects = tuple(r for r in redirects if _built(build / name, r, folder, log))
        hosts.append(Host(name, name, redirects))
    csp = editor_csp(config)
    return [
        Host(
            h.name,
            h.folder,
            h.redirects,
            next((c for c in config.tls if c.covers(h.name)), None),
            csp if h.name != config.domain_indeks else None,
        )
        for h in hosts
    ]


def editor_csp(config: SiteConfig) -> str | None:
    if config.penyunting is None:
        return None
    return EDITOR_CSP.format(
        index=f"{config.skema}://{config.domain_indeks}",
        apis=" ".join(backend_origins(config.penyunting)),
    )


def _redirects(folder: Path, log: ProblemLog) -> tuple[Redirect, ...]:
    path = folder / REDIRECTS_NAME
    if not path.exists():
        return ()
    real = path.resolve()
    if not real.is_file() or not real.is_relative_to(folder.resolve()):
        log.add(path, None, "link.outside", target=str(real))
        return ()
    return load_redirects(real, log)


def _built(site: Path, redirect: Redirect, folder: Path, log: ProblemLog) -> bool:
    if (site / output_path(redirect.new)).is_file():
        return True
    log.add(
        folder / REDIRECTS_NAME,
        redirect.line,
        "deploy.redirect_unbuilt",
        Severity.WARNING,
        old=redirect.old,
        new=redirect.new,
    )
    return False


def render(
    hosts: list[Host],
    root: str,
    listen: Listen,
    listen_tls: Listen,
    brotli: bool,
    encodings: tuple[str, ...],
) -> str:
    """The configuration text: deterministic (hosts and redirects in a fixed order)."""
    lines = [
        "# Written by `kimsite deploy nginx`: do not edit, generate it again.",
        f"# {len(hosts)} hosts; sites under {root}/<host>/. Goes in nginx's http context",
        "# (Debian: /etc/nginx/conf.d/); remove Debian's sites-enabled/default, which also",
        "# claims default_server.",
        "",
        *_hash_sizes(hosts),
        "",
        "map $uri $kimsite_cache_control {",
        '    default "no-cache";',
        *(f'    "{pattern}" "{value}";' for pattern, value in CACHE_RULES),
        "}",
        "",
        *_redirect_map(hosts),
        "",
        *_default_servers(listen, listen_tls, any(h.certificate for h in hosts)),
    ]
    for host in hosts:
        lines.append("")
        lines.extend(_server(host, root, listen, listen_tls, brotli, encodings))
    return "\n".join(lines) + "\n"


def _hash_sizes(hosts: list[Host]) -> list[str]:
    """nginx's name and map tables must fit every host and old address: sized from them.

    nginx tries every table size up to the maximum and takes the first in which no bucket
    overflows; a KIM can choose its old addresses so that they all fall in one bucket at
    one size (they are its writers' to choose). So the maximum is far above what the keys
    need, and a bucket holds two of the longest keys: no crafted set fits every size."""
    longest_name = max(len(h.name) for h in hosts)
    keys = [f"{h.name}{old}" for h in hosts for r in h.redirects for old in forms(r.old)]
    longest_key = max((len(k) for k in keys), default=0)
    return [
        f"server_names_hash_bucket_size {_power_of_two(longest_name + 32, 64)};",
        f"server_names_hash_max_size {_power_of_two(2 * len(hosts), 512)};",
        f"map_hash_bucket_size {_power_of_two(2 * (longest_key + 32), 64)};",
        f"map_hash_max_size {_power_of_two(16 * len(keys), 65536)};",
    ]


def _power_of_two(at_least: int, floor: int) -> int:
    size = floor
    while size < at_least:
        size *= 2
    return size


def _redirect_map(hosts: list[Host]) -> Iterator[str]:
    """One lookup of "host + path as sent" for every old address of every KIM: a KIM's
    entries are keyed by its own host, so it can only redirect its own addresses. Paths
    without a query also match without their last slash, as shared links often lose it."""
    yield 'map "$host$request_uri" $kimsite_redirect {'
    yield '    default "";'
    for host in hosts:
        # Each entry as written first (load_redirects keeps them apart without case, as
        # nginx compares keys), then the other forms no entry was written for.
        seen = {server_key(r.old) for r in host.redirects}
        entries = [(r.old, r.new) for r in host.redirects]
        for r in host.redirects:
            for old in forms(r.old)[1:]:
                if server_key(old) not in seen:
                    seen.add(server_key(old))
                    entries.append((old, r.new))
        for old, new in entries:
            try:
                yield f"    {quoted(host.name + old)} {quoted(new)};"
            except ValueError:  # load_redirects refuses such an entry: never written
                continue
    yield "}"


def quoted(value: str) -> str:
    """The one way a value from the province's files enters the configuration: as one
    double-quoted word. Inside quotes nginx still reads a backslash, `$` and the quote
    itself; those, control characters, anything not ASCII and a word past nginx's 4,096
    bytes are refused (every loader refuses them first: this is the last guard)."""
    if len(value) > 4000 or not value.isascii() or any(c in value for c in '"\\$'):
        raise ValueError(f"not for nginx's configuration: {value[:100]!r}")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError(f"not for nginx's configuration: {value[:100]!r}")
    return f'"{value}"'


def _default_servers(listen: Listen, listen_tls: Listen, tls: bool) -> list[str]:
    lines = [
        "# A host that is not a KIM's gets no site: the connection is closed unanswered.",
        "server {",
        f"    listen {listen.address} default_server;",
        "    server_name _;",
        "    return 444;",
        "}",
    ]
    if tls:
        lines += [
            "server {",
            f"    listen {listen_tls.address} ssl default_server;",
            "    server_name _;",
            "    ssl_reject_handshake on;",
            "}",
        ]
    return lines


def _server(
    host: Host,
    root: str,
    listen: Listen,
    listen_tls: Listen,
    brotli: bool,
    encodings: tuple[str, ...],
) -> list[str]:
    cert = host.certificate
    if cert is None:
        return _site_block(host, root, [f"listen {listen.address};"], brotli, encodings, False)
    port = "" if listen_tls.port == 443 else f":{listen_tls.port}"
    redirect = [
        "server {",
        f"    listen {listen.address};",
        f"    server_name {quoted(host.name)};",
        f"    return 301 https://$host{port}$request_uri;",
        "}",
    ]
    tls = [
        f"listen {listen_tls.address} ssl http2;",
        f"ssl_certificate {quoted(cert.sertifikat)};",
        f"ssl_certificate_key {quoted(cert.kunci)};",
        "ssl_protocols TLSv1.2 TLSv1.3;",
        "ssl_session_cache shared:kimsite:10m;",
    ]
    return redirect + _site_block(host, root, tls, brotli, encodings, True)


def _site_block(
    host: Host,
    root: str,
    listening: list[str],
    brotli: bool,
    encodings: tuple[str, ...],
    secure: bool,
) -> list[str]:
    body = [
        *listening,
        f"server_name {quoted(host.name)};",
        f"root {quoted(f'{root}/{host.folder}')};",
        "index index.html;",
        "charset utf-8;",
        "server_tokens off;",
        "absolute_redirect off;",
        # A symbolic link is followed only to a file of the link's own owner: the deploy
        # user's `current` release link works, a link to a system file does not. (The build
        # and `deploy sync` never publish links at all.) Not `on from=$document_root`,
        # which would be stricter but stops brotli_static from serving anything.
        "disable_symlinks if_not_owner;",
        "error_page 404 /404.html;",
    ]
    if "gzip" in encodings:
        body += ["gzip_static on;", "gzip_vary on;"]
    if brotli and "br" in encodings:
        body.append("brotli_static on;")
    if host.redirects:
        body += ["if ($kimsite_redirect) {", "    return 301 $kimsite_redirect;", "}"]
    body += _headers(CSP, secure)
    body += [
        "location / {",
        "}",
        # The 404 page is for errors; its own address answers 404 like any missing page.
        "location = /404.html {",
        "    internal;",
        "}",
    ]
    if host.editor_csp:
        # add_header in a location replaces the server's: all of them are said again.
        body += [
            "location ^~ /admin/ {",
            "    types { text/html html; text/yaml yml; }",
            *(f"    {line}" for line in _headers(host.editor_csp, secure)),
            '    add_header X-Robots-Tag "noindex, nofollow" always;',
            "}",
        ]
    return ["server {", *(f"    {line}" for line in body), "}"]


def _headers(csp: str, secure: bool) -> list[str]:
    lines = [
        "add_header Cache-Control $kimsite_cache_control always;",
        f'add_header Content-Security-Policy "{csp}" always;',
        "add_header X-Content-Type-Options nosniff always;",
        "add_header Referrer-Policy strict-origin-when-cross-origin always;",
        f'add_header Permissions-Policy "{PERMISSIONS}" always;',
    ]
    if secure:
        lines.append(f'add_header Strict-Transport-Security "{HSTS}" always;')
    return lines


__all__ = ["Host", "Listen", "province_hosts", "quoted", "render"]
