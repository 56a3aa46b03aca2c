"""Files staged beside the sites and moved into place together: the writer's disk side.

Every file a commit writes goes first to a staging folder on the same filesystem, and into
the site by a rename only once all of them are on the disk: a build killed mid-write
leaves half-written files in the staging folder, never in a site, and the next build
clears it before it starts (`writer.clear_staging`).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import stat
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

STAGING = ".kimsite-tmp"  # beside the site folders; emptied at the start of every build
_counter = itertools.count()


class StagedFiles:
    """Writes files atomically through a staging folder on the same filesystem.

    A build killed mid-write leaves its half-written file in the staging folder, never in
    a site, and the next build clears the staging folder before it starts.
    """

    def __init__(self, root: Path, new_site: bool = False, threads: int = 1) -> None:
        self.root = root
        self.staging = root.parent / STAGING
        self.staging.mkdir(parents=True, exist_ok=True)
        self.ready: set[Path] = {root}  # folders known to be real folders, not links
        # Folders this commit made: nothing can stand in the way of a file inside them, so
        # a province's cold build asks the disk nothing more about its 40,000 files.
        self.new_site = new_site  # nothing of the site is on the disk yet
        self.fresh: set[Path] = {root} if new_site else set()
        self.staged: list[tuple[Path, Path]] = []
        self.made: list[Path] = []  # folders made in the site for staged files, outermost first
        self.written: dict[Path, tuple[int, int]] = {}  # target → size, mtime of its bytes
        # With threads, files are written while the next ones are decided: the calls that
        # create a file (most of a cold build's writing, on a journalled disk) free the
        # interpreter. Only the writing is shared; folders are made here, in order.
        self._pool = ThreadPoolExecutor(threads) if threads > 1 else None
        self._writes: list[Future[None]] = []

    def _temporary(self) -> Path:
        return self.staging / f"{os.getpid()}-{next(_counter)}"

    def _prepare(self, target: Path) -> None:
        parent = target.parent
        if parent not in self.ready:
            self._folders(parent)
        if parent in self.fresh:
            if target in self.fresh:  # a folder this commit made, where a file must now be
                shutil.rmtree(target)
            return
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)  # a folder where a file must now be

    def _folders(self, folder: Path) -> None:
        """Make `folder` and the folders above it up to a known one. No folder between the
        site root and a file may be a symbolic link: one planted in the output (say
        `artikel` → `/etc`) would make the writer write outside it; it is ours to replace
        (the output folder is kimsite's alone), like a file where a folder must now be."""
        chain = []
        current = folder
        while current not in self.ready:
            chain.append(current)
            current = current.parent
        above_fresh = current in self.fresh
        for current in reversed(chain):
            if not above_fresh:
                try:
                    st = os.lstat(current)
                except FileNotFoundError:
                    pass
                else:
                    if stat.S_ISDIR(st.st_mode):
                        self.ready.add(current)
                        continue
                    current.unlink()  # a link, or a file where a folder must now be
            os.mkdir(current)
            self.made.append(current)
            self.fresh.add(current)
            self.ready.add(current)
            above_fresh = True

    def write(self, target: Path, data: bytes) -> None:
        """Stage `data` for `target`; nothing in the site changes before `publish`."""
        self._prepare(target)
        tmp = self._temporary()
        self.staged.append((tmp, target))
        if self._pool is None:
            self._write(tmp, target, data)
        else:
            self._writes.append(self._pool.submit(self._write, tmp, target, data))

    def _write(self, tmp: Path, target: Path, data: bytes) -> None:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            st = os.fstat(f.fileno())  # a rename keeps the time: no stat once in place
        self.written[target] = (st.st_size, st.st_mtime_ns)

    def wait(self) -> None:
        """Every staged file on the disk; raises what a write raised (a full disk)."""
        writes, self._writes = self._writes, []
        try:
            for write in writes:
                write.result()
        finally:
            for write in writes:
                write.cancel()
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None

    def copy(self, source: Path, target: Path) -> None:
        self._prepare(target)
        tmp = self._temporary()
        self.staged.append((tmp, target))
        shutil.copy2(source, tmp)
        st = tmp.stat()
        self.written[target] = (st.st_size, st.st_mtime_ns)

    def publish(self) -> None:
        """Move every staged file into place. All bytes are already on the disk, so a full
        disk or a failed write stops a site before this point, with its old files whole;
        renames within one filesystem need no space."""
        self.wait()
        for tmp, target in self.staged:
            os.replace(tmp, target)
        self.staged.clear()

    def discard(self) -> None:
        """Forget what was staged, and the empty folders made for it: a site whose build
        failed is left as it was, not with a folder nginx would answer 403 for."""
        with contextlib.suppress(Exception):
            self.wait()
        for tmp, _target in self.staged:
            tmp.unlink(missing_ok=True)
        self.staged.clear()
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()


__all__ = ["STAGING", "StagedFiles"]
