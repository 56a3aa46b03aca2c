"""Problems found in a project, as values.

A writer's mistake is never an exception that unwinds the build: every loader returns the
problems it found alongside what it could still load, so that one run reports every mistake
at once and one broken KIM cannot stop the others. Exceptions are kept for the rare case
where nothing can go on (`KimsiteError`, e.g. an unreadable `config.yaml`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from kimsite.i18n.messages import render_message


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake, with where it is and the catalogue id of what to say about it."""

    path: str
    line: int | None
    code: str
    params: tuple[tuple[str, Any], ...] = ()
    severity: Severity = Severity.ERROR

    def message(self, lang: str = "id") -> str:
        return render_message(self.code, dict(self.params), lang)

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self, lang: str = "id") -> str:
        label = "" if self.severity is Severity.ERROR else _warning_label(lang)
        return f"{self.location()}: {label}{self.message(lang)}"

    def as_json(self, lang: str = "id") -> dict[str, Any]:
        return {
            "file": self.path,
            "line": self.line,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
        }


def _warning_label(lang: str) -> str:
    return "peringatan: " if lang == "id" else "warning: "


def problem(
    path: Path | str,
    line: int | None,
    code: str,
    severity: Severity = Severity.ERROR,
    /,
    **params: Any,
) -> Problem:
    return Problem(display_path(path), line, code, tuple(sorted(params.items())), severity)


def display_path(path: Path | str) -> str:
    """Paths in messages are relative to the working directory when that is shorter,
    because that is what a writer sees in their editor's file tree."""
    p = Path(path)
    if not p.is_absolute():
        return printable(p.as_posix())
    try:
        shown = Path(os.path.relpath(p)).as_posix() if _is_below_cwd(p) else p.as_posix()
    except ValueError:
        shown = p.as_posix()
    return printable(shown)


def printable(text: str) -> str:
    """A file name as it can be printed, logged and stored as JSON: bytes that are not
    UTF-8 and control characters (which could rewrite a terminal or a CI log) escaped."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in text)


def _is_below_cwd(p: Path) -> bool:
    try:
        p.relative_to(Path.cwd())
    except ValueError:
        return False
    return True


@dataclass
class ProblemLog:
    """Collects problems; a loader appends, the caller decides what they mean."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: Path | str,
        line: int | None,
        code: str,
        severity: Severity = Severity.ERROR,
        /,
        **params: Any,
    ) -> None:
        self.items.append(problem(path, line, code, severity, **params))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Stable order for output: by file, then line, then message id."""
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.code, p.params))


def format_text(problems: Iterable[Problem], lang: str = "id") -> str:
    return "\n".join(p.format(lang) for p in sort_problems(problems))


def format_json(problems: Iterable[Problem], lang: str = "id") -> str:
    return json.dumps(
        [p.as_json(lang) for p in sort_problems(problems)], ensure_ascii=False, indent=2
    )


def format_github(problems: Iterable[Problem], lang: str = "id") -> str:
    """GitHub Actions workflow commands, so problems show up on the changed lines of a PR."""
    lines = []
    for p in sort_problems(problems):
        kind = "error" if p.severity is Severity.ERROR else "warning"
        loc = f"file={p.path}" + (f",line={p.line}" if p.line else "")
        text = p.message(lang).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        lines.append(f"::{kind} {loc}::{text}")
    return "\n".join(lines)


class KimsiteError(Exception):
    """Raised only when nothing useful can go on; carries the problems that explain why."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(format_text(self.problems))

    def __reduce__(self) -> tuple[type[KimsiteError], tuple[list[Problem]]]:
        """Pickled as its problems (it crosses from a worker process whole)."""
        return (KimsiteError, (self.problems,))


def problem_to_json(p: Problem) -> list[Any]:
    """A problem as plain JSON data: the cache keeps those of what it keeps."""
    return [p.path, p.line, p.code, [list(kv) for kv in p.params], p.severity.value]


def problem_from_json(data: list[Any]) -> Problem:
    path, line, code, params, severity = data
    return Problem(path, line, code, tuple((k, v) for k, v in params), Severity(severity))
