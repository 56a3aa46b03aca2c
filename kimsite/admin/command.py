"""`kimsite admin …`: what the command line runs; prints, and returns the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kimsite.admin.bundle import load_bundle
from kimsite.admin.codeowners import LOCATION, codeowners
from kimsite.admin.local import install_server
from kimsite.i18n.messages import render_message
from kimsite.model.problems import KimsiteError, Problem, ProblemLog
from kimsite.output.atomic import write_atomic
from kimsite.source.config import load_config
from kimsite.source.kim_folder import host_of, host_problems, list_kim_folders

Printer = Callable[[Sequence[Problem], str, str], None]


def admin(args: argparse.Namespace, lang: str, print_problems: Printer) -> int:
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
            _say("admin.fetched", lang, version=bundle.version, cache=str(cache))
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
            _say("admin.codeowners_stale", lang, path=str(output))
            return 1
        return 0
    write_atomic(output, text)
    _say("admin.codeowners_written", lang, path=str(output))
    return 0


def _say(code: str, lang: str, **params: object) -> None:
    print(render_message(code, params, lang), file=sys.stderr)
