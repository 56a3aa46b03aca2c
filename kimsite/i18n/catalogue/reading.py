"""What kimsite says about reading a file: YAML and front matter, the fields of a
profile, article or page, and the files themselves (sizes, encodings, links).

id → (Bahasa Indonesia, English); `kimsite.i18n.messages` joins the parts and renders them.
"""

from __future__ import annotations

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
    "yaml.key_indented": (
        "Baris '{key}:' diawali spasi, sehingga dibaca sebagai lanjutan teks di baris atasnya. Hapus spasi di depan '{key}:' agar sejajar dengan kunci lain (tanda kutip tidak menolong di sini).",
        "The line '{key}:' starts with spaces, so it is read as the continuation of the text on the line above. Delete the spaces before '{key}:' so that it lines up with the other keys (quotes do not help here).",
    ),
    "yaml.first_key_indented": (
        "Baris '{key}:' diawali spasi, padahal kunci di bawahnya mulai di tepi kiri (mungkin yang dihapus hanya tanda '#' dari baris contoh). Hapus spasi di depan '{key}:'.",
        "The line '{key}:' starts with spaces while the keys below it start at the margin (perhaps only the '#' of an example line was deleted). Delete the spaces before '{key}:'.",
    ),
    "yaml.item_continues": (
        "Tanda '-' di baris ini lebih menjorok daripada butir di atasnya, sehingga tidak memulai butir baru: kedua baris terbaca sebagai satu teks, \u201c{value}\u201d. Samakan jarak '-' dari tepi kiri dengan butir di atasnya.",
        "The '-' on this line is indented more than the item above it, so it starts no new item: both lines read as one text, \u201c{value}\u201d. Line up the '-' with the item above it.",
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
}
