"""The `kimsite` command line: its commands, options and help, in Indonesian unless the
user asks for English (`--lang en`, `KIMSITE_LANG=en`). `cli.py` runs what is parsed here.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from kimsite import __version__
from kimsite.build.pipeline import Shard
from kimsite.cli.publish_args import add_publishing


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

    f = sub.add_parser(
        "foto",
        help=t(
            "kecilkan foto di media/ sampai batas provinsi (foto_maks_px), tegak, tanpa GPS",
            "shrink photos in media/ to the province's limit (foto_maks_px), upright, no GPS",
        ),
    )
    f.add_argument("kims", nargs="*", metavar="KIM", help=t("hanya KIM ini", "only these KIMs"))
    common(f)

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

    add_publishing(sub, t, common, lang_help)

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
