"""Small, exact checks of the pieces the pipeline is built from."""

from __future__ import annotations

import gzip
import random
import re
import string
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

import brotli  # type: ignore[import-untyped]
import pytest

from kimsite.build.pipeline import BuildReport, KimResult, Shard, current_time, shard_of
from kimsite.i18n.messages import MESSAGES
from kimsite.indonesia import conventions
from kimsite.indonesia.regions import lookup, suggest
from kimsite.model import routes
from kimsite.model.problems import Problem, Severity
from kimsite.output.compress import MIN_SIZE, variants, worth_compressing
from kimsite.output.writer import JOURNAL, OutputConflict, Owner, SiteOutput, commit, forget_journal
from kimsite.render.markup import shorten
from kimsite.source.config import load_config
from tests.helpers import write_project

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Jum'at Bersih", "jumat-bersih"),
        ("Harga Rp15.000 per kg", "harga-rp15000-per-kg"),
        ("Pesta  Adat   Bau Nyale!", "pesta-adat-bau-nyale"),
        ("Désa Wisata Sembalun", "desa-wisata-sembalun"),
        ("HUT RI ke-80, 17/08/2025", "hut-ri-ke-80-17-08-2025"),
        ("Kopi 1,5 kg", "kopi-15-kg"),
        ("  --  ", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert conventions.slugify(text) == slug


def test_dates_in_indonesian() -> None:
    assert conventions.date_full(date(2023, 7, 24)) == "Senin, 24 Juli 2023"
    assert conventions.date_full(date(2025, 7, 4)) == "Jumat, 4 Juli 2025"
    assert conventions.date_long(date(2024, 12, 1)) == "1 Desember 2024"


def test_times_follow_the_kim_zone() -> None:
    wita = conventions.zone_for_province("52")
    m = conventions.parse_moment("2023-07-24 14:05", wita)
    assert m is not None and m.has_time
    assert conventions.moment_text(m, wita) == "Senin, 24 Juli 2023, 14.05 WITA"
    assert m.at.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    jakarta = conventions.parse_moment("2023-07-24T14:05:00+07:00", wita)
    assert jakarta is not None and conventions.moment_text(jakarta, wita).endswith("15.05 WITA")
    assert conventions.zone_for_province("31").abbr == "WIB"
    assert conventions.zone_for_province("94").abbr == "WIT"
    assert conventions.parse_moment("2023-02-29", wita) is None
    assert conventions.parse_moment("24/07/2023", wita) is None
    assert conventions.parse_moment("2023-07-24 25:00", wita) is None


def test_money_phone_reading_time() -> None:
    assert conventions.rupiah(1_500_000) == "Rp1.500.000"
    assert conventions.rupiah(500) == "Rp500"
    assert conventions.whatsapp_number("0812-3456-7890") == "6281234567890"
    assert conventions.whatsapp_number("+62 812 3456 7890") == "6281234567890"
    assert conventions.whatsapp_number("12345") is None
    assert conventions.reading_minutes(0) == 1
    assert conventions.reading_minutes(201) == 2


def test_host_names() -> None:
    assert conventions.is_dns_label("sesela")
    assert not conventions.is_dns_label("Sesela")
    assert not conventions.is_dns_label("-sesela")
    assert not conventions.is_dns_label("1234")
    assert not conventions.is_dns_label("a" * 64)
    assert conventions.is_host_name("kim.ntbprov.go.id")
    assert not conventions.is_host_name("kim..id")
    assert not conventions.is_host_name("localhost")


def test_regions_come_from_kemendagri_data() -> None:
    region = lookup("52.71.01.1004")
    assert region is not None
    assert (region.desa, region.kecamatan, region.kabkota, region.provinsi) == (
        "Ampenan Selatan",
        "Ampenan",
        "Kota Mataram",
        "Nusa Tenggara Barat",
    )
    assert region.desa_label == "Kelurahan Ampenan Selatan"
    assert lookup("5271011004") == region
    assert lookup("52.71.01.9999") is None
    assert any(r.code == "52.71.01.1004" for r in suggest("Ampenan Selatan", "52"))
    assert all(r.code.startswith("52.71.01.") for r in suggest("52.71.01.1040", "52"))


def test_output_paths_never_leave_the_site() -> None:
    assert routes.output_path("/") == PurePosixPath("index.html")
    assert routes.output_path("/artikel/a/") == PurePosixPath("artikel/a/index.html")
    assert routes.output_path("/feed.xml") == PurePosixPath("feed.xml")
    for bad in ("/../etc/passwd", "relative/", "/a/../../b/", "/a\\b", "/a/./b/", "/a\x00b/"):
        with pytest.raises(ValueError, match=re.escape(f"not a site URL: {bad!r}")):
            routes.output_path(bad)


def test_text_files_get_smaller_copies_and_nothing_else() -> None:
    page = ("<p>Warga desa bergotong royong membersihkan saluran.</p>\n" * 40).encode()
    made = dict(variants("index.html", page, ("gzip", "br")))
    assert set(made) == {".gz", ".br"}
    assert gzip.decompress(made[".gz"]) == page and brotli.decompress(made[".br"]) == page
    assert made[".gz"] == gzip.compress(page, compresslevel=9, mtime=0)  # no name, no time
    noise = random.Random(1).randbytes(4000)  # a file that does not get smaller
    assert list(variants("data.js", noise, ("gzip", "br"))) == []
    assert worth_compressing("a.css", MIN_SIZE) and not worth_compressing("a.css", MIN_SIZE - 1)
    assert worth_compressing("A.HTML", 10_000) and not worth_compressing("foto.webp", 10_000)
    assert not worth_compressing("html", 10_000)
    assert list(variants("foto.jpg", page, ("gzip",))) == []
    assert list(variants("a.html", page, ())) == []
    with pytest.raises(ValueError, match="unknown encoding 'zstd'"):
        list(variants("a.html", page, ("zstd",)))


def test_writer_claims_each_path_once() -> None:
    site = SiteOutput()
    site.add_text("/a/", "satu", Owner("pertama"))
    with pytest.raises(OutputConflict) as info:
        site.add_text("/a/", "dua", Owner("kedua", Path("halaman/a.md")))
    assert info.value.first.label == "pertama"
    assert info.value.source == Path("halaman/a.md")


def test_writer_skips_unchanged_and_removes_stale(tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(b"jpeg")
    site = SiteOutput()
    site.add_text("/", "<p>halo</p>", Owner("beranda"))
    site.add_text("/artikel/a/", "a", Owner("a"))
    site.add_copy("/media/foto.jpg", source, Owner("foto"))
    out = tmp_path / "out"
    first, manifest = commit(site, out)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    assert sorted(manifest) == ["artikel/a/index.html", "index.html", "media/foto.jpg"]
    mtime = (out / "index.html").stat().st_mtime_ns
    # Without a manifest: compare bytes, and remove anything else found in the folder.
    (out / "sisa.html").write_text("lama")
    (out / "lama" / "x").mkdir(parents=True)
    (out / "lama" / "x" / "catatan.txt").write_text("lama")
    (out / "kosong" / "x").mkdir(parents=True)
    second, manifest = commit(site, out)
    assert (second.written, second.unchanged, second.removed) == (0, 3, 2)
    assert (out / "index.html").stat().st_mtime_ns == mtime
    assert sorted(p.name for p in out.iterdir()) == ["artikel", "index.html", "media"]
    # With the manifest: only files the last build wrote are ever removed.
    (out / "milik-orang-lain.txt").write_text("jangan dihapus")
    smaller = SiteOutput()
    smaller.add_text("/", "<p>baru</p>", Owner("beranda"))
    third, manifest = commit(smaller, out, manifest)
    assert (third.written, third.removed) == (1, 2)
    assert sorted(p.name for p in out.rglob("*")) == ["index.html", "milik-orang-lain.txt"]
    assert not any(p.name.startswith(".tmp-") for p in out.rglob("*"))
    # A file changed behind the writer's back is noticed by its stat and written again.
    (out / "index.html").write_text("diubah tangan")
    fourth, _ = commit(smaller, out, manifest)
    assert fourth.written == 1
    assert (out / "index.html").read_text() == "<p>baru</p>"


def test_writer_replaces_a_file_with_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "artikel").mkdir(parents=True)
    (out / "artikel" / "a").write_text("berkas, bukan folder")
    site = SiteOutput()
    site.add_text("/artikel/a/", "halaman", Owner("a"))
    commit(site, out)
    assert (out / "artikel/a/index.html").read_text() == "halaman"


def _used_codes() -> set[str]:
    codes: set[str] = set()
    # Every quoted "word.word" in the code whose first word is a family of the catalogue
    # (check., serve., new., image., … included): a code used anywhere must have its text.
    families = {code.split(".")[0] for code in MESSAGES}
    pattern = re.compile(r'"([a-z]+\.[a-z_]+)"')
    for path in (REPO / "kimsite").rglob("*.py"):
        if path.parent.name == "catalogue":
            continue
        found = pattern.findall(path.read_text(encoding="utf-8"))
        codes.update(c for c in found if c.split(".")[0] in families)
    file_names = {"article.html", "page.html", "config.yaml", "kim.yaml", "theme.yaml", "kim.id",
                  "index.html", "index.json", "index.js", "config.yml"}
    assert {"check.site_link_missing", "serve.pick", "new.created"} <= codes, "pattern too narrow"
    return codes - file_names


def test_every_message_used_is_in_the_catalogue() -> None:
    missing = _used_codes() - set(MESSAGES)
    assert not missing


def test_both_languages_take_the_same_values() -> None:
    fields = string.Formatter()
    for code, (indonesian_text, english_text) in MESSAGES.items():
        id_names = {f for _, f, _, _ in fields.parse(indonesian_text) if f}
        en_names = {f for _, f, _, _ in fields.parse(english_text) if f}
        assert id_names == en_names, code


def test_heading_ids_are_unique_and_leave_the_themes_ids_alone() -> None:
    from kimsite.model.content import Document
    from kimsite.render.markup import PAGE_IDS, MarkdownRenderer
    from kimsite.source.files import AssetResolver

    doc = Document(Path("/tmp/a.md"), "a", "A", None,
                   "## Isi\n\n## Hasil Lomba\n\n## Hasil lomba\n\n### Jum'at *Bersih*\n", 5)
    html = MarkdownRenderer().render(doc, AssetResolver(Path("/tmp")), {}).html
    assert re.findall(r'id="([^"]+)"', html) == ["isi-2", "hasil-lomba", "hasil-lomba-2", "jumat-bersih"]
    theme_ids = set()
    for template in (REPO / "themes").rglob("*.html"):
        theme_ids |= set(re.findall(r'id="([a-z-]+)"', template.read_text(encoding="utf-8")))
    assert theme_ids <= PAGE_IDS


def test_writer_never_writes_or_deletes_through_a_planted_link(tmp_path: Path) -> None:
    import os

    outside = tmp_path / "luar"
    outside.mkdir()
    (outside / "penting.txt").write_text("jangan disentuh")
    out = tmp_path / "out"
    site = SiteOutput()
    site.add_text("/artikel/a/", "halaman", Owner("a"))
    _, manifest = commit(site, out)
    # Someone replaces a folder of the site with a link to elsewhere.
    import shutil

    shutil.rmtree(out / "artikel")
    os.symlink(outside, out / "artikel")
    (outside / "a").mkdir()
    (outside / "a" / "index.html").write_text("bukan milik kimsite")
    commit(SiteOutput(), out, manifest)  # the page is gone: kimsite removes what it wrote
    assert (outside / "a" / "index.html").read_text() == "bukan milik kimsite"
    commit(site, out)  # and writing it again goes into a real folder of the site
    assert not (out / "artikel").is_symlink()
    assert (out / "artikel/a/index.html").read_text() == "halaman"
    assert (outside / "penting.txt").read_text() == "jangan disentuh"
    assert (outside / "a" / "index.html").read_text() == "bukan milik kimsite"


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        ("/2019/05/panen-raya/", "/2019/05/panen-raya/"),
        ("https://kimlama.wordpress.com/2019/05/panen/?utm=wa", "/2019/05/panen/?utm=wa"),
        ("/?p=123", "/?p=123"),
        ("/berita desa/", "/berita%20desa/"),
        ("/kabar-ñ/", "/kabar-%C3%B1/"),
        ("/100%/", "/100%25/"),
        ('/a";b$c{d}', "/a%22%3Bb%24c%7Bd%7D"),
        ("/", None),
        ("/a/#judul", None),
        ("//penipu.example/", None),
        ("/a/../../b/", None),
        ("tanpa-garis/", None),
        ("/" + "a" * 1001, None),
        ("/" + "a" * 999, "/" + "a" * 999),  # 1,000 characters: the longest kept
        ("http://kimlama.blogspot.com/2012/03/kabar.html", "/2012/03/kabar.html"),
        ("https://kimlama.wordpress.com", None),  # the old home page
        ("https://kimlama.wordpress.com?p=7", "/?p=7"),
        ("https://kimlama.wordpress.com/arsip/", "/arsip/"),
        ("/Xa/Berita/", "/Xa/Berita/"),
        ("/a%2fb/", "/a%2fb/"),  # an escape stays one, whatever its case
        ("/?x=/../", "/?x=/../"),  # a query may hold anything a path may not
        ("/a/./b/", None),
        ("/a\tb/", None),
    ],
)
def test_old_addresses_are_sent_as_browsers_send_them(written: str, sent: str | None) -> None:
    from kimsite.source.redirects import old_address

    assert old_address(written) == sent


