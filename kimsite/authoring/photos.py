"""Photos kept small in the repository itself, not only on the published site.

A phone photo is 3–8 MB; the build publishes it at most 1600 px wide (`kimsite.render.images`),
but the original stays in git for ever, and at a province's scale (thousands of KIMs,
hundreds of photos each) the repository grows by terabytes and every clone, CI run and
volunteer's laptop pays for it. The original also carries where it was taken (EXIF GPS:
often a villager's house), which git keeps even after the site drops it.

`kimsite foto` rewrites, in place, the photos of a KIM's `media/` whose long side is past
the province's `foto_maks_px` or that carry EXIF (GPS, a turn by Orientation): upright,
capped, re-encoded at `foto_kualitas`, without metadata, under the same name and format.
`kimsite check` warns about each photo past the limit, naming the file and the command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kimsite.output.atomic import write_atomic
from kimsite.render.images import encode, open_checked

SHRINKABLE = frozenset({".jpg", ".jpeg", ".png", ".webp"})
_ORIENTATION, _GPS = 0x0112, 0x8825


@dataclass(frozen=True)
class PhotoState:
    """What a photo in the repository is: its upright size and whether it carries EXIF
    that `kimsite foto` removes (a position, or a turn)."""

    width: int
    height: int
    exif: bool

    def needs(self, max_side: int) -> bool:
        return self.exif or max(self.width, self.height) > max_side


def state_of(path: Path) -> PhotoState | None:
    """Read from the header only (no pixels decoded); None when it is no photo this
    handles (the build names an unreadable one)."""
    from PIL import Image, UnidentifiedImageError

    if path.suffix.lower() not in SHRINKABLE:
        return None
    try:
        with Image.open(path) as image:
            exif = image.getexif()
            turned = exif.get(_ORIENTATION, 1) in (5, 6, 7, 8)
            width, height = (image.height, image.width) if turned else image.size
            carries = _GPS in exif or exif.get(_ORIENTATION, 1) != 1
            return PhotoState(width, height, carries)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


@dataclass(frozen=True)
class Shrunk:
    path: Path
    before: tuple[int, int, int]  # width, height, bytes
    after: tuple[int, int, int]


def shrink(path: Path, max_side: int, quality: int) -> Shrunk | None:
    """Rewrite the photo at `path` upright, within `max_side`, without metadata; None when
    it needs nothing (or is no photo this handles). Written whole or not at all."""
    from PIL import Image, ImageOps

    state = state_of(path)
    if state is None or not state.needs(max_side):
        return None
    data = path.read_bytes()
    with open_checked(data) as image:
        if image.format == "JPEG":
            image.draft("RGB", (max_side, max_side))  # decoded no larger than needed
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        written = encode(upright, path.suffix.lower(), quality, quality)
        size = upright.size
    write_atomic(path, written)
    return Shrunk(path, (state.width, state.height, len(data)), (size[0], size[1], len(written)))


def shrink_kims(content: Path, only: list[str], max_side: int, quality: int) -> list[Shrunk]:
    """`kimsite foto`: every photo of the named KIMs' `media/` (all KIMs when none is
    named), as `list_files` finds them (nothing through a link out of a KIM's folder)."""
    from kimsite.model.problems import ProblemLog
    from kimsite.source.files import list_files, list_kim_folders

    done = []
    for folder in list_kim_folders(content):
        if only and folder.name not in only:
            continue
        for asset in list_files(folder, ProblemLog()).media:
            shrunk = shrink(asset.source, max_side, quality)
            if shrunk is not None:
                done.append(shrunk)
    return done


__all__ = ["SHRINKABLE", "PhotoState", "Shrunk", "shrink", "shrink_kims", "state_of"]
