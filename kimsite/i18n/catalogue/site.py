"""What the sites themselves say to their readers, beside what writers wrote and what the
themes print: the titles and descriptions of the pages the build makes (lists, profile,
search, the index's pages) and the menu's fixed entries.

id → (Bahasa Indonesia, English); the sites speak Indonesian (`messages.site_text`).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "site.page_number": ("{title} — Halaman {number}", "{title} — Page {number}"),
    "site.home": ("Beranda", "Home"),
    "site.news": ("Berita", "News"),
    "site.profile_menu": ("Profil", "Profile"),
    "site.potentials_menu": ("Potensi", "Potentials"),
    "site.products_menu": ("Produk", "Products"),
    "site.search": ("Cari", "Search"),
    "site.all_news": ("Semua Berita", "All news"),
    "site.all_news_about": (
        "Semua berita dan kegiatan {nama}.",
        "All the news and activities of {nama}.",
    ),
    "site.profile": ("Profil {nama}", "About {nama}"),
    "site.potentials": ("Potensi Desa {desa}", "The potential of {desa}"),
    "site.potentials_about": ("Potensi {desa}: {names}", "The potential of {desa}: {names}"),
    "site.products": ("Produk UMKM {desa}", "Local products of {desa}"),
    "site.products_about": ("Produk UMKM: {names}", "Local products: {names}"),
    "site.search_about": (
        "Cari berita dan halaman {nama}.",
        "Search the news and pages of {nama}.",
    ),
    "site.not_found": ("Halaman tidak ditemukan", "Page not found"),
    "site.categories": ("Kategori", "Categories"),
    "site.tags": ("Tag", "Tags"),
    "site.terms_about": ("{heading} berita {nama}.", "{heading} of the news of {nama}."),
    "site.term": ("{heading}: {label}", "{heading}: {label}"),
    "site.category_about": (
        "Berita {nama} dengan kategori {label}.",
        "News of {nama} in the category {label}.",
    ),
    "site.tag_about": ("Berita {nama} dengan tag {label}.", "News of {nama} tagged {label}."),
    # the province's index
    "site.index_name": (
        "Portal Komunitas Informasi Masyarakat {provinsi}",
        "The community information portal of {provinsi}",
    ),
    "site.latest": ("Berita terbaru", "Latest news"),
    "site.latest_about": (
        "Berita terbaru dari seluruh KIM {provinsi}, halaman {number}.",
        "The latest news of every KIM of {provinsi}, page {number}.",
    ),
    "site.region": ("KIM di {nama}", "KIMs in {nama}"),
    "site.region_about": (
        "Daftar {count} KIM di {nama}, {provinsi}.",
        "The {count} KIMs in {nama}, {provinsi}.",
    ),
    "site.index_search": ("Cari berita KIM", "Search the KIMs' news"),
    "site.index_search_about": (
        "Cari berita semua KIM di {provinsi}.",
        "Search the news of every KIM in {provinsi}.",
    ),
}