@pytest.mark.parametrize(
    ("target", "ok"),
    [
        ("/artikel/panen/", True),
        ("/feed.xml", True),
        ("//penipu.example/", False),
        ("https://penipu.example/", False),
        ("/artikel/panen/?x=1", False),
        ("/artikel/../../etc/", False),
        ('/a"; return 302 x;', False),
        ("artikel/panen/", False),
        ("/" + "a" * 999, True),
        ("/" + "a" * 1000, False),
        ("/Xa!b/", True),
        ("/a b/", False),
    ],
)
def test_redirect_targets_are_pages_of_the_site(target: str, ok: bool) -> None:
    from kimsite.source.redirects import is_site_path

    assert is_site_path(target) is ok


def test_a_redirect_file_is_read_with_every_problem_at_its_line(tmp_path: Path) -> None:
    from kimsite.model.problems import ProblemLog
    from kimsite.source.redirects import check_against_site, load_redirects

    path = tmp_path / "pengalihan.yaml"
    path.write_text(
        "/lama/: /artikel/baru/\n"          # 1 ok
        "/: /artikel/baru/\n"               # 2 the home page
        "/luar/: https://contoh.com/\n"     # 3 another site
        "/daftar/: [/a/]\n"                 # 4 not a text
        "/lama: /artikel/baru/\n"           # 5 ok (its own address)
        "/artikel/: /artikel/baru/\n"       # 6 hides a page
        "/hilang/: /artikel/tidak-ada/\n"   # 7 no such page
        "/nanti/: /artikel/nanti/\n"        # 8 a page not published yet
        "'/dua kali/': /artikel/baru/\n"    # 9 ok
        "/dua%20kali/: /artikel/baru/\n"    # 10 the same address, as a browser sends it
        "/?p=1: /artikel/baru/\n"           # 11 ok: a query on the home page
        "/artikel: /artikel/baru/\n"        # 12 hides the list (its folder)
        "/feed.xml: /artikel/baru/\n"       # 13 hides a file
        "/artikelX: /artikel/baru/\n",      # 14 ok
        encoding="utf-8",
    )
    log = ProblemLog()
    found = load_redirects(path, log)
    assert [(r.old, r.line) for r in found] == [
        ("/?p=1", 11), ("/artikel", 12), ("/artikel/", 6), ("/artikelX", 14),
        ("/dua%20kali/", 9), ("/feed.xml", 13), ("/hilang/", 7), ("/lama", 5), ("/lama/", 1),
        ("/nanti/", 8),
    ]
    assert [(p.path, p.line, p.code) for p in log] == [
        (str(path), 2, "redirect.bad_old"), (str(path), 3, "redirect.bad_new"),
        (str(path), 4, "redirect.bad_new"), (str(path), 10, "redirect.twice"),
    ]
    said = [p.message("id") for p in log]
    assert said[0].startswith("'/' bukan alamat lama")
    assert "'/luar/'" in said[1] and "https://contoh.com/" in said[1]
    assert "'/daftar/'" in said[2] and "(tertulis: …)" in said[2]
    assert "'/dua%20kali/'" in said[3] and "baris 9" in said[3]
    outputs = {PurePosixPath(p) for p in (
        "index.html", "artikel/baru/index.html", "artikel/index.html", "feed.xml"
    )}
    site_log = ProblemLog()
    check_against_site(found, path, outputs, site_log, waiting={"/artikel/nanti/"})
    assert [(p.line, p.code, p.severity.value) for p in site_log] == [
        (12, "redirect.shadows", "error"),
        (6, "redirect.shadows", "error"),
        (13, "redirect.shadows", "error"),
        (7, "redirect.missing_target", "error"),
        (8, "redirect.waiting_target", "warning"),
    ]
    said = [p.message("id") for p in site_log]
    assert "'/artikel'" in said[0] and "'/feed.xml'" in said[2]
    assert "'/hilang/'" in said[3] and "/artikel/tidak-ada/" in said[3]
    assert "'/nanti/'" in said[4] and "/artikel/nanti/" in said[4]


