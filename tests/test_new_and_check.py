"""`kimsite new` writes files that build cleanly; `kimsite check` finds each problem with its
file and line, in text, JSON and GitHub formats, with the documented exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kimsite.build.pipeline import build
from kimsite.cli.main import main
from tests.helpers import PIXEL, article, profile, run_kimsite


@pytest.fixture
def in_project(project: Callable[..., Path]) -> Iterator[Path]:
    root = project({})
    cwd = os.getcwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(cwd)


def test_new_kim_and_article_build_cleanly(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "kim", "kuta", "--kode-wilayah", "52.02.04.2009"]) == 0
    profile_text = (in_project / "content/kuta/kim.yaml").read_text(encoding="utf-8")
    assert 'kode_wilayah: "52.02.04.2009"' in profile_text
    assert "Desa Kuta, Kecamatan Pujut, Kabupaten Lombok Tengah" in profile_text  # from the code
    assert main(["new", "artikel", "kuta", 'Jum\'at Bersih: Pantai Kuta "Rp15.000"']) == 0
    out = capsys.readouterr().out
    assert "content/kuta/kim.yaml" in out and "kimsite serve kuta" in out
    assert "hapus baris 'draf: true' bila sudah siap terbit" in out
    [created] = list((in_project / "content/kuta/artikel").glob("*.md"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-jumat-bersih-pantai-kuta-rp15000\.md", created.name)
    # A new article is a draft (as `hugo new` writes it): CI publishes nothing of it yet.
    report = build(in_project / "config.yaml")
    assert report.ok, [p.format() for p in report.problems]
    page = in_project / "build/kuta.kim.id/artikel/jumat-bersih-pantai-kuta-rp15000/index.html"
    assert not page.exists()
    _write_the_news(created)
    report = build(in_project / "config.yaml")
    assert report.ok, [p.format() for p in report.problems]
    assert "Jum&#39;at Bersih: Pantai Kuta &#34;Rp15.000&#34;" in page.read_text(encoding="utf-8")


def _write_the_news(path: Path) -> None:
    """What a writer does to a new article: the news in place of the example text, and the
    `draf: true` line deleted."""
    from kimsite.source.files import PLACEHOLDER

    text = path.read_text(encoding="utf-8").replace(PLACEHOLDER, "Warga bekerja bakti.")
    lines = [x for x in text.splitlines(keepends=True) if not x.startswith("draf: true")]
    path.write_text("".join(lines), encoding="utf-8")


def test_new_article_is_dated_in_the_kims_zone(
    in_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", "1753376400"
    )  # 2025-07-24 17:00 UTC = 25 Jul 01:00 WITA
    assert main(["new", "kim", "kuta", "--kode-wilayah", "52.02.04.2009"]) == 0
    assert main(["new", "artikel", "kuta", "Rapat desa"]) == 0
    created = in_project / "content/kuta/artikel/2025-07-25-rapat-desa.md"
    assert "tanggal: 2025-07-25 01:00" in created.read_text(encoding="utf-8")


def test_new_article_writes_the_author_it_was_given(in_project: Path) -> None:
    """`--penulis` lands in the front matter as a real key (not a comment) and builds."""
    import yaml

    assert main(["new", "kim", "kuta", "--kode-wilayah", "52.02.04.2009"]) == 0
    assert main(["new", "artikel", "kuta", "Rapat desa", "--penulis", "Ibu Sari: Sekretaris"]) == 0
    assert main(["new", "artikel", "kuta", "Tanpa penulis"]) == 0
    given, plain = sorted((in_project / "content/kuta/artikel").glob("*.md"))
    header = yaml.safe_load(given.read_text(encoding="utf-8").split("---")[1])
    assert header["penulis"] == "Ibu Sari: Sekretaris"
    assert "penulis" not in yaml.safe_load(plain.read_text(encoding="utf-8").split("---")[1])
    _write_the_news(given)
    report = build(in_project / "config.yaml")
    assert report.ok, [p.format() for p in report.problems]
    page = in_project / "build/kuta.kim.id/artikel/rapat-desa/index.html"
    assert "Ibu Sari: Sekretaris" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["new", "kim", "Kuta_Baru", "--kode-wilayah", "52.02.04.2009"], "misalnya 'kuta-baru'"),
        (
            ["new", "kim", "kuta", "--kode-wilayah", "52.02.04.2099"],
            "Maksud Anda 52.02.04.2009 Kuta",
        ),
        (["new", "kim", "kuta", "--kode-wilayah", "51.04.01.2001"], "berada di Bali"),
        (["new", "artikel", "tidakada", "Judul"], "KIM 'tidakada' belum ada"),
    ],
)
def test_new_refuses_bad_requests(
    in_project: Path, argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 1
    assert words in capsys.readouterr().err
    assert not (in_project / "content/kuta/artikel").exists()


def test_new_never_overwrites(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "kim", "kuta", "--kode-wilayah", "52.02.04.2009"]) == 0
    (in_project / "content/kuta/kim.yaml").write_text("nama: diubah\n", encoding="utf-8")
    assert main(["new", "kim", "kuta", "--kode-wilayah", "52.02.04.2009"]) == 1
    assert "Sudah ada" in capsys.readouterr().err
    assert (in_project / "content/kuta/kim.yaml").read_text(encoding="utf-8") == "nama: diubah\n"


BROKEN = {
    "content/baik/kim.yaml": profile("KIM Baik", "52.71.01.1005"),
    "content/baik/artikel/a.md": article("Kabar baik"),
    "content/rusak/kim.yaml": profile("KIM Rusak", "52.71.01.1004", nomor_induk='"999999999901"'),
    "content/rusak/media/ada.png": PIXEL,
    "content/rusak/artikel/panjang.md": article(
        "Judul " + "sangat " * 20 + "panjang",
        ringkasan="Ringkasan " + "yang terlalu panjang " * 12,
        body="Foto tanpa keterangan:\n\n![](../media/ada.png)\n\nLihat [profil](/profil/) dan [tidak ada](/tidak-ada/).",
    ),
    "content/rusak/artikel/gambar.md": article("Gambar", gambar="../media/ada.png"),
    "content/putus/kim.yaml": profile("KIM Putus", "52.71.01.1006"),
    "content/putus/artikel/hilang.md": article("Hilang", body="Baca [ini](tidak-ada.md)."),
}
EXPECTED = {  # (file, line, code, severity)
    ("content/rusak/kim.yaml", 4, "kim.nomor_induk_mismatch", "warning"),
    ("content/rusak/artikel/panjang.md", None, "check.title_long", "warning"),
    ("content/rusak/artikel/panjang.md", None, "check.summary_long", "warning"),
    ("content/rusak/artikel/panjang.md", 8, "markup.image_no_alt", "warning"),
    ("content/rusak/artikel/panjang.md", 10, "check.site_link_missing", "warning"),
    ("content/rusak/artikel/gambar.md", 4, "doc.image_no_alt", "warning"),
    ("content/putus/artikel/hilang.md", 5, "markup.link_missing", "error"),
}


def _check_json(root: Path, *extra: str) -> tuple[int, list[dict[str, object]]]:
    result = run_kimsite(root, "check", "--format", "json", *extra)
    return result.returncode, json.loads(result.stdout)


def test_check_finds_each_problem_with_file_and_line(project: Callable[..., Path]) -> None:
    root = project(BROKEN)
    code, problems = _check_json(root)
    assert code == 1  # an error
    found = {(p["file"], p["line"], p["code"], p["severity"]) for p in problems}
    assert found >= EXPECTED, (EXPECTED - found, problems)
    assert len(problems) == len(found)  # each problem reported once
    # The link to /profil/ (a page kimsite makes) is fine; the one to /tidak-ada/ is not.
    site_links = [str(p["message"]) for p in problems if p["code"] == "check.site_link_missing"]
    assert len(site_links) == 1 and "/tidak-ada/" in site_links[0], site_links
    assert all({"file", "line", "code", "severity", "message"} <= set(p) for p in problems)
    # check writes nothing
    assert not (root / "build").exists() and not (root / ".kimsite-cache").exists()


def test_check_exit_codes_and_strict(project: Callable[..., Path]) -> None:
    root = project({k: v for k, v in BROKEN.items() if "putus" not in k})
    code, problems = _check_json(root)
    assert code == 0 and problems and all(p["severity"] == "warning" for p in problems)
    code, _ = _check_json(root, "--strict")
    assert code == 1
    code, problems = _check_json(root, "baik")
    assert code == 0 and problems == []
    usage = run_kimsite(root, "check", "--format", "xml")
    assert usage.returncode == 2


def test_check_github_annotations_and_english(project: Callable[..., Path]) -> None:
    root = project(BROKEN)
    result = run_kimsite(root, "check", "--format", "github", "--lang", "en")
    lines = result.stdout.splitlines()
    assert (
        "::error file=content/putus/artikel/hilang.md,line=5::The link 'tidak-ada.md' points to a Markdown file that does not exist. Check the file name."
        in lines
    )
    assert all(re.match(r"::(error|warning) file=[^,:]+(,line=\d+)?::\S", line) for line in lines)


def test_check_text_output_is_readable(project: Callable[..., Path]) -> None:
    root = project(BROKEN)
    result = run_kimsite(root, "check", env={"KIMSITE_LANG": "id"})
    assert result.returncode == 1
    assert (
        "content/putus/artikel/hilang.md:5: Tautan 'tidak-ada.md' menunjuk ke berkas Markdown yang tidak ada."
        in result.stdout
    )
    assert "peringatan: Gambar '../media/ada.png' tidak punya teks alternatif" in result.stdout
    assert re.search(
        r"Diperiksa 3 KIM dan 4 artikel/halaman: 1 kesalahan, \d+ peringatan\.", result.stdout
    )


def test_wrong_code_is_answered_with_the_nearest_real_codes(project: Callable[..., Path]) -> None:
    root = project({"content/salah/kim.yaml": profile("KIM Salah", "52.71.01.1040")})
    _code, problems = _check_json(root)
    [wrong] = [p for p in problems if p["code"] == "kim.code_unknown_hint"]
    assert wrong["line"] == 2
    assert re.search(r"Maksud Anda 52\.71\.01\.\d{4} [A-Z]", str(wrong["message"]))


def test_check_lists_what_is_scheduled_and_when(project: Callable[..., Path]) -> None:
    """A writer who dates an article later sees when it goes live, in the KIM's zone; a
    draft is not scheduled (it waits for a person), and a past article is simply live."""
    root = project(
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/artikel/nanti.md": article("Lomba tujuh belasan", "2099-08-17 08:00"),
            "content/desa/artikel/draf.md": article("Catatan rapat", "2099-08-01", draf="true"),
            "content/desa/artikel/lalu.md": article("Panen raya", "2025-03-14"),
        }
    )
    result = run_kimsite(root, "check", "--strict", env={"KIMSITE_LANG": "id"})
    assert result.returncode == 0, result.stdout + result.stderr  # scheduling is not a fault
    lines = [line for line in result.stdout.splitlines() if "terjadwal" in line]
    assert lines == [
        "content/desa/artikel/nanti.md: terjadwal, terbit sendiri Senin, 17 Agustus 2099, "
        "08.00 WITA (“Lomba tujuh belasan”). Situs berubah saat build pertama sesudah waktu itu."
    ], result.stdout
    # The build says when the next one goes live, every time it runs (even with nothing
    # to do, as the hourly CI build does).
    for _ in range(2):
        built = subprocess.run(
            [sys.executable, "-m", "kimsite", "build"],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "KIMSITE_LANG": "id"},
        )
        assert built.returncode == 0, built.stderr
        assert (
            "Artikel terjadwal berikutnya (KIM desa) terbit Senin, 17 Agustus 2099, 08.00 "
            "WITA" in built.stderr
        ), built.stderr


def test_the_preview_marks_drafts_and_scheduled_articles(project: Callable[..., Path]) -> None:
    """`kimsite serve` builds with drafts and future articles: a writer must see which of
    them readers cannot see yet, and when a scheduled one goes live."""
    from datetime import UTC, datetime

    from tests.helpers import parse

    root = project(
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/artikel/nanti.md": article("Lomba tujuh belasan", "2099-08-17 08:00"),
            "content/desa/artikel/draf.md": article("Catatan rapat", "2025-08-01", draf="true"),
            "content/desa/artikel/lalu.md": article("Panen raya", "2025-03-14"),
        }
    )
    now = datetime(2026, 1, 1, tzinfo=UTC)
    report = build(root / "config.yaml", now=now, drafts=True, future=True)
    assert report.ok
    site = root / "build/desa.kim.id"

    def note(slug: str) -> str:
        found = parse(site / f"artikel/{slug}/index.html").xpath("//p[@class='status']")
        return found[0].text_content() if found else ""

    assert note("nanti").startswith("Terjadwal: terbit sendiri Senin, 17 Agustus 2099")
    assert note("draf").startswith("Draf: belum diterbitkan")
    assert note("lalu") == ""
    labels = parse(site / "index.html").xpath("//span[@class='status']/text()")
    assert sorted(labels) == ["draf", "terjadwal"]
    # A real build publishes neither, and marks nothing.
    report = build(root / "config.yaml", now=now)
    assert not (site / "artikel/nanti").exists() and not (site / "artikel/draf").exists()
    assert not parse(site / "index.html").xpath("//*[@class='status']")


def test_the_example_text_is_an_error_once_the_article_is_not_a_draft(in_project: Path) -> None:
    """`new artikel` writes a draft holding example text. The writer deletes `draf: true`
    but forgets the text: the build refuses the article at the line of that text (the
    site keeps what it had), and publishes once the news is written."""
    assert main(["new", "kim", "kuta", "--kode-wilayah", "52.02.04.2009"]) == 0
    assert main(["new", "artikel", "kuta", "Kerja bakti"]) == 0
    path = next((in_project / "content/kuta/artikel").glob("*-kerja-bakti.md"))
    assert run_kimsite(in_project, "check", "--strict", "kuta").returncode == 0
    path.write_text(
        "".join(
            x for x in path.read_text().splitlines(keepends=True) if not x.startswith("draf: true")
        )
    )
    result = run_kimsite(in_project, "build", env={"KIMSITE_LANG": "id"})
    line = (
        path.read_text()
        .splitlines()
        .index(next(x for x in path.read_text().splitlines() if x.startswith("Tulis isi berita")))
        + 1
    )
    assert result.returncode == 1
    assert (
        f"{path.relative_to(in_project)}:{line}: Artikel ini masih berisi teks "
        "contoh" in result.stderr
    ), result.stderr
    assert not (in_project / "build/kuta.kim.id/artikel/kerja-bakti").exists()
    path.write_text(path.read_text().replace("Tulis isi berita di sini.", "Warga bekerja bakti."))
    assert run_kimsite(in_project, "check", "--strict", "kuta").returncode == 0
    assert run_kimsite(in_project, "build").returncode == 0
    assert (in_project / "build/kuta.kim.id/artikel/kerja-bakti/index.html").is_file()


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kimsite", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "KIMSITE_LANG": "id"},
        timeout=120,
    )


def test_a_writer_finds_the_village_code_by_name(project: Callable[..., Path]) -> None:
    """A writer knows the desa's name, spelled as people say it, not its Kemendagri code."""
    root = project({})
    spaced = _run(root, "wilayah", "cari", "tete", "batu")
    assert spaced.returncode == 0
    assert spaced.stdout.splitlines()[0] == (
        "52.03.04.2006  Desa Tete Batu, Kecamatan Sikur, Kabupaten Lombok Timur, "
        "Nusa Tenggara Barat"
    )
    typo = _run(root, "wilayah", "cari", "sesla", "--kabupaten", "Kab. Lombok Barat")
    assert "52.01.09.2003  Desa Sesela, Kecamatan Gunungsari" in typo.stdout, typo.stdout
    assert all("Lombok Barat" in line for line in typo.stdout.splitlines())
    # Only this province's villages, unless asked for the whole country.
    here = _run(root, "wilayah", "cari", "sukamaju").stdout.splitlines()
    assert here and all(line.endswith("Nusa Tenggara Barat") for line in here), here
    everywhere = _run(root, "wilayah", "cari", "sukamaju", "--semua", "--kabupaten", "bogor")
    assert "Kabupaten Bogor, Jawa Barat" in everywhere.stdout, everywhere.stdout
    none = _run(root, "wilayah", "cari", "zzqqxx")
    assert none.returncode == 1 and "Tidak ditemukan desa/kelurahan bernama 'zzqqxx'" in none.stderr


