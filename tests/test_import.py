"""`kimsite import wordpress`: a WordPress export as KIMs really have them (generated here:
Gutenberg and classic posts, captions, galleries, embeds, drafts, scheduled, private and
password-protected posts, menus and attachments, uploads with resized copies), imported
into a KIM of the sample province, checked and built; and exports that are broken or
hostile.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import lxml.html
import pytest
import yaml

from tests.helpers import REPO, SAMPLE, snapshot

KIM = "sesela"
SITE = "https://kimsesela.wordpress.com"
NS = {
    "1.2": ("https://wordpress.org/export/1.2/", "https://wordpress.org/export/1.2/excerpt/"),
    "1.1": ("http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.1/excerpt/"),
}


def item(
    post_id: int,
    title: str,
    name: str,
    body: str,
    *,
    kind: str = "post",
    status: str = "publish",
    date: str = "2019-05-12 08:30:00",
    gmt: str = "2019-05-12 00:30:00",
    password: str = "",
    categories: tuple[tuple[str, str, str], ...] = (),
    excerpt: str = "",
    meta: dict[str, str] | None = None,
    attachment_url: str = "",
) -> str:
    cats = "".join(
        f'<category domain="{d}" nicename="{n}"><![CDATA[{t}]]></category>'
        for d, n, t in categories
    )
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{k}</wp:meta_key><wp:meta_value><![CDATA[{v}]]>"
        "</wp:meta_value></wp:postmeta>"
        for k, v in (meta or {}).items()
    )
    return (
        f"<item><title>{escape(title)}</title><link>{SITE}/{date[:4]}/{date[5:7]}/{name}/</link>"
        f"<dc:creator><![CDATA[rina]]></dc:creator>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>{date}</wp:post_date>"
        f"<wp:post_date_gmt>{gmt}</wp:post_date_gmt><wp:post_name>{escape(name)}</wp:post_name>"
        f"<wp:status>{status}</wp:status><wp:post_type>{kind}</wp:post_type>"
        f"<wp:post_password>{password}</wp:post_password>"
        + (f"<wp:attachment_url>{attachment_url}</wp:attachment_url>" if attachment_url else "")
        + f"{cats}{metas}</item>"
    )


def export(items: list[str], version: str = "1.2") -> str:
    wp, excerpt = NS[version]
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        f'<rss version="2.0" xmlns:excerpt="{excerpt}" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:wp="{wp}"><channel><title>KIM Sesela</title><link>{SITE}</link>'
        "<wp:author><wp:author_login>rina</wp:author_login>"
        "<wp:author_display_name><![CDATA[Baiq Rina Susanti]]></wp:author_display_name></wp:author>"
        "<wp:category><wp:category_nicename>berita</wp:category_nicename>"
        "<wp:category_parent></wp:category_parent><wp:cat_name>Berita</wp:cat_name></wp:category>"
        "<wp:category><wp:category_nicename>kegiatan-desa</wp:category_nicename>"
        "<wp:category_parent>berita</wp:category_parent><wp:cat_name>Kegiatan Desa</wp:cat_name>"
        "</wp:category>" + "".join(items) + "</channel></rss>\n"
    )


GUTENBERG = (
    "<!-- wp:paragraph -->\n<p>Petani Sesela Lauq memanen padi&nbsp;di lahan 40&nbsp;hektare."
    "</p>\n<!-- /wp:paragraph -->\n<p>&nbsp;</p>\n<p></p>\n"
    '[caption id="attachment_31" align="aligncenter" width="1024"]'
    f'<img src="{SITE}/wp-content/uploads/2019/05/panen-raya-1024x768.jpg" '
    'alt="Petani memanen padi" width="1024" height="768" /> Panen raya tahun ini[/caption]\n'
    '<p onclick="alert(1)">Kata kepala desa: <script>alert("x")</script>hasilnya baik.</p>\n'
    '<p><a href="javascript:alert(2)">klik</a> <iframe src="https://iklan.example/"></iframe></p>\n'
    "[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]\n"
    f'[gallery ids="31,32"]\n<p>Foto lain: <img src="{SITE}/wp-content/uploads/2019/05/hilang.jpg"'
    ' alt="tidak ada"></p>'
)
CLASSIC = (
    "Rapat dimulai pukul sembilan.\n\nWarga membahas RKP desa.\n\n"
    "https://youtu.be/abcdefghijk\n\n<ul><li>Jalan</li><li>Irigasi</li></ul>"
)


def the_export() -> str:
    cats = (
        ("category", "kegiatan-desa", "Kegiatan Desa"),
        ("category", "berita", "Berita"),
        ("post_tag", "panen", "Panen"),
    )
    return export(
        [
            item(
                31,
                "panen-raya",
                "panen-raya",
                "",
                kind="attachment",
                status="inherit",
                attachment_url=f"{SITE}/wp-content/uploads/2019/05/panen-raya.jpg",
                meta={"_wp_attachment_image_alt": "Sawah menguning di Sesela"},
            ),
            item(
                101,
                "Panen Raya Padi &amp; Palawija",
                "panen-raya-padi",
                GUTENBERG,
                categories=cats,
                excerpt="<p>Panen raya di Sesela Lauq.</p>",
                meta={"_thumbnail_id": "31"},
            ),
            item(
                102,
                "Musyawarah RKP Desa",
                "musyawarah-rkp",
                CLASSIC,
                date="2019-06-01 09:00:00",
                gmt="2019-06-01 01:00:00",
                categories=(("category", "uncategorized", "Uncategorized"),),
            ),
            item(103, "Draf Rapat Panitia", "draf-rapat", "<p>Belum final.</p>", status="draft"),
            item(
                104,
                "Festival Kriya",
                "festival-kriya",
                "<p>Nanti.</p>",
                status="future",
                date="2031-08-17 08:00:00",
                gmt="2031-08-17 00:00:00",
            ),
            item(105, "Rahasia", "rahasia", "<p>Kata sandi.</p>", password="sesela123"),
            item(106, "Catatan Pengurus", "catatan", "<p>Pribadi.</p>", status="private"),
            item(
                107,
                "Sejarah Kerajinan Cukli",
                "sejarah-kerajinan",
                "<p>Cukli dari Sesela.</p>",
                kind="page",
            ),
            item(108, "Artikel", "artikel", "<p>Halaman bernama artikel.</p>", kind="page"),
            item(109, "Beranda", "beranda", "", kind="nav_menu_item"),
            item(110, "Revisi", "revisi", "<p>x</p>", kind="revision", status="inherit"),
            item(
                111,
                "Jalan Keluar",
                "../../../../etc/passwd",
                "<p>Nama berbahaya.</p>",
                date="2019-07-01 10:00:00",
                gmt="2019-07-01 02:00:00",
            ),
        ]
    )


@pytest.fixture
def province(tmp_path: Path) -> Path:
    root = tmp_path / "proyek"
    root.mkdir()
    shutil.copy(SAMPLE / "config.yaml", root / "config.yaml")
    shutil.copytree(SAMPLE / "content", root / "content")
    shutil.copytree(REPO / "themes", root / "themes")
    uploads = tmp_path / "uploads" / "2019" / "05"
    uploads.mkdir(parents=True)
    shutil.copy(SAMPLE / "content/sesela/media/kerajinan-cukli.jpg", uploads / "panen-raya.jpg")
    return root


def kimsite(root: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "kimsite", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def front(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def test_a_wordpress_site_comes_in_whole(province: Path, tmp_path: Path) -> None:
    xml = tmp_path / "ekspor.xml"
    xml.write_text(the_export(), encoding="utf-8")
    before = snapshot(province / "content/sesela")
    done = kimsite(
        province,
        "import",
        "wordpress",
        str(xml),
        "--kim",
        KIM,
        "--uploads",
        str(tmp_path / "uploads"),
    )
    assert "Impor ke KIM sesela selesai" in done.stdout
    assert "post 101" in done.stderr and "hilang.jpg" in done.stderr  # the missing upload
    folder = province / "content/sesela"
    article, body = front(folder / "artikel/2019-05-12-panen-raya-padi.md")
    assert article["judul"] == "Panen Raya Padi & Palawija"
    assert article["tanggal"] == "2019-05-12 08:30"  # 00:30 UTC in WITA
    assert article["kategori"] == "kegiatan-desa" and article["tag"] == ["Berita", "Panen"]
    assert article["penulis"] == "Baiq Rina Susanti"
    assert article["ringkasan"] == "Panen raya di Sesela Lauq."
    assert article["gambar"] == "../media/2019-05-panen-raya.jpg"
    assert article["gambar_alt"] == "Sawah menguning di Sesela"
    assert (folder / "media/2019-05-panen-raya.jpg").read_bytes() == (
        tmp_path / "uploads/2019/05/panen-raya.jpg"
    ).read_bytes()  # the -1024x768 copy mapped back to its original
    assert "wp:" not in body and "&nbsp;" not in body and "[caption" not in body
    assert "<script" not in body and "onclick" not in body and "alert" not in body
    assert "javascript:" not in body and "iklan.example" not in body
    # A captioned photo keeps its caption under it (a figure), not a paragraph of its own.
    assert '<figure><img src="../media/2019-05-panen-raya.jpg" alt="Petani memanen padi"' in body, (
        body
    )
    assert "<figcaption>Panen raya tahun ini</figcaption></figure>" in body
    assert "[Tonton videonya di YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in body
    assert f"{SITE}/wp-content/uploads/2019/05/hilang.jpg" in body  # kept as a link
    classic, classic_body = front(folder / "artikel/2019-06-01-musyawarah-rkp.md")
    assert classic["kategori"] == "berita" and "tag" not in classic
    assert "Warga membahas RKP desa." in classic_body and "- Irigasi" in classic_body
    assert front(folder / "artikel/2019-05-12-draf-rapat.md")[0]["draf"] is True
    assert front(folder / "artikel/2019-05-12-catatan.md")[0]["draf"] is True
    assert front(folder / "artikel/2031-08-17-festival-kriya.md")[0]["tanggal"] == (
        "2031-08-17 08:00"  # scheduled: keeps its future date (midnight UTC in WITA)
    )
    names = {p.name for p in (folder / "artikel").iterdir()}
    assert not any("rahasia" in n for n in names)  # password-protected: never
    assert not any(n.startswith(("2019-05-12-beranda", "2019-05-12-revisi")) for n in names)
    assert "2019-07-01-etc-passwd.md" in names  # a path in post_name is only a name
    assert {p.name for p in (folder / "halaman").iterdir()} >= {
        "sejarah-kerajinan.md",
        "halaman-artikel.md",
    }
    # Nothing outside the KIM's folder changed; nothing of it was lost.
    for rel, data in before.items():
        if rel != "pengalihan.yaml":
            assert (folder / rel).read_bytes() == data, rel
    redirects = yaml.safe_load((folder / "pengalihan.yaml").read_text(encoding="utf-8"))
    assert redirects["/2019/05/panen-raya-padi/"] == "/artikel/panen-raya-padi/"
    assert redirects["/?p=101"] == "/artikel/panen-raya-padi/"
    assert redirects["/?page_id=107"] == "/sejarah-kerajinan/"
    assert redirects["/category/berita/kegiatan-desa/"] == "/kategori/kegiatan-desa/"
    assert redirects["/category/berita/"] == "/tag/berita/"  # the parent became a tag
    assert "/tag/panen/" not in redirects  # the same address here: a page, not a redirect
    assert "/?p=103" not in redirects and "/?p=105" not in redirects
    assert redirects["/?p=214"] == "/artikel/panen-raya-padi-sesela-lauq/"  # the writer's

    # The import is content like any other: checked and built, its redirects valid.
    check = kimsite(province, "check", KIM, ok=False)
    assert check.returncode == 0, check.stdout + check.stderr
    kimsite(province, "build", KIM)
    page = province / "build/sesela.kim.id/artikel/panen-raya-padi/index.html"
    doc = lxml.html.fromstring(page.read_bytes())
    assert not doc.xpath("//script[not(@type='application/ld+json')]")
    assert doc.xpath("//img[contains(@src, '/media/2019-05-panen-raya')]")

    # Again: nothing changes. An article edited since is kept unless --force.
    imported = snapshot(folder)
    again = kimsite(
        province,
        "import",
        "wordpress",
        str(xml),
        "--kim",
        KIM,
        "--uploads",
        str(tmp_path / "uploads"),
    )
    assert "tidak berubah" in again.stdout
    assert snapshot(folder) == imported
    edited = folder / "artikel/2019-06-01-musyawarah-rkp.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nDitambah penulis.\n", "utf-8")
    kimsite(province, "import", "wordpress", str(xml), "--kim", KIM)
    assert "Ditambah penulis." in edited.read_text(encoding="utf-8")
    kimsite(
        province,
        "import",
        "wordpress",
        str(xml),
        "--kim",
        KIM,
        "--uploads",
        str(tmp_path / "uploads"),
        "--force",
    )
    assert snapshot(folder) == imported


def test_older_exports_and_their_namespaces(province: Path, tmp_path: Path) -> None:
    xml = tmp_path / "lama.xml"
    xml.write_text(
        export(
            [
                item(
                    5,
                    "Kabar Lama",
                    "kabar-lama",
                    "<p>Dari 2012.</p>",
                    date="2012-03-04 10:00:00",
                    gmt="0000-00-00 00:00:00",
                )
            ],
            version="1.1",
        ),
        encoding="utf-8",
    )
    kimsite(province, "import", "wordpress", str(xml), "--kim", KIM)
    article, body = front(province / "content/sesela/artikel/2012-03-04-kabar-lama.md")
    assert article["tanggal"] == "2012-03-04 10:00" and "Dari 2012." in body


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("terpotong", the_export()[: len(the_export()) // 2], -1),  # -1: where it ends
        (
            "bom entitas",
            '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<rss>&b;</rss>\n',
            None,
        ),
        (
            "entitas luar",
            '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM '
            '"file:///etc/passwd">]>\n<rss><channel><item><title>&x;</title></item></channel></rss>\n',
            None,
        ),
    ],
)
def test_a_broken_or_hostile_export_writes_nothing(
    province: Path, tmp_path: Path, name: str, text: str, line: int | None
) -> None:
    xml = tmp_path / "ekspor.xml"
    xml.write_text(text, encoding="utf-8")
    before = snapshot(province / "content")
    done = kimsite(province, "import", "wordpress", str(xml), "--kim", KIM, ok=False)
    assert done.returncode == 1, name
    assert "tidak bisa dibaca sebagai XML" in done.stderr
    if line is not None:
        assert f"ekspor.xml:{text.count(chr(10)) + 1}:" in done.stderr
    assert "root:" not in done.stderr  # no /etc/passwd line anywhere
    assert snapshot(province / "content") == before


def test_an_unknown_kim_is_refused(province: Path, tmp_path: Path) -> None:
    xml = tmp_path / "ekspor.xml"
    xml.write_text(the_export(), encoding="utf-8")
    done = kimsite(province, "import", "wordpress", str(xml), "--kim", "../sesela", ok=False)
    assert done.returncode == 1 and "kimsite new kim" in done.stderr


BLOG = "https://kimsesela.blogspot.com"
PHOTO = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEh7/s320/panen.jpg"


def takeout_entry(
    kind: str,
    title: str,
    filename: str,
    body: str,
    *,
    status: str = "LIVE",
    labels: tuple[str, ...] = (),
    published: str = "2020-02-03T01:30:00.000Z",
) -> str:
    cats = "".join(f"<category term='{escape(label)}'/>" for label in labels)
    return (
        f"<entry><id>tag:blogger.com,1999:blog-1.post-{abs(hash(title))}</id>"
        f"<blogger:type>{kind}</blogger:type><blogger:status>{status}</blogger:status>"
        "<author><name>Lalu Ahmad</name><blogger:type>BLOGGER</blogger:type></author>"
        f"<title>{escape(title)}</title><content type='html'>{escape(body)}</content>"
        f"<published>{published}</published>{cats}"
        + (f"<blogger:filename>{filename}</blogger:filename>" if filename else "")
        + f"<link rel='alternate' type='text/html' href='{BLOG}{filename}'/></entry>"
    )


def test_a_blogger_takeout_comes_in_with_its_old_addresses(province: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.atom"
    feed.write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:blogger='http://schemas.google.com/blogger/2018'><title>KIM Sesela</title>"
        + takeout_entry(
            "POST",
            "Gotong Royong Bersihkan Saluran",
            "/2020/02/gotong-royong.html",
            f'<div>Warga bergotong royong.<br><img src="{PHOTO}" alt="Saluran"></div>'
            "<script>alert(1)</script>",
            labels=("Lingkungan", "Warga"),
        )
        # Blogger labels differ by case where the web server does not ("Lingkungan").
        + takeout_entry(
            "POST",
            "Kerja Bakti",
            "/2020/02/kerja-bakti.html",
            "<p>Kerja bakti.</p>",
            labels=("lingkungan",),
        )
        + takeout_entry("POST", "Draf Pengumuman", "", "<p>Belum.</p>", status="DRAFT")
        + takeout_entry(
            "POST", "Dibuang", "/2020/03/dibuang.html", "<p>x</p>", status="SOFT_TRASHED"
        )
        + takeout_entry("PAGE", "Tentang Kami", "/p/tentang-kami.html", "<p>KIM Sesela.</p>")
        + takeout_entry("COMMENT", "Mantap", "", "<p>Mantap!</p>")
        + "</feed>\n",
        encoding="utf-8",
    )
    done = kimsite(province, "import", "blogger", str(feed), "--kim", KIM)
    assert "selesai" in done.stdout
    folder = province / "content/sesela"
    article, body = front(folder / "artikel/2020-02-03-gotong-royong.md")
    assert article["tanggal"] == "2020-02-03 09:30"  # 01:30 UTC in WITA
    assert article["tag"] == ["Lingkungan", "Warga"] and article["penulis"] == "Lalu Ahmad"
    # The photo stays on Blogger (nothing is fetched), asked for at full size.
    assert "googleusercontent.com/img/b/R29vZ2xl/AVvXsEh7/s1600/panen.jpg" in body
    assert "/s320/" not in body and "alert" not in body
    assert front(folder / "artikel/2020-02-03-draf-pengumuman.md")[0]["draf"] is True
    names = {p.name for p in (folder / "artikel").iterdir()}
    assert not any("dibuang" in n or "mantap" in n for n in names)
    assert (folder / "halaman/tentang-kami.md").is_file()
    redirects = yaml.safe_load((folder / "pengalihan.yaml").read_text(encoding="utf-8"))
    assert redirects["/2020/02/gotong-royong.html"] == "/artikel/gotong-royong/"
    assert redirects["/p/tentang-kami.html"] == "/tentang-kami/"
    assert redirects["/search/label/Lingkungan"] == "/tag/lingkungan/"
    assert "/search/label/lingkungan" not in redirects  # nginx would read both as one
    check = kimsite(province, "check", KIM, ok=False)
    assert check.returncode == 0, check.stdout
    # The older "Back up content" export: kinds as categories, drafts under app:control.
    old = tmp_path / "blog-lama.xml"
    old.write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:app='http://purl.org/atom/app#'><entry><published>2012-03-04T10:00:00.000+08:00"
        "</published><category scheme='http://schemas.google.com/g/2005#kind' "
        "term='http://schemas.google.com/blogger/2008/kind#post'/><category "
        "scheme='http://www.blogger.com/atom/ns#' term='Sejarah'/><title type='text'>Kabar "
        "Lama</title><content type='html'>&lt;p&gt;Dari 2012.&lt;/p&gt;</content><link "
        f"rel='alternate' type='text/html' href='{BLOG}/2012/03/kabar-lama.html'/><author>"
        "<name>Admin</name></author><app:control><app:draft>yes</app:draft></app:control>"
        "</entry><entry><category scheme='http://schemas.google.com/g/2005#kind' "
        "term='http://schemas.google.com/blogger/2008/kind#settings'/><title>x</title></entry>"
        "</feed>\n",
        encoding="utf-8",
    )
    kimsite(province, "import", "blogger", str(old), "--kim", KIM)
    lama, lama_body = front(folder / "artikel/2012-03-04-kabar-lama.md")
    assert lama["draf"] is True and lama["tag"] == ["Sejarah"] and "Dari 2012." in lama_body


@pytest.mark.parametrize(
    ("name", "hostile", "said"),
    [
        # HTML nested deeper than any converter recurses.
        (
            "html bersarang",
            item(103, "Bersarang", "bersarang", "<div>" * 5000 + "x"),
            "Impor berhenti:",
        ),
        # A date at the calendar's end: its local time is past year 9999.
        (
            "tanggal ujung",
            item(
                104,
                "Ujung",
                "ujung",
                "<p>x</p>",
                date="9999-12-31 23:59:59",
                gmt="9999-12-31 23:59:59",
            ),
            "Impor berhenti:",
        ),
    ],
)
def test_an_export_that_fails_late_writes_nothing_and_says_why(
    province: Path, tmp_path: Path, name: str, hostile: str, said: str
) -> None:
    """Healthy posts first, the hostile one last: no traceback, and not one file written."""
    xml = tmp_path / "ekspor.xml"
    healthy = [item(100 + n, f"Kabar {n}", f"kabar-{n}", "<p>Isi.</p>") for n in range(3)]
    xml.write_text(export([*healthy, hostile]), encoding="utf-8")
    before = snapshot(province / "content")
    done = kimsite(province, "import", "wordpress", str(xml), "--kim", KIM, ok=False)
    assert (done.returncode, "Traceback" in done.stderr) == (1, False), (name, done.stderr)
    assert said in done.stderr and len(done.stderr) < 600, done.stderr
    assert snapshot(province / "content") == before


def test_the_kims_own_redirect_file_is_read_as_the_build_reads_it(
    province: Path, tmp_path: Path
) -> None:
    """An alias bomb in pengalihan.yaml (billions of entries once expanded) is refused at its
    line by kimsite's YAML reader, before the import writes anything."""
    redirects = province / "content/sesela/pengalihan.yaml"
    bomb = ["a: &a ['/x/', '/x/', '/x/', '/x/', '/x/', '/x/', '/x/', '/x/', '/x/']"]
    bomb += [
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    redirects.write_text("\n".join(bomb) + "\n", encoding="utf-8")
    xml = tmp_path / "ekspor.xml"
    xml.write_text(the_export(), encoding="utf-8")
    before = snapshot(province / "content")
    done = kimsite(province, "import", "wordpress", str(xml), "--kim", KIM, ok=False)
    assert (done.returncode, "Traceback" in done.stderr) == (1, False), done.stderr
    assert "pengalihan.yaml:" in done.stderr, done.stderr
    assert snapshot(province / "content") == before


def test_an_import_always_builds_cleanly_with_long_names(province: Path, tmp_path: Path) -> None:
    """A post whose address is long once percent-encoded, and a category that is a
    sentence: the import writes only what the build accepts, and the build is clean."""
    xml = tmp_path / "ekspor.xml"
    xml.write_text(
        export(
            [
                item(
                    100,
                    "Panen raya",
                    "panen-" + "é" * 200,
                    "<p>Isi.</p>",
                    categories=(("category", "kat-panjang", "Kata " * 70),),
                )
            ]
        ),
        encoding="utf-8",
    )
    kimsite(province, "import", "wordpress", str(xml), "--kim", KIM)
    check = kimsite(province, "check", KIM, ok=False)
    assert check.returncode == 0, check.stdout + check.stderr
    kimsite(province, "build")


def test_a_category_of_scheduled_posts_alone_gets_no_redirect_yet(
    province: Path, tmp_path: Path
) -> None:
    """WordPress's theme test data has a category whose only post is dated later: the
    build makes no page for it yet, so the import writes no redirect to one, and the KIM
    builds cleanly right after the import."""
    xml = tmp_path / "ekspor.xml"
    xml.write_text(
        export(
            [
                item(
                    100,
                    "Panen raya",
                    "panen-raya",
                    "<p>Isi.</p>",
                    categories=(("category", "berita", "Berita"),),
                ),
                item(
                    101,
                    "Festival nanti",
                    "festival-nanti",
                    "<p>Nanti.</p>",
                    status="future",
                    date="2031-08-17 08:00:00",
                    gmt="2031-08-17 00:00:00",
                    categories=(("category", "unpublished", "Unpublished"),),
                ),
            ]
        ),
        encoding="utf-8",
    )
    kimsite(province, "import", "wordpress", str(xml), "--kim", KIM)
    redirects = yaml.safe_load((province / "content" / KIM / "pengalihan.yaml").read_text("utf-8"))
    olds = (
        {r["dari"] if isinstance(r, dict) else r for r in redirects}
        if isinstance(redirects, list)
        else set(redirects)
    )
    assert "/category/unpublished/" not in olds and "/category/berita/" in olds, redirects
    check = kimsite(province, "check", KIM, ok=False)
    assert check.returncode == 0, check.stdout + check.stderr
    kimsite(province, "build")


def test_links_between_imported_posts_point_to_their_new_addresses(
    province: Path, tmp_path: Path
) -> None:
    """A post links to another of the same site by its old address (by permalink, and by
    `?p=ID`); after the import the link is the new page's address, which the build checks
    and publishes (the old site, on WordPress.com, goes away). Other links are left."""
    xml = tmp_path / "ekspor.xml"
    body = (
        f'<p>Baca juga <a href="{SITE}/2019/05/panen-raya/">panen raya</a>, '
        f'<a href="http://kimsesela.wordpress.com/?p=100#foto">fotonya</a>, '
        f'<a href="{SITE}/2019/01/tidak-ada/">yang hilang</a> dan '
        '<a href="https://ntbprov.go.id/">provinsi</a>.</p>'
    )
    xml.write_text(
        export(
            [
                item(100, "Panen raya", "panen-raya", "<p>Isi.</p>"),
                item(
                    101,
                    "Rangkuman",
                    "rangkuman",
                    body,
                    date="2019-05-20 08:30:00",
                    gmt="2019-05-20 00:30:00",
                ),
            ]
        ),
        encoding="utf-8",
    )
    kimsite(province, "import", "wordpress", str(xml), "--kim", KIM)
    (source,) = (province / "content" / KIM / "artikel").glob("*-rangkuman.md")
    _head, text = front(source)
    assert "[panen raya](/artikel/panen-raya/)" in text, text
    assert "[fotonya](/artikel/panen-raya/#foto)" in text, text
    assert f"[yang hilang]({SITE}/2019/01/tidak-ada/)" in text
    assert "[provinsi](https://ntbprov.go.id/)" in text
    check = kimsite(province, "check", KIM, ok=False)
    assert check.returncode == 0, check.stdout + check.stderr
    kimsite(province, "build")
    page = province / "build" / "sesela.kim.id" / "artikel" / "rangkuman" / "index.html"
    assert 'href="/artikel/panen-raya/"' in page.read_text(encoding="utf-8")


def test_the_featured_photo_is_not_shown_twice_and_a_caption_stays_under_its_photo(
    province: Path, tmp_path: Path
) -> None:
    """A post whose featured photo also opens its text (a size of it, as WordPress themes
    that show none put it there): the photo is the article's `gambar` and leaves the top of
    the text. A captioned photo further down is published as a figure with its caption."""
    xml = tmp_path / "ekspor.xml"
    body = (
        f'<p><img src="{SITE}/wp-content/uploads/2019/05/panen-raya-1024x768.jpg" '
        'alt="Sawah" /></p><p>Petani memanen padi.</p>'
        f'[caption id="attachment_31"]<img src="{SITE}/wp-content/uploads/2019/05/'
        'panen-raya-300x200.jpg" alt="Gabah" /> Gabah dijemur di halaman[/caption]'
    )
    xml.write_text(
        export(
            [
                item(
                    31,
                    "panen-raya",
                    "panen-raya",
                    "",
                    kind="attachment",
                    status="inherit",
                    attachment_url=f"{SITE}/wp-content/uploads/2019/05/panen-raya.jpg",
                ),
                item(100, "Panen raya", "panen-raya-padi", body, meta={"_thumbnail_id": "31"}),
            ]
        ),
        encoding="utf-8",
    )
    kimsite(
        province,
        "import",
        "wordpress",
        str(xml),
        "--kim",
        KIM,
        "--uploads",
        str(tmp_path / "uploads"),
    )
    (source,) = (province / "content" / KIM / "artikel").glob("*-panen-raya-padi.md")
    head, text = front(source)
    assert head["gambar"] == "../media/2019-05-panen-raya.jpg"
    assert text.lstrip().startswith("Petani memanen padi."), text
    kimsite(province, "build")
    page = lxml.html.fromstring(
        (province / "build/sesela.kim.id/artikel/panen-raya-padi/index.html").read_bytes()
    )
    figures = page.xpath("//div[contains(@class, 'isi')]//figure")
    assert [f.xpath("string(figcaption)").strip() for f in figures] == ["Gabah dijemur di halaman"]
    assert figures[0].xpath("img/@src")[0].startswith("/media/2019-05-panen-raya")