def test_a_redirect_file_that_cannot_be_read_says_where(tmp_path: Path) -> None:
    from kimsite.model.problems import ProblemLog
    from kimsite.source.redirects import load_redirects

    cases = {
        "rusak.yaml": ("/a/: /b/\n/c/: [/d/\n", "yaml.unclosed_bracket", 2),
        "ganda.yaml": ("/a/: /b/\n/a/: /c/\n", "field.duplicate", 2),
        "kendali.yaml": ("/a/: /b/\n/c/: /d\x07/\n", "file.control_char", 2),
        "daftar.yaml": ("- /a/\n- /b/\n", "yaml.not_mapping", 1),
    }
    for name, (text, code, line) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        log = ProblemLog()
        load_redirects(path, log)
        assert [(p.path, p.line, p.code) for p in log] == [(str(path), line, code)], name
        if code == "yaml.not_mapping":
            assert name in log.items[0].message("id")  # names the file it expected
    # A big import (tens of thousands of old addresses) is read whole: 8 MB, not 1 MB.
    big = tmp_path / "besar.yaml"
    big.write_text("".join(f"/{n}/lama-{n}/: /artikel/a{n}/\n" for n in range(60_000)))
    assert big.stat().st_size > 1_500_000
    log = ProblemLog()
    assert len(load_redirects(big, log)) == 60_000 and not list(log)


