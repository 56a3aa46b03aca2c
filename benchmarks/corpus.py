"""A deterministic benchmark corpus: K KIMs × M articles of Indonesian village news, written
three ways from the same data — a kimsite project, a Hugo site and a Pelican site — so the
three tools render the same articles.

    python -m benchmarks.corpus --kims 100 --articles-per-kim 40 --out benchmarks/work/c4000

The same arguments always give byte-identical files. Articles are generated and written one
at a time, so 100,000 articles need no more memory than one.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kimsite.indonesian import slugify
from kimsite.regions import _villages

REPO = Path(__file__).resolve().parent.parent
PROVINCE = "33"  # Jawa Tengah: more than 8,000 villages, enough for 5,000 KIMs

PLACES = [
    "balai desa",
    "lapangan dusun",
    "masjid jami",
    "sekolah dasar",
    "pasar desa",
    "posyandu",
    "kantor kecamatan",
    "tepi sungai",
    "sawah utara",
    "gedung serbaguna",
]
GROUPS = [
    "karang taruna",
    "kelompok tani",
    "PKK",
    "kader posyandu",
    "BPD",
    "kelompok nelayan",
    "perajin",
    "pemuda masjid",
    "Bumdes",
    "relawan bencana",
]
ACTIVITIES = [
    "gotong royong membersihkan saluran irigasi",
    "musyawarah rencana pembangunan",
    "pelatihan pengemasan produk UMKM",
    "penyuluhan kesehatan ibu dan anak",
    "lomba kebersihan antardusun",
    "pembagian bibit tanaman buah",
    "sosialisasi pencegahan demam berdarah",
    "panen raya padi",
    "pelatihan pemasaran daring",
    "festival kuliner tradisional",
    "pengecoran jalan usaha tani",
    "vaksinasi ternak",
]
NAMES = [
    "Ahmad Fauzi",
    "Siti Rahmawati",
    "Budi Santoso",
    "Dewi Lestari",
    "Eko Prasetyo",
    "Fitri Handayani",
    "Gunawan",
    "Hartini",
    "Imam Syafii",
    "Joko Susilo",
    "Kartika Sari",
    "Lukman Hakim",
    "Marlina",
    "Nur Aini",
    "Oktaviani",
    "Purnomo",
    "Rina Wulandari",
    "Slamet Riyadi",
    "Tri Wahyuni",
    "Umar Said",
]
SENTENCES = [
    "Kegiatan ini diikuti {n} warga dari {d} dusun yang datang sejak pagi.",
    "Menurut {who}, kegiatan serupa akan diadakan kembali bulan depan.",
    "Pemerintah desa menyediakan anggaran sebesar Rp{rp} untuk mendukung kegiatan ini.",
    "Warga berharap hasilnya dapat dirasakan oleh seluruh masyarakat {village}.",
    "Sebagian besar peserta adalah anggota {group} yang sudah aktif sejak beberapa tahun lalu.",
    "Acara dibuka oleh kepala desa dan dilanjutkan dengan diskusi bersama perwakilan warga.",
    "Panitia mencatat ada {n} usulan yang masuk dan akan dibahas dalam rapat berikutnya.",
    "Kegiatan berlangsung di {place} mulai pukul {h}.00 hingga selesai.",
    "Para peserta mendapat materi dari petugas dinas terkait dan praktik secara langsung.",
    "Hasil kegiatan akan dilaporkan kepada warga melalui papan informasi dan grup WhatsApp desa.",
    "{who} mengingatkan warga untuk terus menjaga kebersihan dan kerukunan.",
    "Kegiatan ini juga menjadi kesempatan bagi pelaku UMKM untuk memperkenalkan produknya.",
]
CATEGORIES = ["berita", "kegiatan", "pengumuman", "wisata", "umkm"]
TAGS = [
    slugify(t)
    for t in [
        "pertanian",
        "kesehatan",
        "pendidikan",
        "lingkungan",
        "umkm",
        "pemuda",
        "perempuan",
        "infrastruktur",
        "budaya",
        "olahraga",
        "bencana",
        "air bersih",
        "posyandu",
        "bumdes",
        "pariwisata",
        "peternakan",
        "perikanan",
        "kerajinan",
        "kuliner",
        "apbdes",
        "musyawarah",
        "pelatihan",
        "bantuan sosial",
        "kebersihan",
        "irigasi",
        "jalan",
        "sekolah",
        "masjid",
        "lansia",
        "anak",
        "digital",
        "internet",
        "pasar",
        "festival",
        "lomba",
        "gotong royong",
        "sampah",
        "listrik",
        "kependudukan",
        "keamanan",
    ]
]


@dataclass(frozen=True)
class Article:
    kim: str
    slug: str
    title: str
    day: date
    category: str
    tags: tuple[str, ...]
    summary: str
    body: str


def _paragraph(rnd: random.Random, village: str, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        out.append(
            rnd.choice(SENTENCES).format(
                n=rnd.randint(12, 300),
                d=rnd.randint(2, 9),
                who=rnd.choice(NAMES),
                rp=f"{rnd.randint(5, 250) * 100_000:,}".replace(",", "."),
                village=village,
                group=rnd.choice(GROUPS),
                place=rnd.choice(PLACES),
                h=rnd.randint(7, 15),
            )
        )
    return " ".join(out)


def _article(rnd: random.Random, kim: str, village: str, index: int) -> Article:
    activity = rnd.choice(ACTIVITIES)
    title = f"{activity.capitalize()} di {village} ({index + 1})"
    day = date(2023, 1, 1) + timedelta(days=rnd.randint(0, 1094))
    parts = [
        _paragraph(rnd, village, 4),
        f"## {rnd.choice(['Latar belakang', 'Jalannya kegiatan', 'Harapan warga'])}",
        _paragraph(rnd, village, 5),
    ]
    if rnd.random() < 0.5:
        parts.append(
            "\n".join(f"- {rnd.choice(GROUPS)}: **{rnd.randint(3, 40)} orang**" for _ in range(4))
        )
    parts.append(_paragraph(rnd, village, 5))
    if rnd.random() < 0.2:
        parts.append(
            "| Dusun | Peserta |\n|:--|--:|\n"
            + "\n".join(f"| Dusun {k} | {rnd.randint(5, 80)} |" for k in range(1, 5))
        )
    parts.append(f"> {_paragraph(rnd, village, 1)}")
    parts.append(
        _paragraph(rnd, village, 4)
        + " Informasi lengkap ada di [situs kabupaten](https://example.org/)."
    )
    body = "\n\n".join(parts)
    summary = _paragraph(rnd, village, 1)[:150]
    tags = tuple(sorted(set(rnd.sample(TAGS, rnd.randint(1, 3)))))
    slug = f"{day.isoformat()}-{slugify(activity)}-{index + 1}"
    return Article(kim, slug, title, day, rnd.choice(CATEGORIES), tags, summary, body)


def kims(count: int) -> list[tuple[str, str, str]]:
    """(slug, code, village name) of `count` real villages of the province, spread out."""
    codes = sorted(c for c in _villages() if c.startswith(PROVINCE + "."))
    step = max(1, len(codes) // count)
    chosen = codes[::step][:count]
    return [(f"kim-{slugify(_villages()[c])}-{i}", c, _villages()[c]) for i, c in enumerate(chosen)]


def articles(
    count_kims: int, per_kim: int, seed: int
) -> Iterator[tuple[tuple[str, str, str], Article]]:
    for kim in kims(count_kims):
        rnd = random.Random(f"{seed}:{kim[0]}")
        for index in range(per_kim):
            yield kim, _article(rnd, kim[0], kim[2], index)


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_kimsite(ks: Path, count_kims: int, per_kim: int, seed: int = 1) -> None:
    """The kimsite project alone: config, themes, a folder per KIM with its articles."""
    shutil.copytree(REPO / "themes", ks / "themes")
    (ks / "config.yaml").write_text(
        f'provinsi: "{PROVINCE}"\ndomain_indeks: kim.jatengprov.go.id\njudul: KIM Jawa Tengah\n',
        encoding="utf-8",
    )
    for slug, code, village in kims(count_kims):
        folder = ks / "content" / slug
        (folder / "artikel").mkdir(parents=True)
        (folder / "kim.yaml").write_text(
            f'nama: KIM {village}\nkode_wilayah: "{code}"\n'
            f"deskripsi: Kabar warga Desa {village} untuk semua.\n",
            encoding="utf-8",
        )
    for (slug, _code, _village), a in articles(count_kims, per_kim, seed):
        front = (
            f"judul: {_yaml(a.title)}\ntanggal: {a.day.isoformat()}\nkategori: {a.category}\n"
            f"tag: [{', '.join(a.tags)}]\nringkasan: {_yaml(a.summary)}\n"
        )
        (ks / "content" / slug / "artikel" / f"{a.slug}.md").write_text(
            f"---\n{front}---\n{a.body}\n", encoding="utf-8"
        )


def write(out: Path, count_kims: int, per_kim: int, seed: int = 1) -> None:
    shutil.rmtree(out, ignore_errors=True)
    ks, hugo, pel = out / "kimsite", out / "hugo", out / "pelican"
    write_kimsite(ks, count_kims, per_kim, seed)
    _hugo_site(hugo)
    _pelican_site(pel)
    for (slug, _code, _village), a in articles(count_kims, per_kim, seed):
        hugo_dir = hugo / "content" / slug
        hugo_dir.mkdir(parents=True, exist_ok=True)
        (hugo_dir / f"{a.slug}.md").write_text(
            f"---\ntitle: {_yaml(a.title)}\ndate: {a.day.isoformat()}\n"
            f"categories: [{a.category}]\ntags: [{', '.join(a.tags)}]\n"
            f"summary: {_yaml(a.summary)}\n---\n{a.body}\n",
            encoding="utf-8",
        )
        pel_dir = pel / "content" / slug
        pel_dir.mkdir(parents=True, exist_ok=True)
        (pel_dir / f"{a.slug}.md").write_text(
            f"Title: {a.title}\nDate: {a.day.isoformat()}\nCategory: {a.category}\n"
            f"Tags: {', '.join(a.tags)}\nSlug: {slug}-{a.slug}\nSummary: {a.summary}\n\n{a.body}\n",
            encoding="utf-8",
        )


HUGO_BASEOF = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 160 }}"><link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="/style.css"></head><body><header><a href="/">{{ .Site.Title }}</a>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/categories/">Kategori</a></li><li><a href="/tags/">Tag</a></li></ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer><p>{{ .Site.Title }}</p></footer></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<div>{{ .Content }}</div><ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relLangURL }}{{ . | urlize }}/">#{{ . }}</a></li>{{ end }}</ul></article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p>{{ .Date.Format "2 January 2006" }}</p><p>{{ .Summary | plainify | truncate 160 }}</p></article>{{ end }}
{{ with .Paginator }}{{ if .HasPrev }}<a href="{{ .Prev.URL }}">Sebelumnya</a>{{ end }}{{ if .HasNext }}<a href="{{ .Next.URL }}">Berikutnya</a>{{ end }}{{ end }}{{ end }}
"""
HUGO_TERMS = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"""


def _hugo_site(root: Path) -> None:
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (root / "config.toml").write_text(
        'baseURL = "https://kim.example.org/"\nlanguageCode = "id"\ntitle = "KIM Jawa Tengah"\n'
        'paginate = 10\n[taxonomies]\ncategory = "categories"\ntag = "tags"\n',
        encoding="utf-8",
    )
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (layouts / "terms.html").write_text(HUGO_TERMS, encoding="utf-8")
    (root / "layouts" / "index.html").write_text(
        HUGO_LIST.replace(".Paginator.Pages", "(.Paginate .Site.RegularPages).Pages"),
        encoding="utf-8",
    )
    (root / "static").mkdir()
    shutil.copy(REPO / "themes/default/static/kimsite.css", root / "static" / "style.css")


def _pelican_site(root: Path) -> None:
    (root / "content").mkdir(parents=True)
    (root / "pelicanconf.py").write_text(
        'AUTHOR = "KIM"\nSITENAME = "KIM Jawa Tengah"\nSITEURL = ""\nPATH = "content"\n'
        'TIMEZONE = "Asia/Jakarta"\nDEFAULT_LANG = "id"\nDEFAULT_PAGINATION = 10\n'
        "RELATIVE_URLS = False\nCACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n"
        "FEED_ALL_ATOM = 'feeds/all.atom.xml'\nARTICLE_URL = 'artikel/{slug}/'\n"
        "ARTICLE_SAVE_AS = 'artikel/{slug}/index.html'\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kims", type=int, required=True)
    parser.add_argument("--articles-per-kim", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.out, args.kims, args.articles_per_kim, args.seed)


if __name__ == "__main__":
    main()
