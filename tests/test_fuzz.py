"""Whatever a writer puts in their folder, kimsite answers with a build or its own error.

Hypothesis generates front matter, Markdown bodies, profiles, file names and config
files, as a careless or hostile writer might, and each one goes through a real build of
one KIM. The promise checked for every case: no exception, no hang (a deadline per case),
no "internal error" (a bug caught by the KIM's failure boundary is still a bug: it means
a mistake got no message of its own), every problem names a file and renders in
Indonesian, and what was built parses (feed as XML, pages as HTML).

The counts (cases run, distinct problem codes seen) are printed at the end of the session.
In CI the cases are derandomized, so a red run is reproducible; locally they vary.
"""

from __future__ import annotations

import json
import os
import shutil
import string
from datetime import UTC, datetime
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kimsite.build.pipeline import build
from kimsite.model.problems import KimsiteError, Problem
from tests.helpers import BASE_CONFIG, FUZZ_STATS, PIXEL, REPO, profile

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CI = bool(os.environ.get("CI"))
SCALE = float(os.environ.get("KIMSITE_FUZZ_SCALE", "1"))  # 2,000 cases in all at 1

FUZZ = settings(
    deadline=10_000,  # ms per case: a case past it is a hang
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=CI,
    database=None,
)

# -- strategies ----------------------------------------------------------------------
NASTY = [
    "",
    "~",
    "null",
    "yes",
    "no",
    "0812",
    "1e999",
    "-0",
    "2024-13-45",
    "[",
    "]",
    "{",
    "}",
    "*a",
    "&a x",
    "!!python/object/apply:os.system ['true']",
    "!foo x",
    "\t",
    ": ",
    "'",
    '"',
    "---",
    "...",
    "|",
    ">",
    "#",
    "%TAG",
    "@",
    "`",
    "\\",
    "\x00",
    "\x01",
    "\x1b[2J",
    "\x85",
    "\u2028",
    "\ufeff",
    "\ud7ff",
    "\U0001f600",
    "é" * 300,
    "x" * 5000,
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows",
    "media/../../x",
    "%2e%2e/",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% raw %}",
    "2026-01-01 10:00+99:00",
    "0001-01-01 00:00+05:00",
    "9999-12-31 23:59-12:00",
    "2026-02-30",
    "24:61",
]
# Mostly what people type (any script, no invisible controls), sometimes anything at all.
typed = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=200)
text_value = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=string.printable, max_size=80),
    typed,
)
moment_text = st.one_of(
    st.builds(
        lambda d, off: d.strftime("%Y-%m-%d %H:%M") + off,
        st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
        st.sampled_from(
            [
                "",
                "Z",
                " WIB",
                " WITA",
                "+07:00",
                "-12:00",
                "+14:00",
                "+99:00",
                "+0530",
                "-00:00",
                "+24:00",
            ]
        ),
    ),
    st.dates().map(lambda d: d.isoformat()),
    text_value,
)
KEYS = [
    "judul",
    "tanggal",
    "diperbarui",
    "ringkasan",
    "kategori",
    "tag",
    "gambar",
    "gambar_alt",
    "penulis",
    "draf",
    "slug",
    "sumber",
    "urutan",
    "menu",
    "lain",
    "Judul",
]


def yaml_value(draw: st.DrawFn, value: str) -> str:
    """As a writer might type it: bare, quoted, or as JSON (a valid YAML flow scalar)."""
    style = draw(st.sampled_from(["bare", "json", "single", "list", "block"]))
    if style == "json":
        return json.dumps(value)
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "list":
        return "[" + ", ".join(json.dumps(v) for v in draw(st.lists(text_value, max_size=4))) + "]"
    if style == "block":
        return "|\n  " + value.replace("\n", "\n  ")
    return value


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    lines = []
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=8, unique=draw(st.booleans()))):
        value = draw(moment_text if key in ("tanggal", "diperbarui") else text_value)
        lines.append(f"{key}: {yaml_value(draw, value)}")
    if draw(st.booleans()):  # a valid header, so that the body is rendered
        lines = [line for line in lines if not line.startswith(("judul:", "tanggal:"))]
        lines.insert(
            0, f"judul: {json.dumps(draw(st.text(alphabet=string.ascii_letters, min_size=1)))}"
        )
        lines.insert(1, f"tanggal: 2026-0{draw(st.integers(1, 5))}-1{draw(st.integers(0, 9))}")
    return "\n".join(lines)


