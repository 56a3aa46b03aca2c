"""`kimsite new`: a valid, documented starting point for a KIM or an article.

What it writes builds cleanly as it is, and every optional key is present as a comment that
says what it is for, so a volunteer can fill in a profile without opening the README.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import yaml

from kimsite.indonesia.conventions import is_dns_label, slugify
from kimsite.indonesia.regions import Region, find, lookup, normalize_code
from kimsite.model.problems import KimsiteError, ProblemLog
from kimsite.source.config import SiteConfig
from kimsite.source.files import ARTICLES_DIR, MEDIA_DIR, PAGES_DIR, PLACEHOLDER, PROFILE_NAME
from kimsite.source.profiles import region_of

PROFILE_TEMPLATE = """\
# Profil {nama}
# Wilayah (diambil otomatis dari kode_wilayah, tidak perlu diketik):
#   {desa_label}, {kecamatan_label}, {kabkota}, Provinsi {provinsi}
# Baris yang diawali # adalah komentar. Hapus # di depan kunci yang ingin diisi.

nama: {nama_yaml}
kode_wilayah: "{kode}"
deskripsi: {deskripsi_yaml}

# Nomor Induk Komunitas dari Dinas Kominfo (biasanya kode desa 10 angka + 2 angka urut).
# nomor_induk: "{kode_angka}01"

# Alamat situs: {slug}.{domain_induk}. Domain lain hanya bisa diberikan pengelola provinsi
# (domain_kustom di config.yaml); bila sudah diberikan, boleh ditulis juga di sini:
# domain: {slug}.example.go.id

# kelompok atau komunitas (Kelompok/Komunitas Informasi Masyarakat).
# istilah: komunitas
# alamat: Jl. ..., {desa_label}
# tanggal_berdiri: 2024-01-31

# Surat Keputusan pembentukan KIM.
# sk:
#   nomor: 01 Tahun 2024
#   tanggal: 2024-01-31
#   penerbit: Kepala {desa_label}
#   masa_bakti: 2024–2029

# pembina: Nama, Kepala {desa_label}
# pengurus:
#   - jabatan: Ketua
#     nama: ...
#   - jabatan: Sekretaris
#     nama: ...
#   - jabatan: Bendahara
#     nama: ...

# visi: ...
# misi:
#   - ...

# Gambar disimpan di folder media/ KIM ini.
# logo: media/logo.png

# kontak:
#   whatsapp: "0812..."
#   telepon: "0370 ..."
#   email: nama@contoh.id
#   lat: -8.58
#   lon: 116.10

# media_sosial:
#   facebook: https://www.facebook.com/...
#   instagram: https://www.instagram.com/...

# Potensi desa. jenis: wisata, pertanian, perikanan, peternakan, kerajinan,
# kuliner, budaya, lainnya.
# potensi:
#   - nama: ...
#     jenis: wisata
#     deskripsi: ...
#     foto: media/....jpg

# Produk UMKM. harga dalam rupiah tanpa titik, misalnya 25000.
# produk:
#   - nama: ...
#     pemilik: ...
#     harga: 25000
#     satuan: per bungkus
#     deskripsi: ...
#     foto: media/....jpg
#     whatsapp: "0812..."

# Tema khusus KIM ini (folder di themes/); tanpa ini dipakai tema provinsi.
# tema: default
"""

ARTICLE_TEMPLATE = """\
---
judul: {judul_yaml}
tanggal: {tanggal}
# kategori: berita            # berita, kegiatan, pengumuman, wisata, umkm, …
# ringkasan: Satu kalimat ringkasan, paling panjang 200 huruf.
# gambar: ../media/nama-foto.jpg
# gambar_alt: Keterangan foto untuk pembaca tunanetra
{penulis_line}
# tag: [contoh, desa]
draf: true                    # hapus baris ini bila berita sudah siap terbit
# sumber: https://...
---
{placeholder} Paragraf dipisahkan satu baris kosong.

## Subjudul

- butir pertama
- butir kedua

