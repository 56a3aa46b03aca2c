"""One scratch project per kind of bad input: the message names the file and line in plain
Indonesian, the build exits 1 without a traceback, every other KIM and the index still build,
and the broken KIM's previous output is left exactly as it was."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kimsite.build.pipeline import build
from kimsite.cli.main import main
from kimsite.model.problems import KimsiteError
from tests.helpers import PIXEL, article, profile, snapshot, write_file

GOOD = {
    "content/baik/kim.yaml": profile("KIM Baik", "52.71.01.1005"),
    "content/baik/artikel/kabar.md": article("Kabar baik"),
}
RUSAK_PROFILE = profile("KIM Rusak", "52.71.01.1004")


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes]
    file: str  # the path the message must name (suffix)
    line: int | None
    words: str  # a phrase the Indonesian message must contain
    extra: Callable[[Path], None] | None = None
    rusak_built_before: bool = True
    extra_files: dict[str, str | bytes] = field(default_factory=dict)


def _symlink_out(root: Path) -> None:
    secret = root / "rahasia.txt"
    secret.write_text("kata sandi", encoding="utf-8")
    os.symlink(secret, root / "content/rusak/media/bocor.txt")


CASES = [
    Case(
        "a tag list item indented one space more: no silent 'pertanian - apel' tag",
        {
            "content/rusak/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\ntag:\n"
            "  - pertanian\n   - apel\n---\nIsi\n"
        },
        "content/rusak/artikel/a.md",
        6,
        "Tanda '-' di baris ini lebih menjorok daripada butir di atasnya",
    ),
    Case(
        "a key with a leading space in an article: delete the space, not quote",
        {
            "content/rusak/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\n"
            "  ringkasan: Rapat: hasil\n---\nIsi\n"
        },
        "content/rusak/artikel/a.md",
        4,
        "Hapus spasi di depan 'ringkasan:'",
    ),
    Case(
        "a profile's example line with only its # deleted",
        {
            "content/rusak/kim.yaml": "# Pengurus KIM:\n pengurus:\n   - nama: Ibu Sari\n"
            'nama: KIM Rusak\nkode_wilayah: "52.71.01.1004"\n'
        },
        "content/rusak/kim.yaml",
        2,
        "Hapus spasi di depan 'pengurus:'",
    ),
    Case(
        "broken YAML in profile",
        {
            "content/rusak/kim.yaml": 'nama: KIM Rusak\nkode_wilayah: "52.71.01.1004"\ndeskripsi: "tanpa tutup\n'
        },
        "content/rusak/kim.yaml",
        3,
        "Tanda kutip dibuka",
    ),
    Case(
        "tab in front matter",
        {
            "content/rusak/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\ntag:\n\t- satu\n---\nIsi\n"
        },
        "content/rusak/artikel/a.md",
        5,
        "Tab",
    ),
    Case(
        "colon in title",
        {"content/rusak/artikel/a.md": "---\njudul: Rapat: hasil\ntanggal: 2025-01-02\n---\nIsi\n"},
        "content/rusak/artikel/a.md",
        2,
        "titik dua",
    ),
    Case(
        "unclosed [ in front matter: pointed at where it opened",
        {
            "content/rusak/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\ntag: [panen, desa\n"
            "kategori: berita\nringkasan: Pendek.\n---\nIsi\n"
        },
        "content/rusak/artikel/a.md",
        4,
        "Kurung siku '[' dibuka di baris ini tetapi tidak ditutup",
    ),
    Case(
        "unclosed { in the profile",
        {
            "content/rusak/kim.yaml": 'nama: KIM Rusak\nkode_wilayah: "52.71.01.1004"\n'
            "sk: {nomor: 17 Tahun 2023, tanggal: 2023-03-01\ndeskripsi: Profil.\n"
        },
        "content/rusak/kim.yaml",
        3,
        "Kurung kurawal '{' dibuka di baris ini",
    ),
    Case(
        "no space after a colon",
        {
            "content/rusak/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\nkategori:berita\n---\nIsi\n"
        },
        "content/rusak/artikel/a.md",
        4,
        "Tulis 'kategori: berita', bukan 'kategori:berita'",
    ),
    Case(
        "a KIM template reading a name its site does not have (Jinja's words in Indonesian)",
        {
            "content/rusak/templat/home.html": '{% extends "base.html" %}\n{% block content %}\n'
            "<p>{{ site.namaa }}</p>\n{% endblock %}\n"
        },
        "content/rusak/templat/home.html",
        3,
        "tidak punya atribut 'namaa' (periksa ejaannya",
    ),
    Case(
        "a KIM template with a loop never closed",
        {
            "content/rusak/templat/home.html": '{% extends "base.html" %}\n{% block content %}\n'
            "{% for a in articles %}\n<p>{{ a.judul }}</p>\n{% endblock %}\n"
        },
        "content/rusak/templat/home.html",
        5,
        "tag 'endblock' datang terlalu awal: blok 'for' di atasnya belum ditutup (tulis dulu "
        "'endfor' atau 'else')",
    ),
    Case(
        "missing front matter",
        {"content/rusak/artikel/a.md": "judul: A\n\nIsi tanpa header\n"},
        "content/rusak/artikel/a.md",
        1,
        "tidak diawali '---'",
    ),
    Case(
        "unclosed front matter",
        {"content/rusak/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\nIsi\n"},
        "content/rusak/artikel/a.md",
        1,
        "tidak ditutup",
    ),
    Case(
        "missing required profile key",
        {"content/rusak/kim.yaml": 'nama: KIM Rusak\nkode_wilayah: "52.71.01.1004"\n'},
        "content/rusak/kim.yaml",
        1,
        "'deskripsi' wajib diisi",
    ),
    Case(
        "missing article date",
        {"content/rusak/artikel/a.md": "---\njudul: A\n---\nIsi\n"},
        "content/rusak/artikel/a.md",
        2,
        "'tanggal' wajib diisi",
    ),
    Case(
        "mistyped key with did-you-mean",
        {
            "content/rusak/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\nringkasn: pendek\n---\nIsi\n"
        },
        "content/rusak/artikel/a.md",
        4,
        "Maksud Anda 'ringkasan'",
    ),
    Case(
        "mistyped nested profile key",
        {
            "content/rusak/kim.yaml": RUSAK_PROFILE
            + "sk:\n  nomor: 17 Tahun 2023\n  penerbt: Lurah\n"
        },
        "content/rusak/kim.yaml",
        6,
        "Maksud Anda 'penerbit'",
    ),
    Case(
        "duplicate key",
        {"content/rusak/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\njudul: B\n---\nIsi\n"},
        "content/rusak/artikel/a.md",
        4,
        "ditulis dua kali (pertama di baris 2)",
    ),
    Case(
        "impossible date",
        {"content/rusak/artikel/a.md": article("A", tanggal="2025-02-30")},
        "content/rusak/artikel/a.md",
        3,
        "2023-07-24 14:05",
    ),
    Case(
        "date written in words",
        {"content/rusak/artikel/a.md": article("A", tanggal="24 Juli 2025")},
        "content/rusak/artikel/a.md",
        3,
        "tertulis: 24 Juli 2025",
    ),
    Case(
        "bad founding date",
        {"content/rusak/kim.yaml": RUSAK_PROFILE + "tanggal_berdiri: 2023-13-01\n"},
        "content/rusak/kim.yaml",
        4,
        "TAHUN-BULAN-HARI",
    ),
    Case(
        "region code that does not exist",
        {"content/rusak/kim.yaml": profile("KIM Rusak", "52.71.01.1040")},
        "content/rusak/kim.yaml",
        2,
        "Maksud Anda 52.71.01.",
    ),
    Case(
        "region code in another province",
        {"content/rusak/kim.yaml": profile("KIM Rusak", "51.04.01.2001")},
        "content/rusak/kim.yaml",
        2,
        "berada di Bali",
    ),
    Case(
        "region code badly written",
        {"content/rusak/kim.yaml": profile("KIM Rusak", "52.71.1004")},
        "content/rusak/kim.yaml",
        2,
        "10 angka bertitik",
    ),
    Case(
        "duplicate article slug",
        {
            "content/rusak/artikel/2025-01-01-panen.md": article("Panen 1"),
            "content/rusak/artikel/panen.md": article("Panen 2"),
        },
        "content/rusak/artikel/panen.md",
        1,
        "/artikel/panen/ yang sama dengan 2025-01-01-panen.md",
    ),
    Case(
        "a host the province did not give",
        {"content/rusak/kim.yaml": RUSAK_PROFILE + "domain: baik.kim.id\n"},
        "content/rusak/kim.yaml",
        4,
        "Domain 'baik.kim.id' belum diberikan provinsi kepada KIM ini",
    ),
    Case(
        "folder name that is not a DNS label",
        {"content/Desa_Rusak/kim.yaml": profile("KIM Rusak", "52.71.01.1004")},
        "content/Desa_Rusak",
        None,
        "tidak bisa menjadi nama domain",
        rusak_built_before=False,
    ),
    Case(
        "article slug that is not a DNS label",
        {"content/rusak/artikel/a.md": article("A", slug="Panen_Raya")},
        "content/rusak/artikel/a.md",
        4,
        "misalnya 'panen-raya'",
    ),
    Case(
        "image that does not exist",
        {
            "content/rusak/artikel/a.md": article(
                "A", gambar="../media/tidak-ada.jpg", gambar_alt="x"
            )
        },
        "content/rusak/artikel/a.md",
        4,
        "'../media/tidak-ada.jpg' tidak ditemukan",
    ),
    Case(
        "inline image that does not exist",
        {
            "content/rusak/artikel/a.md": article(
                "A", body="Paragraf.\n\n![Sawah](../media/sawah.jpg)\n"
            )
        },
        "content/rusak/artikel/a.md",
        7,
        "'../media/sawah.jpg' tidak ditemukan",
    ),
    Case(
        "link to an article that does not exist",
        {"content/rusak/artikel/a.md": article("A", body="Baca [ini](lain.md).")},
        "content/rusak/artikel/a.md",
        5,
        "berkas Markdown yang tidak ada",
    ),
    Case(
        "two outputs claiming one path",
        {"content/rusak/halaman/profil.md": "---\njudul: Profil kami\n---\nIsi\n"},
        "content/rusak/halaman/profil.md",
        None,
        "menghasilkan berkas yang sama profil/index.html",
    ),
    Case(
        "path leaving the KIM folder",
        {
            "content/rusak/artikel/a.md": article(
                "A", gambar="../../baik/media/x.png", gambar_alt="x"
            )
        },
        "content/rusak/artikel/a.md",
        4,
        "ke luar folder KIM",
        extra_files={"content/baik/media/x.png": PIXEL},
    ),
    Case(
        "symlink leaving the KIM folder",
        {"content/rusak/media/foto.png": PIXEL},
        "content/rusak/media/bocor.txt",
        None,
        "symlink",
        extra=_symlink_out,
    ),
    Case(
        "huge article",
        {"content/rusak/artikel/a.md": article("A", body="kata " * 250_000)},
        "content/rusak/artikel/a.md",
        None,
        "terlalu besar",
    ),
    Case(
        "not UTF-8",
        {
            "content/rusak/artikel/a.md": article("Kabar desa")
            .encode("utf-8")
            .replace(b"desa", b"d\xe9sa")
        },
        "content/rusak/artikel/a.md",
        None,
        "UTF-8",
    ),
    Case(
        "unknown theme",
        {"content/rusak/kim.yaml": RUSAK_PROFILE + "tema: gelap\n"},
        "content/rusak/kim.yaml",
        4,
        "Tema 'gelap' tidak ada",
    ),
    Case(
        "wrong type for a list",
        {"content/rusak/kim.yaml": RUSAK_PROFILE + "pengurus: Budi\n"},
        "content/rusak/kim.yaml",
        4,
        "harus berupa daftar",
    ),
    Case(
        "money written with dots",
        {
            "content/rusak/kim.yaml": RUSAK_PROFILE
            + "produk:\n  - nama: Kopi\n    harga: Rp25.000\n"
        },
        "content/rusak/kim.yaml",
        6,
        "bilangan bulat",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_and_contained(
    case: Case, project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    base = {
        **GOOD,
        "content/rusak/kim.yaml": RUSAK_PROFILE,
        "content/rusak/artikel/lama.md": article("Kabar lama"),
    }
    root = project(base)
    out = root / "build"
    first = build(root / "config.yaml")
    assert first.ok, [p.format() for p in first.problems]
    before = snapshot(out / "rusak.kim.id")

    if (
        "content/rusak/kim.yaml" not in case.files
        and "content/Desa_Rusak/kim.yaml" not in case.files
    ):
        pass
    if "content/Desa_Rusak/kim.yaml" in case.files:
        (root / "content/rusak/kim.yaml").unlink()
    for rel, content in {**case.files, **case.extra_files}.items():
        write_file(root / rel, content)
    if case.extra:
        case.extra(root)

    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main(["build", "--config", "config.yaml"])
    finally:
        os.chdir(cwd)
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err + captured.out
    where = f"{case.file}:{case.line}: " if case.line else f"{case.file}: "
    matching = [line for line in captured.err.splitlines() if line.startswith(where)]
    assert matching, f"no message at {where!r} in:\n{captured.err}"
    assert any(case.words in line for line in matching), captured.err

    # The good KIM and the index were built; the broken KIM's old output is intact.
    assert (out / "baik.kim.id/artikel/kabar/index.html").is_file()
    assert (out / "kim.ntbprov.go.id/index.html").is_file()
    if case.rusak_built_before:
        assert snapshot(out / "rusak.kim.id") == before
    index = (out / "kim.ntbprov.go.id/index.html").read_text(encoding="utf-8")
    assert "KIM Baik" in index


def test_every_problem_is_reported_at_once(project: Callable[..., Path]) -> None:
    root = project(
        {
            **GOOD,
            "content/rusak/kim.yaml": 'nama: KIM Rusak\nkode_wilayah: "52.71.01.9999"\nwarna: merah\n',
            "content/rusak/artikel/a.md": article("A", tanggal="kemarin"),
            "content/rusak/artikel/b.md": "---\ntanggal: 2025-01-01\n---\n",
        }
    )
    report = build(root / "config.yaml")
    found = {(Path(p.path).name, p.line, p.code) for p in report.problems}
    assert ("kim.yaml", 1, "field.required") in found  # deskripsi
    assert ("kim.yaml", 2, "kim.code_unknown_hint") in found
    assert ("kim.yaml", 3, "field.unknown") in found
    assert ("a.md", 3, "field.bad_moment") in found
    assert ("b.md", 1, "field.required") in found or ("b.md", 2, "field.required") in found
    assert not report.ok
    assert [k.slug for k in report.kims if k.built] == ["baik"]


def test_a_file_s_mistakes_in_its_header_and_its_text_come_together(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing header photo and a missing picture in the text: one run names both, at
    their lines, by the build and by `check` (whose count is what it printed); so does a
    second article whose only mistake is in its text, and a link to an article that failed
    is no mistake."""
    root = project(
        {
            **GOOD,
            "content/rusak/kim.yaml": RUSAK_PROFILE,
            "content/rusak/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\n"
            "gambar: ../media/sampul.jpg\ngambar_alt: Sampul\n---\nPembuka.\n\n"
            "![Sawah](../media/sawah.jpg)\n\nLihat [B](b.md).\n",
            "content/rusak/artikel/b.md": article("B", body="Isi.\n\n![Pasar](../media/pasar.jpg)"),
        }
    )
    report = build(root / "config.yaml")
    found = {(Path(p.path).name, p.line, p.code) for p in report.problems}
    assert found == {
        ("a.md", 4, "ref.missing"),
        ("a.md", 9, "ref.missing"),
        ("b.md", 7, "ref.missing"),
    }, found
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main(["check", "rusak"])
    finally:
        os.chdir(cwd)
    printed = capsys.readouterr().out
    assert code == 1
    for where in ("artikel/a.md:4: ", "artikel/a.md:9: ", "artikel/b.md:7: "):
        assert f"content/rusak/{where}" in printed, printed
    assert "3 kesalahan" in printed, printed


