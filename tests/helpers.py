"""Test helpers that check real output: HTML parsed with lxml, links followed to files,
feeds parsed by feedparser, sitemaps validated against the sitemaps.org schema."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import textwrap
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import lxml.etree
import lxml.html

from kimsite.build.pipeline import build
from kimsite.output.lock import LOCK_NAME
from scripts.screenshots import serving

__all__ = [
    "run_kimsite",
    "serving",
]  # the one local HTTP server for built sites, shared with the script

REPO = Path(__file__).resolve().parent.parent
# The sample province the tests build: a copy of what the repository first shipped in
# content/, so that a province replacing content/ with its own KIMs keeps a green suite
# (CI judges the real content with `kimsite check --strict`).
SAMPLE = REPO / "tests" / "sample"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"

# The sample is built as of a fixed day, so that what is published (and what is still
# scheduled) does not change as the calendar moves on.
SAMPLE_NOW = datetime(2026, 11, 1, tzinfo=UTC)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What the fuzz suite tried, counted by its tests and printed by conftest at the end:
# "cases:<suite>", "code:<problem code>", "built:<suite>".
FUZZ_STATS: Counter[str] = Counter()

BASE_CONFIG = """\
provinsi: "52"
domain_indeks: kim.ntbprov.go.id
domain_induk: kim.id
tema: default
judul: KIM Nusa Tenggara Barat
penyelenggara: Diskominfotik NTB
artikel_per_halaman: 3
"""


def write_project(
    root: Path, files: dict[str, str | bytes], config: str | None = BASE_CONFIG
) -> Path:
    """A scratch project: the repository's themes, a config, and the given files."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "themes", root / "themes", dirs_exist_ok=True)
    if config is not None:
        (root / "config.yaml").write_text(config, encoding="utf-8")
    for rel, content in files.items():
        write_file(root / rel, content if isinstance(content, bytes) else textwrap.dedent(content))
    return root


def write_file(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def profile(nama: str, kode: str, **extra: str) -> str:
    lines = [f"nama: {nama}", f'kode_wilayah: "{kode}"', f"deskripsi: Profil {nama}."]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def article(
    judul: str, tanggal: str = "2025-07-24", body: str = "Isi berita.", **extra: str
) -> str:
    lines = ["---", f"judul: {judul}", f"tanggal: {tanggal}"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join([*lines, "---", body]) + "\n"


def _pixel() -> bytes:
    """A real 8×8 PNG: photos are decoded, cleaned and resized, so test media must be images."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


PIXEL = _pixel()


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def url_to_file(build: Path, host: str, url_path: str) -> Path:
    path = unquote(url_path)
    target = build / host / path.lstrip("/")
    if path.endswith("/") or path == "":
        target = target / "index.html"
    return target


def broken_links(build: Path, hosts: set[str]) -> list[str]:
    """Every href/src of every page that points into a built site and has no file there."""
    broken = []
    for host_dir in sorted(p for p in build.iterdir() if p.is_dir()):
        host = host_dir.name
        for page in html_pages(host_dir):
            doc = parse(page)
            for el, attr, link, _pos in doc.iterlinks():
                if attr not in ("href", "src"):
                    continue
                parts = urlsplit(link)
                if parts.scheme in ("mailto", "tel") or link.startswith("#"):
                    continue
                if parts.scheme and parts.netloc not in hosts:
                    continue  # outside the province's sites (wa.me, openstreetmap, …)
                target_host = parts.netloc or host
                if not parts.scheme and not link.startswith("/"):
                    base = "/" + page.relative_to(host_dir).parent.as_posix() + "/"
                    rel = (base + parts.path).replace("/./", "/")
                    target = url_to_file(build, host, rel)
                else:
                    target = url_to_file(build, target_host, parts.path or "/")
                if not target.is_file():
                    broken.append(f"{page.relative_to(build)}: {el.tag} {attr}={link}")
    return broken


def parse_atom(path: Path) -> feedparser.FeedParserDict:
    """Parse as Atom 1.0 and check RFC 4287's required elements; fail on anything else."""
    data = path.read_bytes()
    root = lxml.etree.fromstring(data)
    assert root.tag == f"{ATOM}feed", path
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, f"{path}: feed lacks {required}"
    feed_has_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}") is not None, f"{path}: entry lacks {required}"
        assert feed_has_author or entry.find(f"{ATOM}author") is not None
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    parsed = feedparser.parse(data)
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10", parsed.version
    return parsed


_SITEMAP_SCHEMA: lxml.etree.XMLSchema | None = None


def validate_sitemap(path: Path) -> list[str]:
    global _SITEMAP_SCHEMA
    if _SITEMAP_SCHEMA is None:
        _SITEMAP_SCHEMA = lxml.etree.XMLSchema(lxml.etree.parse(str(SCHEMAS / "sitemap.xsd")))
    doc = lxml.etree.parse(str(path))
    _SITEMAP_SCHEMA.assertValid(doc)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [str(loc) for loc in doc.xpath("//s:loc/text()", namespaces=ns)]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stamps(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_kimsite(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`kimsite ARGS` run in this process, in `root`, with `env` added to the environment.

    The command as a writer types it, but in-process, so that mutation testing (which
    records coverage in the test's own process) sees the code it runs. Answers as
    subprocess.run would: the exit code, what was printed on stdout and stderr.
    """
    from kimsite.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.update(env or {})
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse refusing the words
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["kimsite", *args], code, out.getvalue(), err.getvalue())


# -- the golden snapshot (tests/test_golden.py, and the builds compared with it) ---------
GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_NOW = datetime(2026, 1, 1, tzinfo=UTC)  # fixed, so future-dated articles stay unpublished


def build_golden(work: Path) -> Path:
    """The golden project (tests/golden/project) built into `work`/out, as of GOLDEN_NOW."""
    shutil.copytree(GOLDEN / "project", work / "project")
    shutil.copytree(REPO / "themes", work / "project" / "themes")
    out = work / "out"
    report = build(
        work / "project" / "config.yaml", out_dir=out, now=GOLDEN_NOW, cache_dir=work / "cache"
    )
    assert report.ok, [p.format() for p in report.problems]
    return out


def golden_view(out: Path) -> dict[str, bytes]:
    """A build as the golden keeps it: each site's Pagefind bundle (binary, and Pagefind's
    own bytes) and its pre-compressed copies (each checked to hold exactly the file beside
    it) as listings of their files' SHA-256, so a diff stays readable."""
    import gzip
    import hashlib

    import brotli  # type: ignore[import-untyped]

    files = snapshot(out)
    del files[LOCK_NAME]  # the build's lock, beside the sites: no site's file
    view: dict[str, bytes] = {}
    listings: dict[str, list[str]] = {}
    for name, data in files.items():
        host, _, rest = name.partition("/")
        if rest.startswith("pagefind/") and rest != "pagefind/SHA256SUMS":
            listing = f"{host}/pagefind/SHA256SUMS"
        elif rest.endswith((".gz", ".br")):
            unpack = gzip.decompress if rest.endswith(".gz") else brotli.decompress
            assert unpack(data) == files[name[:-3]], name
            listing = f"{host}/KOMPRESI.SHA256SUMS"
        else:
            view[name] = data
            continue
        listings.setdefault(listing, []).append(f"{hashlib.sha256(data).hexdigest()}  {rest}")
    for listing, lines in listings.items():
        view[listing] = ("\n".join(sorted(lines)) + "\n").encode()
    return view
