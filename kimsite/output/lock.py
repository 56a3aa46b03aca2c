"""One build at a time per output folder and per cache.

A build starts by clearing what a killed build left half-written (the staging folder beside
the sites, the cache's temporary files). Two builds sharing a folder (a CI job started twice,
a writer's second terminal) would clear each other's files mid-write, and the last to save
the cache's state would forget the other's sites. Each build holds an advisory lock (flock)
on a small file in each folder; the kernel drops it when the process ends, however it ends,
so a killed build never leaves a stale lock behind (unlike a lock made of a file's presence).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".kimsite-kunci"


class Busy(Exception):
    """Another process holds the lock of `folder`."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder


@contextlib.contextmanager
def exclusive(*folders: Path) -> Iterator[None]:
    """Hold the lock of every folder (made when missing) for the block; Busy at once, without
    waiting, when another process holds one: a build waiting on a stuck one would hang CI."""
    held = _acquire(folders)
    try:
        yield
    finally:
        _release(held)


def _acquire(folders: tuple[Path, ...]) -> list[int]:
    """The locked descriptors (kept apart from `exclusive`, whose decorator mutation testing
    cannot see through)."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; kimsite builds there unguarded
        return []
    held: list[int] = []
    try:
        for folder in dict.fromkeys(folders):  # the same folder twice would lock itself out
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            held.append(fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise Busy(folder) from None
    except BaseException:
        _release(held)
        raise
    return held


def _release(held: list[int]) -> None:
    for fd in held:
        os.close(fd)  # closing the last descriptor of the open file releases its lock


__all__ = ["LOCK_NAME", "Busy", "exclusive"]
