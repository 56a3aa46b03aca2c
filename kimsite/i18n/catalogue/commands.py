"""What kimsite's commands say as they work: `new` and `check`, the preview (`serve`)
and `build`.

id → (Bahasa Indonesia, English); `kimsite.i18n.messages` joins the parts and renders them.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # new and check
    "new.exists": (
        "Sudah ada. kimsite tidak menimpa berkas yang ada: pilih nama lain atau hapus dulu.",
        "Already exists. kimsite does not overwrite files: choose another name or delete it first.",
    ),
    "new.no_kim": (
        "KIM '{slug}' belum ada. Buat dulu dengan: kimsite new kim {slug} --kode-wilayah <kode>.",
        "There is no KIM '{slug}'. Create it first with: kimsite new kim {slug} --kode-wilayah <code>.",
    ),
    "new.created": ("Dibuat: {path}", "Created: {path}"),
    "new.no_desa": (
        "Tidak ada desa/kelurahan bernama '{name}' di {provinsi}. Cari kodenya dengan: kimsite wilayah cari NAMA (boleh sebagian nama), lalu tulis --kode-wilayah KODE.",
        "No desa/kelurahan named '{name}' in {provinsi}. Look its code up with: kimsite wilayah cari NAME (part of the name will do), then give --kode-wilayah CODE.",
    ),
    "new.choose_desa": (
        "Nama '{name}' cocok dengan lebih dari satu desa, atau tidak persis sama. Pilih yang benar lalu tulis kodenya di --kode-wilayah: {found}",
        "The name '{name}' matches more than one desa, or none exactly. Choose the right one and give its code with --kode-wilayah: {found}",
    ),
    "new.region": ("Wilayah: {label} (kode {code}).", "Region: {label} (code {code})."),
    "wilayah.none_in_province": (
        "Tidak ditemukan desa/kelurahan bernama '{name}'{where} di {provinsi} (provinsi di config.yaml). Untuk mencari di seluruh Indonesia: kimsite wilayah cari {name} --semua. Atau coba sebagian namanya, atau ejaan lain.",
        "No desa/kelurahan named '{name}'{where} in {provinsi} (the province of config.yaml). To search all of Indonesia: kimsite wilayah cari {name} --semua. Or try part of the name, or another spelling.",
    ),
    "wilayah.more": (
        "Hanya {limit} yang pertama ditampilkan; masih ada yang lain. Persempit dengan --kabupaten NAMA atau nama yang lebih lengkap.",
        "Only the first {limit} are shown; there are more. Narrow it with --kabupaten NAME or a fuller name.",
    ),
    "wilayah.none": (
        "Tidak ditemukan desa/kelurahan bernama '{name}'{where}. Coba sebagian namanya saja, atau ejaan lain.",
        "No desa/kelurahan named '{name}'{where}. Try part of the name, or another spelling.",
    ),
    "new.next_kim": (
        "Lengkapi profilnya, lalu periksa dengan: kimsite check {slug}",
        "Complete the profile, then check it with: kimsite check {slug}",
    ),
    "new.next_article": (
        "Tulis isinya, lalu lihat pratinjau dengan: kimsite serve {slug}. Artikel ini masih draf: hapus baris 'draf: true' bila sudah siap terbit.",
        "Write the text, then preview it with: kimsite serve {slug}. The article is a draft: delete the line 'draf: true' when it is ready to publish.",
    ),
    "check.title_long": (
        "Judul terlalu panjang ({length} huruf; sebaiknya paling banyak {limit}). Judul pendek lebih mudah dibaca di ponsel dan WhatsApp.",
        "The title is too long ({length} characters; keep it under {limit}). Short titles read better on phones and WhatsApp.",
    ),
    "check.summary_long": (
        "Ringkasan terlalu panjang ({length} huruf; sebaiknya paling banyak {limit}). Mesin pencari dan WhatsApp memotong sisanya.",
        "The summary is too long ({length} characters; keep it under {limit}). Search engines and WhatsApp cut the rest.",
    ),
    "check.site_link_missing": (
        "Tautan '{ref}' menunjuk ke halaman yang tidak ada di situs KIM ini. Periksa alamatnya.",
        "The link '{ref}' points to a page that does not exist on this KIM's site. Check the address.",
    ),
    "check.summary": (
        "Diperiksa {kims} KIM dan {documents} artikel/halaman: {errors} kesalahan, {warnings} peringatan.",
        "Checked {kims} KIMs and {documents} articles/pages: {errors} errors, {warnings} warnings.",
    ),
    "check.photo_large": (
        "Foto ini {width}×{height} piksel ({mb} MB), lebih besar dari batas provinsi {limit} piksel (`foto_maks_px`): repositori menyimpannya selamanya. Kecilkan dengan: kimsite foto {slug}",
        "This photo is {width}×{height} pixels ({mb} MB), larger than the province's limit of {limit} pixels (`foto_maks_px`): the repository keeps it for ever. Shrink it with: kimsite foto {slug}",
    ),
    "foto.shrunk": (
        "{path}: {before_size} → {after_size} piksel, {before_mb} → {after_mb} MB, tegak dan tanpa metadata (lokasi GPS dihapus)",
        "{path}: {before_size} → {after_size} pixels, {before_mb} → {after_mb} MB, upright and without metadata (GPS location removed)",
    ),
    "foto.summary": (
        "{count} foto dikecilkan atau dibersihkan; {saved_mb} MB lebih ringan. Periksa lalu kirim (commit) perubahannya.",
        "{count} photos shrunk or cleaned; {saved_mb} MB lighter. Look, then commit the change.",
    ),
    "foto.none": (
        "Tidak ada foto yang perlu dikecilkan.",
        "No photo needs shrinking.",
    ),
    "check.scheduled": (
        "{path}: terjadwal, terbit sendiri {when} (\u201c{judul}\u201d). Situs berubah saat build pertama sesudah waktu itu.",
        "{path}: scheduled, goes live by itself on {when} (\u201c{judul}\u201d). The site changes at the first build after that time.",
    ),
    "check.clean": ("Semua baik. Tidak ada yang perlu diperbaiki.", "All good. Nothing to fix."),
    # serve
    "serve.port_busy": (
        "Port {wanted} sudah dipakai program lain (mungkin pratinjau yang masih berjalan), jadi pratinjau ini memakai port {port}.",
        "Port {wanted} is already in use (perhaps by a preview still running), so this preview uses port {port}.",
    ),
    "serve.ready": (
        "Pratinjau {host}: {url}  (Ctrl+C untuk berhenti; setiap berkas yang disimpan langsung tampil)",
        "Preview of {host}: {url}  (Ctrl+C to stop; every saved file shows at once)",
    ),
    "serve.rebuilt": (
        "kimsite: dibangun ulang #{n} dalam {seconds} detik, {errors} kesalahan",
        "kimsite: rebuild #{n} in {seconds} s, {errors} errors",
    ),
    "serve.banner_title": (
        "Ada {count} kesalahan. Halaman ini masih versi terakhir yang berhasil dibangun.",
        "There are {count} errors. This page is still the last version that built.",
    ),
    "serve.banner_hint": (
        "Perbaiki berkasnya lalu simpan; halaman ini akan dimuat ulang sendiri.",
        "Fix the file and save it; this page reloads by itself.",
    ),
    "serve.polling": (
        "Perubahan berkas tidak bisa diikuti langsung oleh sistem ({why}); folder KIM ini diperiksa setiap setengah detik.",
        "The system cannot report file changes ({why}); this KIM's folder is checked every half second.",
    ),
    "serve.overflow": (
        "Banyak berkas berubah sekaligus dan sebagian kabarnya terlewat; semua berkas KIM ini diperiksa ulang supaya tidak ada suntingan yang hilang.",
        "Many files changed at once and some notices were lost; every file of this KIM is checked again so no edit is missed.",
    ),
    "serve.building": (
        "<p>Situs ini sedang dibangun untuk pratinjau. Halaman ini dimuat ulang sendiri sebentar lagi.</p>",
        "<p>This site is being built for the preview. This page reloads by itself in a moment.</p>",
    ),
    "serve.not_built": (
        "<p>Situs ini belum pernah berhasil dibangun. Perbaiki kesalahan di atas lalu simpan berkasnya.</p>",
        "<p>This site has never built successfully. Fix the errors above and save the file.</p>",
    ),
    "serve.pick": (
        "Tidak ada KIM yang dipilih; menampilkan {slug}. KIM lain: {others}",
        "No KIM chosen; showing {slug}. Other KIMs: {others}",
    ),
    # build
    "build.machine": (
        "Build dihentikan: folder keluaran atau cache tidak bisa ditulis ({detail}, errno {code}). Biasanya disk penuh atau folder hanya-baca. Semua situs tetap seperti hasil build terakhir yang berhasil; kosongkan ruang disk atau perbaiki izin folder, lalu jalankan build lagi.",
        "Build stopped: the output or cache folder cannot be written ({detail}, errno {code}). Usually the disk is full or the folder is read-only. Every site stays as the last good build left it; free disk space or fix the folder's permissions, then build again.",
    ),
    "index.internal_error": (
        "kimsite gagal membangun situs indeks provinsi ({detail}); situs indeks lama tidak diubah. Laporkan pesan ini kepada pengelola kimsite.",
        "kimsite failed while building the province index ({detail}); the old index is untouched. Report this message to kimsite's maintainers.",
    ),
    "build.busy": (
        "Build lain sedang memakai folder {folder} (folder keluaran atau cache yang sama). Tunggu sampai build itu selesai, lalu jalankan lagi; atau beri build ini folder sendiri dengan --out dan --cache.",
        "Another build is using the folder {folder} (the same output or cache folder). Wait until that build has finished, then run this one again; or give this build folders of its own with --out and --cache.",
    ),
    "build.bad_out": (
        "Folder keluaran {out} berisi folder proyek, atau ada di dalam folder content/ atau themes/; kimsite menghapus berkas lama di sana, dan build berikutnya akan membaca keluarannya sendiri. Pilih folder lain, misalnya build/.",
        "The output folder {out} contains the project folder, or lies inside content/ or themes/; kimsite removes stale files there, and the next build would read its own output. Choose another folder, e.g. build/.",
    ),
    "build.unknown_kim": (
        "Tidak ada KIM bernama '{slug}' di content/. KIM yang ada: {known}.",
        "There is no KIM called '{slug}' in content/. Existing KIMs: {known}.",
    ),
    "build.summary": (
        "Selesai dalam {seconds} detik: {rendered} KIM dirender, {reused} dipakai ulang tanpa perubahan, {failed} gagal; {pages} berkas situs dihasilkan; {written} berkas ditulis, {unchanged} tidak berubah, {removed} dihapus; {indexed} indeks pencarian dibuat; indeks {index} → {out}",
        "Done in {seconds} s: {rendered} KIMs rendered, {reused} reused unchanged, {failed} failed; {pages} site files produced; {written} files written, {unchanged} unchanged, {removed} removed; {indexed} search indexes made; index {index} → {out}",
    ),
    "build.progress": (
        "[{position}/{total}] {slug} — {files} berkas situs",
        "[{position}/{total}] {slug} — {files} site files",
    ),
    "build.index_rendered": ("dirender", "rendered"),
    "build.index_reused": ("dipakai ulang", "reused"),
    "build.next_due": (
        "Artikel terjadwal berikutnya (KIM {slug}) terbit {when}: build pertama sesudah waktu itu menerbitkannya. Daftar lengkapnya: kimsite check.",
        "The next scheduled article (KIM {slug}) goes live on {when}: the first build after that time publishes it. The full list: kimsite check.",
    ),
    "build.kim_failed": (
        "KIM {slug} tidak dibangun karena kesalahan di atas; situs lamanya di build/ tidak diubah.",
        "KIM {slug} was not built because of the errors above; its previous site in build/ is untouched.",
    ),
    "build.index_failed": (
        "Situs indeks provinsi tidak dibangun karena kesalahan di atas.",
        "The province index was not built because of the errors above.",
    ),
    "build.index_partial": (
        "Situs indeks belum memuat KIM yang belum pernah berhasil dibangun: {missing}.",
        "The index does not list KIMs that have never built successfully: {missing}.",
    ),
}
