"""What every command of the command line shares: its words in the reader's language, the
options most commands take (`--config`, `--format`, `--lang`), and how problems are
printed. Each command's own arguments live beside its handler, in its own module here."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kimsite.i18n.catalogue.command_help import MESSAGES as HELP
from kimsite.i18n.messages import render_message
from kimsite.model.problems import Problem, format_github, format_json, format_text

# A command's handler: the parsed arguments and the reader's language in, an exit code out.
Handler = Callable[[argparse.Namespace, str], int]
Subparsers = Any  # argparse's _SubParsersAction, which argparse does not export


def lang_of_argv(argv: Sequence[str]) -> str:
    """The language to parse in, before parsing: `--lang en` / `--lang=en`, else KIMSITE_LANG."""
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            return "en" if argv[n + 1].lower().startswith("en") else "id"
        if arg.startswith("--lang="):
            return "en" if arg[7:].lower().startswith("en") else "id"
    env = os.environ.get("KIMSITE_LANG", "id")
    return "en" if env.lower().startswith("en") else "id"


def lang_of(args: argparse.Namespace) -> str:
    """The language a command speaks in: its `--lang`, else KIMSITE_LANG, else Indonesian."""
    lang = getattr(args, "lang", None) or os.environ.get("KIMSITE_LANG", "id")
    return "en" if lang.lower().startswith("en") else "id"


@dataclass(frozen=True)
class Options:
    """Help texts in the reader's language, and the options several commands share."""

    lang: str

    def t(self, code: str) -> str:
        """A help text of the catalogue (`i18n/catalogue/command_help.py`), in the
        reader's language."""
        indonesian, english = HELP[code]
        return english if self.lang == "en" else indonesian

    def language(self, p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--lang",
            choices=("id", "en"),
            default=None,
            help=self.t("help.options_lang"),
        )

    def common(self, p: argparse.ArgumentParser, fmt: bool = True) -> None:
        """`--config`, `--format` (unless `fmt` is off) and `--lang`."""
        p.add_argument(
            "--config",
            type=Path,
            default=Path("config.yaml"),
            help=self.t("help.options_config"),
        )
        if fmt:
            p.add_argument(
                "--format",
                choices=("text", "json", "github"),
                default="text",
                help=self.t("help.options_format"),
            )
        self.language(p)

    def command(self, sub: Subparsers, name: str, run: Handler, **texts: str) -> Any:
        """A command's parser, its handler set: `main` runs whatever was parsed."""
        parser = sub.add_parser(name, **texts)
        parser.set_defaults(run=run)
        return parser


def print_problems(problems: Sequence[Problem], fmt: str, lang: str) -> None:
    """Problems as asked: JSON or GitHub annotations on stdout, text for people on stderr."""
    if fmt == "json":
        print(format_json(problems, lang))
    elif fmt == "github":
        if problems:
            print(format_github(problems, lang))
    elif problems:
        print(format_text(problems, lang), file=sys.stderr)


def say(code: str, lang: str, stream: Any = None, **params: object) -> None:
    """One sentence of the catalogue, on stderr unless told."""
    print(render_message(code, params, lang), file=stream or sys.stderr)


__all__ = ["Handler", "Options", "lang_of", "lang_of_argv", "print_problems", "say"]
