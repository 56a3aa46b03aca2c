"""`kimsite serve`: the live preview of one KIM's site (or the index) on 127.0.0.1."""

from __future__ import annotations

import argparse

from kimsite.cli.options import Options, Subparsers, print_problems
from kimsite.i18n.messages import render_message
from kimsite.model.problems import KimsiteError


def add(sub: Subparsers, o: Options) -> None:
    v = o.command(
        sub,
        "serve",
        run,
        help=o.t("help.serve_serve"),
    )
    v.add_argument(
        "kim",
        nargs="?",
        metavar="KIM",
        help=o.t("help.serve_kim"),
    )
    v.add_argument(
        "--index",
        action="store_true",
        help=o.t("help.serve_index"),
    )
    v.add_argument(
        "--port",
        type=int,
        default=8000,
        help=o.t("help.serve_port"),
    )
    v.add_argument(
        "--poll",
        action="store_true",
        help=o.t("help.serve_poll"),
    )
    v.add_argument(
        "--admin",
        action="store_true",
        help=o.t("help.serve_admin"),
    )
    o.common(v, fmt=False)


def run(args: argparse.Namespace, lang: str) -> int:
    from kimsite.serve.preview import serve
    from kimsite.source.config import load_config
    from kimsite.source.files import list_kim_folders

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
        print_problems(exc.problems, "text", lang)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


__all__ = ["add", "run"]