@st.composite
def markdown_body(draw: st.DrawFn) -> str:
    parts = []
    for kind in draw(
        st.lists(
            st.sampled_from(
                [
                    "text",
                    "list",
                    "quote",
                    "link",
                    "image",
                    "html",
                    "table",
                    "fence",
                    "heading",
                    "emph",
                ]
            ),
            max_size=6,
        )
    ):
        depth = draw(st.integers(0, 400))
        ref = draw(
            st.one_of(
                st.sampled_from(
                    [
                        "../media/ada.png",
                        "ada.png",
                        "lain.md",
                        "../halaman/x.md",
                        "x" * 4000 + ".png",
                        "a\\b.png",
                        "/media/ada.png",
                        "#bagian",
                        "https://contoh.id/",
                        "mailto:a@b.c",
                        "../../../etc/passwd",
                        "media/" + "é" * 200 + ".png",
                        "%00.png",
                    ]
                ),
                st.text(max_size=30),
            )
        )
        if kind == "text":
            parts.append(draw(st.one_of(typed, typed, st.text(max_size=200))))
        elif kind == "list":
            parts.append("".join("  " * i + "- butir\n" for i in range(depth)))
        elif kind == "quote":
            parts.append("> " * depth + "kutipan")
        elif kind == "link":
            parts.append(f"[tautan]({ref})")
        elif kind == "image":
            parts.append(f"![{draw(st.text(max_size=10))}]({ref})")
        elif kind == "html":
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "<script>alert(1)</script>",
                            '<img src=x onerror="alert(1)">',
                            "<iframe src=https://x></iframe>",
                            '<div markdown="1">' * min(depth, 60),
                            f'<a href="{ref}">x</a>',
                            "<svg onload=alert(1)>",
                            "<!-- x",
                            "<style>*{}</style>",
                        ]
                    )
                )
            )
        elif kind == "table":
            parts.append("| a | b |\n|---|---|\n| 1 | 2 |")
        elif kind == "fence":
            parts.append("```\n" + draw(st.text(max_size=50)))
        elif kind == "heading":
            parts.append("#" * draw(st.integers(1, 8)) + " " + draw(st.text(max_size=20)))
        else:
            parts.append("*" * depth + "x" + "*" * depth)
    return "\n\n".join(parts)


@st.composite
def profile_text(draw: st.DrawFn) -> str:
    base = profile("KIM Uji", "52.71.01.1004").splitlines()
    keys = [
        "nama",
        "deskripsi",
        "kode_wilayah",
        "domain",
        "tema",
        "istilah",
        "logo",
        "nomor_induk",
        "tanggal_berdiri",
        "misi",
        "kontak",
        "produk",
        "potensi",
        "lain",
    ]
    for key in draw(st.lists(st.sampled_from(keys), max_size=5)):
        if key in ("kontak", "produk", "potensi"):
            inner = draw(st.sampled_from(["whatsapp", "lat", "nama", "foto", "harga", "x"]))
            value = yaml_value(draw, draw(text_value))
            base.append(
                f"{key}:\n  - {inner}: {value}"
                if key != "kontak"
                else f"{key}:\n  {inner}: {value}"
            )
        else:
            base.append(f"{key}: {yaml_value(draw, draw(text_value))}")
    if draw(st.booleans()) and base:
        base.pop(draw(st.integers(0, len(base) - 1)))
    return "\n".join(base) + "\n"


file_name = st.one_of(
    st.binary(min_size=1, max_size=300).map(lambda b: b.replace(b"/", b"_").replace(b"\0", b"_")),
    st.sampled_from(
        [
            b".md",
            b"a.md~",
            b"#a.md#",
            b"..md",
            b"a\\b.md",
            b"a\x1b.md",
            b"\xff.md",
            b"x" * 255,
            b" a.md",
            b"a.md ",
            b"CON.md",
            b"a.MD",
            b"a.markdown",
        ]
    ),
).filter(lambda b: b not in (b".", b".."))


# -- the harness ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "themes", root / "themes")
    (root / "config.yaml").write_text(BASE_CONFIG, encoding="utf-8")
    return root


