"""The one way kimsite writes output: staged, checked, atomic, and only when bytes change.

A site is rendered completely into a `SiteOutput` first. Only when every page of it rendered
does `commit` touch the disk, so a failure leaves the previous output of that site intact.
Unchanged files are not rewritten (their mtime stays, so rsync and CDNs see no change), and
files the new build no longer produces are removed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kimsite.routes import output_path


@dataclass(frozen=True)
class Owner:
    """Who produces an output file: a label for messages, and the content file if any."""

    label: str
    source: Path | None = None


class OutputConflict(Exception):
    def __init__(self, path: PurePosixPath, first: Owner, second: Owner) -> None:
        self.path, self.first, self.second = path, first, second
        super().__init__(f"{path}: {first.label} / {second.label}")

    @property
    def source(self) -> Path | None:
        """The content file to blame: the second claimant's, else the first's."""
        return self.second.source or self.first.source


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0

    def add(self, other: WriteStats) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.removed += other.removed


@dataclass
class SiteOutput:
    """Everything one site will contain, keyed by its path inside the site folder."""

    texts: dict[PurePosixPath, bytes] = field(default_factory=dict)
    copies: dict[PurePosixPath, Path] = field(default_factory=dict)
    owners: dict[PurePosixPath, Owner] = field(default_factory=dict)

    def claim(self, url: str, owner: Owner) -> PurePosixPath:
        """Reserve the file for `url`; two sources claiming one file is an error naming both."""
        path = output_path(url)
        if path in self.owners:
            raise OutputConflict(path, self.owners[path], owner)
        self.owners[path] = owner
        return path

    def add_text(self, url: str, content: str | bytes, owner: Owner) -> None:
        path = self.claim(url, owner)
        self.texts[path] = content.encode("utf-8") if isinstance(content, str) else content

    def add_copy(self, url: str, source: Path, owner: Owner) -> None:
        self.copies[self.claim(url, owner)] = source

    def __len__(self) -> int:
        return len(self.owners)


def commit(site: SiteOutput, root: Path, keep: frozenset[str] = frozenset()) -> WriteStats:
    """Make `root` hold exactly `site`: write what changed, remove what is gone.

    `keep` names top-level entries of `root` that are not ours to remove.
    """
    stats = WriteStats()
    root.mkdir(parents=True, exist_ok=True)
    real_root = root.resolve()
    for rel, data in sorted(site.texts.items()):
        target = _inside(real_root, rel)
        if target.is_file() and not target.is_symlink() and _same_bytes(target, data):
            stats.unchanged += 1
            continue
        _atomic_write(target, data)
        stats.written += 1
    for rel, source in sorted(site.copies.items()):
        target = _inside(real_root, rel)
        if _same_file(source, target):
            stats.unchanged += 1
            continue
        _atomic_copy(source, target)
        stats.written += 1
    stats.removed = _remove_stale(real_root, set(site.owners), keep)
    return stats


def _inside(root: Path, rel: PurePosixPath) -> Path:
    target = root.joinpath(*rel.parts)
    parent = Path(os.path.realpath(target.parent)) if target.parent.exists() else target.parent
    if ".." in rel.parts or not (parent == root or parent.is_relative_to(root)):
        raise ValueError(f"refusing to write outside {root}: {rel}")
    return target


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        if target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except OSError:
        return False


def _same_file(source: Path, target: Path) -> bool:
    try:
        s, t = source.stat(), target.stat()
    except OSError:
        return False
    if s.st_size != t.st_size:
        return False
    if s.st_mtime_ns == t.st_mtime_ns:
        return True
    return _digest(source) == _digest(target)


def _digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _prepare_dir(target: Path) -> None:
    for parent in reversed(target.parents):
        if parent.exists() and not parent.is_dir():
            parent.unlink()  # a file where a folder must now be
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)  # a folder where a file must now be
    target.parent.mkdir(parents=True, exist_ok=True)


def _atomic_write(target: Path, data: bytes) -> None:
    _prepare_dir(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _atomic_copy(source: Path, target: Path) -> None:
    _prepare_dir(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    os.close(fd)
    try:
        shutil.copy2(source, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale(root: Path, wanted: set[PurePosixPath], keep: frozenset[str]) -> int:
    removed = 0
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root)
        if rel_dir.parts and rel_dir.parts[0] in keep:
            continue
        for name in filenames:
            rel = PurePosixPath(*rel_dir.parts, name)
            if rel.parts[0] in keep:
                continue
            if rel not in wanted:
                (here / name).unlink()
                removed += 1
        for name in dirnames:
            sub = here / name
            if (rel_dir / name).parts[0] in keep:
                continue
            if sub.is_symlink():
                sub.unlink()
            elif not any(sub.iterdir()):
                sub.rmdir()
    return removed


def file_digest(path: Path) -> str:
    return _digest(path)
