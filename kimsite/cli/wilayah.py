"""`kimsite wilayah cari NAMA`: Kemendagri desa/kelurahan codes found by name."""

from __future__ import annotations

import argparse
import sys

from kimsite.cli.options import Options, Subparsers
from kimsite.i18n.messages import render_message
from kimsite.model.problems import KimsiteError


def add(sub: Subparsers, o: Options) -> None:
    w = o.command(
        sub,
        "wilayah",
        run,
        help=o.t("help.wilayah_wilayah"),
    )
    wsub = w.add_subparsers(dest="wilayah", required=True, metavar=o.t("help.metavar_command"))
    wc = wsub.add_parser(
        "cari",
        help=o.t("help.wilayah_cari"),
    )
    wc.add_argument("nama", nargs="+", help=o.t("help.wilayah_nama"))
    wc.add_argument(
        "--kabupaten",
        default=None,
        help=o.t("help.wilayah_kabupaten"),
    )
    wc.add_argument(
        "--semua",
        action="store_true",
        help=o.t("help.wilayah_semua"),
    )
    o.common(wc, fmt=False)


# Lines a search prints at most; a writer narrows it rather than reading hundreds.
SHOWN = 20


def run(args: argparse.Namespace, lang: str) -> int:
    from kimsite.indonesia.regions import find, province_name
    from kimsite.source.config import load_config

    name = " ".join(args.nama)
    within = ""
    if not args.semua and args.config.is_file():
        try:
            within = load_config(args.config).provinsi
        except KimsiteError:
            within = ""  # a broken config.yaml: look everywhere
    found = find(name, within, args.kabupaten, limit=SHOWN + 1)
    for r in found[:SHOWN]:
        print(f"{r.code}  {r.desa_label}, {r.kecamatan_label}, {r.kabkota}, {r.provinsi}")
    if len(found) > SHOWN:
        print(render_message("wilayah.more", {"limit": SHOWN}, lang), file=sys.stderr)
    if not found:
        # Said with where it looked: only the configured province, unless --semua.
        where = f" ({args.kabupaten})" if args.kabupaten else ""
        params = {"name": name, "where": where, "provinsi": province_name(within) or within}
        code = "wilayah.none_in_province" if within else "wilayah.none"
        print(render_message(code, params, lang), file=sys.stderr)
        return 1
    return 0


__all__ = ["add", "run"]