def test_writer_journal_removes_what_a_killed_build_published_but_never_recorded(
    tmp_path: Path,
) -> None:
    """A commit whose manifest was never saved (the build was killed after moving its files
    into place): the next commit, given the older manifest, still removes the files that
    one added, because the journal named them; once a manifest is saved, no journal stays."""
    out = tmp_path / "build" / "desa.kim.id"

    def site(*urls: str) -> SiteOutput:
        made = SiteOutput()
        for url in urls:
            made.add_text(url, f"halaman {url}", Owner(url))
        return made

    _stats, first = commit(site("/a/", "/b/"), out)
    forget_journal(out)
    assert not (tmp_path / "build" / JOURNAL).exists()
    commit(site("/a/", "/b/", "/baru/", "/lagi/"), out, first)  # killed: never recorded
    assert (out / "baru/index.html").is_file()
    # Killed again (after removing what the first added): its journal names what it added,
    # and what the one before it added, in case that removal had not happened yet.
    commit(site("/a/", "/b/", "/ketiga/"), out, first)
    stats, third = commit(site("/a/", "/lagi/"), out, first)
    assert not (out / "baru").exists() and not (out / "b").exists()
    assert not (out / "ketiga").exists()
    assert (out / "lagi/index.html").read_text() == "halaman /lagi/"
    assert sorted(third) == ["a/index.html", "lagi/index.html"] and stats.removed == 2
    commit(site("/a/", "/x/", "/y/"), out, third)  # killed: adds two
    stats, _ = commit(site("/a/"), out, third)
    assert sorted(p.name for p in out.iterdir()) == ["a"] and stats.removed == 2  # x, y
    forget_journal(out)
    assert not (tmp_path / "build" / JOURNAL).exists()


