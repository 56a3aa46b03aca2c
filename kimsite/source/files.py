"""Which files of a KIM folder may be read: decided here, once, for every loader.

A KIM's writers own their folder and nothing beyond it. Every file kimsite reads from it
(the profile, articles, pages, media, template overrides) comes from `list_files`, and only
what passes is ever opened:

- a name that every host and tool can carry: UTF-8, no backslash or control character,
  each part at most `MAX_NAME_BYTES`;
- a symbolic link that leads to a file inside the same KIM folder (a link leading out, to
  a folder, or nowhere is that KIM's error, naming the link);
- media of a type a KIM publishes, by extension *and* by its first bytes: photos, PDF,
  audio and video. Anything a browser would run (`.svg`, `.html`, `.js`, …) is refused,
  because a KIM's host is one readers trust;
- text files (templates here; Markdown and YAML through `read_text` below) under the size
  limit.

Editor leftovers and hidden files are skipped quietly, except that a link is checked
wherever it is (a hidden template override can still be included by name).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kimsite.indonesia.conventions import slugify
from kimsite.model.content import Asset
from kimsite.model.problems import ProblemLog, Severity
from kimsite.source.yaml_fields import CONTROL_CHARS

PROFILE_NAME = "kim.yaml"
REDIRECTS_NAME = "pengalihan.yaml"  # old addresses (of an imported site) → new ones
ARTICLES_DIR = "artikel"
PAGES_DIR = "halaman"
MEDIA_DIR = "media"
OVERRIDES_DIR = "templat"
# The first words of the body `kimsite new artikel` writes: an article still holding them
# is not news yet, and only a draft may keep them (`doc.placeholder`).
PLACEHOLDER = "Tulis isi berita di sini."

MAX_TEXT_BYTES = 1_000_000  # one Markdown, YAML or template file
MAX_MEDIA_BYTES = 25 * 1024 * 1024  # what common static hosts accept for one file
MAX_NAME_BYTES = 200  # one file or folder name (file systems allow 255)
# Folders below a KIM's folder (artikel/2026/05/ is three). Far more than any writer needs;
# a folder thousands deep would exhaust the walk's recursion before it said anything.
MAX_FOLDER_DEPTH = 16
MARKDOWN_SUFFIXES = (".md", ".markdown")


def _ftyp(*brands: bytes) -> Callable[[bytes], bool]:
    return lambda head: head[4:8] == b"ftyp" and head[8:12] in brands


_JPEG = (lambda head: head.startswith(b"\xff\xd8\xff"), "JPEG")
_MP4 = (
    _ftyp(
        b"isom",
        b"iso2",
        b"mp41",
        b"mp42",
        b"M4A ",
        b"M4V ",
        b"avc1",
        b"3gp4",
        b"3gp5",
        b"dash",
        b"qt  ",
    ),
    "MP4/M4A",
)
_OGG = (lambda head: head.startswith(b"OggS"), "Ogg")

# extension → (does the file start as this type?, the type's name for messages)
MEDIA_TYPES: dict[str, tuple[Callable[[bytes], bool], str]] = {
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
    ".png": (lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"), "PNG"),
    ".gif": (lambda head: head[:6] in (b"GIF87a", b"GIF89a"), "GIF"),
    ".webp": (lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", "WebP"),
    ".avif": (_ftyp(b"avif", b"avis"), "AVIF"),
    ".pdf": (lambda head: head.startswith(b"%PDF-"), "PDF"),
    ".mp3": (
        lambda head: (
            head.startswith(b"ID3")
            or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xfa")
        ),
        "MP3",
    ),
    ".m4a": _MP4,
    ".mp4": _MP4,
    ".ogg": _OGG,
    ".oga": _OGG,
    ".opus": _OGG,
    ".webm": (lambda head: head.startswith(b"\x1aE\xdf\xa3"), "WebM"),
}
_TIDY_NAME = re.compile(r"[A-Za-z0-9._/-]+")


def is_content_file(name: str) -> bool:
    """Editor leftovers and hidden files are not content: `.#a.md`, `a.md~`, `.a.swp`."""
    return not (name.startswith((".", "_", "#")) or name.endswith(("~", ".swp", ".tmp")))


def list_kim_folders(content_dir: Path) -> list[Path]:
    """The KIM folders of `content/`: its folders whose names a host can carry."""
    if not content_dir.is_dir():
        return []
    return sorted(p for p in content_dir.iterdir() if p.is_dir() and is_content_file(p.name))


@dataclass(frozen=True)
class KimFiles:
    """The readable files of one KIM folder, each as the real file to open."""

    folder: Path  # resolved
    profile: Path | None
    redirects: Path | None
    articles: tuple[Path, ...]
    pages: tuple[Path, ...]
    media: tuple[Asset, ...]
    templates: tuple[str, ...]  # names below templat/, as templates include them


def name_problem(name: str) -> str | None:
    """Why a file or folder name cannot be published, or None when it can."""
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError:
        return "file.name_not_utf8"
    if size > MAX_NAME_BYTES:
        return "file.name_too_long"
    if "\\" in name or CONTROL_CHARS.search(name) or name.strip() != name:
        return "file.name_characters"
    return None


def list_files(folder: Path, log: ProblemLog) -> KimFiles:
    """Walk a KIM folder once, logging every entry that may not be read."""
    folder = folder.resolve()
    found: dict[str, list[tuple[str, Path]]] = {
        ARTICLES_DIR: [],
        PAGES_DIR: [],
        MEDIA_DIR: [],
        OVERRIDES_DIR: [],
        "": [],
    }
    # Every folder is walked, hidden ones too, so that no link anywhere escapes the check;
    # only files whose every name part is content are collected.
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        rel_dir = here.relative_to(folder)
        hidden = not all(is_content_file(part) for part in rel_dir.parts)
        if len(rel_dir.parts) >= MAX_FOLDER_DEPTH and dirnames:
            log.add(here, None, "file.folder_too_deep", limit=MAX_FOLDER_DEPTH)
            dirnames[:] = []  # nothing below is read: the KIM fails, its last site stands
        keep_dirs = []
        for name in sorted(dirnames):
            path = here / name
            if path.is_symlink():
                _link_problem(path, folder, log, to_folder=True)
            elif hidden or not is_content_file(name) or _name_ok(path, name, log):
                keep_dirs.append(name)
        dirnames[:] = keep_dirs
        top = rel_dir.parts[0] if rel_dir.parts else ""
        for name in sorted(filenames):
            path = here / name
            real: Path | None = path
            if path.is_symlink():
                real = _link_problem(path, folder, log, to_folder=False)
            if real is None:
                continue
            if (hidden or not is_content_file(name)) and top != OVERRIDES_DIR:
                continue  # template overrides are all checked: any of them can be included
            if _name_ok(path, name, log) and top in found:
                found[top].append((path.relative_to(folder).as_posix(), real))
    return KimFiles(
        folder=folder,
        profile=next((real for rel, real in found[""] if rel == PROFILE_NAME), None),
        redirects=next((real for rel, real in found[""] if rel == REDIRECTS_NAME), None),
        articles=_markdown(found[ARTICLES_DIR], log),
        pages=_markdown(found[PAGES_DIR], log),
        media=_media(found[MEDIA_DIR], folder, log),
        templates=_templates(found[OVERRIDES_DIR], log),
    )


def _name_ok(path: Path, name: str, log: ProblemLog) -> bool:
    why = name_problem(name)
    if why is None:
        return True
    log.add(path, None, why, hint=slugify(name)[:60] or "nama-berkas", limit=MAX_NAME_BYTES)
    return False


def _link_problem(path: Path, folder: Path, log: ProblemLog, to_folder: bool) -> Path | None:
    """The file a link leads to, when it is one this KIM may read; else None, logged."""
    try:
        target = Path(os.path.realpath(path))
        exists = target.exists()
    except (OSError, ValueError):
        target, exists = path, False
    if not exists:
        log.add(path, None, "link.dangling", target=_readlink(path))
    elif not target.is_relative_to(folder):
        log.add(path, None, "link.outside", target=_readlink(path))
    elif to_folder or target.is_dir():
        log.add(path, None, "link.folder", target=_readlink(path))
    else:
        return target
    return None


def _readlink(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _markdown(entries: list[tuple[str, Path]], log: ProblemLog) -> tuple[Path, ...]:
    found = []
    for rel, real in entries:
        if rel.lower().endswith(MARKDOWN_SUFFIXES):
            found.append(real)
        else:
            log.add(real, None, "file.ignored", Severity.WARNING)
    return tuple(found)


def _media(entries: list[tuple[str, Path]], folder: Path, log: ProblemLog) -> tuple[Asset, ...]:
    assets = []
    for rel, real in entries:
        shown = folder / rel
        suffix = os.path.splitext(rel)[1].lower()
        kind = MEDIA_TYPES.get(suffix)
        if kind is None:
            log.add(shown, None, "media.type_refused", suffix=suffix or "-", allowed=_allowed())
            continue
        if not size_within(real, MAX_MEDIA_BYTES, log, shown):
            continue
        try:
            with real.open("rb") as f:
                head = f.read(16)
        except OSError as exc:
            log.add(shown, None, "file.unreadable", detail=exc.strerror or str(exc))
            continue
        matches, label = kind
        if not matches(head):
            log.add(shown, None, "media.type_mismatch", suffix=suffix, kind=label)
            continue
        if not _TIDY_NAME.fullmatch(rel):
            stem, _ = os.path.splitext(os.path.basename(rel))
            log.add(shown, None, "media.bad_name", Severity.WARNING, hint=slugify(stem) + suffix)
        assets.append(Asset(real, rel))
    return tuple(assets)


def _allowed() -> str:
    return ", ".join(sorted(MEDIA_TYPES))


def _templates(entries: list[tuple[str, Path]], log: ProblemLog) -> tuple[str, ...]:
    return tuple(
        rel.partition("/")[2] for rel, real in entries if size_within(real, MAX_TEXT_BYTES, log)
    )


def size_within(path: Path, limit: int, log: ProblemLog, shown: Path | None = None) -> bool:
    """Whether a file can be read and holds at most `limit` bytes; why not is logged."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        log.add(shown or path, None, "file.unreadable", detail=exc.strerror or str(exc))
        return False
    if size > limit:
        log.add(shown or path, None, "file.too_big", size_kb=size // 1024, limit_kb=limit // 1024)
        return False
    return True


MAX_REF_CHARS = 500  # a path written in content; longer is a mistake or an attack


def read_text(path: Path, log: ProblemLog, limit: int = MAX_TEXT_BYTES) -> str | None:
    """A Markdown or YAML file's text, or None with the reason logged: too big, not UTF-8,
    unreadable, or holding a control character (named with its line)."""
    if not size_within(path, limit, log):
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        log.add(path, None, "file.not_utf8")
    except OSError as exc:
        log.add(path, None, "file.unreadable", detail=exc.strerror or str(exc))
    else:
        bad = CONTROL_CHARS.search(text)
        if bad is None:
            return text
        line = text.count("\n", 0, bad.start()) + 1
        log.add(path, line, "file.control_char", char=f"U+{ord(bad.group()):04X}")
    return None


@dataclass(frozen=True)
class AssetResolver:
    """Turns a path written in content into a published media file, or says why not.

    A reference is relative to the file it is written in (as in any Markdown editor's
    preview), or else to the KIM folder. It must stay inside the KIM's own `media/`
    folder: `../../other-kim/media/x.jpg` or a link leading outside is refused.
    """

    folder: Path  # the KIM folder, resolved
    media: frozenset[str] | None = None  # rel of every publishable media file; None: any

    def resolve(self, ref: str, base_dir: Path) -> tuple[Asset | None, str | None]:
        ref = ref.split("#", 1)[0].split("?", 1)[0]
        if len(ref) > MAX_REF_CHARS or any(name_problem(part) for part in ref.split("/")):
            return None, "ref.bad_name"
        if not ref or ref.startswith("/") or PurePosixPath(ref).is_absolute():
            return None, "ref.absolute"
        candidates = [base_dir / ref]
        if not ref.startswith("../"):
            candidates.append(self.folder / ref)
        outside = False
        for candidate in candidates:
            try:
                real = Path(os.path.realpath(candidate))
                is_file = real.is_file()
            except (OSError, ValueError):
                continue
            if not real.is_relative_to(self.folder):
                outside = True
                continue
            if is_file:
                rel = real.relative_to(self.folder)
                if rel.parts[0] != MEDIA_DIR:
                    return None, "ref.not_media"
                if self.media is not None and rel.as_posix() not in self.media:
                    return None, "ref.refused_media"
                return Asset(real, rel.as_posix()), None
        return None, "ref.outside" if outside else "ref.missing"
