"""`kimsite new kim|artikel`: a valid, documented starting point for a KIM or an article."""

from __future__ import annotations

import argparse

from kimsite.build.pipeline import current_time
from kimsite.cli.options import Options, Subparsers, print_problems
from kimsite.i18n.messages import render_message
from kimsite.model.problems import KimsiteError, display_path


def add(sub: Subparsers, o: Options) -> None:
    n = o.command(
        sub,
        "new",
        run,
        help=o.t("help.new_new"),
    )
    what = n.add_subparsers(dest="what", required=True, metavar=o.t("help.metavar_what"))
    nk = what.add_parser(
        "kim",
        help=o.t("help.new_kim"),
    )
    nk.add_argument(
        "slug",
        help=o.t("help.new_slug"),
    )
    nk.add_argument(
        "--kode-wilayah",
        required=True,
        help=o.t("help.new_kode_wilayah"),
    )
    na = what.add_parser(
        "artikel",
        help=o.t("help.new_artikel"),
    )
    na.add_argument("kim", help=o.t("help.new_artikel_kim"))
    na.add_argument("judul", help=o.t("help.new_judul"))
    na.add_argument("--penulis", default="", help=o.t("help.new_penulis"))
    for parser_ in (nk, na):
        o.common(parser_, fmt=False)


def run(args: argparse.Namespace, lang: str) -> int:
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
        print_problems(exc.problems, "text", lang)
        return 1
    print(render_message("new.created", {"path": display_path(path)}, lang))
    print(follow)
    return 0


__all__ = ["add", "run"]
