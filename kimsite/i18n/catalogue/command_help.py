"""The command line's help: every command's, argument's and option's description,
in the reader's language (`--lang`, `KIMSITE_LANG`), read by `kimsite.cli.options`.

id → (Bahasa Indonesia, English).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "help.admin_admin": (
        "penyunting di peramban (Decap CMS): ambil programnya, tulis CODEOWNERS",
        "the browser editor (Decap CMS): fetch its program, write CODEOWNERS",
    ),
    "help.metavar_command": ("PERINTAH", "COMMAND"),
    "help.admin_fetch": (
        "ambil Decap CMS dan decap-server dari registri npm sekarang (build dan serve --admin melakukannya sendiri bila perlu)",
        "fetch Decap CMS and decap-server from the npm registry now (build and serve --admin do it themselves when needed)",
    ),
    "help.admin_cache": (
        "folder cache (bawaan: .kimsite-cache/)",
        "cache folder (default: .kimsite-cache/)",
    ),
    "help.admin_codeowners": (
        "tulis CODEOWNERS: pengelola tiap folder KIM dari config.yaml",
        "write CODEOWNERS: each KIM folder's maintainers from config.yaml",
    ),
    "help.admin_output": (
        "berkas tujuan (bawaan: .github/, .gitlab/ atau .gitea/CODEOWNERS, menurut backend)",
        "file to write (default: .github/, .gitlab/ or .gitea/CODEOWNERS, by backend)",
    ),
    "help.admin_check": (
        "hanya periksa bahwa berkas itu sesuai (kode keluar 1 bila tidak)",
        "only check that the file is up to date (exit 1 if not)",
    ),
    "help.admin_urls": (
        "cetak alamat /admin/ setiap KIM (redirect URI aplikasi OAuth GitLab/Gitea)",
        "print every KIM's /admin/ address (redirect URIs of the GitLab/Gitea OAuth app)",
    ),
    "help.build_cache": (
        "folder cache (bawaan: .kimsite-cache/)",
        "cache folder (default: .kimsite-cache/)",
    ),
    "help.index_cache": (
        "folder cache berisi summaries/ (bawaan: .kimsite-cache/)",
        "cache folder holding summaries/ (default: .kimsite-cache/)",
    ),
    "help.build_build": (
        "bangun semua situs KIM dan situs indeks provinsi",
        "build every KIM site and the province index",
    ),
    "help.build_build_description": (
        "Bangun semua situs KIM (atau yang disebut) dan situs indeks provinsi.",
        "Build every KIM site (or those named) and the province index.",
    ),
    "help.build_kims": (
        "bangun hanya KIM ini (nama folder)",
        "build only these KIMs (folder names)",
    ),
    "help.build_drafts": (
        "terbitkan juga artikel draf: true",
        "also publish articles with draf: true",
    ),
    "help.build_future": (
        "terbitkan juga artikel bertanggal nanti",
        "also publish future-dated articles",
    ),
    "help.build_jobs": (
        "jumlah proses kerja (bawaan: jumlah inti prosesor)",
        "worker processes (default: the machine's cores)",
    ),
    "help.build_shard": (
        "bangun hanya bagian I dari N (KIM dibagi menurut hash tetap); indeks dilewati",
        "build only shard I of N (KIMs split by a stable hash); skip the index",
    ),
    "help.build_index": (
        "bangun situs indeks provinsi saja, dari ringkasan KIM",
        "build only the province index, from KIM summaries",
    ),
    "help.build_out": ("folder hasil (bawaan: build/)", "output folder (default: build/)"),
    "help.build_quiet": ("cetak masalah saja", "print problems only"),
    "help.check_check": (
        "periksa isi seperti build, dan lebih teliti; tidak menulis apa pun",
        "check content like a build would, and more; write nothing",
    ),
    "help.check_kims": ("periksa hanya KIM ini", "check only these KIMs"),
    "help.check_strict": (
        "peringatan pun dianggap gagal (kode keluar 1)",
        "warnings fail too (exit code 1)",
    ),
    "help.deploy_target": (
        "folder rilis: jalur lokal atau user@host:/jalur (lewat ssh)",
        "releases folder: a local path or user@host:/path (over ssh)",
    ),
    "help.deploy_ssh": (
        'perintah ssh beserta opsinya (bawaan: ssh), misalnya "ssh -p 2222 -i kunci"',
        "the ssh command with its options (default: ssh)",
    ),
    "help.deploy_deploy": (
        "terbitkan situs: konfigurasi nginx, kirim rilis ke server, kembali ke rilis lama",
        "publish the sites: nginx configuration, releases to a server, rollback",
    ),
    "help.deploy_sync": (
        "kirim build/ sebagai rilis baru lalu aktifkan (atomik)",
        "send build/ as a new release and switch to it (atomically)",
    ),
    "help.deploy_build": (
        "folder hasil build (bawaan: build/)",
        "the build folder (default: build/)",
    ),
    "help.deploy_keep": (
        "simpan sekian rilis terakhir (bawaan: 5)",
        "keep this many releases (default: 5)",
    ),
    "help.deploy_rollback": ("kembali ke rilis sebelumnya", "switch back to the previous release"),
    "help.deploy_nginx": (
        "tulis konfigurasi nginx untuk semua host (untuk conf.d/)",
        "write an nginx configuration for every host (for conf.d/)",
    ),
    "help.deploy_root": (
        "folder di server yang berisi <host>/ tiap situs, misalnya /srv/kim/current",
        "folder on the server holding each site's <host>/, e.g. /srv/kim/current",
    ),
    "help.deploy_listen": ("alamat:port HTTP (bawaan: 80)", "HTTP address:port (default: 80)"),
    "help.deploy_listen_tls": (
        "alamat:port HTTPS, untuk host yang punya sertifikat di config.yaml (bawaan: 443)",
        "HTTPS address:port, for hosts with a certificate in config.yaml (default: 443)",
    ),
    "help.deploy_brotli": (
        "sajikan salinan .br (perlu modul nginx brotli_static, Debian: libnginx-mod-http-brotli-static)",
        "serve the .br copies (needs nginx's brotli_static module)",
    ),
    "help.deploy_output": (
        "tulis ke berkas ini (bawaan: layar)",
        "write to this file (default: stdout)",
    ),
    "help.deploy_nginx_build": (
        "folder hasil build, untuk memeriksa tujuan pengalihan (bawaan: build/)",
        "the build folder, to check redirect targets (default: build/)",
    ),
    "help.foto_foto": (
        "kecilkan foto di media/ sampai batas provinsi (foto_maks_px), tegak, tanpa GPS",
        "shrink photos in media/ to the province's limit (foto_maks_px), upright, no GPS",
    ),
    "help.foto_kims": ("hanya KIM ini", "only these KIMs"),
    "help.importing_import": (
        "impor situs lama KIM (WordPress atau Blogger) beserta pengalihan alamat lamanya",
        "import a KIM's old site (WordPress or Blogger) with redirects from its old URLs",
    ),
    "help.metavar_source": ("SUMBER", "SOURCE"),
    "help.importing_wordpress": (
        "berkas ekspor WordPress (Alat → Ekspor, .xml)",
        "a WordPress export file (Tools → Export, .xml)",
    ),
    "help.importing_kim": ("folder KIM tujuan", "the KIM folder to fill"),
    "help.importing_uploads": (
        "salinan folder wp-content/uploads situs lama: gambar disalin ke media/",
        "a copy of the old site's wp-content/uploads: images are copied into media/",
    ),
    "help.importing_force": (
        "timpa berkas yang sudah ada dan sudah diubah sejak impor sebelumnya",
        "overwrite files that exist and were changed since the last import",
    ),
    "help.importing_blogger": (
        "ekspor Blogger (feed.atom dari Google Takeout, atau Cadangkan konten)",
        "a Blogger export (feed.atom from Google Takeout, or Back up content)",
    ),
    "help.main_description": (
        "Pembangun situs statis untuk situs web KIM (Kelompok/Komunitas Informasi Masyarakat): satu situs per KIM dan satu situs indeks provinsi.",
        "Static site generator for KIM (Komunitas Informasi Masyarakat) websites.",
    ),
    "help.main_version": ("tampilkan versi kimsite lalu keluar", "show kimsite's version and exit"),
    "help.main_commands": ("perintah", "commands"),
    "help.new_new": (
        "buat profil KIM atau artikel baru sebagai awal",
        "create a KIM profile or an article to start from",
    ),
    "help.metavar_what": ("JENIS", "WHAT"),
    "help.new_kim": (
        "folder KIM baru dengan kim.yaml berpenjelasan",
        "a new KIM folder with a documented kim.yaml",
    ),
    "help.new_slug": (
        "nama folder: id KIM dan nama domainnya, misalnya sesela",
        "folder name: the KIM's id and DNS label, e.g. sesela",
    ),
    "help.new_kode_wilayah": (
        "kode desa Kemendagri, misalnya 52.01.09.2003",
        "Kemendagri desa code, e.g. 52.01.09.2003",
    ),
    "help.new_artikel": (
        "artikel baru bertanggal sekarang, di zona waktu KIM",
        "a new article dated now, in the KIM's time zone",
    ),
    "help.new_artikel_kim": ("nama folder KIM", "the KIM's folder name"),
    "help.new_judul": ("judul artikel, di antara tanda kutip", "the article's title, in quotes"),
    "help.new_penulis": ("nama penulis", "author's name"),
    "help.options_lang": (
        "bahasa pesan: id atau en (bawaan: KIMSITE_LANG, atau id)",
        "language of messages: id or en (default: KIMSITE_LANG, or id)",
    ),
    "help.options_config": ("lokasi config.yaml (bawaan: config.yaml)", "path of config.yaml"),
    "help.options_format": (
        "cara masalah dicetak: text (untuk dibaca), json, github (anotasi GitHub Actions)",
        "how problems are printed: text, json, github (GitHub Actions annotations)",
    ),
    "help.serve_serve": (
        "pratinjau langsung satu situs KIM, dimuat ulang tiap berkas disimpan",
        "live preview of one KIM's site, reloading on every save",
    ),
    "help.serve_kim": (
        "KIM yang dipratinjau (bawaan: yang pertama)",
        "the KIM to preview (default: the first)",
    ),
    "help.serve_index": ("pratinjau situs indeks provinsi", "preview the province index instead"),
    "help.serve_port": (
        "port di 127.0.0.1 (0: port bebas mana saja)",
        "port on 127.0.0.1 (0: any free one)",
    ),
    "help.serve_poll": (
        "periksa berkas berkala alih-alih menunggu kabar dari sistem (folder jaringan, WSL, batas inotify); dipilih sendiri bila sistem tidak bisa mengabarkan",
        "poll files instead of waiting for the system's notices (network drives, WSL, inotify limits); chosen by itself when the system cannot report changes",
    ),
    "help.serve_admin": (
        "buka juga penyunting di peramban (/admin/) yang menyimpan langsung ke folder KIM; butuh Node.js dan npm, tanpa akun",
        "also open the browser editor (/admin/), saving straight into the KIM's folder; needs Node.js and npm, no account",
    ),
    "help.wilayah_wilayah": (
        "cari kode desa/kelurahan Kemendagri menurut namanya",
        "look up Kemendagri desa/kelurahan codes by name",
    ),
    "help.wilayah_cari": (
        "desa/kelurahan yang namanya cocok (ejaan boleh sedikit berbeda)",
        "desa/kelurahan whose name matches (spelling may be a little off)",
    ),
    "help.wilayah_nama": ("nama desa atau kelurahan", "desa/kelurahan name"),
    "help.wilayah_kabupaten": (
        "hanya di kabupaten/kota ini (sebagian nama cukup)",
        "only in this kabupaten/kota",
    ),
    "help.wilayah_semua": (
        "cari di seluruh Indonesia, bukan provinsi ini saja",
        "search all of Indonesia",
    ),
}
