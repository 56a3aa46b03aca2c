"""What the whole build shares: the run's context, the themes' fingerprints, and the
failures that belong to the machine rather than to one site.

Every part of the build (the pipeline, one KIM, the index, the publish step) reads these;
none of them owns them, so they live here and not in any one of them.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kimsite.build.cache import Cache
from kimsite.model.publishing import BuildOptions
from kimsite.output.digest import bytes_digest
from kimsite.source.config import SiteConfig


@dataclass
class Run:
    """What one build knows before it renders anything."""

    config: SiteConfig
    config_path: Path
    out: Path
    cache: Cache
    options: BuildOptions
    started_ns: int
    config_fp: str
    themes: dict[str, dict[str, tuple[int, int]]]  # theme → its files' stamps


def theme_stamps(
    themes: dict[str, dict[str, tuple[int, int]]], chain: Sequence[str]
) -> dict[str, tuple[int, int]]:
    return {f"{name}/{rel}": stamp for name in chain for rel, stamp in themes.get(name, {}).items()}


def theme_fp(themes: dict[str, dict[str, tuple[int, int]]], chain: Sequence[str]) -> str:
    return bytes_digest(repr(sorted(theme_stamps(themes, chain).items())).encode())


# Failures of the machine rather than of one KIM: no other KIM could be written either.
MACHINE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})


class MachineFailure(Exception):
    """The output or cache cannot be written at all; the build stops, all output intact."""

    def __init__(self, code: int, text: str) -> None:
        super().__init__(code, text)
        self.code, self.text = code, text


__all__ = ["MACHINE_ERRNOS", "MachineFailure", "Run", "theme_fp", "theme_stamps"]
