"""The `kimsite` command line: its commands, options and help, in Indonesian unless the
user asks for English (`--lang en`, `KIMSITE_LANG=en`). `cli.py` runs what is parsed here.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from kimsite import __version__
from kimsite.build import Shard


def lang_of_argv(argv: Sequence[str]) -> str:
    """The language to parse in, before parsing: `--lang en` / `--lang=en`, else KIMSITE_LANG."""
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            return "en" if argv[n + 1].lower().startswith("en") else "id"
        if arg.startswith("--lang="):
            return "en" if arg[7:].lower().startswith("en") else "id"
    env = os.environ.get("KIMSITE_LANG", "id")
    return "en" if env.lower().startswith("en") else "id"


def parser(lang: str = "id") -> argparse.ArgumentParser:
    """The command line, its help in the reader's language (Indonesian unless asked)."""

    def t(indonesian: str, english: str) -> str:
        return english if lang == "en" else indonesian

    top = argparse.ArgumentParser(
        prog="kimsite",
        description=t(
            "Pembangun situs statis untuk situs web KIM (Kelompok/Komunitas Informasi "
            "Masyarakat): satu situs per KIM dan satu situs indeks provinsi.",
            "Static site generator for KIM (Komunitas Informasi Masyarakat) websites.",
        ),
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"kimsite {__version__}",
        help=t("tampilkan versi kimsite lalu keluar", "show kimsite's version and exit"),
    )
    sub = top.add_subparsers(
        dest="command",
        required=True,
        metavar=t("PERINTAH", "COMMAND"),
        title=t("perintah", "commands"),
    )
    config_help = t("lokasi config.yaml (bawaan: config.yaml)", "path of config.yaml")
    format_help = t(
        "cara masalah dicetak: text (untuk dibaca), json, github (anotasi GitHub Actions)",
        "how problems are printed: text, json, github (GitHub Actions annotations)",
    )
    lang_help = t(
        "bahasa pesan: id atau en (bawaan: KIMSITE_LANG, atau id)",
        "language of messages: id or en (default: KIMSITE_LANG, or id)",
    )

    def common(p: argparse.ArgumentParser, fmt: bool = True) -> None:
        p.add_argument("--config", type=Path, default=Path("config.yaml"), help=config_help)
        if fmt:
            p.add_argument(
                "--format", choices=("text", "json", "github"), default="text", help=format_help
            )
        p.add_argument("--lang", choices=("id", "en"), default=None, help=lang_help)

    def outputs(p: argparse.ArgumentParser, cache_help: str) -> None:
        """Where a build writes, and how much it says: `build` and `index` alike."""
        p.add_argument(
            "--out",
            type=Path,
            default=None,
            help=t("folder hasil (bawaan: build/)", "output folder (default: build/)"),
        )
        p.add_argument("--cache", type=Path, default=None, help=cache_help)
        p.add_argument(
            "--quiet",
            "-q",
            action="store_true",
            help=t("cetak masalah saja", "print problems only"),
        )

    b = sub.add_parser(
        "build",
        help=t(
            "bangun semua situs KIM dan situs indeks provinsi",
            "build every KIM site and the province index",
        ),
        description=t(
            "Bangun semua situs KIM (atau yang disebut) dan situs indeks provinsi.",
            "Build every KIM site (or those named) and the province index.",
        ),
    )
    b.add_argument(
        "kims",
        nargs="*",
        metavar="KIM",
        help=t("bangun hanya KIM ini (nama folder)", "build only these KIMs (folder names)"),
    )
    common(b)
    outputs(
        b, t("folder cache (bawaan: .kimsite-cache/)", "cache folder (default: .kimsite-cache/)")
    )
    b.add_argument(
        "--drafts",
        action="store_true",
        help=t("terbitkan juga artikel draf: true", "also publish articles with draf: true"),
    )
    b.add_argument(
        "--future",
        action="store_true",
        help=t("terbitkan juga artikel bertanggal nanti", "also publish future-dated articles"),
    )
    b.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help=t(
            "jumlah proses kerja (bawaan: jumlah inti prosesor)",
            "worker processes (default: the machine's cores)",
        ),
    )
    b.add_argument(
        "--shard",
        type=_shard,
        default=None,
        metavar="I/N",
        help=t(
            "bangun hanya bagian I dari N (KIM dibagi menurut hash tetap); indeks dilewati",
            "build only shard I of N (KIMs split by a stable hash); skip the index",
        ),
    )

    c = sub.add_parser(
        "check",
        help=t(
            "periksa isi seperti build, dan lebih teliti; tidak menulis apa pun",
            "check content like a build would, and more; write nothing",
        ),
    )
    c.add_argument(
        "kims", nargs="*", metavar="KIM", help=t("periksa hanya KIM ini", "check only these KIMs")
    )
    c.add_argument(
        "--strict",
        action="store_true",
        help=t("peringatan pun dianggap gagal (kode keluar 1)", "warnings fail too (exit code 1)"),
    )
    common(c)

    n = sub.add_parser(
        "new",
        help=t(
            "buat profil KIM atau artikel baru sebagai awal",
            "create a KIM profile or an article to start from",
        ),
    )
    what = n.add_subparsers(dest="what", required=True, metavar=t("JENIS", "WHAT"))
    nk = what.add_parser(
        "kim",
        help=t(
            "folder KIM baru dengan kim.yaml berpenjelasan",
            "a new KIM folder with a documented kim.yaml",
        ),
    )
    nk.add_argument(
        "slug",
        help=t(
            "nama folder: id KIM dan nama domainnya, misalnya sesela",
            "folder name: the KIM's id and DNS label, e.g. sesela",
        ),
    )
    nk.add_argument(
        "--kode-wilayah",
        required=True,
        help=t(
            "kode desa Kemendagri, misalnya 52.01.09.2003",
            "Kemendagri desa code, e.g. 52.01.09.2003",
        ),
    )
    na = what.add_parser(
        "artikel",
        help=t(
            "artikel baru bertanggal sekarang, di zona waktu KIM",
            "a new article dated now, in the KIM's time zone",
        ),
    )
    na.add_argument("kim", help=t("nama folder KIM", "the KIM's folder name"))
    na.add_argument(
        "judul", help=t("judul artikel, di antara tanda kutip", "the article's title, in quotes")
    )
    na.add_argument("--penulis", default="", help=t("nama penulis", "author's name"))
    for parser_ in (nk, na):
        common(parser_, fmt=False)

    w = sub.add_parser(
        "wilayah",
        help=t(
            "cari kode desa/kelurahan Kemendagri menurut namanya",
            "look up Kemendagri desa/kelurahan codes by name",
        ),
    )
    wsub = w.add_subparsers(dest="wilayah", required=True, metavar=t("PERINTAH", "COMMAND"))
    wc = wsub.add_parser(
        "cari",
        help=t(
            "desa/kelurahan yang namanya cocok (ejaan boleh sedikit berbeda)",
            "desa/kelurahan whose name matches (spelling may be a little off)",
        ),
    )
    wc.add_argument("nama", nargs="+", help=t("nama desa atau kelurahan", "desa/kelurahan name"))
    wc.add_argument(
        "--kabupaten",
        default=None,
        help=t("hanya di kabupaten/kota ini (sebagian nama cukup)", "only in this kabupaten/kota"),
    )
    wc.add_argument(
        "--semua",
        action="store_true",
        help=t("cari di seluruh Indonesia, bukan provinsi ini saja", "search all of Indonesia"),
    )
    common(wc, fmt=False)

    v = sub.add_parser(
        "serve",
        help=t(
            "pratinjau langsung satu situs KIM, dimuat ulang tiap berkas disimpan",
            "live preview of one KIM's site, reloading on every save",
        ),
    )
    v.add_argument(
        "kim",
        nargs="?",
        metavar="KIM",
        help=t(
            "KIM yang dipratinjau (bawaan: yang pertama)", "the KIM to preview (default: the first)"
        ),
    )
    v.add_argument(
        "--index",
        action="store_true",
        help=t("pratinjau situs indeks provinsi", "preview the province index instead"),
    )
    v.add_argument(
        "--port",
        type=int,
        default=8000,
        help=t(
            "port di 127.0.0.1 (0: port bebas mana saja)", "port on 127.0.0.1 (0: any free one)"
        ),
    )
    v.add_argument(
        "--poll",
        action="store_true",
        help=t(
            "periksa berkas berkala alih-alih menunggu kabar dari sistem (folder jaringan, "
            "WSL, batas inotify); dipilih sendiri bila sistem tidak bisa mengabarkan",
            "poll files instead of waiting for the system's notices (network drives, WSL, "
            "inotify limits); chosen by itself when the system cannot report changes",
        ),
    )
    v.add_argument(
        "--admin",
        action="store_true",
        help=t(
            "buka juga penyunting di peramban (/admin/) yang menyimpan langsung ke folder KIM; "
            "butuh Node.js dan npm, tanpa akun",
            "also open the browser editor (/admin/), saving straight into the KIM's folder; "
            "needs Node.js and npm, no account",
        ),
    )
    common(v, fmt=False)

    a = sub.add_parser(
        "admin",
        help=t(
            "penyunting di peramban (Decap CMS): ambil programnya, tulis CODEOWNERS",
            "the browser editor (Decap CMS): fetch its program, write CODEOWNERS",
        ),
    )
    asub = a.add_subparsers(dest="admin", required=True, metavar=t("PERINTAH", "COMMAND"))
    af = asub.add_parser(
        "fetch",
        help=t(
            "ambil Decap CMS dan decap-server dari registri npm sekarang (build dan serve "
            "--admin melakukannya sendiri bila perlu)",
            "fetch Decap CMS and decap-server from the npm registry now (build and serve "
            "--admin do it themselves when needed)",
        ),
    )
    af.add_argument("--cache", type=Path, default=None,
                    help=t("folder cache (bawaan: .kimsite-cache/)",
                           "cache folder (default: .kimsite-cache/)"))
    ac = asub.add_parser(
        "codeowners",
        help=t(
            "tulis CODEOWNERS: pengelola tiap folder KIM dari config.yaml",
            "write CODEOWNERS: each KIM folder's maintainers from config.yaml",
        ),
    )
    ac.add_argument("--output", "-o", type=Path, default=None,
                    help=t("berkas tujuan (bawaan: .github/, .gitlab/ atau .gitea/CODEOWNERS, "
                           "menurut backend)",
                           "file to write (default: .github/, .gitlab/ or .gitea/CODEOWNERS, "
                           "by backend)"))
    ac.add_argument("--check", action="store_true",
                    help=t("hanya periksa bahwa berkas itu sesuai (kode keluar 1 bila tidak)",
                           "only check that the file is up to date (exit 1 if not)"))
    au = asub.add_parser(
        "urls",
        help=t(
            "cetak alamat /admin/ setiap KIM (redirect URI aplikasi OAuth GitLab/Gitea)",
            "print every KIM's /admin/ address (redirect URIs of the GitLab/Gitea OAuth app)",
        ),
    )
    for parser_ in (af, ac, au):
        common(parser_, fmt=False)

    d = sub.add_parser(
        "deploy",
        help=t(
            "terbitkan situs: konfigurasi nginx, kirim rilis ke server, kembali ke rilis lama",
            "publish the sites: nginx configuration, releases to a server, rollback",
        ),
    )
    dsub = d.add_subparsers(dest="deploy", required=True, metavar=t("PERINTAH", "COMMAND"))
    dn = dsub.add_parser(
        "nginx",
        help=t(
            "tulis konfigurasi nginx untuk semua host (untuk conf.d/)",
            "write an nginx configuration for every host (for conf.d/)",
        ),
    )
    dn.add_argument(
        "--root",
        required=True,
        help=t(
            "folder di server yang berisi <host>/ tiap situs, misalnya /srv/kim/current",
            "folder on the server holding each site's <host>/, e.g. /srv/kim/current",
        ),
    )
    dn.add_argument(
        "--listen",
        default="80",
        help=t("alamat:port HTTP (bawaan: 80)", "HTTP address:port (default: 80)"),
    )
    dn.add_argument(
        "--listen-tls",
        default="443",
        help=t(
            "alamat:port HTTPS, untuk host yang punya sertifikat di config.yaml (bawaan: 443)",
            "HTTPS address:port, for hosts with a certificate in config.yaml (default: 443)",
        ),
    )
    dn.add_argument(
        "--brotli",
        action="store_true",
        help=t(
            "sajikan salinan .br (perlu modul nginx brotli_static, Debian: "
            "libnginx-mod-http-brotli-static)",
            "serve the .br copies (needs nginx's brotli_static module)",
        ),
    )
    dn.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help=t("tulis ke berkas ini (bawaan: layar)", "write to this file (default: stdout)"),
    )
    dn.add_argument(
        "--build",
        type=Path,
        default=None,
        help=t(
            "folder hasil build, untuk memeriksa tujuan pengalihan (bawaan: build/)",
            "the build folder, to check redirect targets (default: build/)",
        ),
    )
    target_help = t(
        "folder rilis: jalur lokal atau user@host:/jalur (lewat ssh)",
        "releases folder: a local path or user@host:/path (over ssh)",
    )
    ssh_help = t(
        "perintah ssh beserta opsinya (bawaan: ssh), misalnya \"ssh -p 2222 -i kunci\"",
        "the ssh command with its options (default: ssh)",
    )
    ds = dsub.add_parser(
        "sync",
        help=t(
            "kirim build/ sebagai rilis baru lalu aktifkan (atomik)",
            "send build/ as a new release and switch to it (atomically)",
        ),
    )
    ds.add_argument("target", metavar="TARGET", help=target_help)
    ds.add_argument(
        "--build",
        type=Path,
        default=Path("build"),
        help=t("folder hasil build (bawaan: build/)", "the build folder (default: build/)"),
    )
    ds.add_argument(
        "--keep",
        type=int,
        default=5,
        help=t("simpan sekian rilis terakhir (bawaan: 5)", "keep this many releases (default: 5)"),
    )
    ds.add_argument("--ssh", default="ssh", help=ssh_help)
    dr = dsub.add_parser(
        "rollback",
        help=t("kembali ke rilis sebelumnya", "switch back to the previous release"),
    )
    dr.add_argument("target", metavar="TARGET", help=target_help)
    dr.add_argument("--ssh", default="ssh", help=ssh_help)
    common(dn, fmt=True)
    for parser_ in (ds, dr):
        parser_.add_argument("--lang", choices=("id", "en"), default=None, help=lang_help)

    im = sub.add_parser(
        "import",
        help=t(
            "impor situs lama KIM (WordPress atau Blogger) beserta pengalihan alamat lamanya",
            "import a KIM's old site (WordPress or Blogger) with redirects from its old URLs",
        ),
    )
    isub = im.add_subparsers(dest="importer", required=True, metavar=t("SUMBER", "SOURCE"))
    iw = isub.add_parser(
        "wordpress",
        help=t(
            "berkas ekspor WordPress (Alat → Ekspor, .xml)",
            "a WordPress export file (Tools → Export, .xml)",
        ),
    )
    iw.add_argument("export", type=Path, metavar="EKSPOR.xml")
    iw.add_argument("--kim", required=True, help=t("folder KIM tujuan", "the KIM folder to fill"))
    iw.add_argument(
        "--uploads",
        type=Path,
        default=None,
        help=t(
            "salinan folder wp-content/uploads situs lama: gambar disalin ke media/",
            "a copy of the old site's wp-content/uploads: images are copied into media/",
        ),
    )
    iw.add_argument(
        "--force",
        action="store_true",
        help=t(
            "timpa berkas yang sudah ada dan sudah diubah sejak impor sebelumnya",
            "overwrite files that exist and were changed since the last import",
        ),
    )
    ib = isub.add_parser(
        "blogger",
        help=t(
            "ekspor Blogger (feed.atom dari Google Takeout, atau Cadangkan konten)",
            "a Blogger export (feed.atom from Google Takeout, or Back up content)",
        ),
    )
    ib.add_argument("export", type=Path, metavar="FEED.atom")
    ib.add_argument("--kim", required=True, help=t("folder KIM tujuan", "the KIM folder to fill"))
    ib.add_argument(
        "--force",
        action="store_true",
        help=t(
            "timpa berkas yang sudah ada dan sudah diubah sejak impor sebelumnya",
            "overwrite files that exist and were changed since the last import",
        ),
    )
    for parser_ in (iw, ib):
        common(parser_, fmt=False)

    x = sub.add_parser(
        "index",
        help=t(
            "bangun situs indeks provinsi saja, dari ringkasan KIM",
            "build only the province index, from KIM summaries",
        ),
    )
    common(x)
    outputs(
        x,
        t(
            "folder cache berisi summaries/ (bawaan: .kimsite-cache/)",
            "cache folder holding summaries/ (default: .kimsite-cache/)",
        ),
    )
    return top


def _shard(text: str) -> Shard:
    try:
        return Shard.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError("I/N, 1 <= I <= N (2/8)") from None


__all__ = ["lang_of_argv", "parser"]