def test_broken_config_stops_everything_with_a_message(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(GOOD, config='provinsi: "99"\ndomain_indeks: bukan host\nprovinsii: x\n')
    with pytest.raises(KimsiteError) as info:
        build(root / "config.yaml")
    codes = {(p.line, p.code) for p in info.value.problems}
    assert (1, "config.bad_province") in codes
    assert (2, "field.bad_host") in codes
    assert (3, "field.unknown_hint") in codes
    assert main(["build", "--config", str(root / "config.yaml")]) == 1
    err = capsys.readouterr().err
    assert "config.yaml:3: Kunci 'provinsii' tidak dikenal. Maksud Anda 'provinsi'?" in err


def test_output_folder_inside_the_project_is_refused(project: Callable[..., Path]) -> None:
    root = project(GOOD)
    with pytest.raises(KimsiteError) as info:
        build(root / "config.yaml", out_dir=root / "content" / "baik")
    assert info.value.problems[0].code == "build.bad_out"
    with pytest.raises(KimsiteError):
        build(root / "config.yaml", out_dir=root)
    # A folder holding the project, the themes, or content itself: each would be emptied.
    for out in (root.parent, root / "themes", root / "content", root / "themes" / "default"):
        with pytest.raises(KimsiteError) as info:
            build(root / "config.yaml", out_dir=out)
        assert [(p.code, p.params) for p in info.value.problems] == [
            ("build.bad_out", (("out", str(out)),))
        ], out
    assert (root / "content/baik/kim.yaml").is_file()
    assert (root / "themes/default/templates/base.html").is_file()
    # Beside them is fine, inside the project too (build/ is the default).
    assert build(root / "config.yaml", out_dir=root / "keluaran", with_index=False).ok


def test_a_province_without_its_themes_folder_is_told_where(
    project: Callable[..., Path],
) -> None:
    """A province repository whose themes/ folder went missing (a bad merge): every KIM
    and the index fail with `theme.unknown`, the index's at config.yaml (it names the
    theme), and the next build, nothing changed, says the same again rather than crash."""
    root = project({"content/a/kim.yaml": profile("KIM A", "52.71.01.1004")})
    shutil.rmtree(root / "themes")
    for _ in range(2):
        report = build(root / "config.yaml")
        assert [(str(Path(p.path).relative_to(root)), p.code) for p in report.problems] == [
            ("content/a/kim.yaml", "theme.unknown"),
            ("config.yaml", "theme.unknown"),
        ]
        assert not report.index_built and not (root / "build/a.kim.id").exists()


def test_unknown_kim_on_the_command_line(project: Callable[..., Path]) -> None:
    """`kimsite build a b`: only those KIMs, each once, in order; a name that is no KIM
    stops the build before anything is written and is named with (the first twenty of) the
    KIMs there are, so a typo is seen at once."""
    files: dict[str, str | bytes] = {
        f"content/k{n:02d}/kim.yaml": profile(f"KIM {n}", "52.71.01.1005") for n in range(1, 23)
    }
    root = project(files)
    report = build(root / "config.yaml", only=["k03", "k01", "k03"], with_index=False)
    assert [k.slug for k in report.kims] == ["k01", "k03"]
    assert sorted(p.name for p in (root / "build").iterdir() if p.is_dir()) == [
        "k01.kim.id",
        "k03.kim.id",
    ]
    with pytest.raises(KimsiteError) as info:
        build(root / "config.yaml", only=["tidakada", "k02"])
    [wrong] = info.value.problems
    assert (wrong.code, Path(wrong.path), wrong.line) == (
        "build.unknown_kim",
        root / "content/tidakada",
        None,
    )
    known = ", ".join(f"k{n:02d}" for n in range(1, 21))
    assert (
        wrong.message() == f"Tidak ada KIM bernama 'tidakada' di content/. KIM yang ada: {known}."
    )
    assert not (root / "build/k02.kim.id").exists()


def test_english_messages(project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = project({**GOOD, "content/baik/artikel/a.md": article("A", tanggal="2025-02-30")})
    assert main(["build", "--config", str(root / "config.yaml"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "The date 'tanggal' must be written 2023-07-24" in err


def test_a_mistyped_province_theme_is_named_once_in_config(
    project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The province's own typo is the province's: one message at config.yaml's line, not
    one per KIM blaming each kim.yaml."""
    root = project(GOOD, config='provinsi: "52"\ndomain_indeks: kim.ntbprov.go.id\ntema: defualt\n')
    assert main(["check", "--config", str(root / "config.yaml")]) == 1
    err = capsys.readouterr()
    printed = (err.out + err.err).splitlines()
    said = [line for line in printed if "defualt" in line]
    assert len(said) == 1 and said[0].endswith(
        "config.yaml:3: Tema 'defualt' tidak ada di folder themes/. Tema yang tersedia: "
        "default, pesisir."
    ), printed
