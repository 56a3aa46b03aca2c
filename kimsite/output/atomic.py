"""Replacing a file so that a reader (nginx, a build, an editor) sees the old bytes or the
new ones, never half of them: written beside it, then renamed over it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # what a killed writer may leave behind (the cache and the writer clear them)


def write_atomic(path: Path, data: bytes | str) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Hidden (an editor-leftover name that every KIM file listing skips) and unique per
    # writer, so two processes replacing one file never write into one temporary file.
    tmp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{threading.get_ident()}-{path.name}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