def test_new_kim_takes_a_desa_name_and_says_which_desa(project: Callable[..., Path]) -> None:
    root = project({})
    made = _run(root, "new", "kim", "kekait", "--kode-wilayah", "Kekait")
    assert made.returncode == 0, made.stderr
    assert (
        "Wilayah: Desa Kekait, Kecamatan Gunungsari, Kabupaten Lombok Barat "
        "(kode 52.01.09.2004)." in made.stdout
    )
    assert 'kode_wilayah: "52.01.09.2004"' in (root / "content/kekait/kim.yaml").read_text()
    # Three kelurahan start with "Ampenan": the writer is asked to choose, nothing is written.
    ambiguous = _run(root, "new", "kim", "ampenan", "--kode-wilayah", "Ampenan")
    assert ambiguous.returncode == 1 and not (root / "content/ampenan").exists()
    assert "52.71.01.1004 Kelurahan Ampenan Selatan" in ambiguous.stderr, ambiguous.stderr
    assert "52.71.01.1007 Kelurahan Ampenan Utara" in ambiguous.stderr


def test_check_counts_the_files_it_could_not_read(project: Callable[..., Path]) -> None:
    """The summary agrees with what was printed: an unreadable article is still one of the
    articles checked (it was: 0 articles, 1 error)."""
    root = project(
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/artikel/a.md": "---\njudul: A\ntanggal: 2025-01-02\ntag: [a\n---\nIsi\n",
            "content/desa/artikel/b.md": article("B"),
        }
    )
    result = _run(root, "check")
    assert result.returncode == 1
    assert "Diperiksa 1 KIM dan 2 artikel/halaman: 1 kesalahan, 0 peringatan." in result.stdout


