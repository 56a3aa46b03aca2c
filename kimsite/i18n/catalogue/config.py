"""What kimsite says to the province's maintainers: `config.yaml`, the browser editor,
redirects, imports and deploys.

id → (Bahasa Indonesia, English); `kimsite.i18n.messages` joins the parts and renders them.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
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
    "redirect.same_for_server": (
        "Alamat lama '{old}' sama dengan '{other}' di baris {first_line} bagi server web, yang tidak membedakan huruf besar dan kecil. Hapus salah satunya.",
        "The old address '{old}' is the same as '{other}' at line {first_line} to the web server, which ignores letter case. Remove one of them.",
    ),
    "redirect.too_long": (
        "Alamat lama '{old}' terlalu panjang: {length} karakter setelah dikodekan seperti yang dikirim peramban, paling banyak {limit}. Perpendek alamatnya atau hapus baris ini.",
        "The old address '{old}' is too long: {length} characters once encoded as a browser sends it, at most {limit}. Shorten it or remove this line.",
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
        'Folder content/{kim}/ dengan kim.yaml belum ada. Buat KIM-nya dulu (kimsite new kim {kim} --nama "…" --kode-wilayah …), lalu impor lagi.',
        'There is no content/{kim}/ folder with a kim.yaml. Create the KIM first (kimsite new kim {kim} --nama "…" --kode-wilayah …), then import again.',
    ),
    "import.unreadable": (
        "Berkas ekspor ini tidak bisa dibaca sebagai XML ({detail}). Unduh ekspornya lagi dari situs lama; berkas yang terpotong atau diubah tidak bisa diimpor.",
        "This export cannot be read as XML ({detail}). Download the export again from the old site; a cut or altered file cannot be imported.",
    ),
    "import.failed": (
        "Impor berhenti: {detail}",
        "The import stopped: {detail}",
    ),
    "import.warning": ("peringatan: {detail}", "warning: {detail}"),
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
}
