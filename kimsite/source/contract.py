"""The content contract: every key a writer may put in a profile, an article or a page.

One definition serves two readers. The loaders (`kim_folder`, `profiles`) open their YAML
with `shape(...)` of these fields, and `yaml_fields.Fields` refuses to read a key that is
not here and complains when a key here was never read, so the contract and the loaders
cannot drift apart. The browser editor (`kimsite.admin`) turns the same fields into its
forms: labels, hints, widgets and validation come from here, never from a second list.

Labels and hints are what a writer sees; they are written for a volunteer on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kimsite.model.content import ISTILAH, JENIS_POTENSI, KATEGORI, MEDIA_SOSIAL

Kind = Literal[
    "text",  # one line
    "longtext",  # a paragraph
    "slug",  # a lowercase address part
    "datetime",  # a moment, in the KIM's own zone
    "date",
    "boolean",
    "integer",
    "number",
    "choice",  # one of `choices`
    "open_choice",  # one of `choices` suggested; others allowed
    "list",  # short texts
    "image",  # a file in the KIM's media/ folder
    "phone",
    "email",
    "url",
    "mapping",  # `fields` below it
    "mapping_list",  # a list of `fields`
]

MAX_TITLE = 100  # `kimsite check` warns past these
MAX_SUMMARY = 200
SLUG_PATTERN = r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
WHATSAPP_PATTERN = r"^(\+?62|0)8[0-9 -]{7,14}$"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Kind
    hint: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str | bool | int | None = None
    max_length: int | None = None
    fields: tuple[Field, ...] = ()
    # only in the editor: the loader accepts more (a time without minutes, a plain date)
    pattern: tuple[str, str] | None = None
    needs: str | None = None  # another key that must be filled when this one is


Shape = dict[str, "Shape | None"]


def shape(fields: tuple[Field, ...]) -> Shape:
    """Key → the shape below it (None for a value): what `yaml_fields.Fields` checks."""
    return {f.key: shape(f.fields) if f.fields else None for f in fields}


def paths(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    """Every key as a dotted path (`kontak.whatsapp`), nested ones included."""
    out = []
    for f in fields:
        out.append(prefix + f.key)
        out.extend(paths(f.fields, f"{prefix}{f.key}."))
    return out


_TITLE = Field(
    "judul",
    "Judul",
    "text",
    f"Singkat dan jelas, paling banyak {MAX_TITLE} huruf.",
    required=True,
    max_length=MAX_TITLE,
)
_SUMMARY = Field(
    "ringkasan",
    "Ringkasan",
    "longtext",
    f"Satu atau dua kalimat untuk daftar berita, mesin pencari dan WhatsApp "
    f"(paling banyak {MAX_SUMMARY} huruf).",
    max_length=MAX_SUMMARY,
)
_SLUG = Field(
    "slug",
    "Alamat halaman",
    "slug",
    "Boleh dikosongkan: diambil dari nama berkas. Huruf kecil, angka dan tanda minus.",
    pattern=(SLUG_PATTERN, "Hanya huruf kecil, angka dan tanda minus (contoh: panen-raya)."),
)

ARTICLE: tuple[Field, ...] = (
    _TITLE,
    Field(
        "tanggal",
        "Tanggal terbit",
        "datetime",
        "Waktu setempat KIM. Tanggal yang akan datang: artikel terbit otomatis pada waktunya.",
        required=True,
    ),
    Field(
        "kategori",
        "Kategori",
        "open_choice",
        "Pilih yang paling sesuai.",
        choices=tuple(KATEGORI),
        default="berita",
    ),
    Field("tag", "Tag", "list", "Kata kunci, dipisah koma (contoh: posyandu, kesehatan)."),
    _SUMMARY,
    Field(
        "gambar",
        "Foto utama",
        "image",
        "Foto dari kamera HP boleh langsung diunggah; ukurannya dikecilkan otomatis.",
        needs="gambar_alt",
    ),
    Field(
        "gambar_alt",
        "Keterangan foto",
        "text",
        "Apa yang terlihat di foto, untuk pembaca tunanetra. Wajib bila ada foto utama.",
    ),
    Field("penulis", "Penulis", "text", "Nama penulis artikel."),
    Field("sumber", "Sumber", "text", "Bila berita diambil dari sumber lain, sebutkan di sini."),
    Field(
        "diperbarui",
        "Diperbarui",
        "datetime",
        "Isi hanya bila isi artikel diubah setelah terbit.",
    ),
    Field("draf", "Draf", "boolean", "Draf tidak diterbitkan.", default=False),
    _SLUG,
)

PAGE: tuple[Field, ...] = (
    _TITLE,
    _SUMMARY,
    Field("urutan", "Urutan di menu", "integer", "Angka kecil tampil lebih dulu.", default=100),
    Field("menu", "Tampil di menu", "boolean", default=True),
    _SLUG,
)

_PHOTO = Field("foto", "Foto", "image")
_WHATSAPP = Field(
    "whatsapp",
    "Nomor WhatsApp",
    "phone",
    "Contoh: 081234567890",
    pattern=(WHATSAPP_PATTERN, "Nomor HP Indonesia, diawali 08 atau +62."),
)

PROFILE: tuple[Field, ...] = (
    Field("nama", "Nama KIM", "text", "Contoh: KIM Ampenan Bahari", required=True),
    Field(
        "kode_wilayah",
        "Kode wilayah desa/kelurahan",
        "text",
        "Kode Kemendagri sepuluh angka bertitik, contoh 52.71.01.1004.",
        required=True,
        pattern=(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$", "Contoh: 52.71.01.1004"),
    ),
    Field(
        "deskripsi", "Deskripsi", "longtext", "Dua atau tiga kalimat tentang KIM.", required=True
    ),
    Field("nomor_induk", "Nomor Induk Komunitas", "text", "Dari Dinas Kominfo kabupaten/kota."),
    Field(
        "domain",
        "Domain",
        "text",
        "Diisi hanya bila provinsi memberi domain khusus (lihat config.yaml).",
    ),
    Field(
        "istilah",
        "Istilah",
        "choice",
        "Kelompok atau Komunitas Informasi Masyarakat.",
        choices=ISTILAH,
        default="komunitas",
    ),
    Field("alamat", "Alamat sekretariat", "text"),
    Field("tanggal_berdiri", "Tanggal berdiri", "date"),
    Field(
        "sk",
        "Surat keputusan",
        "mapping",
        fields=(
            Field("nomor", "Nomor SK", "text"),
            Field("tanggal", "Tanggal SK", "date"),
            Field("penerbit", "Penerbit", "text", "Contoh: Kepala Desa Sesela"),
            Field("masa_bakti", "Masa bakti", "text", "Contoh: 2024–2029"),
        ),
    ),
    Field("pembina", "Pembina", "text"),
    Field(
        "pengurus",
        "Pengurus",
        "mapping_list",
        fields=(
            Field("jabatan", "Jabatan", "text", required=True),
            Field("nama", "Nama", "text", required=True),
        ),
    ),
    Field("visi", "Visi", "longtext"),
    Field("misi", "Misi", "list", "Satu misi per baris."),
    Field("logo", "Logo", "image", "Gambar persegi, paling kecil 512×512 piksel."),
    Field(
        "kontak",
        "Kontak",
        "mapping",
        fields=(
            _WHATSAPP,
            Field("telepon", "Telepon", "phone"),
            Field("email", "Surel", "email"),
            Field("lat", "Lintang (latitude)", "number", "Contoh: -8.5790"),
            Field("lon", "Bujur (longitude)", "number", "Contoh: 116.0735"),
        ),
    ),
    Field(
        "media_sosial",
        "Media sosial",
        "mapping",
        "Alamat lengkap, diawali https://",
        fields=tuple(
            Field(name, "X" if name == "x" else name.capitalize(), "url") for name in MEDIA_SOSIAL
        ),
    ),
    Field(
        "potensi",
        "Potensi desa",
        "mapping_list",
        fields=(
            Field("nama", "Nama", "text", required=True),
            Field("jenis", "Jenis", "choice", choices=JENIS_POTENSI, default="lainnya"),
            Field("deskripsi", "Deskripsi", "longtext", required=True),
            _PHOTO,
        ),
    ),
    Field(
        "produk",
        "Produk UMKM",
        "mapping_list",
        fields=(
            Field("nama", "Nama produk", "text", required=True),
            Field("pemilik", "Pemilik", "text"),
            Field("harga", "Harga (rupiah)", "integer", "Tanpa titik, contoh 45000."),
            Field("satuan", "Satuan", "text", "Contoh: per 500 gram"),
            Field("deskripsi", "Deskripsi", "longtext"),
            _PHOTO,
            _WHATSAPP,
        ),
    ),
    Field("tema", "Tema", "text", "Nama tema di folder themes/. Kosongkan untuk tema provinsi."),
)
