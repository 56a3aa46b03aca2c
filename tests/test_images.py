"""Phone photos as writers upload them: 4000×3000 JPEG stored sideways with an EXIF
Orientation tag, the camera's make and model, and the GPS position where it was taken.
What readers get: upright, without any metadata, in a few widths, with a share image."""

from __future__ import annotations

import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from kimsite.build.pipeline import build
from tests.helpers import article, profile, write_project

NOW = datetime(2026, 6, 1, tzinfo=UTC)
GPS_IFD = 0x8825
MAKE, MODEL, ORIENTATION = 0x010F, 0x0110, 0x0112


def phone_photo(width: int = 3000, height: int = 4000) -> bytes:
    """A portrait photo as an Android camera stores it: sideways pixels + Orientation 6,
    red sky at the top of the upright picture, green field below, GPS of a house."""
    upright = Image.new("RGB", (width, height), (40, 140, 40))
    draw = ImageDraw.Draw(upright)
    draw.rectangle((0, 0, width, height // 4), fill=(220, 30, 30))
    for x in range(0, width, 97):  # some detail, so the JPEG is photo-sized
        draw.line((x, height // 4, width - x, height), fill=(x % 255, 90, 200 - x % 200), width=9)
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what Orientation 6 undoes
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "samsung"
    exif[MODEL] = "SM-A055F"
    exif[GPS_IFD] = {1: "S", 2: (8.0, 35.0, 12.5), 3: "E", 4: (116.0, 7.0, 45.1)}
    out = io.BytesIO()
    stored.save(out, "JPEG", exif=exif, quality=92)
    return out.getvalue()


def _project(root: Path, media: dict[str, bytes], body: str = "") -> Path:
    files: dict[str, str | bytes] = {
        "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
        "content/desa/artikel/2026-05-01-panen.md": article(
            "Panen raya",
            "2026-05-01",
            gambar="../media/panen.jpg",
            gambar_alt="Petani memanen padi",
            body="Petani memanen padi.\n\n" + body,
        ),
    }
    files.update({f"content/desa/media/{name}": data for name, data in media.items()})
    return write_project(root, files)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(
        tmp_path_factory.mktemp("foto") / "p",
        {"panen.jpg": phone_photo(), "sawah.jpg": phone_photo(1600, 1200)},
        body="![Sawah hijau](../media/sawah.jpg)\n",
    )
    report = build(root / "config.yaml", now=NOW)
    assert report.ok, [p.format() for p in report.problems]
    return root / "build/desa.kim.id"


def _exif(path: Path) -> Image.Exif:
    with Image.open(path) as image:
        return image.getexif()


def test_published_photo_is_upright_small_and_without_metadata(built: Path) -> None:
    photo = built / "media/panen.jpg"
    assert photo.stat().st_size < 400_000
    with Image.open(photo) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 1600)  # portrait, long side capped at 1600
        assert image.getpixel((600, 50))[0] > 180  # the red sky is on top
        assert image.getpixel((20, 1590))[1] > 100
        assert "exif" not in image.info and "icc_profile" not in image.info
    assert dict(_exif(photo)) == {}


def test_no_published_file_carries_exif(built: Path) -> None:
    images = [p for p in built.rglob("*") if p.suffix in (".jpg", ".webp", ".png")]
    assert len(images) >= 10
    for path in images:
        exif = _exif(path)
        assert GPS_IFD not in exif and MAKE not in exif and MODEL not in exif, path
        assert b"SM-A055F" not in path.read_bytes(), path


def test_webp_widths_and_share_image(built: Path) -> None:
    for width in (480, 960, 1440):
        with Image.open(built / f"media/panen-{width}w.webp") as image:
            assert image.format == "WEBP" and image.width == width
            assert image.height > image.width
    assert not (built / "media/panen-1600w.webp").exists()
    # A photo as wide as MAX_ORIGINAL: every width, not its own too (SMALL, below, for less).
    assert sorted(p.name for p in (built / "media").glob("sawah-*w.webp")) == [
        "sawah-1440w.webp",
        "sawah-480w.webp",
        "sawah-960w.webp",
    ]
    share = built / "media/panen-bagikan.jpg"
    assert share.stat().st_size < 300_000
    with Image.open(share) as image:
        assert image.format == "JPEG" and image.size == (1200, 630)


def test_pages_give_sizes_and_widths(built: Path) -> None:
    page = lxml.html.fromstring((built / "artikel/panen/index.html").read_bytes())
    og = page.xpath("//meta[@property='og:image']/@content")
    assert og == ["https://desa.kim.id/media/panen-bagikan.jpg"]
    hero = page.xpath("//figure[@class='utama']/img")[0]
    assert (hero.get("width"), hero.get("height")) == ("1200", "1600")
    assert hero.get("fetchpriority") == "high"
    assert hero.get("srcset").split(", ") == [
        f"/media/panen-{w}w.webp {w}w" for w in (480, 960, 1440)
    ]
    body = page.xpath("//img[@alt='Sawah hijau']")[0]
    assert body.get("width") and body.get("height") and "sawah-480w.webp 480w" in body.get("srcset")
    assert body.get("loading") == "lazy"
    home = lxml.html.fromstring((built / "index.html").read_bytes())
    card = home.xpath("//img[contains(@src, 'panen.jpg')]")[0]
    assert card.get("width") == "1200" and "panen-480w.webp" in card.get("srcset")


def test_unchanged_photos_are_not_processed_again(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", {"panen.jpg": phone_photo()})
    assert build(root / "config.yaml", now=NOW).ok
    cache = root / ".kimsite-cache/images"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len(before) == 7  # original, 3 widths, share image, manifest; the path's stamp
    article_file = root / "content/desa/artikel/2026-05-01-panen.md"
    article_file.write_text(article_file.read_text(encoding="utf-8") + "\nTambahan.\n")
    report = build(root / "config.yaml", now=NOW)
    assert report.ok and [k.slug for k in report.kims if k.rendered] == ["desa"]
    after = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert after == before
    # Another photo under the same name is processed again, and published.
    (root / "content/desa/media/panen.jpg").write_bytes(phone_photo(800, 600))
    assert build(root / "config.yaml", now=NOW).ok
    with Image.open(root / "build/desa.kim.id/media/panen.jpg") as image:
        assert image.size == (800, 600)


def _png16() -> bytes:
    image = Image.new("I;16", (64, 48))
    image.putpixel((3, 3), 60000)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _cmyk() -> bytes:
    out = io.BytesIO()
    Image.new("CMYK", (640, 480), (0, 255, 255, 0)).save(out, "JPEG")
    return out.getvalue()


def _gif() -> bytes:
    frames = [Image.new("P", (40, 40), i) for i in (1, 2, 3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def _bomb() -> bytes:
    """A PNG header claiming 30000×30000 pixels (a decompression bomb)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("rusak.jpg", phone_photo(600, 800)[:3000], "image.unreadable"),
        ("bom.png", _bomb(), "image.too_big"),
        ("bukan.png", b"\x89PNG\r\n\x1a\n" + b"bukan gambar" * 10, "image.unreadable"),
    ],
)
def test_broken_images_are_the_kims_error(
    name: str, data: bytes, code: str, tmp_path: Path
) -> None:
    root = _project(tmp_path / "p", {"panen.jpg": phone_photo(600, 800), name: data})
    report = build(root / "config.yaml", now=NOW)
    problems = [(p.code, Path(p.path).name) for p in report.problems]
    assert problems == [(code, name)]
    # What the image library said is passed on (cut short), not lost: it tells a writer
    # whether the file is cut off or is no picture at all.
    [problem] = report.problems
    detail = dict(problem.params).get("detail")
    assert isinstance(detail, str) and 0 < len(detail) <= 200 and detail in problem.format()
    assert not (root / "build/desa.kim.id").exists()
    assert (root / "build/kim.ntbprov.go.id/index.html").is_file()


def test_odd_but_valid_images_are_published(tmp_path: Path) -> None:
    gif = _gif()
    root = _project(
        tmp_path / "p",
        {"panen.jpg": _cmyk(), "grafik.png": _png16(), "animasi.gif": gif},
    )
    report = build(root / "config.yaml", now=NOW)
    assert report.ok, [p.format() for p in report.problems]
    media = root / "build/desa.kim.id/media"
    with Image.open(media / "panen.jpg") as image:
        assert image.mode == "RGB"
    with Image.open(media / "grafik.png") as image:
        assert image.mode in ("RGB", "L") and image.size == (64, 48)
    assert (media / "animasi.gif").read_bytes() == gif  # GIFs carry no EXIF: as they are


def test_every_site_has_its_icons(tmp_path: Path) -> None:
    """From the KIM's logo when it has one, a plain square otherwise, and on the index:
    browsers ask every site for /favicon.ico and /apple-touch-icon.png."""
    files: dict[str, str | bytes] = {
        "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004", logo="media/logo.jpg"),
        "content/desa/media/logo.jpg": phone_photo(400, 300),
        "content/lain/kim.yaml": profile("KIM Lain", "52.71.01.1005"),
    }
    root = write_project(tmp_path / "p", files)
    assert build(root / "config.yaml", now=NOW).ok
    colours = {}
    for host in ("desa.kim.id", "lain.kim.id", "kim.ntbprov.go.id"):
        site = root / "build" / host
        with Image.open(site / "favicon.ico") as ico:
            assert ico.format == "ICO" and {(16, 16), (32, 32), (48, 48)} <= ico.info["sizes"]
        with Image.open(site / "apple-touch-icon.png") as touch:
            assert touch.size == (180, 180) and touch.mode == "RGB"
            colours[host] = touch.getpixel((90, 20))
        page = lxml.html.fromstring((site / "index.html").read_bytes())
        assert page.xpath("//link[@rel='icon']/@href") == ["/favicon.ico"]
        assert page.xpath("//link[@rel='apple-touch-icon']/@href") == ["/apple-touch-icon.png"]
    assert colours["desa.kim.id"][0] > 180  # the logo's red sky, not the plain square
    assert colours["lain.kim.id"] == colours["kim.ntbprov.go.id"] == (11, 110, 79)


def _entries(root: Path) -> set[str]:
    cache = root / ".kimsite-cache/images"
    return {e.name for shard in cache.glob("[0-9a-f][0-9a-f]") for e in shard.iterdir()}


def test_an_unfinished_cache_entry_is_made_again_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry is made in a folder of its maker's own and renamed into place whole, so a
    worker sharing the photo (two KIMs use it) never reads a half-written file. One left
    unfinished where entries go (files without a manifest, as a killed build of an older
    kimsite left them) is not trusted: made again, publishing what a clean build does."""
    import kimsite.render.images

    made_in: list[str] = []
    real_share = kimsite.render.images._share

    def share(image: object, folder: Path) -> object:
        made_in.append(folder.name)
        return real_share(image, folder)

    monkeypatch.setattr(kimsite.render.images, "_share", share)
    clean = _project(tmp_path / "bersih", {"panen.jpg": phone_photo(900, 1200)})
    assert build(clean / "config.yaml", now=NOW).ok
    root = _project(tmp_path / "p", {"panen.jpg": phone_photo(900, 1200)})
    assert build(root / "config.yaml", now=NOW).ok
    [entry] = _entries(root)
    folder = root / ".kimsite-cache/images" / entry[:2] / entry
    (folder / "manifest.json").unlink()
    (folder / "480w.webp").write_bytes(b"setengah")
    (root / "build").rename(root / "build-lama")  # every page is rendered again
    assert build(root / "config.yaml", now=NOW).ok
    site, want = root / "build/desa.kim.id/media", clean / "build/desa.kim.id/media"
    assert {p.name: p.read_bytes() for p in site.iterdir()} == {
        p.name: p.read_bytes() for p in want.iterdir()
    }
    assert not [p for p in folder.parent.iterdir() if p.name.endswith(".tmp")]
    assert made_in and all(name.startswith(".") and name.endswith(".tmp") for name in made_in)


def test_cache_entries_no_photo_refers_to_are_pruned(tmp_path: Path) -> None:
    """A photo replaced or deleted leaves its entry behind; the next day's build that
    renders removes it, and keeps every entry a current photo uses."""
    import os

    import kimsite.build.pipeline

    root = _project(
        tmp_path / "p", {"panen.jpg": phone_photo(900, 1200), "lama.jpg": phone_photo(600, 800)}
    )
    assert build(root / "config.yaml", now=NOW).ok
    first = _entries(root)
    assert len(first) == 2
    (root / "content/desa/media/lama.jpg").unlink()
    (root / "content/desa/media/panen.jpg").write_bytes(phone_photo(901, 1200))
    assert build(root / "config.yaml", now=NOW).ok
    # The same day: nothing is pruned yet (pruning reads every stamp).
    assert first < _entries(root)
    marker = root / ".kimsite-cache/images-dipangkas"
    day_ago = marker.stat().st_mtime - kimsite.build.pipeline.PRUNE_EVERY_SECONDS - 1
    os.utime(marker, (day_ago, day_ago))
    (root / "content/desa/artikel/2026-05-01-panen.md").write_text(
        article(
            "Panen raya",
            "2026-05-01",
            gambar="../media/panen.jpg",
            gambar_alt="Petani memanen padi",
            body="Diperbarui.",
        ),
        encoding="utf-8",
    )
    assert build(root / "config.yaml", now=NOW).ok
    [kept] = _entries(root)
    assert kept not in first  # the new photo's entry; both old ones went
    page = (root / "build/desa.kim.id/artikel/panen/index.html").read_text(encoding="utf-8")
    assert "panen" in page


# Photos too small for some derivative: a phone's old photo, a forwarded WhatsApp picture,
# a screenshot. Upright size → the WebP widths each may have, and its share image's size.
SMALL = {
    "panen.jpg": ((300, 200), [300], (300, 158)),  # narrower than every width: its own
    "sawah.jpg": ((800, 600), [480, 800], (800, 420)),
    "pagar.jpg": ((1000, 700), [480, 960], (1000, 525)),  # 1000 is barely wider than 960
    "kecil.webp": ((300, 200), [], (300, 158)),  # its own-width WebP would be itself
    "pantai.jpg": ((1500, 400), [480, 960, 1440], (762, 400)),  # too low for 630
}


def _webp_photo(width: int, height: int) -> bytes:
    """A writer's WebP: the phone photo turned upright and saved without metadata."""
    from PIL import ImageOps

    upright = ImageOps.exif_transpose(Image.open(io.BytesIO(phone_photo(width, height))))
    out = io.BytesIO()
    upright.save(out, "WEBP", quality=90)
    return out.getvalue()


@pytest.fixture(scope="module")
def small_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    media = {
        name: (_webp_photo if name.endswith(".webp") else phone_photo)(*size)
        for name, (size, _, _) in SMALL.items()
    }
    body = "".join(f"![Foto {name}](../media/{name})\n\n" for name in SMALL if name != "panen.jpg")
    root = _project(tmp_path_factory.mktemp("kecil") / "p", media, body=body)
    (root / "content/desa/artikel/2026-05-02-lomba.md").write_text(
        article(
            "Lomba desa",
            "2026-05-02",
            gambar="../media/kecil.webp",
            gambar_alt="Lomba",
            body="Lomba.",
        ),
        encoding="utf-8",
    )
    report = build(root / "config.yaml", now=NOW)
    assert report.ok, [p.format() for p in report.problems]
    return root / "build"


def _size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def _check_img(site: Path, img: lxml.html.HtmlElement) -> list[int]:
    """An <img> as a browser takes it: its size is its file's, and every srcset candidate
    is a file of the width it claims, no wider than the photo. Returns those widths."""
    photo = _size(site / img.get("src").lstrip("/"))
    assert (img.get("width"), img.get("height")) == tuple(map(str, photo)), img.get("src")
    widths = []
    for candidate in filter(None, (img.get("srcset") or "").split(", ")):
        url, width = candidate.split(" ")
        widths.append(int(width.removesuffix("w")))
        assert _size(site / url.lstrip("/"))[0] == widths[-1] <= photo[0], candidate
    return widths


def test_small_photos_get_only_the_widths_they_can_use(small_built: Path) -> None:
    """No WebP is wider than its photo; the photo's own width is the last one only when it
    is well wider than the last of WIDTHS (eleventy-img's rule), and not at all when that
    copy would be no smaller than the photo itself (a WebP photo: the same file twice)."""
    site = small_built / "desa.kim.id"
    media = site / "media"
    for name, (size, widths, _) in SMALL.items():
        stem = Path(name).stem
        assert _size(media / name) == size
        made = sorted(
            int(p.name.removeprefix(f"{stem}-")[:-6]) for p in media.glob(f"{stem}-*w.webp")
        )
        assert made == widths, name
        for width in made:
            assert _size(media / f"{stem}-{width}w.webp")[0] == width <= size[0]
    page = lxml.html.fromstring((site / "artikel/panen/index.html").read_bytes())
    for name, (_, widths, _) in SMALL.items():
        [img] = page.xpath(f"//main//img[@src='/media/{name}']")
        assert _check_img(site, img) == widths, name
    # The article whose photo has no WebP: its card shows the photo alone, as does the
    # index's news, from its own copy of the photo.
    home = lxml.html.fromstring((site / "index.html").read_bytes())
    [card] = home.xpath("//img[@src='/media/kecil.webp']")
    assert _check_img(site, card) == [] and card.get("srcset") is None
    index = small_built / "kim.ntbprov.go.id"
    news = lxml.html.fromstring((index / "index.html").read_bytes()).xpath(
        "//img[contains(@src, 'kecil')]/@src"
    )
    assert news and all(_size(index / src.lstrip("/")) == (300, 200) for src in news), news


def test_a_small_photos_share_image_is_not_enlarged(small_built: Path) -> None:
    """The share image keeps its 1200:630 shape, cut from the middle of the photo, but a
    photo smaller than that gives it at its own scale: the page's og:image is that file."""
    site = small_built / "desa.kim.id"
    for name, (size, _, share) in SMALL.items():
        shared = site / f"media/{Path(name).stem}-bagikan.jpg"
        assert _size(shared) == share, name
        assert share[0] <= size[0] and share[1] <= size[1]
        assert abs(share[0] / share[1] - 1200 / 630) < 0.01
    page = lxml.html.fromstring((site / "artikel/panen/index.html").read_bytes())
    [og] = page.xpath("//meta[@property='og:image']/@content")
    assert og == "https://desa.kim.id/media/panen-bagikan.jpg"
    told = [
        page.xpath(f"//meta[@property='og:image:{side}']/@content") for side in ("width", "height")
    ]
    assert told in ([[], []], [["300"], ["158"]])  # none, or the truth
    # Cut out, not resampled: the published photo's middle rows (up to JPEG's noise).
    with (
        Image.open(site / "media/panen.jpg") as photo,
        Image.open(site / "media/panen-bagikan.jpg") as shared,
    ):
        middle = photo.convert("RGB").crop((0, 21, 300, 179))
        difference = ImageChops.difference(middle, shared.convert("RGB"))
    assert max(ImageStat.Stat(difference).mean) < 3.5  # a row higher or lower: over 4


def test_other_derivative_settings_are_not_served_from_the_old_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A photo whose file has not changed is found by its stamp without being read; a
    kimsite that makes other derivatives (new widths, a new VERSION) must not take the
    entry that stamp names, or pages would list widths the cache no longer makes."""
    import kimsite.render.images

    root = _project(tmp_path / "p", {"panen.jpg": phone_photo(800, 600)})
    site = root / "build/desa.kim.id"

    def published() -> tuple[list[str], list[int]]:
        hero = lxml.html.fromstring((site / "artikel/panen/index.html").read_bytes()).xpath(
            "//figure[@class='utama']/img"
        )[0]
        return sorted(p.name for p in (site / "media").glob("*w.webp")), _check_img(site, hero)

    assert build(root / "config.yaml", now=NOW).ok
    assert published() == (["panen-480w.webp", "panen-800w.webp"], [480, 800])
    monkeypatch.setattr(kimsite.render.images, "WIDTHS", (320, 960, 1440))
    shutil.rmtree(root / "build")  # every page is rendered again
    assert build(root / "config.yaml", now=NOW).ok
    assert published() == (["panen-320w.webp", "panen-800w.webp"], [320, 800])
    entries = _entries(root)
    monkeypatch.setattr(kimsite.render.images, "VERSION", "uji")
    shutil.rmtree(root / "build")
    assert build(root / "config.yaml", now=NOW).ok
    assert len(_entries(root) - entries) == 1  # made again under the new VERSION
