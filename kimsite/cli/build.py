"""`kimsite build` and `kimsite index`: every KIM site and the province index, or the index
alone (after the shards of a sharded build), with their report."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kimsite.build.pipeline import BuildReport, Progress, Shard, build, build_index
from kimsite.cli.options import Options, Subparsers, print_problems
from kimsite.i18n.messages import render_message
from kimsite.model.problems import KimsiteError


def add(sub: Subparsers, o: Options) -> None:
    b = o.command(
        sub,
        "build",
        run,
        help=o.t("help.build_build"),
        description=o.t("help.build_build_description"),
    )
    b.add_argument(
        "kims",
        nargs="*",
        metavar="KIM",
        help=o.t("help.build_kims"),
    )
    o.common(b)
    _outputs(
        b,
        o,
        o.t("help.build_cache"),
    )
    b.add_argument(
        "--drafts",
        action="store_true",
        help=o.t("help.build_drafts"),
    )
    b.add_argument(
        "--future",
        action="store_true",
        help=o.t("help.build_future"),
    )
    b.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help=o.t("help.build_jobs"),
    )
    b.add_argument(
        "--shard",
        type=_shard,
        default=None,
        metavar="I/N",
        help=o.t("help.build_shard"),
    )


def add_index(sub: Subparsers, o: Options) -> None:
    x = o.command(
        sub,
        "index",
        run_index,
        help=o.t("help.build_index"),
    )
    o.common(x)
    _outputs(
        x,
        o,
        o.t("help.index_cache"),
    )


def _outputs(p: argparse.ArgumentParser, o: Options, cache_help: str) -> None:
    """Where a build writes, and how much it says: `build` and `index` alike."""
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help=o.t("help.build_out"),
    )
    p.add_argument("--cache", type=Path, default=None, help=cache_help)
    p.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help=o.t("help.build_quiet"),
    )


def _shard(text: str) -> Shard:
    try:
        return Shard.parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError("I/N, 1 <= I <= N (2/8)") from None


def run(args: argparse.Namespace, lang: str) -> int:
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
        print_problems(exc.problems, args.format, lang)
        return 1
    _print_report(report, args, lang)
    return 0 if report.ok else 1


def run_index(args: argparse.Namespace, lang: str) -> int:
    try:
        report = build_index(args.config, out_dir=args.out, cache_dir=args.cache)
    except KimsiteError as exc:
        print_problems(exc.problems, args.format, lang)
        return 1
    _print_report(report, args, lang)
    return 0 if report.ok and report.index_built else 1


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


def _print_report(report: BuildReport, args: argparse.Namespace, lang: str) -> None:
    print_problems(report.problems, args.format, lang)
    if not args.quiet and args.format == "text":
        print(_summary(report, lang), file=sys.stderr)


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


__all__ = ["add", "add_index", "run", "run_index"]
