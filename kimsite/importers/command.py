"""`kimsite import …`: what the command line runs; prints, and returns the exit code."""

from __future__ import annotations

import argparse
import sys

from kimsite.config import load_config
from kimsite.importers.blogger import import_blogger
from kimsite.importers.common import ExportUnreadable
from kimsite.importers.wordpress import import_wordpress
from kimsite.indonesian import is_dns_label
from kimsite.kimfiles import PROFILE_NAME
from kimsite.messages import render_message
from kimsite.problems import KimsiteError, Problem


def run_import(args: argparse.Namespace, lang: str) -> int:
    try:
        config = load_config(args.config)
    except KimsiteError as exc:
        for p in exc.problems:
            print(p.format(lang), file=sys.stderr)
        return 1
    folder = config.content_dir / args.kim
    if not is_dns_label(args.kim) or folder.is_symlink() or not (folder / PROFILE_NAME).is_file():
        _say("import.no_kim", lang, kim=args.kim)
        return 1
    try:
        if args.importer == "blogger":
            summary = import_blogger(args.export, folder, config.zone, force=args.force)
        else:
            summary = import_wordpress(
                args.export, folder, config.zone, uploads=args.uploads, force=args.force
            )
    except ExportUnreadable as exc:
        found = Problem(str(args.export), exc.line, "import.unreadable", (("detail", exc.detail),))
        print(found.format(lang), file=sys.stderr)
        return 1
    except OSError as exc:
        _say("import.failed", lang, detail=str(exc))
        return 1
    for warning in summary.warnings:
        print(f"peringatan: {warning}", file=sys.stderr)
    made = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.counts.items())) or "-"
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(summary.skipped.items())) or "-"
    _say("import.done", lang, kim=args.kim, made=made, skipped=skipped, stream=sys.stdout)
    return 0


def _say(code: str, lang: str, stream: object = None, **params: object) -> None:
    print(render_message(code, params, lang), file=stream or sys.stderr)  # type: ignore[arg-type]


__all__ = ["run_import"]
