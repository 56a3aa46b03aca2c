"""One KIM's Decap CMS configuration, generated from the content contract.

The same `kimsite.source.contract` fields the loaders read become the editor's forms: keys,
Indonesian labels and hints, widgets, required fields and the limits `kimsite check`
warns about. The configuration is also valid for Sveltia CMS (a lighter drop-in that reads
the same `config.yml`).

Collections are named per KIM (`artikel-sesela`): with the editorial workflow every draft
is a branch `cms/<collection>/<slug>` of the one province repository, and two KIMs writing
about the same day must not share one.
"""

from __future__ import annotations

from typing import Any

import yaml

from kimsite.model.content import KATEGORI
from kimsite.source.config import EditorConfig, SiteConfig
from kimsite.source.contract import ARTICLE, PAGE, PROFILE, Field
from kimsite.source.files import ARTICLES_DIR, MEDIA_DIR, PAGES_DIR, PROFILE_NAME

DATETIME_FORMAT = "YYYY-MM-DD HH:mm"  # what writers type too; read in the KIM's own zone
DATETIME_WIDGET = "kimsite-tanggal"  # registered by kimsite-admin.js
DATE_FORMAT = "YYYY-MM-DD"
SHOWN_DATE = "DD-MM-YYYY"
BODY = "body"  # Decap's name for the Markdown after the front matter
# Decap's defaults that a writer would otherwise see (an empty optional field written as
# `ringkasan: ''`, a required flag on every field) are set explicitly.
_LABELS: dict[str, str] = {
    **KATEGORI,
    "kelompok": "Kelompok Informasi Masyarakat",
    "komunitas": "Komunitas Informasi Masyarakat",
}
_GIT_HOSTS = {"gitlab": "https://gitlab.com"}
_API_PATHS = {"gitlab": "/api/v4", "gitea": "/api/v1"}


def collection_names(slug: str) -> dict[str, str]:
    return {"artikel": f"artikel-{slug}", "halaman": f"halaman-{slug}", "profil": f"profil-{slug}"}


def widget(f: Field, profile_media: bool = False) -> dict[str, Any]:
    """One contract field as a Decap field: name, label, hint, widget, validation."""
    out: dict[str, Any] = {"name": f.key, "label": f.label}
    if f.hint:
        out["hint"] = f.hint
    out["required"] = f.required
    kind = f.kind
    if kind in ("text", "slug", "phone", "email", "url"):
        out["widget"] = "string"
    elif kind == "longtext":
        out["widget"] = "text"
    elif kind == "datetime":
        # kimsite's own widget (kimsite-admin.js): the time shown, filled in and saved is
        # the KIM's, whatever zone the writer's browser is set to.
        out.update(widget=DATETIME_WIDGET)
    elif kind == "date":
        out.update(
            widget="datetime",
            format=DATE_FORMAT,
            date_format=SHOWN_DATE,
            time_format=False,
            picker_utc=False,
        )
    elif kind == "boolean":
        out["widget"] = "boolean"
    elif kind in ("integer", "number"):
        out.update(widget="number", value_type="int" if kind == "integer" else "float")
        if kind == "integer":
            out["min"] = 0
    elif kind in ("choice", "open_choice"):
        out.update(
            widget="select",
            options=[{"label": _LABELS.get(c, c.capitalize()), "value": c} for c in f.choices],
        )
    elif kind == "list":
        out["widget"] = "list"
    elif kind == "image":
        out.update(widget="image", choose_url=False)
        if profile_media:  # kim.yaml sits beside media/, articles one folder below
            out.update(media_folder=MEDIA_DIR, public_folder=MEDIA_DIR)
    elif kind == "mapping":
        out.update(
            widget="object", collapsed=True, fields=[widget(sub, profile_media) for sub in f.fields]
        )
    elif kind == "mapping_list":
        first = f.fields[0].key
        out.update(
            widget="list",
            collapsed=True,
            summary="{{fields." + first + "}}",
            fields=[widget(sub, profile_media) for sub in f.fields],
        )
    else:  # pragma: no cover - a new Kind without a widget is a bug caught by the tests
        raise ValueError(f"no Decap widget for {kind!r}")
    if f.default is not None:
        out["default"] = f.default
    pattern = _pattern(f)
    if pattern is not None:
        out["pattern"] = list(pattern)
    return out


