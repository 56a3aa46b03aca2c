"""Photos as readers' phones should get them: upright, without metadata, in a few sizes.

Writers upload what their phones take: 12–50 MP JPEGs of 3–8 MB, often stored sideways with
an EXIF Orientation tag, with the camera, the time and, when location is on, the GPS
position of where the photo was taken (a villager's house). Published as is, one photo
costs a reader more than a whole page, and its location is public.

So every raster image a KIM publishes goes through here once:

- it is decoded (JPEGs at a reduced scale through Pillow's draft mode, which is what makes
  this fast), turned upright by its Orientation tag, and re-encoded **without any
  metadata** at its `/media/` URL, capped at `MAX_ORIGINAL` pixels on its long side;
- WebP derivatives at `WIDTHS` serve `srcset`, never wider than the photo (`_widths`);
- a share image of 1200×630 JPEG under 300 KB serves `og:image` (WhatsApp previews), or
  the largest of that shape the photo holds: a small photo is never enlarged (`_share_size`).

Results are cached by the source's content hash and these settings: a rebuild decodes an
image only when its bytes changed, or when a setting changes what it becomes. A file
that is not a readable image, is truncated, or would decode to more than `MAX_PIXELS` (a
decompression bomb) is that KIM's error, naming the file. GIFs (often animated) are
published as they are: they carry no EXIF.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

VERSION = "2"  # bump when any output below changes for the same input
WIDTHS = (480, 960, 1440)
# The photo's own width is one more candidate only when it is more than this times the
# widest of WIDTHS it holds: 1000 px after 960 costs a file for 4% more pixels.
MIN_STEP = 1.25
MAX_ORIGINAL = 1600  # long side of what stays published at the photo's own URL
SHARE_SIZE = (1200, 630)
SHARE_MAX_BYTES = 300_000
MAX_PIXELS = 64_000_000  # 8000×8000: more than any phone camera; beyond, refuse
JPEG_QUALITY = 82
WEBP_QUALITY = 78
PROCESSED = frozenset({".jpg", ".jpeg", ".png", ".webp"})


@dataclass(frozen=True)
class Variant:
    name: str  # file name suffix: "480w.webp", "bagikan.jpg", or "" for the original
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedImage:
    """What one source image became: files in the cache folder, with their sizes."""

    folder: Path  # cache folder holding the files
    original: Variant  # the cleaned image published at the source's own URL
    variants: tuple[Variant, ...]  # WebP widths, ascending
    share: Variant

    def path(self, variant: Variant) -> Path:
        return self.folder / (variant.name or "asli")


class ImageProblem(Exception):
    """The file cannot be published as an image; `code` is the message id."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code, self.detail = code, detail


def derivative_url(url: str, variant: Variant) -> str:
    """`/media/foto.jpg` → `/media/foto-480w.webp`, `/media/foto-bagikan.jpg`."""
    stem, _ = os.path.splitext(url)
    return f"{stem}-{variant.name}"


def process(source: Path, cache_root: Path) -> ProcessedImage:
    """Clean and resize `source`, or take the result from the cache; raises ImageProblem.

    The cache is keyed by the source's bytes; a stamp per source path (size and mtime)
    remembers that key, so an unchanged photo is not even read again (a KIM with hundreds
    of photos re-renders for every article edit).
    """
    st = source.stat()
    stamp_path = cache_root / "stamps" / f"{_digest(os.fsencode(source))}.json"
    settings = _settings()
    key = _stamped_key(stamp_path, st.st_size, st.st_mtime_ns, settings)
    if key is not None:
        cached = _load(cache_root / key[:2] / key)
        if cached is not None:
            return cached
    data = source.read_bytes()
    key = _digest(data + settings.encode())
    folder = cache_root / key[:2] / key
    result = _load(folder)
    if result is None:
        result = _make_entry(data, source.suffix.lower(), folder)
    stamp_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = stamp_path.with_name(f".{os.getpid()}.{stamp_path.name}")
    # The source's path too, so that pruning can tell a stamp whose photo is gone; the
    # settings, so that a kimsite making other derivatives does not take this entry.
    stamp = [st.st_size, st.st_mtime_ns, key, os.fsencode(source).hex(), settings]
    tmp.write_text(json.dumps(stamp), encoding="utf-8")
    os.replace(tmp, stamp_path)
    return result