def _found(problems: list[dict[str, object]]) -> set[tuple[object, ...]]:
    return {(p["file"], p["line"], p["code"], p["severity"]) for p in problems}


def test_lengths_are_warned_past_the_limit_not_at_it(project: Callable[..., Path]) -> None:
    """`check` warns about the lengths the contract (and the editor's patterns) allow: a
    title of exactly MAX_TITLE letters is fine, one more is not; the same for summaries.
    The warning says both numbers, so a writer knows how much to cut."""
    from kimsite.source.contract import MAX_SUMMARY, MAX_TITLE

    at_title, at_summary = "J" * MAX_TITLE, "R" * MAX_SUMMARY
    root = project(
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/artikel/pas.md": article(at_title, ringkasan=at_summary),
            "content/desa/artikel/lebih.md": article(at_title + "x", ringkasan=at_summary + "x"),
        }
    )
    _code, problems = _check_json(root, "--lang", "en")
    assert _found(problems) == {
        ("content/desa/artikel/lebih.md", None, "check.title_long", "warning"),
        ("content/desa/artikel/lebih.md", None, "check.summary_long", "warning"),
    }
    messages = {str(p["code"]): str(p["message"]) for p in problems}
    assert f"({MAX_TITLE + 1} " in messages["check.title_long"]
    assert f" {MAX_TITLE})" in messages["check.title_long"]
    assert f"({MAX_SUMMARY + 1} " in messages["check.summary_long"]
    assert f" {MAX_SUMMARY})" in messages["check.summary_long"]