def _pattern(f: Field) -> tuple[str, str] | None:
    if f.pattern is not None:
        return f.pattern
    if f.max_length is not None:
        return (rf"^[\s\S]{{0,{f.max_length}}}$", f"Paling banyak {f.max_length} huruf.")
    if f.kind == "email":
        return (r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$", "Alamat surel, contoh: kim.desa@gmail.com")
    if f.kind == "url":
        return (r"^https://\S+$", "Alamat lengkap yang diawali https://")
    return None


def _body(hint: str) -> dict[str, Any]:
    return {
        "name": BODY,
        "label": "Isi",
        "widget": "markdown",
        "hint": hint,
        "required": True,
        "editor_components": ["image"],
        "modes": ["rich_text", "raw"],
    }


def collections(slug: str) -> list[dict[str, Any]]:
    folder = f"content/{slug}"
    names = collection_names(slug)
    return [
        {
            "name": names["artikel"],
            "label": "Artikel",
            "label_singular": "Artikel",
            "description": "Berita, kegiatan dan pengumuman KIM. Terbit di beranda dan feed.",
            "folder": f"{folder}/{ARTICLES_DIR}",
            "create": True,
            "delete": True,
            "extension": "md",
            "format": "frontmatter",
            "identifier_field": "judul",
            "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
            "summary": "{{judul}} · {{tanggal | date('DD-MM-YYYY')}}",
            "sortable_fields": ["tanggal", "judul"],
            "fields": [
                *(widget(f) for f in ARTICLE),
                _body("Tulis beritanya di sini. Foto bisa disisipkan lewat tombol +."),
            ],
        },
        {
            "name": names["halaman"],
            "label": "Halaman",
            "label_singular": "Halaman",
            "description": "Halaman tetap: tentang kami, layanan, kontak.",
            "folder": f"{folder}/{PAGES_DIR}",
            "create": True,
            "delete": True,
            "extension": "md",
            "format": "frontmatter",
            "identifier_field": "judul",
            "slug": "{{slug}}",
            "fields": [*(widget(f) for f in PAGE), _body("Isi halaman.")],
        },
        {
            "name": names["profil"],
            "label": "Profil KIM",
            "delete": False,
            "files": [
                {
                    "name": "kim",
                    "label": "Profil KIM",
                    "file": f"{folder}/{PROFILE_NAME}",
                    "fields": [widget(f, profile_media=True) for f in PROFILE],
                }
            ],
        },
    ]


def backend(editor: EditorConfig, slug: str) -> dict[str, Any]:
    out: dict[str, Any] = {"name": editor.backend, "repo": editor.repo, "branch": editor.cabang}
    base_url = editor.base_url or _GIT_HOSTS.get(editor.backend)
    if editor.backend in ("gitlab", "gitea"):
        out.update(auth_type="pkce", app_id=editor.app_id)
    if base_url:
        out["base_url"] = base_url
    api_root = editor.api_root or (
        base_url + _API_PATHS[editor.backend] if base_url and editor.backend in _API_PATHS else None
    )
    if api_root:
        out["api_root"] = api_root
    who = "{{author-login}}"
    out["commit_messages"] = {
        "create": f"KIM {slug}: tambah {{{{collection}}}} “{{{{slug}}}}” (oleh {who})",
        "update": f"KIM {slug}: ubah {{{{collection}}}} “{{{{slug}}}}” (oleh {who})",
        "delete": f"KIM {slug}: hapus {{{{collection}}}} “{{{{slug}}}}” (oleh {who})",
        "uploadMedia": f"KIM {slug}: unggah “{{{{path}}}}” (oleh {who})",
        "deleteMedia": f"KIM {slug}: hapus “{{{{path}}}}” (oleh {who})",
        "openAuthoring": "{{message}}",
    }
    return out


def backend_origins(editor: EditorConfig) -> list[str]:
    """Where the editor's browser talks to (sign-in and the git host's API): what the
    admin page's Content-Security-Policy must allow, and nothing else."""
    settings = backend(editor, "_")
    urls = [settings.get("base_url"), settings.get("api_root")]
    if editor.backend == "github":
        urls.append(settings.get("api_root") or "https://api.github.com")
    origins = set()
    for url in urls:
        if url:
            scheme, _, rest = url.partition("://")
            origins.add(f"{scheme}://{rest.split('/', 1)[0]}")
    return sorted(origins)


def decap_config(
    slug: str,
    host: str,
    config: SiteConfig,
    editor: EditorConfig | None,
    proxy_url: str | None = None,
    site_url: str | None = None,
) -> dict[str, Any]:
    """The configuration of KIM `slug`'s editor: against the province repository, or
    (`proxy_url`) against a local `decap-server` for `kimsite serve --admin`, whose
    `site_url` is the preview's."""
    site_url = site_url or config.base_url(host)
    out: dict[str, Any] = {"locale": "id"}
    if proxy_url is not None:
        out["backend"] = {"name": "proxy", "proxy_url": proxy_url, "branch": "main"}
    else:
        assert editor is not None
        out["backend"] = backend(editor, slug)
        if editor.alur_editorial:
            out["publish_mode"] = "editorial_workflow"
    out.update(
        site_url=site_url,
        display_url=site_url,
        logo_url=f"{site_url}apple-touch-icon.png",
        media_folder=f"content/{slug}/{MEDIA_DIR}",
        public_folder=f"../{MEDIA_DIR}",
        omit_empty_optional_fields=True,
        slug={"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        collections=collections(slug),
    )
    return out


def config_yaml(data: dict[str, Any]) -> str:
    head = (
        "# Dibuat oleh kimsite dari kontrak isi (kimsite/source/contract.py) dan 'penyunting' di\n"
        "# config.yaml. Jangan diubah di sini: perubahan hilang pada build berikutnya.\n"
    )
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
