"""`kimsite import wordpress|blogger`: a KIM's old site brought into its folder, in a
worker process with the build's bounds on memory and time."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kimsite.cli.options import Options, Subparsers, say
from kimsite.indonesia.conventions import is_dns_label
from kimsite.model.problems import KimsiteError, Problem
from kimsite.source.config import load_config
from kimsite.source.files import PROFILE_NAME

if TYPE_CHECKING:
    from kimsite.importers.common import Summary


def add(sub: Subparsers, o: Options) -> None:
    im = o.command(
        sub,
        "import",
        run,
        help=o.t("help.importing_import"),
    )
    isub = im.add_subparsers(dest="importer", required=True, metavar=o.t("help.metavar_source"))
    iw = isub.add_parser(
        "wordpress",
        help=o.t("help.importing_wordpress"),
    )
    iw.add_argument("export", type=Path, metavar="EKSPOR.xml")
    iw.add_argument("--kim", required=True, help=o.t("help.importing_kim"))
    iw.add_argument(
        "--uploads",
        type=Path,
        default=None,
        help=o.t("help.importing_uploads"),
    )
    iw.add_argument(
        "--force",
        action="store_true",
        help=o.t("help.importing_force"),
    )
    ib = isub.add_parser(
        "blogger",
        help=o.t("help.importing_blogger"),
    )
    ib.add_argument("export", type=Path, metavar="FEED.atom")
    ib.add_argument("--kim", required=True, help=o.t("help.importing_kim"))
    ib.add_argument(
        "--force",
        action="store_true",
        help=o.t("help.importing_force"),
    )
    for parser_ in (iw, ib):
        o.common(parser_, fmt=False)


def run(args: argparse.Namespace, lang: str) -> int:
    # The importers (an XML parser, Markdown, the sanitiser) load only for this command.
    from kimsite.build.workers import Limits, run_isolated
    from kimsite.importers.blogger import import_blogger
    from kimsite.importers.common import ExportUnreadable
    from kimsite.importers.wordpress import import_wordpress

    try:
        config = load_config(args.config)
    except KimsiteError as exc:
        for p in exc.problems:
            print(p.format(lang), file=sys.stderr)
        return 1
    folder = config.content_dir / args.kim
    if not is_dns_label(args.kim) or folder.is_symlink() or not (folder / PROFILE_NAME).is_file():
        say("import.no_kim", lang, kim=args.kim)
        return 1

    def work(_task: None) -> Summary:
        if args.importer == "blogger":
            return import_blogger(args.export, folder, config.zone, force=args.force)
        return import_wordpress(
            args.export, folder, config.zone, uploads=args.uploads, force=args.force
        )

    # The export is input from outside (and the KIM's own redirect file is read too): the
    # import runs in a worker process with the build's bounds on memory and time, and
    # whatever goes wrong is said in one line, never a traceback; nothing is written
    # unless it all went through (kimsite.importers.common.KimFolder).
    limits = Limits(IMPORT_SECONDS, config.batas_memori_mb * 2**20)
    try:
        [outcome] = run_isolated([None], work, _lost, 1, limits)
    except ExportUnreadable as exc:
        found = Problem(str(args.export), exc.line, "import.unreadable", (("detail", exc.detail),))
        print(found.format(lang), file=sys.stderr)
        return 1
    except KimsiteError as exc:
        for p in exc.problems:
            print(p.format(lang), file=sys.stderr)
        return 1
    except Exception as exc:  # the boundary: any failure is said, never shown
        say("import.failed", lang, detail=f"{type(exc).__name__}: {exc}"[:300])
        return 1
    if isinstance(outcome, str):
        say("import.failed", lang, detail=outcome)
        return 1
    summary: Summary = outcome
    for warning in summary.warnings:
        say("import.warning", lang, detail=warning)
    made = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.counts.items())) or "-"
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(summary.skipped.items())) or "-"
    say("import.done", lang, kim=args.kim, made=made, skipped=skipped, stream=sys.stdout)
    return 0


# An import of a 5,000-post site takes about a minute (python -m benchmarks.importer).
IMPORT_SECONDS = 1800


def _lost(_task: None, why: str) -> Summary | str:
    """The worker was killed past IMPORT_SECONDS or died (memory): said as a detail."""
    if why == "timeout":
        return f"lebih dari {IMPORT_SECONDS} detik"
    return f"proses berhenti mendadak ({why.partition(':')[2]}), biasanya karena memori habis"


__all__ = ["add", "run"]
