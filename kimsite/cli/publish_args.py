"""The command line's commands around the build: the browser editor (`admin`), releases
and the web server (`deploy`), and moving a site in (`import`). `cliargs.parser` adds them
with its own wording helpers, so every command speaks the reader's language alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Words = Callable[[str, str], str]
Common = Callable[..., None]


def add_publishing(sub: Any, t: Words, common: Common, lang_help: str) -> None:
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
    af.add_argument(
        "--cache",
        type=Path,
        default=None,
        help=t("folder cache (bawaan: .kimsite-cache/)", "cache folder (default: .kimsite-cache/)"),
    )
    ac = asub.add_parser(
        "codeowners",
        help=t(
            "tulis CODEOWNERS: pengelola tiap folder KIM dari config.yaml",
            "write CODEOWNERS: each KIM folder's maintainers from config.yaml",
        ),
    )
    ac.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help=t(
            "berkas tujuan (bawaan: .github/, .gitlab/ atau .gitea/CODEOWNERS, menurut backend)",
            "file to write (default: .github/, .gitlab/ or .gitea/CODEOWNERS, by backend)",
        ),
    )
    ac.add_argument(
        "--check",
        action="store_true",
        help=t(
            "hanya periksa bahwa berkas itu sesuai (kode keluar 1 bila tidak)",
            "only check that the file is up to date (exit 1 if not)",
        ),
    )
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
        'perintah ssh beserta opsinya (bawaan: ssh), misalnya "ssh -p 2222 -i kunci"',
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
