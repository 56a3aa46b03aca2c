"""Phone photos through kimsite's image pipeline against Hugo's image processing.

    python -m benchmarks.images --photos 12 --repeat 3

Generates (deterministically, into benchmarks/work/phone-photos/) 4000×3000 JPEGs as entry-level
Android phones store them: sideways with an EXIF Orientation tag, camera make and model,
GPS position, 3–5 MB of detail. Both tools make the same derivatives of the same photos:
WebP at 480, 960 and 1440 px wide and a 1200×630 JPEG share image (kimsite also re-encodes
the cleaned original, which Hugo is not asked to do). Each run starts from an empty cache;
then kimsite runs again on its warm cache, where it must decode nothing. Prints medians,
per-photo times and the ratio. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work"
# Photos made by `phone_photo` since its noise is seeded (those in work/photos/ were not).
PHOTOS = WORK / "phone-photos"
HUGO_TEMPLATE = """{{ range .Resources.ByType "image" }}
{{ $a := .Resize "480x webp q78" }}{{ $b := .Resize "960x webp q78" }}
{{ $c := .Resize "1440x webp q78" }}{{ $d := .Fill "1200x630 jpg q80" }}
<img src="{{ $a.RelPermalink }}"><img src="{{ $b.RelPermalink }}">
<img src="{{ $c.RelPermalink }}"><img src="{{ $d.RelPermalink }}">
{{ end }}
"""


def _seed_c_rand(seed: int) -> None:
    """Pillow's `effect_noise` draws from C's `rand()`: seeded here, the same seed gives the
    same bytes in any process and after any number of earlier photos (seed + 1: glibc takes
    0 as 1; `phone_photo(0)` is what a fresh process made before the seeding)."""
    with contextlib.suppress(OSError, AttributeError, TypeError):  # no C library: it varies
        ctypes.CDLL(None).srand(seed + 1)


def phone_photo(seed: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    _seed_c_rand(seed)
    upright = Image.new("RGB", (3000, 4000), (90, 150, 70))
    draw = ImageDraw.Draw(upright)
    for _ in range(1500):  # leaves, roofs, people: enough detail for a 3–5 MB JPEG
        x, y = rng.randrange(3000), rng.randrange(4000)
        r = rng.randrange(8, 120)
        color = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
    upright = upright.filter(ImageFilter.GaussianBlur(1.2))
    noise = Image.effect_noise((3000, 4000), 40).convert("RGB")
    upright = Image.blend(upright, noise, 0.18)
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "samsung"
    exif[0x0110] = "SM-A055F"
    exif[0x8825] = {1: "S", 2: (8.0, 35.0, float(seed)), 3: "E", 4: (116.0, 7.0, 45.1)}
    out = io.BytesIO()
    stored.save(out, "JPEG", exif=exif, quality=92)
    return out.getvalue()


def _make_photo(path: Path, seed: int) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(phone_photo(seed))
    os.replace(tmp, path)  # never a half-written photo under the final name


def prepare(count: int) -> list[Path]:
    """Photos 0 … count-1, each made once (on every core) and kept in PHOTOS."""
    PHOTOS.mkdir(parents=True, exist_ok=True)
    photos = [PHOTOS / f"foto-{n:03d}.jpg" for n in range(count)]
    missing = [(path, n) for n, path in enumerate(photos) if not path.exists()]
    if len(missing) > 1:
        print(f"generating {len(missing)} phone photos…", flush=True)
        with ProcessPoolExecutor() as pool:
            list(pool.map(_make_photo, *zip(*missing, strict=True)))
    elif missing:
        _make_photo(*missing[0])
    return photos


def run_kimsite(photos: list[Path], cache: Path) -> float:
    """One process, as a build's worker does it (in-process, so no start-up is counted)."""
    code = (
        "import sys, time; from pathlib import Path; from kimsite.render.images import process\n"
        "t = time.perf_counter()\n"
        "for p in sys.argv[2:]: process(Path(p), Path(sys.argv[1]))\n"
        "print(time.perf_counter() - t)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(cache), *map(str, photos)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip())


def run_hugo(photos: list[Path], site: Path) -> float:
    shutil.rmtree(site, ignore_errors=True)
    bundle = site / "content" / "galeri"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: Galeri\n---\n", encoding="utf-8")
    for photo in photos:
        (bundle / photo.name).symlink_to(photo)
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(HUGO_TEMPLATE, encoding="utf-8")
    (layouts / "list.html").write_text("", encoding="utf-8")
    (site / "config.toml").write_text(
        'baseURL = "https://contoh.kim.id/"\ndisableKinds = ["taxonomy", "term", "RSS", '
        '"sitemap", "robotsTXT", "404"]\n[imaging]\nresampleFilter = "Lanczos"\n',
        encoding="utf-8",
    )
    started = time.perf_counter()
    subprocess.run(
        ["hugo", "--quiet", "--source", str(site), "--destination", str(site / "public")],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description="phone photos: kimsite vs Hugo")
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    photos = prepare(args.photos)
    size = statistics.mean(p.stat().st_size for p in photos) / 1e6
    print(f"{len(photos)} photos, 4000×3000, {size:.1f} MB each on average", flush=True)
    cold, warm, hugo = [], [], []
    for n in range(args.repeat):
        cache = WORK / "photo-cache" / str(n)
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(run_kimsite(photos, cache))
        warm.append(run_kimsite(photos, cache))
        hugo.append(run_hugo(photos, WORK / "photo-hugo"))
        print(
            f"  round {n + 1}: kimsite {cold[-1]:.2f} s, warm {warm[-1]:.3f} s, "
            f"hugo {hugo[-1]:.2f} s",
            flush=True,
        )
    k, w, h = (statistics.median(x) for x in (cold, warm, hugo))
    per = len(photos)
    print("\n| run | median s | per photo s |\n| --- | ---: | ---: |")
    print(f"| kimsite cold (cleaned original + 3 WebP + share JPEG) | {k:.2f} | {k / per:.3f} |")
    print(f"| kimsite warm cache (no photo changed) | {w:.3f} | {w / per:.4f} |")
    print(f"| hugo cold (3 WebP + share JPEG) | {h:.2f} | {h / per:.3f} |")
    verdict = "met" if k / h <= 0.5 else "missed"
    print(f"\nkimsite cold / Hugo: {k / h:.2f}× (target ≤ 0.5×: {verdict})")


if __name__ == "__main__":
    main()
