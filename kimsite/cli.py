"""The `kimsite` command: parses arguments, calls the library, prints, sets the exit code.

Nothing else lives here: the library never prints or exits, so tests and other tools can
call it directly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kimsite import __version__
from kimsite.build import BuildReport, Progress, Shard, build, build_index, current_time
from kimsite.messages import argparse_in, render_message
from kimsite.problems import (
    KimsiteError,
    Problem,
    display_path,
    format_github,
    format_json,
    format_text,
)


def _lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None) or os.environ.get("KIMSITE_LANG", "id")
    return "en" if lang.lower().startswith("en") else "id"


def _lang_of_argv(argv: Sequence[str]) -> str:
    """The language to parse in, before parsing: `--lang en` / `--lang=en`, else KIMSITE_LANG."""
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            return "en" if argv[n + 1].lower().startswith("en") else "id"
        if arg.startswith("--lang="):
            return "en" if arg[7:].lower().startswith("en") else "id"
    env = os.environ.get("KIMSITE_LANG", "id")
    return "en" if env.lower().startswith("en") else "id"


def _parser(lang: str = "id") -> argparse.ArgumentParser:
    """The command line, its help in the reader's language (Indonesian unless asked)."""

    def t(indonesian: str, english: str) -> str:
        return english if lang == "en" else indonesian

    parser = argparse.ArgumentParser(
        prog="kimsite",
        description=t(
            "Pembangun situs statis untuk situs web KIM (Kelompok/Komunitas Informasi "
            "Masyarakat): satu situs per KIM dan satu situs indeks provinsi.",
            "Static site generator for KIM (Komunitas Informasi Masyarakat) websites.",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"kimsite {__version__}",
        help=t("tampilkan versi kimsite lalu keluar", "show kimsite's version and exit"),
    )
    sub = parser.add_subparsers(
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
    b.add_argument(
        "--out",
        type=Path,
        default=None,
        help=t("folder hasil (bawaan: build/)", "output folder (default: build/)"),
    )
    b.add_argument(
        "--cache",
        type=Path,
        default=None,
        help=t("folder cache (bawaan: .kimsite-cache/)", "cache folder (default: .kimsite-cache/)"),
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
        "--quiet", "-q", action="store_true", help=t("cetak masalah saja", "print problems only")
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
    common(v, fmt=False)

    x = sub.add_parser(
        "index",
        help=t(
            "bangun situs indeks provinsi saja, dari ringkasan KIM",
            "build only the province index, from KIM summaries",
        ),
    )
    common(x)
    x.add_argument(
        "--out",
        type=Path,
        default=None,
        help=t("folder hasil (bawaan: build/)", "output folder (default: build/)"),
    )
    x.add_argument(
        "--cache",
        type=Path,
        default=None,
        help=t(
            "folder cache berisi summaries/ (bawaan: .kimsite-cache/)",
            "cache folder holding summaries/ (default: .kimsite-cache/)",
        ),
    )
    x.add_argument(
        "--quiet", "-q", action="store_true", help=t("cetak masalah saja", "print problems only")
    )
    return parser


def _shard(text: str) -> Shard:
    try:
        return Shard.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError("I/N, 1 <= I <= N (2/8)") from None


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parse_lang = _lang_of_argv(words)
    with argparse_in(parse_lang):
        args = _parser(parse_lang).parse_args(words)
    lang = _lang(args)
    if args.command == "build":
        return _build(args, lang)
    if args.command == "index":
        return _index(args, lang)
    if args.command == "check":
        return _check(args, lang)
    if args.command == "serve":
        return _serve(args, lang)
    if args.command == "new":
        return _new(args, lang)
    if args.command == "wilayah":
        return _wilayah(args, lang)
    return 2  # pragma: no cover  (argparse rejects unknown commands)


def _print_problems(problems: Sequence[Problem], fmt: str, lang: str) -> None:
    if fmt == "json":
        print(format_json(problems, lang))
    elif fmt == "github":
        if problems:
            print(format_github(problems, lang))
    elif problems:
        print(format_text(problems, lang), file=sys.stderr)


def _progress_printer(enabled: bool, lang: str) -> Progress | None:
    """One line, rewritten in place: which KIM, how far, how many files so far.

    Only on a terminal: in CI (or piped to a file) a build prints its problems and summary.
    """
    if not enabled:
        return None
    total_files = 0

    def show(slug: str, position: int, total: int, files: int) -> None:
        nonlocal total_files
        total_files += files
        line = render_message(
            "build.progress",
            {"position": position, "total": total, "slug": slug, "files": total_files},
            lang,
        )
        sys.stderr.write(f"\r\x1b[K{line}")
        if position == total:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()

    return show


def _build(args: argparse.Namespace, lang: str) -> int:
    interactive = sys.stderr.isatty() and not os.environ.get("CI") and not args.quiet
    try:
        report = build(
            args.config,
            out_dir=args.out,
            only=args.kims,
            drafts=args.drafts,
            future=args.future,
            cache_dir=args.cache,
            jobs=max(1, args.jobs),
            shard=args.shard,
            progress=_progress_printer(interactive, lang),
        )
    except KimsiteError as exc:
        _print_problems(exc.problems, args.format, lang)
        return 1
    _print_report(report, args, lang)
    return 0 if report.ok else 1


def _print_report(report: BuildReport, args: argparse.Namespace, lang: str) -> None:
    _print_problems(report.problems, args.format, lang)
    if not args.quiet and args.format == "text":
        print(_summary(report, lang), file=sys.stderr)


def _check(args: argparse.Namespace, lang: str) -> int:
    from kimsite.check import check

    try:
        report = check(args.config, only=args.kims)
    except KimsiteError as exc:
        _print_problems(exc.problems, args.format, lang)
        return 1
    failed = report.errors > 0 or (args.strict and report.warnings > 0)
    if args.format == "json":
        print(format_json(report.problems, lang))
        return 1 if failed else 0
    if args.format == "github":
        if report.problems:
            print(format_github(report.problems, lang))
        return 1 if failed else 0
    if report.problems:
        print(format_text(report.problems, lang))
    counts = {
        "kims": report.kims,
        "documents": report.documents,
        "errors": report.errors,
        "warnings": report.warnings,
    }
    for item in sorted(report.scheduled, key=lambda x: (x.at, str(x.source))):
        where = {"path": display_path(item.source), "judul": item.judul, "when": item.when}
        print(render_message("check.scheduled", where, lang))
    print(render_message("check.summary", counts, lang))
    if not report.problems:
        print(render_message("check.clean", {}, lang))
    return 1 if failed else 0


def _serve(args: argparse.Namespace, lang: str) -> int:
    from kimsite.config import load_config
    from kimsite.content import list_kim_folders
    from kimsite.serve import serve

    def say(text: str) -> None:
        print(text, flush=True)

    try:
        slug = None if args.index else args.kim
        if slug is None and not args.index:
            folders = [f.name for f in list_kim_folders(load_config(args.config).content_dir)]
            if not folders:
                slug = ""
            else:
                slug = folders[0]
                say(
                    render_message(
                        "serve.pick",
                        {"slug": slug, "others": ", ".join(folders[1:20]) or "-"},
                        lang,
                    )
                )
        serve(args.config, slug or None, args.port, lang, say)
    except KimsiteError as exc:
        _print_problems(exc.problems, "text", lang)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def _new(args: argparse.Namespace, lang: str) -> int:
    from kimsite.config import load_config
    from kimsite.scaffold import new_article, new_kim, new_kim_region

    try:
        config = load_config(args.config)
        if args.what == "kim":
            path = new_kim(config, args.slug, args.kode_wilayah)
            follow = render_message("new.next_kim", {"slug": args.slug}, lang)
            region = new_kim_region(path)
            if region is not None:
                label = f"{region.desa_label}, {region.kecamatan_label}, {region.kabkota}"
                follow = (
                    render_message("new.region", {"label": label, "code": region.code}, lang)
                    + "\n"
                    + follow
                )
        else:
            path = new_article(config, args.kim, args.judul, current_time(), args.penulis)
            follow = render_message("new.next_article", {"slug": args.kim}, lang)
    except KimsiteError as exc:
        _print_problems(exc.problems, "text", lang)
        return 1
    print(render_message("new.created", {"path": display_path(path)}, lang))
    print(follow)
    return 0


def _wilayah(args: argparse.Namespace, lang: str) -> int:
    from kimsite.config import load_config
    from kimsite.regions import find

    name = " ".join(args.nama)
    within = ""
    if not args.semua and args.config.is_file():
        try:
            within = load_config(args.config).provinsi
        except KimsiteError:
            within = ""  # a broken config.yaml: look everywhere
    found = find(name, within, args.kabupaten)
    for r in found:
        print(f"{r.code}  {r.desa_label}, {r.kecamatan_label}, {r.kabkota}, {r.provinsi}")
    if not found:
        where = f" ({args.kabupaten})" if args.kabupaten else ""
        print(render_message("wilayah.none", {"name": name, "where": where}, lang), file=sys.stderr)
        return 1
    return 0


def _index(args: argparse.Namespace, lang: str) -> int:
    try:
        report = build_index(args.config, out_dir=args.out, cache_dir=args.cache)
    except KimsiteError as exc:
        _print_problems(exc.problems, args.format, lang)
        return 1
    _print_report(report, args, lang)
    return 0 if report.ok and report.index_built else 1


def _summary(report: BuildReport, lang: str) -> str:
    rendered = [k for k in report.kims if k.built and k.rendered]
    index_state = "build.index_rendered" if report.index_rendered else "build.index_reused"
    lines = [
        render_message(
            "build.summary",
            {
                "rendered": len(rendered),
                "reused": sum(1 for k in report.kims if k.built and not k.rendered),
                "failed": len(report.failed),
                "index": render_message(index_state, {}, lang),
                "pages": sum(k.pages for k in rendered),
                "written": report.stats.written,
                "unchanged": report.stats.unchanged,
                "removed": report.stats.removed,
                "indexed": report.indexed,
                "seconds": f"{report.seconds:.2f}",
                "out": str(report.out_dir),
            },
            lang,
        )
    ]
    for kim in report.failed:
        lines.append(render_message("build.kim_failed", {"slug": kim.slug}, lang))
    if not report.index_built:
        lines.append(render_message("build.index_failed", {}, lang))
    elif report.index_note:
        lines.append(render_message("build.index_partial", {"missing": report.index_note}, lang))
    return "\n".join(lines)
