"""What kimsite says about a KIM's content: its profile, articles and pages, the
references between them, and themes and output.

id → (Bahasa Indonesia, English); `kimsite.i18n.messages` joins the parts and renders them.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # KIM profile
    "kim.bad_slug": (
        "Nama folder KIM '{slug}' tidak bisa menjadi nama domain. Gunakan huruf kecil, angka dan tanda hubung saja, misalnya '{hint}'.",
        "The KIM folder name '{slug}' cannot be a domain name. Use lowercase letters, digits and hyphens only, e.g. '{hint}'.",
    ),
    "kim.no_profile": (
        "Folder KIM ini tidak punya kim.yaml. Buat dengan: kimsite new kim <nama> --kode-wilayah <kode>.",
        "This KIM folder has no kim.yaml. Create one with: kimsite new kim <name> --kode-wilayah <code>.",
    ),
    "kim.code_format": (
        'kode_wilayah harus kode desa/kelurahan Kemendagri 10 angka bertitik, misalnya "52.71.01.1004" (tertulis: {value}).',
        'kode_wilayah must be the 10-digit dotted Kemendagri village code, e.g. "52.71.01.1004" (found: {value}).',
    ),
    "kim.code_unknown_hint": (
        "Kode wilayah {value} tidak ada dalam data Kemendagri. Maksud Anda {hint}?",
        "The region code {value} is not in the Kemendagri list. Did you mean {hint}?",
    ),
    "kim.code_unknown": (
        "Kode wilayah {value} tidak ada dalam data Kemendagri. Periksa kode desa/kelurahan Anda.",
        "The region code {value} is not in the Kemendagri list. Check your village code.",
    ),
    "kim.code_other_province": (
        "Kode wilayah {value} berada di {provinsi}, padahal situs ini untuk {expected}. Periksa dua angka pertamanya.",
        "The region code {value} is in {provinsi}, but this project is for {expected}. Check its first two digits.",
    ),
    "kim.nomor_induk_mismatch": (
        "nomor_induk {value} tidak diawali kode desa {code}. Periksa kembali nomor dari Dinas Kominfo.",
        "nomor_induk {value} does not start with the village code {code}. Check the number issued by Dinas Kominfo.",
    ),
    "kim.bad_email": ("Alamat surel tidak sah: {value}.", "Not a valid e-mail address: {value}."),
    "kim.bad_coordinate": (
        "'{key}' di luar batas koordinat. Salin lintang dan bujur dari peta, misalnya lat: -8.58 dan lon: 116.10.",
        "'{key}' is out of range. Copy latitude and longitude from a map, e.g. lat: -8.58 and lon: 116.10.",
    ),
    "kim.bad_whatsapp": (
        "Nomor WhatsApp '{key}' tidak sah: {value}. Tulis seperti 081234567890 atau 6281234567890.",
        "The WhatsApp number '{key}' is not valid: {value}. Write it like 081234567890 or 6281234567890.",
    ),
    "kim.bad_url": (
        "'{key}' harus berupa alamat lengkap yang diawali https:// (tertulis: {value}).",
        "'{key}' must be a full address starting with https:// (found: {value}).",
    ),
    "kim.duplicate_host": (
        "Domain {host} adalah milik KIM {others} (dari nama foldernya), jadi KIM ini tidak dibangun. Pengelola provinsi perlu mengubah domain_kustom KIM ini di config.yaml.",
        "The host {host} belongs to KIM {others} (by its folder name), so this KIM is not built. The province maintainers need to change this KIM's domain_kustom in config.yaml.",
    ),
    "kim.host_is_index": (
        "Domain {host} adalah domain situs indeks provinsi atau berada di bawahnya, jadi KIM ini tidak dibangun. Ganti nama folder KIM ini atau minta pengelola provinsi mengubah domain_kustom di config.yaml.",
        "The host {host} is the province index's or lies under it, so this KIM is not built. Rename this KIM's folder or ask the province maintainers to change domain_kustom in config.yaml.",
    ),
    "kim.domain_not_approved": (
        "Domain '{domain}' belum diberikan provinsi kepada KIM ini; alamatnya adalah {host}. Domain khusus hanya bisa diberikan pengelola provinsi lewat domain_kustom di config.yaml ({slug}: {domain}). Hapus baris ini, atau minta pengelola provinsi menambahkannya.",
        "The host '{domain}' has not been given to this KIM by the province; its host is {host}. Only the province maintainers can give a custom host, through domain_kustom in config.yaml ({slug}: {domain}). Remove this line, or ask them to add it.",
    ),
    "kim.internal_error": (
        "kimsite gagal memproses KIM ini ({detail}). Ini kemungkinan besar kesalahan kimsite, bukan kesalahan Anda: KIM lain tetap dibangun dan situs lama KIM ini tidak diubah. Laporkan pesan ini beserta berkas yang terakhir diubah kepada pengelola provinsi.",
        "kimsite failed while processing this KIM ({detail}). This is most likely a bug in kimsite, not your mistake: the other KIMs are still built and this KIM's old site is untouched. Report this message, with the file you changed last, to the province maintainers.",
    ),
    "kim.timeout": (
        "KIM ini butuh lebih dari {seconds} detik untuk dibangun dan dihentikan; situs lamanya tidak diubah. Biasanya penyebabnya templat di templat/ yang mengulang terlalu banyak: periksa perulangan {{% for %}} di sana.",
        "This KIM took more than {seconds} seconds to build and was stopped; its old site is untouched. Usually a template in templat/ loops too much: check the {{% for %}} loops there.",
    ),
    "kim.worker_died": (
        "Proses yang membangun KIM ini berhenti mendadak ({how}) dan KIM ini gagal; situs lamanya tidak diubah, KIM lain tetap dibangun. Biasanya memorinya habis (batas {memory} MB per proses, `batas_memori_mb` di config.yaml): periksa foto yang sangat besar, artikel raksasa, atau perulangan di templat/.",
        "The process building this KIM stopped suddenly ({how}) and this KIM failed; its old site is untouched, the other KIMs are built. Usually it ran out of memory (at most {memory} MB per process, `batas_memori_mb` in config.yaml): check for huge photos, giant articles, or loops in templat/.",
    ),
    "kim.memory": (
        "Membangun KIM ini menghabiskan memori dan dihentikan; situs lamanya tidak diubah. Biasanya penyebabnya templat di templat/ yang membuat teks atau daftar raksasa: periksa perulangan di sana.",
        "Building this KIM ran out of memory and was stopped; its old site is untouched. Usually a template in templat/ builds a huge text or list: check the loops there.",
    ),
    "kim.too_deep": (
        "Isi di sini bersarang terlalu dalam (daftar di dalam daftar, kutipan di dalam kutipan, ratusan tingkat) untuk dibaca. Kurangi tingkatnya.",
        "The content here nests too deeply (lists in lists, quotes in quotes, hundreds of levels) to be read. Reduce the nesting.",
    ),
    # articles and pages
    "doc.bad_slug": (
        "slug '{value}' hanya boleh berisi huruf kecil, angka dan tanda hubung, misalnya '{hint}'.",
        "The slug '{value}' may only contain lowercase letters, digits and hyphens, e.g. '{hint}'.",
    ),
    "doc.empty_slug": (
        "Nama berkas tidak menghasilkan alamat halaman. Ganti nama berkas dengan huruf, misalnya panen-raya.md, atau isi 'slug'.",
        "The file name gives no page address. Rename it with letters, e.g. panen-raya.md, or set 'slug'.",
    ),
    "doc.bad_category": (
        "kategori '{value}' tidak bisa dipakai (tanpa huruf atau angka, atau lebih dari 100 huruf). Gunakan kata biasa, misalnya berita, kegiatan, pengumuman.",
        "The category '{value}' cannot be used (no letters or digits, or longer than 100 characters). Use a plain word, e.g. berita, kegiatan, pengumuman.",
    ),
    "doc.too_long": (
        "'{key}' terlalu panjang: {length} huruf, paling banyak {limit} (batas provinsi `{setting}` di config.yaml). Persingkat; isi lengkapnya bisa ditulis di badan artikel.",
        "'{key}' is too long: {length} characters, at most {limit} (the province's `{setting}` in config.yaml). Shorten it; the full text can go in the article's body.",
    ),
    "doc.placeholder": (
        "Artikel ini masih berisi teks contoh dari 'kimsite new artikel' (\u201cTulis isi berita di sini\u201d), padahal bukan draf: ia akan terbit seperti itu. Ganti teks contoh dengan isi berita, atau tulis draf: true bila belum siap terbit.",
        "This article still holds the example text of 'kimsite new artikel' (\u201cTulis isi berita di sini\u201d) and is not a draft: it would go out as written. Replace the example text with the news, or write draf: true if it is not ready.",
    ),
    "doc.too_many_tags": (
        "Artikel ini punya {count} tag, paling banyak {limit} (batas provinsi `batas_tag_artikel` di config.yaml). Pilih tag yang paling penting saja.",
        "This article has {count} tags, at most {limit} (the province's `batas_tag_artikel` in config.yaml). Keep only the most important ones.",
    ),
    "kim.too_many_tags": (
        "Dengan artikel ini, KIM ini memakai lebih dari {limit} tag berbeda (batas provinsi `batas_tag_kim` di config.yaml): setiap tag menjadi halaman tersendiri. Pakai tag yang sudah ada, atau gabungkan tag yang mirip.",
        "With this article, this KIM uses more than {limit} different tags (the province's `batas_tag_kim` in config.yaml): every tag becomes pages of its own. Reuse existing tags, or merge similar ones.",
    ),
    "kim.output_too_big": (
        "Situs KIM ini akan berukuran {size} MB, lebih dari {limit} MB (batas provinsi `batas_keluaran_mb` di config.yaml); tidak ada yang ditulis dan situs lamanya tidak diubah. Biasanya karena media yang sangat besar atau tag yang sangat banyak.",
        "This KIM's site would take {size} MB, more than {limit} MB (the province's `batas_keluaran_mb` in config.yaml); nothing was written and its old site is untouched. Usually very large media or very many tags.",
    ),
    "doc.bad_tag": (
        "tag '{value}' tidak berisi huruf atau angka, atau lebih dari 100 huruf. Hapus atau ganti tag ini.",
        "The tag '{value}' has no letters or digits, or is longer than 100 characters. Remove or replace it.",
    ),
    "doc.image_no_alt": (
        "'gambar' belum punya 'gambar_alt'. Tambahkan keterangan gambar untuk pembaca tunanetra, misalnya gambar_alt: Warga memanen padi.",
        "'gambar' has no 'gambar_alt'. Add a description for blind readers, e.g. gambar_alt: Villagers harvesting rice.",
    ),
    "article.duplicate_slug": (
        "Artikel ini memakai alamat /artikel/{slug}/ yang sama dengan {other}. Ganti nama berkas atau isi 'slug' yang berbeda.",
        "This article uses the address /artikel/{slug}/ like {other}. Rename the file or set a different 'slug'.",
    ),
    "page.duplicate_slug": (
        "Halaman ini memakai alamat /{slug}/ yang sama dengan {other}. Ganti nama berkas atau isi 'slug' yang berbeda.",
        "This page uses the address /{slug}/ like {other}. Rename the file or set a different 'slug'.",
    ),
    "page.reserved_slug": (
        "Alamat halaman /{slug}/ sudah dipakai kimsite sendiri. Ganti nama berkas, misalnya tentang-{slug}.md.",
        "The page address /{slug}/ is used by kimsite itself. Rename the file, e.g. tentang-{slug}.md.",
    ),
    # references
    "ref.missing": (
        "Berkas '{ref}' tidak ditemukan. Periksa ejaan dan huruf besar-kecilnya, dan pastikan berkas ada di folder media/ KIM ini.",
        "The file '{ref}' was not found. Check the spelling and letter case, and that it is in this KIM's media/ folder.",
    ),
    "ref.outside": (
        "'{ref}' menunjuk ke luar folder KIM ini. Salin berkasnya ke folder media/ KIM ini lalu rujuk dari sana.",
        "'{ref}' points outside this KIM's folder. Copy the file into this KIM's media/ folder and refer to it there.",
    ),
    "ref.absolute": (
        "'{ref}' harus ditulis relatif, misalnya ../media/foto.jpg, bukan alamat yang diawali '/'.",
        "'{ref}' must be relative, e.g. ../media/foto.jpg, not a path starting with '/'.",
    ),
    "ref.bad_name": (
        "Rujukan ini terlalu panjang atau memuat karakter yang tidak boleh ada di nama berkas. Tulis jalur pendek ke berkas di media/, misalnya ../media/foto.jpg.",
        "This reference is too long or holds characters a file name cannot have. Write a short path to a file in media/, e.g. ../media/foto.jpg.",
    ),
    "ref.refused_media": (
        "'{ref}' tidak diterbitkan (lihat pesan untuk berkas itu sendiri), jadi tidak bisa dirujuk. Perbaiki atau ganti berkasnya.",
        "'{ref}' is not published (see the message about the file itself), so it cannot be referenced. Fix or replace the file.",
    ),
    "ref.not_media": (
        "'{ref}' ada di luar folder media/. Hanya berkas di media/ yang diterbitkan: pindahkan ke sana.",
        "'{ref}' is outside the media/ folder. Only files in media/ are published: move it there.",
    ),
    "markup.link_missing": (
        "Tautan '{ref}' menunjuk ke berkas Markdown yang tidak ada. Periksa nama berkasnya.",
        "The link '{ref}' points to a Markdown file that does not exist. Check the file name.",
    ),
    "markup.link_unpublished": (
        "Tautan '{ref}' menunjuk ke artikel yang belum terbit (draf atau bertanggal nanti); tautannya dilepas sampai artikel itu terbit.",
        "The link '{ref}' points to an article that is not published yet (draft or future date); the link is removed until it is.",
    ),
    "markup.too_deep": (
        "Teks artikel ini bersarang terlalu dalam mulai baris ini (daftar di dalam daftar atau kutipan di dalam kutipan, lebih dari {limit} tingkat). Kurangi tingkatnya: tulis butir ini sejajar dengan butir di atasnya.",
        "This text nests too deeply from this line on (lists in lists or quotes in quotes, more than {limit} levels). Reduce the nesting: write this item level with the one above.",
    ),
    "markup.image_no_alt": (
        "Gambar '{ref}' tidak punya teks alternatif. Tulis keterangannya di dalam kurung siku: ![Warga gotong royong]({ref}).",
        "The image '{ref}' has no alt text. Write a description in the brackets: ![People working together]({ref}).",
    ),
    "media.type_refused": (
        "Berkas berjenis '{suffix}' tidak diterbitkan dari folder media/: jenis ini bisa menjalankan program di peramban pembaca, atau bukan foto, dokumen, suara, atau video. Jenis yang diterima: {allowed}. Ubah gambar SVG menjadi PNG atau JPEG, lalu hapus berkas ini.",
        "Files of type '{suffix}' are not published from the media/ folder: such files can run code in a reader's browser, or are not photos, documents, audio or video. Accepted types: {allowed}. Convert an SVG image to PNG or JPEG, then remove this file.",
    ),
    "media.type_mismatch": (
        "Berkas ini bernama '{suffix}' tetapi isinya bukan {kind}. Mungkin rusak atau salah nama: simpan ulang dari aplikasi aslinya dengan jenis yang benar.",
        "This file is named '{suffix}' but its content is not {kind}. It may be damaged or misnamed: save it again from the original app with the right type.",
    ),
    "search.failed": (
        "Indeks pencarian situs ini tidak bisa dibuat ({detail}). Ini masalah mesin build, bukan tulisan Anda: situs ini tetap seperti build terakhir. Laporkan pesan ini ke pengelola kimsite provinsi.",
        "The search index of this site could not be made ({detail}). This is a problem of the build machine, not of your writing: the site stays as the last build left it. Report this message to the province's kimsite maintainers.",
    ),
    "image.unreadable": (
        "Foto ini tidak bisa dibaca sebagai gambar ({detail}). Mungkin rusak atau belum selesai terunggah: unggah ulang dari ponsel atau simpan ulang dari aplikasi foto.",
        "This photo cannot be read as an image ({detail}). It may be damaged or not fully uploaded: upload it again from the phone or save it again from a photo app.",
    ),
    "image.too_big": (
        "Gambar ini terlalu besar untuk diolah ({detail}); tidak ada kamera ponsel yang menghasilkan gambar sebesar ini. Perkecil ukurannya (misalnya 4000 piksel di sisi terpanjang) lalu unggah lagi.",
        "This image is too large to process ({detail}); no phone camera produces one this big. Scale it down (e.g. 4000 pixels on the long side) and upload it again.",
    ),
    "link.dangling": (
        "Tautan (symlink) ini menunjuk ke '{target}', yang tidak ada. Hapus tautannya, atau ganti dengan berkas aslinya.",
        "This link (symlink) points to '{target}', which does not exist. Remove the link, or replace it with the real file.",
    ),
    "link.outside": (
        "Tautan (symlink) ini menunjuk ke '{target}', di luar folder KIM ini. Sebuah KIM hanya boleh memakai berkas di foldernya sendiri: salin berkas yang diperlukan ke sini lalu hapus tautannya.",
        "This link (symlink) points to '{target}', outside this KIM's folder. A KIM may only use files in its own folder: copy what you need here and remove the link.",
    ),
    "link.folder": (
        "Tautan (symlink) ini menunjuk ke folder '{target}'. Tautan ke folder tidak didukung: pindahkan atau salin isinya ke sini.",
        "This link (symlink) points to the folder '{target}'. Links to folders are not supported: move or copy its content here.",
    ),
    "link.kim_folder": (
        "Folder KIM ini adalah tautan (symlink) ke '{target}'. Setiap KIM harus berupa folder sungguhan di content/.",
        "This KIM folder is a link (symlink) to '{target}'. Every KIM must be a real folder in content/.",
    ),
    "file.name_not_utf8": (
        "Nama berkas ini memuat huruf yang tidak bisa dibaca (bukan UTF-8). Ganti namanya, misalnya menjadi {hint}.",
        "This file name holds characters that cannot be read (not UTF-8). Rename it, e.g. to {hint}.",
    ),
    "file.folder_too_deep": (
        "Folder di dalam folder ini sudah lebih dari {limit} tingkat; isinya tidak dibaca. Pindahkan berkasnya ke folder yang dangkal, misalnya artikel/2026/.",
        "The folders in this folder go more than {limit} levels deep; what is inside is not read. Move the files to a shallow folder, e.g. artikel/2026/.",
    ),
    "file.name_too_long": (
        "Nama berkas ini terlalu panjang (lebih dari {limit} byte). Pakai nama pendek, misalnya {hint}.",
        "This file name is too long (over {limit} bytes). Use a short name, e.g. {hint}.",
    ),
    "file.name_characters": (
        "Nama berkas ini memuat garis miring terbalik (\\), karakter kendali, atau spasi di awal/akhir. Ganti namanya, misalnya menjadi {hint}.",
        "This file name holds a backslash (\\), a control character, or leading/trailing spaces. Rename it, e.g. to {hint}.",
    ),
    "media.bad_name": (
        "Nama berkas berisi spasi atau huruf khusus yang menyulitkan tautan. Sebaiknya ganti menjadi {hint}.",
        "The file name has spaces or special characters that make links fragile. Better rename it to {hint}.",
    ),
    # themes and output
    "theme.unknown": (
        "Tema '{name}' tidak ada di folder themes/. Tema yang tersedia: {available}.",
        "The theme '{name}' is not in the themes/ folder. Available themes: {available}.",
    ),
    "theme.cycle": (
        "Tema '{name}' mewarisi dirinya sendiri lewat 'extends'. Periksa 'extends' di theme.yaml.",
        "The theme '{name}' inherits from itself through 'extends'. Check 'extends' in theme.yaml.",
    ),
    "theme.syntax": ("Kesalahan penulisan templat: {detail}.", "Template syntax error: {detail}."),
    "theme.missing_template": (
        "Templat '{name}' tidak ditemukan di tema ini maupun induknya.",
        "The template '{name}' is in neither this theme nor its parents.",
    ),
    "theme.sandbox": (
        "Templat {name} mencoba sesuatu yang tidak diizinkan ({detail}). Templat hanya boleh menampilkan data situs (site, meta, artikel); ia tidak bisa membuka berkas, menjalankan program, atau membuat teks raksasa. Hapus bagian itu dari templat.",
        "The template {name} tried something that is not allowed ({detail}). Templates may only show the site's data (site, meta, articles); they cannot open files, run programs or build huge texts. Remove that part of the template.",
    ),
    "theme.render": (
        "Templat {name} gagal dirender: {detail}. Periksa nilai, filter dan perhitungan pada baris yang disebut (misalnya pembagian dengan nol saat belum ada artikel); situs lama tidak diubah.",
        "The template {name} failed to render: {detail}. Check the values, filters and arithmetic on the line named (e.g. a division by zero while there are no articles yet); the old site is untouched.",
    ),
    "theme.too_deep": (
        "Templat {name} memanggil dirinya sendiri tanpa henti (makro atau include yang memanggil dirinya lagi). Beri kondisi {{% if %}} yang menghentikan panggilan itu; situs lama tidak diubah.",
        "The template {name} calls itself without end (a macro or include that calls itself again). Add an {{% if %}} that stops the calls; the old site is untouched.",
    ),
    "output.conflict": (
        "Dua sumber menghasilkan berkas yang sama {output}: {first} dan {second}. Ganti nama salah satunya.",
        "Two sources produce the same file {output}: {first} and {second}. Rename one of them.",
    ),
}