def test_the_example_text_is_found_at_its_first_line(project: Callable[..., Path]) -> None:
    """The body starts with a blank line and holds `new artikel`'s example text twice: the
    error names the line of the first, counted in the file as the writer's editor does."""
    from kimsite.source.files import PLACEHOLDER

    body = f"\nParagraf pertama.\n\n{PLACEHOLDER}\n\nLagi:\n\n{PLACEHOLDER}"
    root = project(
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/artikel/contoh.md": article("Contoh", body=body),
        }
    )
    text = (root / "content/desa/artikel/contoh.md").read_text(encoding="utf-8").splitlines()
    first = text.index(PLACEHOLDER) + 1
    _code, problems = _check_json(root)
    assert _found(problems) == {
        ("content/desa/artikel/contoh.md", first, "doc.placeholder", "error")
    }


def test_check_judges_dates_by_the_time_it_is_given(project: Callable[..., Path]) -> None:
    """The checks that depend on the time use the check's clock, not the machine's: an
    update dated after it is in the future, an article dated exactly at it is live, and
    one a minute later is scheduled (and listed with its own time, in time order)."""
    from datetime import UTC, datetime, timedelta

    from kimsite.authoring.check import check

    root = project(
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/artikel/diubah.md": article(
                "Diubah", "2025-05-01", diperbarui="2025-07-01"
            ),
            "content/desa/artikel/sekarang.md": article("Sekarang", "2025-06-01 08:00"),
            "content/desa/artikel/b-nanti.md": article("Nanti", "2025-06-01 08:01"),
            "content/desa/artikel/a-lusa.md": article("Lusa", "2025-06-03 08:00"),
        }
    )
    now = datetime(2025, 6, 1, 0, 0, tzinfo=UTC)  # 08:00 WITA
    report = check(root / "config.yaml", now=now)
    codes = {(Path(p.path).name, p.line, p.code) for p in report.problems}
    assert codes == {("diubah.md", 4, "doc.updated_future")}, report.problems
    assert [(s.source.name, s.at) for s in report.scheduled] in (
        [("b-nanti.md", now + timedelta(minutes=1)), ("a-lusa.md", now + timedelta(days=2))],
        [("a-lusa.md", now + timedelta(days=2)), ("b-nanti.md", now + timedelta(minutes=1))],
    )
    # The command lists them by time, whatever the order of the files.
    epoch = str(int(now.timestamp()))
    printed = run_kimsite(
        root, "check", env={"KIMSITE_LANG": "id", "SOURCE_DATE_EPOCH": epoch}
    ).stdout
    assert printed.index("b-nanti.md: terjadwal") < printed.index("a-lusa.md: terjadwal")


