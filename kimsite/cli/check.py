"""`kimsite check`: everything a build would find, and more, with nothing written."""

from __future__ import annotations

import argparse

from kimsite.cli.options import Options, Subparsers, print_problems
from kimsite.i18n.messages import render_message
from kimsite.model.problems import (
    KimsiteError,
    display_path,
    format_github,
    format_json,
    format_text,
)


def add(sub: Subparsers, o: Options) -> None:
    c = o.command(
        sub,
        "check",
        run,
        help=o.t("help.check_check"),
    )
    c.add_argument("kims", nargs="*", metavar="KIM", help=o.t("help.check_kims"))
    c.add_argument(
        "--strict",
        action="store_true",
        help=o.t("help.check_strict"),
    )
    o.common(c)


def run(args: argparse.Namespace, lang: str) -> int:
    from kimsite.authoring.check import check

    try:
        report = check(args.config, only=args.kims)
    except KimsiteError as exc:
        print_problems(exc.problems, args.format, lang)
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


__all__ = ["add", "run"]
