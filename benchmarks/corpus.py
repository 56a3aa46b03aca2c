"""A deterministic benchmark corpus: K KIMs × M articles of Indonesian village news, written
three ways from the same data — a kimsite project, a Hugo site and a Pelican site — so the
three tools render the same articles.

    python -m benchmarks.corpus --kims 100 --articles-per-kim 40 --out benchmarks/work/c4000
    python -m benchmarks.corpus --kims 20 --articles-per-kim 10 --photos 20 --out …/csmall-p20

The same arguments always give byte-identical files. Articles are generated and written one
at a time, so 100,000 articles need no more memory than one.

`--photos N`: N of the articles, spread evenly over the corpus, each carry a photo of their
own, as a writer's phone stores it: a 4000×3000 JPEG of about 4.5 MB, sideways with an EXIF
Orientation tag, camera and GPS position (`benchmarks.images.phone_photo`; photo p of the
corpus is that generator's seed p). Each distinct photo is generated once, into
benchmarks/work/phone-photos/ (shared with `benchmarks.images`), and hard-linked (copied
across disks) into the three sites. What each tool is asked to do with a photo:

- kimsite: `content/<kim>/media/<article>.jpg`, named by the article's front matter
  (`gambar: ../media/<article>.jpg`, `gambar_alt`). Every build turns it upright, strips its
  metadata and re-encodes it at ≤ 1600 px, makes WebP copies 480/960/1440 px wide and a
  1200×630 share JPEG (cached by content: a build with no photo changed decodes none).
- Hugo: the article becomes a leaf bundle (`content/<kim>/<article>/index.md` beside
  `foto.jpg`, the same URL); its single template asks for the same derivatives as
  `benchmarks.images` does (WebP 480/960/1440 wide, a 1200×630 JPEG fill). Hugo also
  publishes the original as it is (4.5 MB, sideways, with GPS); it does not turn it upright
  (0.111 has no auto-orient). Its image cache is sent to `--cacheDir` (benchmarks.run gives
  every run an empty one: a cold run decodes every photo, as kimsite's cold run does).
- Pelican: `content/images/<kim>/<article>.jpg`, shown by an image at the top of the
  article's body (its default theme shows no front-matter image); Pelican copies it as it
  is and resizes nothing.

Without photos the corpus is byte for byte what it was before the option existed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kimsite.indonesia.conventions import slugify
from kimsite.indonesia.regions import _villages

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


def photo_articles(total: int, photos: int) -> dict[int, int]:
    """{article's place in `articles()`: its photo's number}: `photos` articles, spread
    evenly (the first article of the corpus is one of them)."""
    photos = min(photos, total)
    return {p * total // photos: p for p in range(photos)}


def _link(source: Path, target: Path) -> None:
    """`source` at `target`, hard-linked (the same 4.5 MB photo in three sites costs no
    more disk than one), copied when the two are on different disks."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _photo_alt(a: Article) -> str:
    return f"Warga dalam kegiatan {a.title}"


def write_kimsite(
    ks: Path, count_kims: int, per_kim: int, seed: int = 1, photos: list[Path] | None = None
) -> None:
    """The kimsite project alone: config, themes, a folder per KIM with its articles;
    `photos`: the phone photos (`benchmarks.images.prepare`) some articles carry."""
    with_photo = photo_articles(count_kims * per_kim, len(photos or []))
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
    for n, ((slug, _code, _village), a) in enumerate(articles(count_kims, per_kim, seed)):
        front = (
            f"judul: {_yaml(a.title)}\ntanggal: {a.day.isoformat()}\nkategori: {a.category}\n"
            f"tag: [{', '.join(a.tags)}]\nringkasan: {_yaml(a.summary)}\n"
        )
        if photos and n in with_photo:
            _link(photos[with_photo[n]], ks / "content" / slug / "media" / f"{a.slug}.jpg")
            front += f"gambar: ../media/{a.slug}.jpg\ngambar_alt: {_yaml(_photo_alt(a))}\n"
        (ks / "content" / slug / "artikel" / f"{a.slug}.md").write_text(
            f"---\n{front}---\n{a.body}\n", encoding="utf-8"
        )


