"""The message catalogue: every sentence kimsite says to a person, in Indonesian and English.

Code refers to messages by id and passes named values; the wording lives only here, so a
translator or a writer's complaint about a confusing message lands in one file. Indonesian
is the default (`--lang en` or `KIMSITE_LANG=en` switch). Messages say what is wrong and
what to do, in plain words: the readers are village volunteers, not programmers.
"""

from __future__ import annotations

import re
from typing import Any

from kimsite.foreign import jinja_words

# id → (Bahasa Indonesia, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # YAML and front matter
    "yaml.syntax": (
        "Format YAML tidak bisa dibaca ({detail}). Periksa indentasi dan tanda titik dua pada baris ini.",
        "The YAML cannot be read ({detail}). Check the indentation and colons on this line.",
    ),
    "yaml.tab": (
        "Ada karakter Tab di sini. YAML hanya menerima spasi untuk indentasi: ganti Tab dengan dua spasi.",
        "There is a Tab character here. YAML only accepts spaces for indentation: replace the Tab with two spaces.",
    ),
    "yaml.colon": (
        "Ada titik dua (:) di tempat yang tidak terduga. Jika teksnya memang berisi ': ', apit seluruh teks dengan tanda kutip, misalnya judul: \"Rapat: hasil musyawarah\".",
        "Unexpected colon (:). If the text itself contains ': ', put the whole text in quotes, e.g. judul: \"Rapat: hasil musyawarah\".",
    ),
    "yaml.no_colon": (
        "Baris ini tidak punya titik dua (:) setelah nama kunci. Tulis seperti: judul: Teks judul.",
        "This line has no colon (:) after the key name. Write it like: judul: Title text.",
    ),
    "yaml.unclosed_quote": (
        "Tanda kutip dibuka tetapi tidak ditutup. Tambahkan tanda kutip penutup di akhir teks.",
        "A quote is opened but never closed. Add the closing quote at the end of the text.",
    ),
    "yaml.unclosed_bracket": (
        "Kurung siku '[' dibuka di baris ini tetapi tidak ditutup. Tutup daftarnya dengan ']' di akhir baris, misalnya: tag: [panen, desa].",
        "A '[' is opened on this line but never closed. Close the list with ']' at the end of the line, e.g. tag: [panen, desa].",
    ),
    "yaml.unclosed_brace": (
        "Kurung kurawal '{{' dibuka di baris ini tetapi tidak ditutup. Tutup dengan '}}' di akhir, misalnya: sk: {{nomor: 17 Tahun 2023, tanggal: 2023-03-01}}.",
        "A '{{' is opened on this line but never closed. Close it with '}}' at the end, e.g. sk: {{nomor: 17 Tahun 2023, tanggal: 2023-03-01}}.",
    ),
    "yaml.colon_space": (
        "Setelah titik dua harus ada spasi. Tulis '{key}: {value}', bukan '{key}:{value}'.",
        "A colon needs a space after it. Write '{key}: {value}', not '{key}:{value}'.",
    ),
    "yaml.indent": (
        "Indentasi tidak rata. Kunci yang setingkat harus mulai di kolom yang sama; gunakan spasi, bukan Tab.",
        "Uneven indentation. Keys on the same level must start in the same column; use spaces, not Tabs.",
    ),
    "yaml.alias": (
        "Tanda * dibaca sebagai alias YAML. Jika maksudnya teks, apit dengan tanda kutip.",
        "The * is read as a YAML alias. If you meant text, put it in quotes.",
    ),
    "yaml.too_deep": (
        "Isi YAML di sini bersarang lebih dari {depth} tingkat. Profil dan keterangan artikel tidak pernah sedalam itu: periksa tanda [ dan {{ yang tidak ditutup.",
        "The YAML here nests more than {depth} levels deep. Profiles and front matter are never that deep: look for [ and {{ that are never closed.",
    ),
    "yaml.tag_refused": (
        "Tanda '!' di sini meminta jenis data khusus YAML ({tag}), yang tidak diterima. Jika '!' memang bagian teks, apit seluruh teks dengan tanda kutip.",
        "The '!' here asks for a special YAML type ({tag}), which is not accepted. If the '!' is part of the text, put the whole text in quotes.",
    ),
    "yaml.alias_refused": (
        "Anchor dan alias YAML (&nama dan *nama) tidak diterima. Tulis nilainya langsung; jika '&' atau '*' memang bagian teks, apit teksnya dengan tanda kutip.",
        "YAML anchors and aliases (&name and *name) are not accepted. Write the value itself; if the '&' or '*' is part of the text, put the text in quotes.",
    ),
    "yaml.empty": (
        "Isi {what} kosong. Isi dengan pasangan kunci: nilai, misalnya nama: KIM Desa Maju.",
        "{what} is empty. Fill it with key: value pairs, e.g. nama: KIM Desa Maju.",
    ),
    "yaml.not_mapping": (
        "Isi {what} harus berupa daftar kunci: nilai (misalnya judul: Teks), bukan teks atau daftar biasa.",
        "{what} must be key: value pairs (e.g. judul: Text), not plain text or a list.",
    ),
    "frontmatter.missing": (
        "Berkas tidak diawali '---'. Setiap artikel dan halaman harus dibuka dengan bagian keterangan di antara dua baris '---', misalnya:\n---\njudul: Judul artikel\ntanggal: 2024-07-24\n---",
        "The file does not start with '---'. Every article and page must open with a header between two '---' lines, e.g.:\n---\njudul: Article title\ntanggal: 2024-07-24\n---",
    ),
    "frontmatter.leading_blank": (
        "Ada baris kosong sebelum '---'. Hapus baris kosong itu: '---' harus berada di baris pertama.",
        "There are blank lines before '---'. Remove them: '---' must be on the first line.",
    ),
    "frontmatter.unclosed": (
        "Bagian keterangan dibuka dengan '---' tetapi tidak ditutup. Tambahkan baris '---' setelah kunci terakhir, sebelum isi artikel.",
        "The header opens with '---' but is never closed. Add a '---' line after the last key, before the article text.",
    ),
    # fields
    "field.required": (
        "Kunci '{key}' wajib diisi. Tambahkan baris '{key}: ...'.",
        "The key '{key}' is required. Add a line '{key}: ...'.",
    ),
    "field.duplicate": (
        "Kunci '{key}' ditulis dua kali (pertama di baris {first_line}). Hapus salah satunya.",
        "The key '{key}' appears twice (first on line {first_line}). Remove one of them.",
    ),
    "field.unknown_hint": (
        "Kunci '{key}' tidak dikenal. Maksud Anda '{hint}'?",
        "Unknown key '{key}'. Did you mean '{hint}'?",
    ),
    "field.unknown": (
        "Kunci '{key}' tidak dikenal. Kunci yang bisa dipakai di sini: {known}.",
        "Unknown key '{key}'. Keys allowed here: {known}.",
    ),
    "field.type_text": (
        "'{key}' harus berupa teks satu nilai, bukan daftar atau kelompok kunci.",
        "'{key}' must be a single text value, not a list or a group of keys.",
    ),
    "field.type_bool": (
        "'{key}' harus bernilai true atau false (tertulis: {value}).",
        "'{key}' must be true or false (found: {value}).",
    ),
    "field.type_number": (
        "'{key}' harus berupa angka, misalnya -8.58 (tertulis: {value}).",
        "'{key}' must be a number, e.g. -8.58 (found: {value}).",
    ),
    "field.type_int": (
        "'{key}' harus berupa bilangan bulat tanpa titik atau 'Rp', misalnya 25000 (tertulis: {value}).",
        "'{key}' must be a whole number without dots or 'Rp', e.g. 25000 (found: {value}).",
    ),
    "field.type_list": (
        "'{key}' harus berupa daftar, misalnya:\n{key}:\n  - pertama\n  - kedua",
        "'{key}' must be a list, e.g.:\n{key}:\n  - first\n  - second",
    ),
    "field.type_list_item": (
        "Setiap isi daftar '{key}' harus berupa teks singkat.",
        "Every item of the list '{key}' must be a short text.",
    ),
    "field.type_mapping": (
        "'{key}' harus berisi kunci-kunci di bawahnya (menjorok dua spasi), bukan satu teks.",
        "'{key}' must hold keys below it (indented two spaces), not a single text.",
    ),
    "field.type_mapping_list": (
        "'{key}' harus berupa daftar; setiap isi diawali '- ' dan berisi kunci-kuncinya.",
        "'{key}' must be a list; every item starts with '- ' and holds its keys.",
    ),
    "field.type_mapping_item": (
        "Isi ke-{index} dari '{key}' harus berisi kunci-kunci (misalnya nama: ...), bukan teks saja.",
        "Item {index} of '{key}' must hold keys (e.g. nama: ...), not just text.",
    ),
    "field.control_char": (
        "Nilai '{key}' memuat karakter kendali yang tak terlihat (misalnya dari hasil salin-tempel). Ketik ulang nilainya.",
        "The value of '{key}' holds an invisible control character (e.g. from copy and paste). Type the value again.",
    ),
    "field.year_range": (
        "Tanggal '{value}' di '{key}' di luar rentang yang masuk akal ({first}–{last}). Periksa tahunnya.",
        "The date '{value}' in '{key}' is outside the sensible range ({first}–{last}). Check the year.",
    ),
    "doc.updated_future": (
        "Tanggal 'diperbarui' ({value}) ada di masa depan. Isi dengan waktu artikel benar-benar diperbarui, atau hapus barisnya.",
        "The 'diperbarui' date ({value}) is in the future. Use the time the article was really updated, or remove the line.",
    ),
    "file.control_char": (
        "Baris ini memuat karakter kendali yang tak terlihat ({char}), biasanya dari hasil salin-tempel. Hapus karakter itu (ketik ulang baris ini).",
        "This line holds an invisible control character ({char}), usually from copy and paste. Remove it (type the line again).",
    ),
    "field.bad_date": (
        "Tanggal '{key}' harus berformat TAHUN-BULAN-HARI, misalnya 2023-07-24 (tertulis: {value}).",
        "The date '{key}' must be written YEAR-MONTH-DAY, e.g. 2023-07-24 (found: {value}).",
    ),
    "field.bad_moment": (
        "Tanggal '{key}' harus berformat 2023-07-24 atau 2023-07-24 14:05 (tertulis: {value}). Periksa juga bulan 01–12 dan hari yang ada di bulan itu.",
        "The date '{key}' must be written 2023-07-24 or 2023-07-24 14:05 (found: {value}). Also check the month is 01–12 and the day exists in that month.",
    ),
    "field.bad_host": (
        "'{key}' bukan nama domain yang sah: {value}. Gunakan huruf kecil, angka, tanda hubung dan titik, misalnya desamaju.kim.id.",
        "'{key}' is not a valid host name: {value}. Use lowercase letters, digits, hyphens and dots, e.g. desamaju.kim.id.",
    ),
    "field.choice": (
        "Nilai '{key}' tidak dikenal: {value}. Pilih salah satu: {choices}.",
        "Unknown value for '{key}': {value}. Choose one of: {choices}.",
    ),
    # files
    "file.unreadable": (
        "Berkas tidak bisa dibaca: {detail}.",
        "The file cannot be read: {detail}.",
    ),
    "file.not_utf8": (
        "Berkas ini tidak bersandi UTF-8. Simpan ulang dari editor dengan pilihan UTF-8.",
        "This file is not UTF-8. Save it again from your editor choosing UTF-8.",
    ),
    "file.too_big": (
        "Berkas terlalu besar ({size_kb} KB; batas {limit_kb} KB). Perkecil atau pecah berkasnya.",
        "The file is too large ({size_kb} KB; the limit is {limit_kb} KB). Make it smaller or split it.",
    ),
    "file.ignored": (
        "Berkas ini bukan Markdown (.md) sehingga diabaikan. Pindahkan gambar dan berkas lain ke folder media/.",
        "This file is not Markdown (.md) and is ignored. Move images and other files to the media/ folder.",
    ),
    # config
    "config.missing": (
        "config.yaml tidak ditemukan. Jalankan kimsite dari folder proyek atau beri --config path/ke/config.yaml.",
        "config.yaml not found. Run kimsite from the project folder or pass --config path/to/config.yaml.",
    ),
    "config.custom_slug": (
        "'{slug}' di domain_kustom bukan nama folder KIM yang sah (huruf kecil, angka, tanda minus).",
        "'{slug}' in domain_kustom is not a valid KIM folder name (lowercase letters, digits, hyphens).",
    ),
    "config.custom_under_index": (
        "Domain {host} sama dengan domain situs indeks {index} atau berada di bawahnya. Halaman KIM tidak boleh tampil atas nama situs provinsi: pilih domain lain.",
        "The host {host} is the index's {index} or lies under it. A KIM's pages must not appear under the province's name: choose another host.",
    ),
    "config.custom_suffix": (
        "Domain {host} adalah akhiran publik (seperti go.id atau desa.id) atau domain induk; tidak bisa menjadi alamat satu KIM. Tulis domain lengkap KIM itu.",
        "The host {host} is a public suffix (like go.id or desa.id) or the parent domain; it cannot be one KIM's address. Write the KIM's full host.",
    ),
    "config.custom_twice": (
        "Domain {host} sudah diberikan kepada KIM {other}. Setiap KIM perlu domain sendiri.",
        "The host {host} is already given to KIM {other}. Every KIM needs its own host.",
    ),
    "config.bad_province": (
        "Kode provinsi '{value}' tidak dikenal. Gunakan kode Kemendagri dua angka dalam tanda kutip, misalnya provinsi: \"52\" untuk Nusa Tenggara Barat.",
        "Unknown province code '{value}'. Use the two-digit Kemendagri code in quotes, e.g. provinsi: \"52\" for Nusa Tenggara Barat.",
    ),
    "config.range": (
        "'{key}' harus antara {low} dan {high}.",
        "'{key}' must be between {low} and {high}.",
    ),
    "config.encoding": (
        "'kompresi' hanya boleh berisi {known} (tertulis: {value}).",
        "'kompresi' may only hold {known} (found: {value}).",
    ),
    "config.tls_path": (
        "'{key}' di 'tls' harus jalur lengkap berkas di server web, diawali '/' (tertulis: {value}).",
        "'{key}' under 'tls' must be the full path of a file on the web server, starting with '/' (found: {value}).",
    ),
    "config.tls_hosts": (
        "Setiap sertifikat di 'tls' perlu 'host': daftar host yang dicakupnya, misalnya ['*.kim.id'].",
        "Every certificate under 'tls' needs 'host': the hosts it covers, e.g. ['*.kim.id'].",
    ),
    "config.editor_repo": (
        "'penyunting.repo' harus berbentuk pemilik/nama-repositori (contoh: kominfo-ntb/kim-ntb), bukan '{value}'.",
        "'penyunting.repo' must be owner/repository (e.g. kominfo-ntb/kim-ntb), not '{value}'.",
    ),
    "config.editor_url": (
        "'{key}' harus alamat lengkap yang diawali https://, bukan '{value}'.",
        "'{key}' must be a full address starting with https://, not '{value}'.",
    ),
    "config.editor_app_id": (
        "Penyunting dengan backend {backend} perlu 'app_id': ID aplikasi OAuth yang dibuat di {backend} (lihat README, bagian Penyunting di peramban).",
        "The editor with backend {backend} needs 'app_id': the id of the OAuth application made on {backend} (see README, browser editor).",
    ),
    "config.editor_base_url": (
        "Penyunting dengan backend {backend} perlu 'base_url': untuk github alamat proxy OAuth, untuk gitea alamat server Gitea (lihat README, bagian Penyunting di peramban).",
        "The editor with backend {backend} needs 'base_url': for github the OAuth proxy's address, for gitea the Gitea server's (see README, browser editor).",
    ),
    "config.editor_handle": (
        "'{value}' di 'penyunting' bukan nama pengguna (@nama), tim (@organisasi/tim) atau surel.",
        "'{value}' under 'penyunting' is not a user (@name), a team (@org/team) or an e-mail address.",
    ),
    "admin.fetch_failed": (
        "Decap CMS {version} tidak bisa diambil dari registri npm: {detail}. Periksa jaringan lalu ulangi. Situs KIM tetap dibangun, tanpa /admin/.",
        "Decap CMS {version} could not be fetched from the npm registry: {detail}. Check the network and run again. The KIM sites are built, without /admin/.",
    ),
    "admin.integrity": (
        "Berkas Decap CMS {version} yang diterima tidak sama dengan yang dikunci di kimsite (sidik {got}); berkas itu tidak dipakai. Hapus {path} lalu ulangi; bila tetap, laporkan.",
        "The Decap CMS {version} file received differs from the one kimsite pins (digest {got}); it is not used. Delete {path} and run again; if it persists, report it.",
    ),
    "admin.server_failed": (
        "Server lokal penyunting (decap-server) tidak bisa dijalankan: {detail}. Pastikan Node.js dan npm terpasang (apt-get install npm).",
        "The editor's local server (decap-server) could not start: {detail}. Make sure Node.js and npm are installed (apt-get install npm).",
    ),
    "admin.fetched": (
        "Decap CMS {version} dan decap-server siap di {cache}.",
        "Decap CMS {version} and decap-server are ready in {cache}.",
    ),
    "admin.codeowners_written": (
        "{path} ditulis. Commit berkas itu bersama config.yaml.",
        "{path} written. Commit it together with config.yaml.",
    ),
    "admin.codeowners_stale": (
        "{path} tidak sesuai dengan 'penyunting' di config.yaml: jalankan `kimsite admin codeowners` lalu commit hasilnya.",
        "{path} does not match 'penyunting' in config.yaml: run `kimsite admin codeowners` and commit the result.",
    ),
    "serve.admin_ready": (
        "Penyunting di peramban: {url} (perubahan langsung tersimpan di {folder}).",
        "Browser editor: {url} (changes are saved straight into {folder}).",
    ),
    "redirect.bad_old": (
        "'{old}' bukan alamat lama yang bisa dialihkan. Tulis jalurnya saja, diawali '/', misalnya /2019/05/panen-raya/ atau /?p=123 (bukan halaman depan '/', tanpa '#').",
        "'{old}' is not an old address that can be redirected. Write its path, starting with '/', e.g. /2019/05/panen-raya/ or /?p=123 (not the home page '/', no '#').",
    ),
    "redirect.bad_new": (
        "Tujuan pengalihan '{old}' harus alamat halaman situs KIM ini, diawali '/', misalnya /artikel/panen-raya/ (tertulis: {new}). Alamat di situs lain tidak bisa menjadi tujuan.",
        "The target of '{old}' must be a page of this KIM's site, starting with '/', e.g. /artikel/panen-raya/ (found: {new}). Another site's address cannot be a target.",
    ),
    "redirect.twice": (
        "Alamat lama '{old}' sudah dialihkan di baris {first_line}. Hapus salah satunya.",
        "The old address '{old}' is already redirected at line {first_line}. Remove one of them.",
    ),
    "redirect.missing_target": (
        "'{old}' dialihkan ke {new}, tetapi situs ini tidak punya halaman itu. Periksa alamat tujuannya (misalnya /artikel/<nama-berkas>/).",
        "'{old}' redirects to {new}, but this site has no such page. Check the target (e.g. /artikel/<file-name>/).",
    ),
    "redirect.waiting_target": (
        "'{old}' dialihkan ke {new}, artikel yang belum terbit (draf atau bertanggal nanti); pengalihannya berlaku setelah artikel itu terbit.",
        "'{old}' redirects to {new}, an article not published yet (draft or future date); the redirect works once it is published.",
    ),
    "redirect.shadows": (
        "'{old}' adalah alamat halaman yang ada di situs ini: pengalihan akan menyembunyikannya. Hapus baris ini.",
        "'{old}' is the address of a page of this site: a redirect would hide it. Remove this line.",
    ),
    "import.no_kim": (
        "Folder content/{kim}/ dengan kim.yaml belum ada. Buat KIM-nya dulu (kimsite new kim {kim} --nama \"…\" --kode-wilayah …), lalu impor lagi.",
        "There is no content/{kim}/ folder with a kim.yaml. Create the KIM first (kimsite new kim {kim} --nama \"…\" --kode-wilayah …), then import again.",
    ),
    "import.unreadable": (
        "Berkas ekspor ini tidak bisa dibaca sebagai XML ({detail}). Unduh ekspornya lagi dari situs lama; berkas yang terpotong atau diubah tidak bisa diimpor.",
        "This export cannot be read as XML ({detail}). Download the export again from the old site; a cut or altered file cannot be imported.",
    ),
    "import.failed": (
        "Impor berhenti: {detail}",
        "The import stopped: {detail}",
    ),
    "import.done": (
        "Impor ke KIM {kim} selesai. Dibuat: {made}. Dilewati: {skipped}. Periksa dengan: kimsite check {kim}",
        "Import into KIM {kim} done. Made: {made}. Skipped: {skipped}. Check it with: kimsite check {kim}",
    ),
    "deploy.redirect_unbuilt": (
        "'{old}' dialihkan ke {new}, tetapi halaman itu tidak ada di folder build: pengalihan ini tidak dipasang di server. Bangun ulang situs KIM ini.",
        "'{old}' redirects to {new}, but that page is not in the build folder: this redirect is left out of the server. Build this KIM again.",
    ),
    "deploy.nginx_written": (
        "Konfigurasi nginx untuk {hosts} host ditulis ke {path}. Periksa dengan 'nginx -t', lalu 'nginx -s reload'.",
        "nginx configuration for {hosts} hosts written to {path}. Check it with 'nginx -t', then 'nginx -s reload'.",
    ),
    "deploy.bad_listen": (
        "'{value}' bukan alamat untuk didengar. Tulis port saja (80) atau alamat:port (127.0.0.1:8080, [::]:443).",
        "'{value}' is not an address to listen on. Write a port (80) or address:port (127.0.0.1:8080, [::]:443).",
    ),
    "deploy.bad_root": (
        "--root harus jalur lengkap di server, diawali '/', tanpa spasi atau tanda kutip (tertulis: {value}).",
        "--root must be a full path on the server, starting with '/', without spaces or quotes (found: {value}).",
    ),
    "deploy.bad_target": (
        "'{target}' bukan tujuan rilis. Tulis folder lokal (/srv/kim) atau user@host:/srv/kim (jalur lengkap di server).",
        "'{target}' is not a release target. Write a local folder (/srv/kim) or user@host:/srv/kim (a full path on the server).",
    ),
    "deploy.synced": (
        "Rilis {release} terkirim ke {target} dan kini aktif (current).",
        "Release {release} sent to {target} and now live (current).",
    ),
    "deploy.rolled_back": (
        "{target} kembali ke rilis {release}.",
        "{target} is back on release {release}.",
    ),
    "deploy.failed": (
        "Rilis gagal; situs yang aktif tidak diubah. Sebabnya: {detail}",
        "The deploy failed; the live site was not changed. Reason: {detail}",
    ),
    "config.scheme": (
        "'skema' harus https atau http (tertulis: {value}).",
        "'skema' must be https or http (found: {value}).",
    ),
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
        "kategori '{value}' tidak bisa dipakai. Gunakan kata biasa, misalnya berita, kegiatan, pengumuman.",
        "The category '{value}' cannot be used. Use a plain word, e.g. berita, kegiatan, pengumuman.",
    ),
    "doc.bad_tag": (
        "tag '{value}' tidak berisi huruf atau angka. Hapus atau ganti tag ini.",
        "The tag '{value}' has no letters or digits. Remove or replace it.",
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
        "Teks artikel ini bersarang terlalu dalam (daftar di dalam daftar atau kutipan di dalam kutipan, ratusan tingkat) untuk dibaca. Kurangi tingkatnya.",
        "This text nests too deeply (lists in lists or quotes in quotes, hundreds of levels) to be read. Reduce the nesting.",
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
        "Templat {name} gagal dirender: {detail}.",
        "The template {name} failed to render: {detail}.",
    ),
    "output.conflict": (
        "Dua sumber menghasilkan berkas yang sama {output}: {first} dan {second}. Ganti nama salah satunya.",
        "Two sources produce the same file {output}: {first} and {second}. Rename one of them.",
    ),
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
    "wilayah.none": (
        "Tidak ditemukan desa/kelurahan bernama '{name}'{where}. Coba sebagian namanya saja, atau ejaan lain.",
        "No desa/kelurahan named '{name}'{where}. Try part of the name, or another spelling.",
    ),
    "new.next_kim": (
        "Lengkapi profilnya, lalu periksa dengan: kimsite check {slug}",
        "Complete the profile, then check it with: kimsite check {slug}",
    ),
    "new.next_article": (
        "Tulis isinya, lalu lihat pratinjau dengan: kimsite serve {slug}",
        "Write the text, then preview it with: kimsite serve {slug}",
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
    "check.placeholder": (
        "Artikel ini masih berisi teks contoh dari 'kimsite new artikel' (\u201cTulis isi berita di sini\u201d). Ganti dengan isi berita, atau tulis draf: true bila belum siap terbit.",
        "This article still holds the example text of 'kimsite new artikel' (\u201cTulis isi berita di sini\u201d). Replace it with the news, or write draf: true if it is not ready.",
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
    "build.bad_out": (
        "Folder keluaran {out} berisi atau sama dengan folder proyek; kimsite menghapus berkas lama di sana. Pilih folder lain, misalnya build/.",
        "The output folder {out} contains or is the project folder; kimsite removes stale files there. Choose another folder, e.g. build/.",
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


# English nouns after a count of one (Indonesian has no plural form to fix).
_SINGULAR_EN = {
    "KIMs": "KIM",
    "errors": "error",
    "warnings": "warning",
    "files": "file",
    "site files": "site file",
    "articles/pages": "article/page",
    "search indexes": "search index",
    "KIMs rendered": "KIM rendered",
}
_ONE_EN = re.compile(
    r"(?<![\d.,])1 ("
    + "|".join(sorted(map(re.escape, _SINGULAR_EN), key=len, reverse=True))
    + r")\b"
)


def render_message(code: str, params: dict[str, Any], lang: str = "id") -> str:
    indonesian, english = MESSAGES[code]
    if lang != "en":
        if code.startswith("theme.") and isinstance(params.get("detail"), str):
            params = {**params, "detail": jinja_words(params["detail"]).rstrip(".")}
        return indonesian.format(**params)
    return _ONE_EN.sub(lambda m: "1 " + _SINGULAR_EN[m.group(1)], english.format(**params))
