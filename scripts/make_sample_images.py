"""Draw the sample content's illustrations (content/*/media/) deterministically.

The shipped sample needs real image files for articles, potensi and produk, small enough to
commit. Each image is a simple scene chosen from words in its file name (pantai, sawah,
gunung, …), coloured by a hash of the name, so re-running this script reproduces the same
bytes. Run it after adding an image name to a KIM's content:

    python scripts/make_sample_images.py            # writes missing images
    python scripts/make_sample_images.py --force    # redraws all
Needs Pillow (pip install pillow); kimsite itself does not.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SIZE = (960, 540)
REFERENCE = re.compile(r"(?:\.\./)?(media/[a-z0-9-]+\.(?:jpg|png))")

SCENES = {
    "sea": (
        "pantai",
        "laut",
        "gili",
        "nelayan",
        "perahu",
        "penyu",
        "snorkel",
        "pelabuhan",
        "bahari",
        "ampenan",
        "senja",
    ),
    "field": (
        "sawah",
        "padi",
        "panen",
        "tani",
        "jagung",
        "bawang",
        "tembakau",
        "kebun",
        "stroberi",
        "kopi",
    ),
    "mountain": (
        "gunung",
        "rinjani",
        "bukit",
        "sembalun",
        "air-terjun",
        "hutan",
        "trek",
        "pendaki",
    ),
    "goods": (
        "produk",
        "madu",
        "susu",
        "tenun",
        "kain",
        "songket",
        "ukir",
        "cukli",
        "keripik",
        "dodol",
        "ikan-asin",
        "gerabah",
        "anyaman",
        "kerajinan",
        "batik",
    ),
    "people": (
        "rapat",
        "musyawarah",
        "posyandu",
        "gotong",
        "warga",
        "pelatihan",
        "lomba",
        "sekolah",
        "festival",
        "bazar",
        "pasar",
        "kegiatan",
        "sosialisasi",
        "vaksin",
        "upacara",
    ),
}


def _rng(name: str) -> list[int]:
    return list(hashlib.sha256(name.encode()).digest())


def _scene(name: str) -> str:
    for scene, words in SCENES.items():
        if any(w in name for w in words):
            return scene
    return "people"


def _sky(
    draw: ImageDraw.ImageDraw, top: tuple[int, int, int], bottom: tuple[int, int, int], height: int
) -> None:
    for y in range(height):
        t = y / max(1, height - 1)
        color = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (SIZE[0], y)], fill=color)


def draw(name: str) -> Image.Image:
    r = _rng(name)
    img = Image.new("RGB", SIZE, (240, 240, 235))
    d = ImageDraw.Draw(img)
    scene = _scene(name)
    w, h = SIZE
    if scene == "sea":
        _sky(d, (250, 190 - r[0] % 60, 120), (120, 180, 230), h // 2)
        d.ellipse([w * 0.6, h * 0.15, w * 0.6 + 90, h * 0.15 + 90], fill=(255, 220, 120))
        _sky_sea = (20 + r[1] % 40, 110 + r[2] % 50, 170 + r[3] % 60)
        d.rectangle([0, h // 2, w, h], fill=_sky_sea)
        for i in range(6):
            y = h // 2 + 30 + i * 35
            d.line([(0, y), (w, y + (r[i] % 20) - 10)], fill=(200, 230, 250), width=3)
        x = 150 + r[4] % 400
        d.polygon(
            [(x, h * 0.68), (x + 180, h * 0.68), (x + 150, h * 0.76), (x + 30, h * 0.76)],
            fill=(120, 60, 30),
        )
        d.line([(x + 90, h * 0.68), (x + 90, h * 0.42)], fill=(80, 50, 30), width=5)
        d.polygon(
            [(x + 95, h * 0.44), (x + 160, h * 0.64), (x + 95, h * 0.64)], fill=(250, 250, 240)
        )
        d.rectangle([0, h * 0.9, w, h], fill=(225, 200, 150))
    elif scene == "field":
        _sky(d, (150, 200, 240), (220, 235, 245), h // 3)
        for i in range(9):
            y0 = h // 3 + i * (h * 2 // 3) // 9
            g = 120 + (r[i] % 80)
            d.rectangle([0, y0, w, y0 + (h * 2 // 3) // 9 + 1], fill=(70 + r[i + 9] % 60, g, 40))
            d.line([(0, y0), (w, y0)], fill=(60, 90, 30), width=2)
        for i in range(5):
            x = 80 + i * 180 + r[i] % 40
            d.ellipse([x, h * 0.22, x + 120, h * 0.36], fill=(40, 110, 50))
    elif scene == "mountain":
        _sky(d, (120, 170, 230), (230, 240, 250), h)
        d.polygon([(0, h), (w * 0.35, h * 0.2), (w * 0.7, h)], fill=(90 + r[0] % 40, 100, 110))
        d.polygon(
            [(w * 0.3, h), (w * 0.7, h * 0.1 + r[1] % 40), (w, h * 0.8), (w, h)],
            fill=(70, 90 + r[2] % 40, 90),
        )
        d.polygon(
            [(w * 0.62, h * 0.2), (w * 0.7, h * 0.1 + r[1] % 40), (w * 0.78, h * 0.22)],
            fill=(245, 245, 245),
        )
        d.rectangle([0, h * 0.8, w, h], fill=(60, 130 + r[3] % 50, 60))
    elif scene == "goods":
        d.rectangle([0, 0, w, h], fill=(245, 235 - r[0] % 30, 215))
        d.rectangle([0, h * 0.7, w, h], fill=(150, 100, 60))
        for i in range(3):
            x = 140 + i * 250
            color = (r[i * 3] % 200 + 30, r[i * 3 + 1] % 150 + 50, r[i * 3 + 2] % 120 + 30)
            d.rounded_rectangle(
                [x, h * 0.3 + (i % 2) * 30, x + 180, h * 0.75], radius=18, fill=color
            )
            for k in range(4):
                d.line(
                    [(x + 10, h * 0.4 + k * 30), (x + 170, h * 0.4 + k * 30)],
                    fill=(255, 240, 200),
                    width=4,
                )
    else:
        _sky(d, (250, 230, 200), (250, 245, 235), h)
        d.rectangle([0, h * 0.75, w, h], fill=(180, 160, 120))
        d.polygon(
            [(w * 0.1, h * 0.45), (w * 0.5, h * 0.15), (w * 0.9, h * 0.45)], fill=(150, 60, 40)
        )
        d.rectangle([w * 0.15, h * 0.45, w * 0.85, h * 0.78], fill=(235, 220, 190))
        for i in range(7):
            x = 90 + i * 120 + r[i] % 30
            color = (r[i] % 200 + 40, r[i + 7] % 200 + 40, r[i + 14] % 200 + 40)
            d.ellipse([x, h * 0.58, x + 44, h * 0.66], fill=(120, 80, 50))
            d.rounded_rectangle([x - 8, h * 0.66, x + 52, h * 0.9], radius=14, fill=color)
    return img


def logo(kim: str, name: str) -> Image.Image:
    r = _rng(kim)
    img = Image.new("RGB", (256, 256), (255, 255, 255))
    d = ImageDraw.Draw(img)
    color = (r[0] % 120 + 20, r[1] % 120 + 60, r[2] % 120 + 60)
    d.ellipse([8, 8, 248, 248], fill=color)
    d.ellipse([40, 40, 216, 216], outline=(255, 255, 255), width=8)
    initials = "".join(word[0] for word in name.split()[1:3]).upper() or "K"
    d.text((128, 128), initials, fill=(255, 255, 255), anchor="mm", font_size=96)
    return img


def main(force: bool) -> None:
    written = 0
    for kim in sorted(p for p in (ROOT / "content").iterdir() if p.is_dir()):
        profile = (kim / "kim.yaml").read_text(encoding="utf-8")
        nama = re.search(r"^nama:\s*(.+)$", profile, re.M)
        texts = [profile] + [p.read_text(encoding="utf-8") for p in sorted(kim.rglob("*.md"))]
        wanted = sorted({m.group(1) for text in texts for m in REFERENCE.finditer(text)})
        for rel in wanted:
            target = kim / rel
            if target.exists() and not force:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel.endswith(".png"):
                logo(kim.name, nama.group(1) if nama else kim.name).save(target, optimize=True)
            else:
                draw(f"{kim.name}/{target.stem}").save(target, quality=70, optimize=True)
            written += 1
    print(f"{written} images written")


if __name__ == "__main__":
    main("--force" in sys.argv)
