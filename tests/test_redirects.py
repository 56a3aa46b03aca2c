"""A KIM's redirects (`kimsite.source.redirects`): old addresses as browsers send them,
targets that are pages of the site, every problem at its line."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest


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
        "/lama/: /artikel/baru/\n"  # 1 ok
        "/: /artikel/baru/\n"  # 2 the home page
        "/luar/: https://contoh.com/\n"  # 3 another site
        "/daftar/: [/a/]\n"  # 4 not a text
        "/lama: /artikel/baru/\n"  # 5 ok (its own address)
        "/artikel/: /artikel/baru/\n"  # 6 hides a page
        "/hilang/: /artikel/tidak-ada/\n"  # 7 no such page
        "/nanti/: /artikel/nanti/\n"  # 8 a page not published yet
        "'/dua kali/': /artikel/baru/\n"  # 9 ok
        "/dua%20kali/: /artikel/baru/\n"  # 10 the same address, as a browser sends it
        "/?p=1: /artikel/baru/\n"  # 11 ok: a query on the home page
        "/artikel: /artikel/baru/\n"  # 12 hides the list (its folder)
        "/feed.xml: /artikel/baru/\n"  # 13 hides a file
        "/artikelX: /artikel/baru/\n",  # 14 ok
        encoding="utf-8",
    )
    log = ProblemLog()
    found = load_redirects(path, log)
    assert [(r.old, r.line) for r in found] == [
        ("/?p=1", 11),
        ("/artikel", 12),
        ("/artikel/", 6),
        ("/artikelX", 14),
        ("/dua%20kali/", 9),
        ("/feed.xml", 13),
        ("/hilang/", 7),
        ("/lama", 5),
        ("/lama/", 1),
        ("/nanti/", 8),
    ]
    assert [(p.path, p.line, p.code) for p in log] == [
        (str(path), 2, "redirect.bad_old"),
        (str(path), 3, "redirect.bad_new"),
        (str(path), 4, "redirect.bad_new"),
        (str(path), 10, "redirect.twice"),
    ]
    said = [p.message("id") for p in log]
    assert said[0].startswith("'/' bukan alamat lama")
    assert "'/luar/'" in said[1] and "https://contoh.com/" in said[1]
    assert "'/daftar/'" in said[2] and "(tertulis: …)" in said[2]
    assert "'/dua%20kali/'" in said[3] and "baris 9" in said[3]
    outputs = {
        PurePosixPath(p)
        for p in ("index.html", "artikel/baru/index.html", "artikel/index.html", "feed.xml")
    }
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
