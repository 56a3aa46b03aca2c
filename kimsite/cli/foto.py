"""`kimsite foto`: the photos of KIM folders kept small in the repository itself."""

from __future__ import annotations

import argparse

from kimsite.cli.options import Options, Subparsers, print_problems
from kimsite.i18n.messages import render_message
from kimsite.model.problems import KimsiteError, display_path


def add(sub: Subparsers, o: Options) -> None:
    f = o.command(
        sub,
        "foto",
        run,
        help=o.t("help.foto_foto"),
    )
    f.add_argument("kims", nargs="*", metavar="KIM", help=o.t("help.foto_kims"))
    o.common(f)


def run(args: argparse.Namespace, lang: str) -> int:
    from kimsite.authoring.photos import shrink_kims
    from kimsite.source.config import load_config

    try:
        config = load_config(args.config)
    except KimsiteError as exc:
        print_problems(exc.problems, args.format, lang)
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


__all__ = ["add", "run"]
