"""`kimsite admin fetch|codeowners|urls`: the browser editor's program fetched, its
CODEOWNERS written, its OAuth redirect addresses printed."""

from __future__ import annotations

import argparse
from pathlib import Path

from kimsite.admin.bundle import load_bundle
from kimsite.admin.codeowners import LOCATION, codeowners
from kimsite.admin.local import install_server
from kimsite.cli.options import Options, Subparsers, print_problems, say
from kimsite.model.problems import KimsiteError, ProblemLog
from kimsite.output.atomic import write_atomic
from kimsite.source.config import load_config
from kimsite.source.files import list_kim_folders
from kimsite.source.hosts import host_of, host_problems


def add(sub: Subparsers, o: Options) -> None:
    a = o.command(
        sub,
        "admin",
        run,
        help=o.t("help.admin_admin"),
    )
    asub = a.add_subparsers(dest="admin", required=True, metavar=o.t("help.metavar_command"))
    af = asub.add_parser(
        "fetch",
        help=o.t("help.admin_fetch"),
    )
    af.add_argument(
        "--cache",
        type=Path,
        default=None,
        help=o.t("help.admin_cache"),
    )
    ac = asub.add_parser(
        "codeowners",
        help=o.t("help.admin_codeowners"),
    )
    ac.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help=o.t("help.admin_output"),
    )
    ac.add_argument(
        "--check",
        action="store_true",
        help=o.t("help.admin_check"),
    )
    au = asub.add_parser(
        "urls",
        help=o.t("help.admin_urls"),
    )
    for parser_ in (af, ac, au):
        o.common(parser_, fmt=False)


def run(args: argparse.Namespace, lang: str) -> int:
    try:
        config = load_config(args.config)
        if args.admin == "fetch":
            cache = args.cache or config.root / ".kimsite-cache"
            log = ProblemLog()
            bundle = load_bundle(cache, log, args.config)
            print_problems(list(log), "text", lang)
            if bundle is None:
                return 1
            install_server(cache)
            say("admin.fetched", lang, version=bundle.version, cache=str(cache))
            return 0
    except KimsiteError as exc:
        print_problems(exc.problems, "text", lang)
        return 1
    folders = {f.name: f for f in list_kim_folders(config.content_dir)}
    if args.admin == "urls":
        # The redirect URIs of the OAuth application (GitLab, Gitea): one per KIM host,
        # left out where the host clashes (that KIM is not built).
        clashes = host_problems(folders, config)
        for slug in sorted(set(folders) - set(clashes)):
            print(f"{config.base_url(host_of(slug, config))}admin/")
        return 0
    text = codeowners(config, sorted(folders))
    backend = config.penyunting.backend if config.penyunting else "github"
    output: Path = args.output or config.root / LOCATION[backend]
    if args.check:
        if config.penyunting is None and not output.exists():
            return 0  # no editor, no file: nothing to keep in step
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != text:
            say("admin.codeowners_stale", lang, path=str(output))
            return 1
        return 0
    write_atomic(output, text)
    say("admin.codeowners_written", lang, path=str(output))
    return 0


__all__ = ["add", "run"]
