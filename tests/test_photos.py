"""kimsite.authoring.photos: a phone photo kept small, upright and without its location in the
repository itself, as a writer meets it: `kimsite check` warns and names the command,
`kimsite foto` shrinks, and the repository then holds a photo within the province's limit."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from benchmarks.images import phone_photo
from tests.helpers import BASE_CONFIG, article, profile, run_kimsite, write_project

GPS, ORIENTATION = 0x8825, 0x0112


def test_a_phone_photo_is_shrunk_in_the_repository(tmp_path: Path) -> None:
    original = phone_photo(11)  # 4000×3000 stored sideways (Orientation 6), with GPS
    root = write_project(
        tmp_path / "p",
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/media/posyandu.jpg": original,
            "content/desa/artikel/2026-01-05-posyandu.md": article(
                "Posyandu",
                "2026-01-05",
                gambar="../media/posyandu.jpg",
                gambar_alt="Kader menimbang balita",
            ),
        },
        config=BASE_CONFIG,
    )
    photo = root / "content/desa/media/posyandu.jpg"
    with Image.open(photo) as image:
        assert image.size == (4000, 3000) and image.getexif().get(ORIENTATION) == 6
        assert GPS in image.getexif()

    checked = run_kimsite(root, "check", "--strict", "desa", env={"KIMSITE_LANG": "id"})
    assert checked.returncode == 1
    assert "content/desa/media/posyandu.jpg: peringatan: Foto ini 3000×4000 piksel" in (
        checked.stdout
    ), checked.stdout
    assert "Kecilkan dengan: kimsite foto desa" in checked.stdout

    done = run_kimsite(root, "foto", "desa", env={"KIMSITE_LANG": "id"})
    assert done.returncode == 0, done.stderr
    assert "content/desa/media/posyandu.jpg: 3000×4000 → 1920×2560 piksel" in done.stdout
    assert "1 foto dikecilkan" in done.stdout
    with Image.open(photo) as image:
        assert image.size == (1920, 2560)  # upright: the turn is in the pixels now
        exif = image.getexif()
        assert GPS not in exif and exif.get(ORIENTATION, 1) == 1
    assert photo.stat().st_size < len(original) / 3

    assert run_kimsite(root, "check", "--strict", "desa").returncode == 0
    again = run_kimsite(root, "foto", env={"KIMSITE_LANG": "id"})
    assert "Tidak ada foto yang perlu dikecilkan." in again.stdout
    assert run_kimsite(root, "build").returncode == 0