def _make_entry(data: bytes, suffix: str, folder: Path) -> ProcessedImage:
    """Make a cache entry in a folder of this process's own, then rename it into place
    whole: two workers processing the same photo (two KIMs share it) never read each
    other's half-written files. The first to finish wins; the other's copy is dropped."""
    work = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    for _attempt in range(2):
        shutil.rmtree(work, ignore_errors=True)
        try:
            _save(work, _make(data, suffix, work))
            with contextlib.suppress(OSError):  # another worker put it in place first
                os.rename(work, folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        result = _load(folder)
        if result is not None:
            return result
        # Not a finished entry where ours should go (a build killed before entries were
        # made whole): it goes, and ours takes its place.
        shutil.rmtree(folder, ignore_errors=True)
    raise OSError(f"image cache entry {folder} cannot be made")


def prune(cache_root: Path) -> int:
    """Remove what no current photo refers to: stamps whose source is gone or changed,
    then entries no stamp names (and unfinished ones a killed build left). Returns how
    many entries went. A stamp from before paths were kept is left, and so its entry."""
    kept: set[str] = set()
    for stamp_path in sorted((cache_root / "stamps").glob("*.json")):
        try:
            size, mtime_ns, key, *rest = json.loads(stamp_path.read_bytes())
            source = Path(os.fsdecode(bytes.fromhex(rest[0]))) if rest else None
            st = source.stat() if source is not None else None
        except (OSError, ValueError, TypeError):
            st, source, key = None, Path(), ""
        if source is not None and (st is None or (st.st_size, st.st_mtime_ns) != (size, mtime_ns)):
            stamp_path.unlink(missing_ok=True)
            continue
        kept.add(str(key))
    removed = 0
    for shard in sorted(cache_root.glob("[0-9a-f][0-9a-f]")):
        for entry in sorted(shard.iterdir()):
            if entry.name not in kept:
                shutil.rmtree(entry, ignore_errors=True)
                removed += 1
    return removed


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _settings() -> str:
    """What, besides its bytes, decides what a photo becomes: part of its entry's key and
    of its stamp. Read at each call, so that no setting can change while an entry made
    under the old one is still served (the stamp once kept only the key, and a new
    VERSION was not seen for a photo whose file had not changed)."""
    return repr(
        (
            VERSION,
            WIDTHS,
            MIN_STEP,
            MAX_ORIGINAL,
            SHARE_SIZE,
            SHARE_MAX_BYTES,
            JPEG_QUALITY,
            WEBP_QUALITY,
        )
    )


def _stamped_key(path: Path, size: int, mtime_ns: int, settings: str) -> str | None:
    """The entry key a stamp remembers, when the source's size and mtime and the settings
    are still those it was made with (a stamp of an older kimsite has none: not trusted)."""
    try:
        stamp = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if (
        isinstance(stamp, list)
        and stamp[:2] == [size, mtime_ns]
        and len(stamp) == 5
        and stamp[4] == settings
        and isinstance(stamp[2], str)
        and len(stamp[2]) == 32
        and all(c in "0123456789abcdef" for c in stamp[2])
    ):
        return stamp[2]
    return None


def _load(folder: Path) -> ProcessedImage | None:
    """A finished entry of the cache: its manifest and every file it names, else None."""
    try:
        data = json.loads((folder / "manifest.json").read_bytes())
        original = Variant(*data["original"])
        variants = tuple(Variant(*v) for v in data["variants"])
        share = Variant(*data["share"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    result = ProcessedImage(folder, original, variants, share)
    for v in (original, *variants, share):
        if not isinstance(v.name, str) or "/" in v.name or not result.path(v).is_file():
            return None
    return result


def _save(folder: Path, result: ProcessedImage) -> None:
    manifest = {
        "original": list(result.original.__dict__.values()),
        "variants": [list(v.__dict__.values()) for v in result.variants],
        "share": list(result.share.__dict__.values()),
    }
    tmp = folder / ".manifest.tmp"
    tmp.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(tmp, folder / "manifest.json")  # last: an entry without it is unfinished


def _make(data: bytes, suffix: str, folder: Path) -> ProcessedImage:
    from PIL import ImageOps

    image = _open(data)
    folder.mkdir(parents=True, exist_ok=True)
    fmt = image.format
    width, height = _upright_size(image)
    longest = max(width, height)
    if fmt == "JPEG":
        # Decode at 1/2, 1/4 or 1/8 scale when that is still larger than every output.
        need = min(longest, max(MAX_ORIGINAL, max(WIDTHS)))
        scale = need / longest
        image.draft("RGB", (max(1, int(image.width * scale)), max(1, int(image.height * scale))))
    try:
        image.load()
        image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem("image.unreadable", str(exc)) from None
    image = _plain_mode(image)
    original = _save_original(image, fmt, suffix, folder)
    variants = _variants(image, folder, (folder / "asli").stat().st_size)
    share = _share(image, folder)
    return ProcessedImage(folder, original, variants, share)


def _widths(width: int) -> list[int]:
    """The WebP widths for a photo `width` pixels wide, never more: those of WIDTHS it
    holds, then its own width when some of WIDTHS is wider than the photo and its width
    is more than MIN_STEP times the last one held, or none is held (a 300 px photo: 300).
    This is eleventy-img's rule (its `minimumThreshold`, 1.25 by default): an enlarged
    copy shows a reader only blur, for more bytes; a copy a few pixels wider than the
    last one is a file no reader gains from."""
    held = [w for w in WIDTHS if w <= width]
    if width < WIDTHS[-1] and (not held or width > held[-1] * MIN_STEP):
        held.append(width)
    return held


def _variants(image: object, folder: Path, original_bytes: int) -> tuple[Variant, ...]:
    """WebP copies at `_widths`, for srcset. A photo narrower than the smallest width has
    one, at its own width, only when it is smaller than the original at the photo's URL;
    otherwise none, and the original serves alone (a WebP source, whose copy would be the
    same file twice; a PNG drawing that lossy WebP makes larger)."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    made: list[Variant] = []
    for w in _widths(image.width):
        h = max(1, round(image.height * w / image.width))
        resized = image.resize((w, h), Image.Resampling.LANCZOS) if w != image.width else image
        made.append(Variant(f"{w}w.webp", w, h))
        resized.save(folder / made[-1].name, "WEBP", quality=WEBP_QUALITY, method=4)
    if len(made) == 1 and made[0].width == image.width:
        only = folder / made[0].name
        if only.stat().st_size >= original_bytes:
            only.unlink()
            return ()
    return tuple(made)


def open_checked(data: bytes):  # type: ignore[no-untyped-def]  # PIL's ImageFile
    """A photo's bytes opened (header only) by Pillow, refusing what is no image or would
    decode past MAX_PIXELS (`ImageProblem`): for whoever else reads a KIM's photos."""
    return _open(data)


def _open(data: bytes):  # type: ignore[no-untyped-def]  # PIL's ImageFile
    from PIL import Image, UnidentifiedImageError

    try:
        with _bomb_errors():
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise ImageProblem("image.too_big", str(exc)) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem("image.unreadable", str(exc)) from None
    if image.width * image.height > MAX_PIXELS:
        raise ImageProblem("image.too_big", f"{image.width}×{image.height}")
    return image


class _bomb_errors:  # noqa: N801  (a context manager named for what it does)
    """Pillow only warns between its two pixel limits; here a warning is a refusal."""

    def __enter__(self) -> None:
        from PIL import Image

        self.previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS // 2

    def __exit__(self, *exc: object) -> None:
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = self.previous


def _upright_size(image: object) -> tuple[int, int]:
    """Width and height once turned by the EXIF Orientation tag (5–8 swap them)."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    try:
        orientation = image.getexif().get(0x0112, 1)
    except (OSError, ValueError, SyntaxError):
        orientation = 1
    if orientation in (5, 6, 7, 8):
        return image.height, image.width
    return image.width, image.height


def _plain_mode(image: object):  # type: ignore[no-untyped-def]
    """8-bit RGB, or RGBA when there is transparency: CMYK, 16-bit and palette images
    become what every browser and encoder takes."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode == "I;16" or image.mode == "I":
        image = image.point(lambda v: v / 256).convert("L")
    wanted = "RGBA" if has_alpha else "RGB"
    return image if image.mode == wanted else image.convert(wanted)


def _save_original(image: object, fmt: str | None, suffix: str, folder: Path) -> Variant:
    """The photo at its own URL: same format as its name says, capped, no metadata."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    if max(image.size) > MAX_ORIGINAL:
        image = image.copy()
        image.thumbnail((MAX_ORIGINAL, MAX_ORIGINAL), Image.Resampling.LANCZOS)
    (folder / "asli").write_bytes(encode(image, suffix, JPEG_QUALITY, WEBP_QUALITY))
    return Variant("", image.width, image.height)


def encode(image: object, suffix: str, jpeg_quality: int, webp_quality: int) -> bytes:
    """A photo in the format its file name says, without metadata (none is passed on)."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    out = io.BytesIO()
    if suffix in (".jpg", ".jpeg"):
        image.convert("RGB").save(
            out, "JPEG", quality=jpeg_quality, optimize=True, progressive=True
        )
    elif suffix == ".webp":
        image.save(out, "WEBP", quality=webp_quality, method=4)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _share_size(width: int, height: int) -> tuple[int, int]:
    """SHARE_SIZE, or for a photo too small to fill it the largest box of its shape the
    photo holds: a 300×200 photo shares 300×158, an 800×600 one 800×420. An enlarged share
    image is only blur, four times the bytes of the photo it came from."""
    share_w, share_h = SHARE_SIZE
    if width * share_h >= height * share_w:  # wider than the shape: its height decides
        h = min(height, share_h)
        return max(1, round(h * share_w / share_h)), h
    w = min(width, share_w)
    return w, max(1, round(w * share_h / share_w))


def _share(image: object, folder: Path) -> Variant:
    """The share image, cropped to fill `_share_size` around the centre, as JPEG under
    SHARE_MAX_BYTES (what WhatsApp shows). A small photo's is cut out at its own scale,
    without resampling, so it is as sharp as the photo."""
    from PIL import Image, ImageOps

    assert isinstance(image, Image.Image)
    w, h = _share_size(image.width, image.height)
    if (w, h) == SHARE_SIZE:
        fitted = ImageOps.fit(image.convert("RGB"), SHARE_SIZE, Image.Resampling.LANCZOS)
    else:
        left, top = (image.width - w) // 2, (image.height - h) // 2
        fitted = image.convert("RGB").crop((left, top, left + w, top + h))
    path = folder / "bagikan.jpg"
    for quality in (80, 70, 60, 50, 40):
        fitted.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
        if path.stat().st_size <= SHARE_MAX_BYTES:
            break
    return Variant("bagikan.jpg", w, h)


ICON_SIZES = (16, 32, 48)
TOUCH_ICON = 180
FALLBACK_ICON_COLOUR = (11, 110, 79)  # the default theme's green, for a KIM without a logo


def icons(logo: ProcessedImage | None) -> dict[str, bytes]:
    """`favicon.ico` and `apple-touch-icon.png` for a site: from its logo (cropped square,
    kept in the logo's cache folder), or a plain square when it has none, so that browsers
    find what they ask every site for instead of a 404."""
    from PIL import Image, ImageOps

    if logo is not None:
        ico, touch = logo.folder / "favicon.ico", logo.folder / "apple-touch-icon.png"
        if not (ico.is_file() and touch.is_file()):
            with Image.open(logo.path(logo.original)) as source:
                square = ImageOps.fit(source.convert("RGBA"), (TOUCH_ICON, TOUCH_ICON))
            _write_icons(square, ico, touch)
        return {"favicon.ico": ico.read_bytes(), "apple-touch-icon.png": touch.read_bytes()}
    square = Image.new("RGBA", (TOUCH_ICON, TOUCH_ICON), (*FALLBACK_ICON_COLOUR, 255))
    ico_bytes, touch_bytes = io.BytesIO(), io.BytesIO()
    square.save(ico_bytes, "ICO", sizes=[(s, s) for s in ICON_SIZES])
    square.convert("RGB").save(touch_bytes, "PNG", optimize=True)
    return {"favicon.ico": ico_bytes.getvalue(), "apple-touch-icon.png": touch_bytes.getvalue()}


def _write_icons(square: object, ico: Path, touch: Path) -> None:
    from PIL import Image

    assert isinstance(square, Image.Image)
    for path, save in (
        (ico, lambda p: square.save(p, "ICO", sizes=[(s, s) for s in ICON_SIZES])),
        (touch, lambda p: _on_white(square).save(p, "PNG", optimize=True)),
    ):
        tmp = path.with_name(f".{os.getpid()}.{path.name}")
        save(tmp)
        os.replace(tmp, path)


def _on_white(image: object):  # type: ignore[no-untyped-def]
    """iOS shows a touch icon's transparency as black: put it on white."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A") if image.mode == "RGBA" else None)
    return background