def test_check_reports_what_only_the_province_or_the_profile_decides(
    project: Callable[..., Path],
) -> None:
    """A theme name the province does not have is an error at its line in kim.yaml; a host
    the province gave to two KIMs is the mapped KIM's error; pages count as documents; a
    KIM name that does not exist is named with the folder it was looked for in."""
    from tests.helpers import BASE_CONFIG

    root = project(
        {
            "content/a/kim.yaml": profile("KIM A", "52.71.01.1004"),
            "content/b/kim.yaml": profile("KIM B", "52.71.01.1005"),
            "content/c/kim.yaml": profile("KIM C", "52.71.01.1006", tema="tidak-ada"),
            "content/c/halaman/sejarah.md": "---\njudul: Sejarah\n---\nIsi.\n",
            "content/c/artikel/a.md": article("A"),
        },
        config=BASE_CONFIG + "domain_kustom:\n  b: a.kim.id\n",
    )
    _code, problems = _check_json(root)
    assert _found(problems) == {
        ("content/b/kim.yaml", None, "kim.duplicate_host", "error"),
        ("content/c/kim.yaml", 4, "theme.unknown", "error"),
    }, problems
    text = run_kimsite(root, "check", "c", env={"KIMSITE_LANG": "id"})
    assert "Diperiksa 1 KIM dan 2 artikel/halaman" in text.stdout, text.stdout
    unknown = run_kimsite(root, "check", "d", env={"KIMSITE_LANG": "id"})
    assert unknown.returncode != 0
    assert "content/d: Tidak ada KIM bernama 'd' di content/." in unknown.stderr + unknown.stdout


