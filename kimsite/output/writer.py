"""The one way kimsite writes output: staged, checked, atomic, and only when bytes change.

A site is rendered completely into a `SiteOutput` first. Only when every page of it rendered
does `commit` touch the disk, so a failure leaves the previous output of that site intact.
Unchanged files are not rewritten (their mtime stays, so rsync and CDNs see no change), and
files the new build no longer produces are removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kimsite.output.atomic import TEMP_PREFIX, write_atomic
from kimsite.output.compress import suffixes, variants
from kimsite.output.digest import bytes_digest, file_hash
from kimsite.output.staging import STAGING, StagedFiles
from kimsite.render.site_output import SiteOutput


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0

    def add(self, other: WriteStats) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.removed += other.removed


OutputRecord = tuple[int, int, str]  # size, mtime_ns, digest of what was written
Manifest = dict[str, OutputRecord]


def commit(
    site: SiteOutput,
    root: Path,
    previous: Manifest | None = None,
    encodings: tuple[str, ...] = (),
    threads: int = 1,
) -> tuple[WriteStats, Manifest]:
    """Make `root` hold exactly `site`: write what changed, remove what is gone.

    With the `previous` manifest (what the last build wrote here), an unchanged file is
    recognised by its digest and stat without reading it, and only files the last build
    wrote are removed. Without one, existing files are compared byte for byte and anything
    not in `site` is removed. Each text file worth it also gets its pre-compressed copies
    (`encodings`, see `compress`), recorded in the manifest like any file, so they are
    rewritten and removed in step with the file they copy. `threads` write the staged
    files meanwhile (see `StagedFiles`): for a process that has cores to itself.
    """
    stats = WriteStats()
    manifest: Manifest = {}
    new_site = not os.path.lexists(root)
    root.mkdir(parents=True, exist_ok=True)
    real_root = root.resolve()
    files = StagedFiles(real_root, new_site, threads)
    old = previous or {}
    pending: list[tuple[str, Path]] = []
    try:
        _stage(site, real_root, files, old, manifest, stats, pending)
        if encodings:
            _stage_compressed(site, real_root, files, old, manifest, pending, encodings)
    except BaseException:
        files.discard()
        raise
    # Files a killed build put in place but never recorded (its manifest was not saved):
    # named by its journal, so this build removes them when it does not want them.
    unrecorded = _read_journal(real_root)
    _write_journal(real_root, sorted({k for k, _t in pending if k not in old} | unrecorded))
    files.publish()
    for key, target in pending:
        size, mtime = files.written[target]
        manifest[key] = (size, mtime, manifest[key][2])
    if previous is None and new_site:
        stats.removed = 0  # a folder this commit made holds nothing stale
    elif previous is None:
        wanted = {PurePosixPath(k) for k in manifest}
        stats.removed = _remove_stale(real_root, wanted | site.kept)
    else:
        gone = (set(old) | unrecorded) - set(manifest)
        stats.removed = remove_files(real_root, sorted(gone))
    return stats, manifest


JOURNAL = ".kimsite-jurnal"  # beside the site folders: what a commit is about to publish


def _journal_path(root: Path) -> Path:
    return root.parent / JOURNAL / f"{root.name}.txt"


def _read_journal(root: Path) -> set[str]:
    try:
        return set(_journal_path(root).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return set()


def _write_journal(root: Path, keys: list[str]) -> None:
    """The journal folder is shared by every site and removed by whichever finishes last
    (`forget_journal`), so another KIM's process may remove it between our mkdir and our
    write: then it is made again. Once our file is in it, no rmdir can take it away."""
    path = _journal_path(root)
    text = "".join(f"{k}\n" for k in keys)
    for attempt in range(100):
        try:
            write_atomic(path, text)
            return
        except (FileNotFoundError, FileExistsError):
            if attempt == 99:
                raise


def forget_journal(root: Path) -> None:
    """Once the manifest `commit` returned is saved, its journal has served."""
    path = _journal_path(root.resolve())
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.parent.rmdir()


def _stage(
    site: SiteOutput,
    real_root: Path,
    files: StagedFiles,
    old: Manifest,
    manifest: Manifest,
    stats: WriteStats,
    pending: list[tuple[str, Path]],
) -> None:
    """Every new or changed file of the site written to the staging folder; unchanged
    ones recognised (from the last manifest, or by their bytes) and recorded."""
    for rel, data in sorted(site.texts.items()):
        key = rel.as_posix()
        target = _inside(real_root, rel)
        digest = bytes_digest(data)
        record = old.get(key)
        if record is not None and record[2] == digest and _stat_matches(target, record):
            manifest[key] = record
            stats.unchanged += 1
            continue
        if (
            record is None
            and not files.new_site
            and target.is_file()
            and not target.is_symlink()
            and _same_bytes(target, data)
        ):
            stats.unchanged += 1
            manifest[key] = _record(target, digest)
        else:
            files.write(target, data)
            stats.written += 1
            pending.append((key, target))
            manifest[key] = (0, 0, digest)  # size and time once it is in place
    for rel, source in sorted(site.copies.items()):
        key = rel.as_posix()
        target = _inside(real_root, rel)
        st = source.stat()
        digest = f"copy:{st.st_size}:{st.st_mtime_ns}"
        record = old.get(key)
        if record is not None and record[2] == digest and _stat_matches(target, record):
            manifest[key] = record
            stats.unchanged += 1
            continue
        if not files.new_site and _same_file(source, target):
            stats.unchanged += 1
            manifest[key] = _record(target, digest)
        else:
            files.copy(source, target)
            stats.written += 1
            pending.append((key, target))
            manifest[key] = (0, 0, digest)
    for rel in sorted(site.kept):
        key = rel.as_posix()
        if key in old:
            manifest[key] = old[key]
            stats.unchanged += 1


def _stage_compressed(
    site: SiteOutput,
    real_root: Path,
    files: StagedFiles,
    old: Manifest,
    manifest: Manifest,
    pending: list[tuple[str, Path]],
    encodings: tuple[str, ...],
) -> None:
    """`page.html.gz` beside `page.html`: its digest is the digest of what it compresses, so
    an unchanged page keeps its copies without compressing anything again. Copies are not
    counted in the statistics: they are the same file, served another way."""
    wanted = suffixes(encodings)
    for rel in sorted(site.kept):
        for suffix in wanted:
            key = rel.as_posix() + suffix
            if key in old:
                manifest[key] = old[key]
    for rel, data in sorted(site.texts.items()):
        key = rel.as_posix()
        digest = manifest[key][2]
        made: dict[str, bytes] | None = None
        for suffix in wanted:
            record = old.get(key + suffix)
            target = _inside(real_root, PurePosixPath(key + suffix))
            if record is not None and record[2] == digest and _stat_matches(target, record):
                manifest[key + suffix] = record
                continue
            if made is None:
                made = dict(variants(rel.name, data, encodings))
            if suffix not in made:
                continue
            if record is None and not files.new_site and _same_bytes(target, made[suffix]):
                manifest[key + suffix] = _record(target, digest)  # a lost cache: keep its mtime
                continue
            files.write(target, made[suffix])
            pending.append((key + suffix, target))
            manifest[key + suffix] = (0, 0, digest)


def _record(target: Path, digest: str) -> OutputRecord:
    st = target.stat()
    return (st.st_size, st.st_mtime_ns, digest)


def _stat_matches(target: Path, record: OutputRecord) -> bool:
    try:
        st = target.stat()
    except OSError:
        return False
    return st.st_size == record[0] and st.st_mtime_ns == record[1]


def outputs_intact(root: Path, manifest: Manifest) -> bool:
    """Whether every file a build wrote is still there as it left it."""
    prefix = f"{root}/"
    for rel, (size, mtime, _digest) in manifest.items():
        try:
            st = os.stat(prefix + rel)
        except OSError:
            return False
        if st.st_size != size or st.st_mtime_ns != mtime:
            return False
    return True


# A folder changed this close before its stamp was read may change again within the same
# tick of the filesystem's clock (ext4 keeps coarse times) and keep its stamp: not trusted.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class FolderStamps:
    """The time of every folder holding what a build wrote, the site's own included.

    A folder's time changes whenever a file in it is added, removed or renamed (an editor
    that saves by renaming too), so comparing these few stamps proves that no file the
    build wrote went missing without stat-ing every file (a third as many calls, and no
    per-file records to read). An edit in place leaves them as they were: `outputs_intact`
    is the file-by-file proof.
    """

    taken_ns: int
    folders: dict[str, int]

    @classmethod
    def read(cls, root: Path, manifest: Manifest) -> FolderStamps:
        folders = {""}
        for rel in manifest:
            parent = rel.rpartition("/")[0]
            while parent not in folders:
                folders.add(parent)
                parent = parent.rpartition("/")[0]
        taken = time.time_ns()
        stamps = {}
        for rel in sorted(folders):
            mtime = _folder_time(root, rel)
            if mtime is not None:
                stamps[rel] = mtime
        return cls(taken, stamps)

    def trusted(self) -> bool:
        """Whether the stamps can tell anything: none may be racy (see RACY_NS)."""
        return bool(self.folders) and all(
            t < self.taken_ns - RACY_NS for t in self.folders.values()
        )

    def intact(self, root: Path) -> bool:
        """Whether every folder still has its stamp (only meaningful when `trusted`)."""
        return all(_folder_time(root, rel) == t for rel, t in self.folders.items())


def _folder_time(root: Path, rel: str) -> int | None:
    try:
        return os.stat(f"{root}/{rel}" if rel else root).st_mtime_ns
    except OSError:
        return None


def remove_files(root: Path, rels: list[str]) -> int:
    """Remove files a build wrote (never anything else), then folders left empty."""
    removed = 0
    folders: set[Path] = set()
    for rel in rels:
        path = PurePosixPath(rel)
        if path.is_absolute() or ".." in path.parts:
            continue
        target = root.joinpath(*path.parts)
        if not Path(os.path.realpath(target.parent)).is_relative_to(root):
            continue  # a planted link leads out of the site: never delete through it
        try:
            target.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        except IsADirectoryError:
            continue
        folders.update(p for p in target.parents if p != root and p.is_relative_to(root))
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()
    if root.is_dir() and not any(root.iterdir()):
        root.rmdir()
    return removed


def _inside(root: Path, rel: PurePosixPath) -> Path:
    if rel.is_absolute() or ".." in rel.parts:
        raise ValueError(f"refusing to write outside {root}: {rel}")
    return root.joinpath(*rel.parts)


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
    return file_hash(source) == file_hash(target)


def clear_staging(out: Path) -> None:
    """What a killed build left half-written: the staging folder, and a journal it was
    writing (the journals themselves stay: they name files to remove)."""
    shutil.rmtree(out / STAGING, ignore_errors=True)
    with contextlib.suppress(OSError):
        for entry in os.scandir(out / JOURNAL):
            if entry.name.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _remove_stale(root: Path, wanted: set[PurePosixPath]) -> int:
    """Without a manifest (a first build here, or a lost cache) the folder may hold anything:
    every file the site does not want goes, and every folder left empty, deepest first."""
    removed = 0
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root)
        for name in filenames:
            rel = PurePosixPath(*rel_dir.parts, name)
            if rel not in wanted:
                (here / name).unlink()
                removed += 1
        for name in dirnames:
            sub = here / name
            if sub.is_symlink():
                sub.unlink()
            elif not any(sub.iterdir()):
                sub.rmdir()
    return removed
