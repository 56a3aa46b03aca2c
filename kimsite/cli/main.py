"""The `kimsite` command: parses arguments, calls the library, prints, sets the exit code.

Nothing else lives here: the library never prints or exits, so tests and other tools can
call it directly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kimsite.build.pipeline import BuildReport, Progress, build, build_index, current_time
from kimsite.cli.args import lang_of_argv, parser
from kimsite.i18n.foreign import argparse_in
from kimsite.i18n.messages import render_message
from kimsite.model.problems import (
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


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parse_lang = lang_of_argv(words)
    with argparse_in(parse_lang):
        args = parser(parse_lang).parse_args(words)
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
    if args.command == "foto":
        return _foto(args, lang)
    if args.command == "import":
        from kimsite.importers.command import run_import

        return run_import(args, lang)
    if args.command == "admin":
        from kimsite.admin.command import admin

        return admin(args, lang, _print_problems)
    if args.command == "deploy":
        from kimsite.deploy.command import deploy

        return deploy(args, lang, _print_problems)
    return 2  # pragma: no cover  (argparse rejects unknown commands)


def _foto(args: argparse.Namespace, lang: str) -> int:
    from kimsite.authoring.photos import shrink_kims
    from kimsite.source.config import load_config

    try:
        config = load_config(args.config)
    except KimsiteError as exc:
        _print_problems(exc.problems, args.format, lang)
        return 1
    done = shrink_kims(
        config.content_dir, list(args.kims), config.foto_maks_px, config.foto_kualitas
    )
    for item in done:
        print(
            render_message(
                "foto.shrunk",
                {
                    "path": display_path(item.path),
                    "before_size": f"{item.before[0]}×{item.before[1]}",
                    "after_size": f"{item.after[0]}×{item.after[1]}",
                    "before_mb": f"{item.before[2] / 2**20:.1f}",
                    "after_mb": f"{item.after[2] / 2**20:.1f}",
                },
                lang,
            )
        )
    saved = sum(i.before[2] - i.after[2] for i in done) / 2**20
    if done:
        print(
            render_message("foto.summary", {"count": len(done), "saved_mb": f"{saved:.1f}"}, lang)
        )
    else:
        print(render_message("foto.none", {}, lang))
    return 0


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
            # Even one KIM, or --jobs 1: its time and memory are bounded. Mutation testing
            # alone asks for this process (mutmut sees no call made in a worker).
            isolate=not os.environ.get("KIMSITE_IN_PROCESS"),
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
    from kimsite.authoring.check import check

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
    from kimsite.serve.preview import serve
    from kimsite.source.config import load_config
    from kimsite.source.kim_folder import list_kim_folders

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
        serve(args.config, slug or None, args.port, lang, say, poll=args.poll, admin=args.admin)
    except KimsiteError as exc:
        _print_problems(exc.problems, "text", lang)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def _new(args: argparse.Namespace, lang: str) -> int:
    from kimsite.authoring.scaffold import new_article, new_kim, new_kim_region
    from kimsite.source.config import load_config

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
    from kimsite.indonesia.regions import find
    from kimsite.source.config import load_config

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
    if report.next_due is not None:
        from kimsite.indonesia.conventions import Moment, moment_text

        slug, at = report.next_due
        when = moment_text(Moment(at, True), report.config.zone)
        lines.append(render_message("build.next_due", {"slug": slug, "when": when}, lang))
    for kim in report.failed:
        lines.append(render_message("build.kim_failed", {"slug": kim.slug}, lang))
    if not report.index_built:
        lines.append(render_message("build.index_failed", {}, lang))
    elif report.index_note:
        lines.append(render_message("build.index_partial", {"missing": report.index_note}, lang))
    return "\n".join(lines)