def test_a_kim_that_fails_to_load_is_not_also_rendered(project: Callable[..., Path]) -> None:
    """A KIM with an error is not rendered by `check` (a build would not publish it): a link
    to the article that could not be read is not reported a second time, as a missing
    file, at the line that links to it."""
    root = project(
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/artikel/rusak.md": "---\njudul: Rusak\ntanggal: 2025-01-02\ntag: [a\n---\nx\n",
            "content/desa/artikel/tautan.md": article("Tautan", body="Baca [ini](rusak.md)."),
        }
    )
    _code, problems = _check_json(root)
    assert [p["file"] for p in problems] == ["content/desa/artikel/rusak.md"], problems


def test_links_to_other_hosts_are_not_the_sites_own(project: Callable[..., Path]) -> None:
    """`//host/...` leads to another site: not judged as a page of this one, and a missing
    page linked after it in the same article is still found."""
    root = project(
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/artikel/a.md": article(
                "A", body="Lihat [dinas](//diskominfo.ntbprov.go.id/x) dan [hilang](/zzz/)."
            ),
        }
    )
    _code, problems = _check_json(root)
    assert [(p["code"], p["line"]) for p in problems] == [("check.site_link_missing", 5)]
    assert "/zzz/" in str(problems[0]["message"])


def test_an_unexpected_failure_in_one_kim_is_that_kims_problem(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same boundary as a build's. No input is known to break `check` (each one found
    became a problem with its own code), so the fault is injected: the KIM's own folder is
    named with what failed, and the other KIMs are checked as before."""
    import kimsite.authoring.check

    real = kimsite.authoring.check._lengths

    def breaks_for_b(kim: object, log: object) -> None:
        if kim.slug == "b":  # type: ignore[attr-defined]
            raise RuntimeError("rusak di dalam")
        real(kim, log)  # type: ignore[arg-type]

    monkeypatch.setattr(kimsite.authoring.check, "_lengths", breaks_for_b)
    root = project(
        {
            "content/a/kim.yaml": profile("KIM A", "52.71.01.1004"),
            "content/a/artikel/x.md": article("X", body="Lihat [hilang](/zzz/)."),
            "content/b/kim.yaml": profile("KIM B", "52.71.01.1005"),
        }
    )
    code, problems = _check_json(root, "--lang", "en")
    assert code == 1
    assert _found(problems) == {
        ("content/a/artikel/x.md", 5, "check.site_link_missing", "warning"),
        ("content/b", None, "kim.internal_error", "error"),
    }, problems
    [internal] = [p for p in problems if p["code"] == "kim.internal_error"]
    assert "(RuntimeError: rusak di dalam)" in str(internal["message"])


def test_a_search_says_where_it_looked_and_when_it_stopped(project: Callable[..., Path]) -> None:
    """Kemiren is in Jawa Timur and Jawa Tengah, not in this province (52): the writer is
    told that only Nusa Tenggara Barat was searched, and how to search everywhere. A search
    that finds more than it shows says so, instead of silently stopping at 20."""
    root = project({})
    missed = _run(root, "wilayah", "cari", "Kemiren")
    assert missed.returncode == 1 and missed.stdout == ""
    assert "di Nusa Tenggara Barat (provinsi di config.yaml)" in missed.stderr, missed.stderr
    assert "kimsite wilayah cari Kemiren --semua" in missed.stderr
    everywhere = _run(root, "wilayah", "cari", "Kemiren", "--semua")
    assert (
        "35.10.15.2004  Desa Kemiren, Kecamatan Glagah, Kabupaten Banyuwangi" in everywhere.stdout
    )
    many = _run(root, "wilayah", "cari", "sukamaju", "--semua")
    assert many.returncode == 0 and len(many.stdout.splitlines()) == 20
    assert "Hanya 20 yang pertama ditampilkan" in many.stderr, many.stderr
    few = _run(root, "wilayah", "cari", "tete", "batu")
    assert "Hanya" not in few.stderr


def test_a_reader_that_stops_early_gets_no_traceback(project: Callable[..., Path]) -> None:
    """`kimsite wilayah cari suka --semua | head`: the command's reader goes away (here at
    once, as `true` reads nothing); kimsite stops quietly instead of printing a
    BrokenPipeError traceback."""
    root = project({})
    done = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m kimsite wilayah cari suka --semua | true"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "KIMSITE_LANG": "id"},
        timeout=120,
    )
    assert done.stdout == ""
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