def _reset(root: Path) -> Path:
    kim = root / "content/uji"
    shutil.rmtree(root / "content", ignore_errors=True)
    for sub in ("artikel", "halaman", "media"):
        (kim / sub).mkdir(parents=True)
    (kim / "kim.yaml").write_text(profile("KIM Uji", "52.71.01.1004"), encoding="utf-8")
    (kim / "media/ada.png").write_bytes(PIXEL)
    (kim / "halaman/x.md").write_text("---\njudul: X\n---\nHalaman.\n", encoding="utf-8")
    return kim


def _judge(suite: str, root: Path, problems: list[Problem], built: bool) -> None:
    FUZZ_STATS[f"cases:{suite}"] += 1
    for p in problems:
        FUZZ_STATS[f"code:{p.code}"] += 1
        assert p.code not in ("kim.internal_error", "index.internal_error"), p.format()
        assert p.path, p
        assert p.format()  # the catalogue has the message and its every parameter
    if built:
        FUZZ_STATS[f"built:{suite}"] += 1
        site = root / "build/uji.kim.id"
        lxml.etree.fromstring((site / "feed.xml").read_bytes())
        lxml.etree.fromstring((site / "sitemap.xml").read_bytes())
        for page in site.rglob("*.html"):
            lxml.html.fromstring(page.read_bytes())


def _build(root: Path) -> tuple[list[Problem], bool]:
    try:
        report = build(root / "config.yaml", now=NOW, only=["uji"], with_index=False)
    except KimsiteError as exc:  # only a broken config.yaml may stop everything
        return exc.problems, False
    built = any(k.built and k.rendered for k in report.kims)
    return report.problems, built


@settings(FUZZ, max_examples=int(900 * SCALE))
@given(
    fm=st.one_of(front_matter(), st.just("judul: Berita\ntanggal: 2026-01-02")),
    body=markdown_body(),
    name=st.sampled_from(["a.md", "2026-01-01-b.md"]),
)
def test_articles(workspace: Path, fm: str, body: str, name: str) -> None:
    kim = _reset(workspace)
    (kim / "artikel" / name).write_text(
        f"---\n{fm}\n---\n{body}\n", encoding="utf-8", errors="surrogatepass"
    )
    _judge("artikel", workspace, *_build(workspace))


@settings(FUZZ, max_examples=int(500 * SCALE))
@given(text=profile_text())
def test_profiles(workspace: Path, text: str) -> None:
    kim = _reset(workspace)
    (kim / "kim.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    _judge("profil", workspace, *_build(workspace))


@settings(FUZZ, max_examples=int(400 * SCALE))
@given(
    names=st.lists(file_name, min_size=1, max_size=3),
    where=st.sampled_from(["artikel", "halaman", "media", "templat", ""]),
)
def test_file_names(workspace: Path, names: list[bytes], where: str) -> None:
    kim = _reset(workspace)
    folder = os.path.join(os.fsencode(kim), os.fsencode(where)) if where else os.fsencode(kim)
    os.makedirs(folder, exist_ok=True)
    for name in names:
        try:
            with open(os.path.join(folder, name), "wb") as f:
                f.write(b"---\njudul: A\ntanggal: 2026-01-01\n---\nIsi.\n")
        except OSError:
            continue  # the file system itself refuses the name (too long): nothing to test
    _judge("nama berkas", workspace, *_build(workspace))


@settings(FUZZ, max_examples=int(200 * SCALE))
@given(
    extra=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "tema",
                    "skema",
                    "artikel_per_halaman",
                    "berita_indeks",
                    "berita_per_kim",
                    "domain_indeks",
                    "domain_induk",
                    "batas_detik_kim",
                    "provinsi",
                    "lain",
                    "domain_kustom",
                ]
            ),
            text_value,
        ),
        max_size=4,
    )
)
def test_configs(workspace: Path, extra: list[tuple[str, str]]) -> None:
    _reset(workspace)
    config = BASE_CONFIG + "".join(f"{k}: {json.dumps(v)}\n" for k, v in extra)
    (workspace / "config.yaml").write_bytes(config.encode("utf-8", "surrogatepass"))
    try:
        _judge("config", workspace, *_build(workspace))
    finally:
        (workspace / "config.yaml").write_text(BASE_CONFIG, encoding="utf-8")