def test_writer_restores_what_was_deleted_or_resized_behind_its_back(tmp_path: Path) -> None:
    """With the last manifest, a file that is gone, or has the manifest's size in the wrong
    field, is written again: the stat must match in both size and time."""
    site = SiteOutput()
    site.add_text("/", "<p>halo</p>" * 60, Owner("beranda"))  # worth compressing
    site.add_text("/artikel/a/", "a", Owner("a"))
    out = tmp_path / "out"
    _stats, manifest = commit(site, out, encodings=("gzip",))
    assert "index.html.gz" in manifest
    (out / "artikel/a/index.html").unlink()
    (out / "index.html.gz").unlink()
    again, manifest = commit(site, out, manifest, encodings=("gzip",))
    assert again.written == 1 and (out / "artikel/a/index.html").read_text() == "a"
    assert (out / "index.html.gz").is_file()  # its copy too (not counted: the same file)
    record = manifest["index.html"]
    forged = {**manifest, "index.html": (record[1], record[1], record[2])}
    third, _ = commit(site, out, forged, encodings=("gzip",))
    assert third.written == 1  # a record whose size is not the file's size


def test_removing_files_never_leaves_the_site(tmp_path: Path) -> None:
    from kimsite.output.writer import remove_files

    root = tmp_path / "situs"
    (root / "a/b").mkdir(parents=True)
    (root / "a/b/x.html").write_text("x")
    (root / "a/y.html").write_text("y")
    (root / "z.html").write_text("z")
    outside = tmp_path / "rahasia.txt"
    outside.write_text("jangan")
    (tmp_path / "luar").mkdir()
    (tmp_path / "luar/w.html").write_text("w")
    (root / "tautan").symlink_to(tmp_path / "luar")
    removed = remove_files(root.resolve(), [
        "../rahasia.txt", str(outside), "tautan/w.html", "tidak-ada.html", "a", "a/b/x.html",
        "a/y.html", "a/../z.html",  # a name with ".." is refused, even one that stays inside
    ])
    assert removed == 2  # the two files of the site, nothing else
    assert outside.read_text() == "jangan" and (tmp_path / "luar/w.html").is_file()
    assert not (root / "a").exists()  # folders left empty go, deepest first
    assert (root / "z.html").is_file()