<!-- Untuk foto: simpan berkasnya di folder media/, lalu tulis
![Keterangan foto untuk pembaca tunanetra](../media/nama-foto.jpg) -->
"""


def _scalar(text: str) -> str:
    """A YAML scalar that reads back as `text`, whatever characters it holds."""
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=1000).strip()


def new_kim(config: SiteConfig, slug: str, kode: str) -> Path:
    log = ProblemLog()
    folder = config.content_dir / slug
    if not is_dns_label(slug):
        log.add(folder, None, "kim.bad_slug", slug=slug, hint=slugify(slug) or "kim-desa")
    elif folder.exists():
        log.add(folder, None, "new.exists")
    if re.fullmatch(r"[\d.\s]+", kode):
        region = region_of(normalize_code(kode), config, log, folder, None)
    else:
        region = _desa_named(kode, config, log, folder)
    if log.has_errors() or region is None:
        raise KimsiteError(log)
    nama = f"KIM {region.desa}"
    text = PROFILE_TEMPLATE.format(
        nama=nama,
        nama_yaml=_scalar(nama),
        kode=region.code,
        kode_angka=region.code.replace(".", ""),
        deskripsi_yaml=_scalar(
            f"Komunitas Informasi Masyarakat {region.desa_label}, {region.kecamatan_label}, "
            f"{region.kabkota}."
        ),
        desa_label=region.desa_label,
        kecamatan_label=region.kecamatan_label,
        kabkota=region.kabkota,
        provinsi=region.provinsi,
        slug=slug,
        domain_induk=config.domain_induk,
    )
    for sub in (ARTICLES_DIR, PAGES_DIR, MEDIA_DIR):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / sub / ".gitkeep").touch()
    (folder / PROFILE_NAME).write_text(text, encoding="utf-8")
    return folder / PROFILE_NAME


def new_kim_region(profile: Path) -> Region | None:
    """The region a profile `new_kim` just wrote names (to show the writer which desa)."""
    match = re.search(r'^kode_wilayah: "([\d.]+)"', profile.read_text(encoding="utf-8"), re.M)
    return lookup(match.group(1)) if match else None


def _desa_named(name: str, config: SiteConfig, log: ProblemLog, where: Path) -> Region | None:
    """The desa a writer named instead of giving its code: only when one desa of the
    province has exactly that name; otherwise the candidates, to choose by code."""
    found = find(name, config.provinsi)
    exact = [r for r in found if r.desa.lower().replace(" ", "") == name.lower().replace(" ", "")]
    if len(exact) == 1:
        return exact[0]
    shown = "; ".join(
        f"{r.code} {r.desa_label}, {r.kecamatan_label}, {r.kabkota}" for r in found[:8]
    )
    if not found:
        log.add(where, None, "new.no_desa", name=name, provinsi=config.provinsi_nama)
    else:
        log.add(where, None, "new.choose_desa", name=name, found=shown)
    return None


def new_article(config: SiteConfig, kim: str, judul: str, now: datetime, penulis: str = "") -> Path:
    log = ProblemLog()
    folder = config.content_dir / kim
    if not (folder / PROFILE_NAME).is_file():
        log.add(folder, None, "new.no_kim", slug=kim)
        raise KimsiteError(log)
    local = now.astimezone(config.zone.tz)
    slug = slugify(judul)
    if not judul.strip() or not slug:
        log.add(folder / ARTICLES_DIR, None, "doc.empty_slug")
        raise KimsiteError(log)
    path = folder / ARTICLES_DIR / f"{local:%Y-%m-%d}-{slug}.md"
    if path.exists():
        log.add(path, None, "new.exists")
        raise KimsiteError(log)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        ARTICLE_TEMPLATE.format(
            judul_yaml=_scalar(judul.strip()),
            tanggal=f"{local:%Y-%m-%d %H:%M}",
            placeholder=PLACEHOLDER,
            penulis_line=(
                f"penulis: {_scalar(penulis.strip())}"
                if penulis.strip()
                else "# penulis: Nama Penulis"
            ),
        ),
        encoding="utf-8",
    )
    return path
