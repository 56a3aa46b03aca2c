"""The `kimsite` command: parses arguments, calls the library, prints, sets the exit code.

Each command is a module here holding its arguments beside its handler (`add` registers
its parser, `run` is what it does); this one only assembles them and runs what was parsed.
The library never prints or exits, so tests and other tools can call it directly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kimsite import __version__
from kimsite.cli import admin, build, check, deploy, foto, importing, new, serve, wilayah
from kimsite.cli.options import Options, lang_of, lang_of_argv
from kimsite.i18n.foreign import argparse_in

# In the order `kimsite --help` lists them.
COMMANDS = (
    build.add,
    check.add,
    foto.add,
    new.add,
    wilayah.add,
    serve.add,
    admin.add,
    deploy.add,
    importing.add,
    build.add_index,
)


def parser(lang: str = "id") -> argparse.ArgumentParser:
    """The command line, its help in the reader's language (Indonesian unless asked)."""
    o = Options(lang)
    top = argparse.ArgumentParser(
        prog="kimsite",
        description=o.t("help.main_description"),
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"kimsite {__version__}",
        help=o.t("help.main_version"),
    )
    sub = top.add_subparsers(
        dest="command",
        required=True,
        metavar=o.t("help.metavar_command"),
        title=o.t("help.main_commands"),
    )
    for add in COMMANDS:
        add(sub, o)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parse_lang = lang_of_argv(words)
    with argparse_in(parse_lang):
        args = parser(parse_lang).parse_args(words)
    try:
        code = int(args.run(args, lang_of(args)))
        sys.stdout.flush()  # here, where a reader gone is caught, not at the interpreter's exit
        return code
    except BrokenPipeError:
        # Its reader went away (`kimsite wilayah cari x | head`): nothing more to say, and
        # no traceback. stdout is pointed at nothing so that Python's last flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


__all__ = ["main", "parser"]