def test_removing_a_sites_last_files_keeps_the_folders_above_it(tmp_path: Path) -> None:
    """A folder that still holds a file stays (quietly), and emptying a whole site removes
    the site's folder but never the (now empty) build folder above it."""
    from kimsite.output.writer import remove_files

    build = tmp_path / "build"
    root = build / "lama.kim.id"
    (root / "artikel/a").mkdir(parents=True)
    (root / "artikel/a/index.html").write_text("a")
    (root / "artikel/b.html").write_text("b")
    assert remove_files(root.resolve(), ["artikel/a/index.html"]) == 1
    assert (root / "artikel/b.html").is_file() and not (root / "artikel/a").exists()
    assert remove_files(root.resolve(), ["artikel/b.html"]) == 1
    assert not root.exists() and build.is_dir() and tmp_path.is_dir()


def test_a_description_is_cut_after_the_last_whole_word_that_fits() -> None:
    assert shorten("abc defgh", 9) == "abc defgh"  # fits: as written
    # The ellipsis takes the last place; a word that ends just before it stays.
    assert shorten("abc defgh ijk", 11) == "abc defgh…"
    assert shorten("abc defghi jk", 11) == "abc…"
    assert shorten("Rapat RT, lalu kerja bakti", 11) == "Rapat RT…"  # no comma before "…"
    assert shorten("Kelas XX diumumkan besok", 10) == "Kelas XX…"  # only punctuation goes
    text = "Warga desa bergotong royong membersihkan saluran irigasi. " * 5
    assert all(len(shorten(text, n)) <= n for n in range(10, 200))


def test_a_shard_is_read_from_the_command_line_and_owns_the_same_kims_everywhere() -> None:
    assert Shard.parse("2/8") == Shard(2, 8)
    assert (Shard.parse("1/1"), Shard.parse("8/8")) == (Shard(1, 1), Shard(8, 8))
    for bad in ("0/8", "9/8", "2", "a/b", "2/0", "-1/3", "", "1/"):
        with pytest.raises(ValueError):
            Shard.parse(bad)
    # The same on every machine, run and Python version (not hash(), which is salted): the
    # CI's runners must agree on who builds which KIM.
    assert [shard_of(s, 8) for s in ("desa", "sumberrejo", "kim-007", "pejeruk")] == [6, 1, 6, 5]
    slugs = [f"kim{n:03d}" for n in range(200)]
    assert {shard_of(s, 3) for s in slugs} == {1, 2, 3}
    assert [Shard(2, 3).owns(s) for s in slugs] == [shard_of(s, 3) == 2 for s in slugs]
    assert all(Shard(1, 1).owns(s) for s in slugs)


def test_a_report_is_ok_without_errors_and_counts_what_it_did(tmp_path: Path) -> None:
    root = write_project(tmp_path, {})
    report = BuildReport(load_config(root / "config.yaml"), tmp_path / "build")
    report.problems.append(Problem("a.md", 1, "markup.image_no_alt", (), Severity.WARNING))
    assert report.ok
    report.problems.append(Problem("b.md", 2, "profile.required", (), Severity.ERROR))
    assert not report.ok
    report.kims = [KimResult("a", "a.kim.id", True, indexed=True), KimResult("b", None, False),
                   KimResult("c", "c.kim.id", True), KimResult("d", "d.kim.id", False)]
    assert report.indexed == 1 and [k.slug for k in report.failed] == ["b", "d"]
    report.index_indexed = True
    assert report.indexed == 2


def test_the_clock_is_source_date_epoch_when_it_is_a_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert current_time() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    for ignored in ("", "17e8", "-5", "sekarang"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", ignored)
        assert abs((current_time() - datetime.now(UTC)).total_seconds()) < 60