def write(out: Path, count_kims: int, per_kim: int, seed: int = 1, photos: int = 0) -> None:
    """The three sites; `photos`: how many articles carry a phone photo (module docstring)."""
    from benchmarks.images import prepare

    shutil.rmtree(out, ignore_errors=True)
    pictures = prepare(photos) if photos else []
    with_photo = photo_articles(count_kims * per_kim, len(pictures))
    ks, hugo, pel = out / "kimsite", out / "hugo", out / "pelican"
    write_kimsite(ks, count_kims, per_kim, seed, pictures)
    _hugo_site(hugo, photos=bool(pictures))
    _pelican_site(pel)
    for n, ((slug, _code, _village), a) in enumerate(articles(count_kims, per_kim, seed)):
        photo = pictures[with_photo[n]] if n in with_photo else None
        hugo_dir = hugo / "content" / slug
        hugo_dir.mkdir(parents=True, exist_ok=True)
        hugo_page = hugo_dir / f"{a.slug}.md"
        if photo:  # a leaf bundle: the page and its photo, at the same URL
            hugo_page = hugo_dir / a.slug / "index.md"
            _link(photo, hugo_page.parent / "foto.jpg")
        hugo_page.write_text(
            f"---\ntitle: {_yaml(a.title)}\ndate: {a.day.isoformat()}\n"
            f"categories: [{a.category}]\ntags: [{', '.join(a.tags)}]\n"
            f"summary: {_yaml(a.summary)}\n---\n{a.body}\n",
            encoding="utf-8",
        )
        pel_dir = pel / "content" / slug
        pel_dir.mkdir(parents=True, exist_ok=True)
        body = a.body
        if photo:
            _link(photo, pel / "content" / "images" / slug / f"{a.slug}.jpg")
            body = f"![{_photo_alt(a)}]({{static}}/images/{slug}/{a.slug}.jpg)\n\n{body}"
        (pel_dir / f"{a.slug}.md").write_text(
            f"Title: {a.title}\nDate: {a.day.isoformat()}\nCategory: {a.category}\n"
            f"Tags: {', '.join(a.tags)}\nSlug: {slug}-{a.slug}\nSummary: {a.summary}\n\n{body}\n",
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
# The article's photo, when it has one: the derivatives `benchmarks.images` asks of Hugo
# (kimsite makes the same ones, plus the cleaned original at ≤ 1600 px).
HUGO_PHOTO = """{{ with .Resources.GetMatch "foto.jpg" }}{{ $a := .Resize "480x webp q78" }}{{ $b := .Resize "960x webp q78" }}{{ $c := .Resize "1440x webp q78" }}{{ $s := .Fill "1200x630 jpg q80" }}
<figure><img src="{{ $b.RelPermalink }}" srcset="{{ $a.RelPermalink }} 480w, {{ $b.RelPermalink }} 960w, {{ $c.RelPermalink }} 1440w" sizes="(max-width: 60rem) 100vw, 60rem" alt="Warga dalam kegiatan {{ $.Title }}" width="{{ $b.Width }}" height="{{ $b.Height }}"><meta property="og:image" content="{{ $s.Permalink }}"></figure>{{ end }}
"""
HUGO_TERMS = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"""


def _hugo_site(root: Path, photos: bool = False) -> None:
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    config = (
        'baseURL = "https://kim.example.org/"\nlanguageCode = "id"\ntitle = "KIM Jawa Tengah"\n'
        'paginate = 10\n[taxonomies]\ncategory = "categories"\ntag = "tags"\n'
    )
    single = HUGO_SINGLE
    if photos:
        # Processed images in --cacheDir, not in the site's resources/_gen/ (where the
        # second "cold" run would find every derivative made by the first).
        config += (
            '[imaging]\nresampleFilter = "Lanczos"\n[caches.images]\ndir = ":cacheDir/images"\n'
        )
        single = single.replace("<div>{{ .Content }}", HUGO_PHOTO + "<div>{{ .Content }}")
    (root / "config.toml").write_text(config, encoding="utf-8")
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(single, encoding="utf-8")
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
    parser.add_argument(
        "--photos", type=int, default=0, help="articles with a 4000×3000 phone photo each"
    )
    args = parser.parse_args()
    write(args.out, args.kims, args.articles_per_kim, args.seed, args.photos)


if __name__ == "__main__":
    main()
