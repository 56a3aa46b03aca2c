"""The `/admin/` page of a KIM host and the one script every such page shares.

A KIM's page is a few hundred bytes: it names its own `config.yml`, its theme's
stylesheets (for the preview) and the shared files on the province's index host, where
Decap's bundle is published once (`bundle_url`).
"""

from __future__ import annotations

import hashlib
import html
import json
from functools import cache
from importlib import resources

from kimsite.indonesia.conventions import Zone
from kimsite.model.content import KATEGORI
from kimsite.model.routes import ADMIN, EDITOR_BUNDLE
from kimsite.source.contract import ARTICLE, Field

ADMIN_PAGE = ADMIN + "index.html"
ADMIN_CONFIG = ADMIN + "config.yml"


def bundle_url(version: str, name: str = "decap-cms.js") -> str:
    return f"{EDITOR_BUNDLE}{version}/{name}"


@cache
def shared_script() -> tuple[str, bytes]:
    """The shared start-up script, named by its digest, with the Indonesian locale in it.
    Made once per process: every KIM's page names it, and the preview serves it."""
    folder = resources.files("kimsite.admin") / "static"
    locale = json.loads((folder / "locale-id.json").read_text(encoding="utf-8"))
    text = (folder / "kimsite-admin.js").read_text(encoding="utf-8")
    data = text.replace(
        "/*LOCALE*/null", json.dumps(locale, ensure_ascii=False, sort_keys=True)
    ).encode()
    return f"kimsite-admin.{hashlib.sha256(data).hexdigest()[:10]}.js", data


def _pairs(fields: tuple[Field, ...]) -> list[list[str]]:
    labels = {f.key: f.label for f in fields}
    return [
        [f.key, f.needs, f"{labels[f.needs]} wajib diisi bila {f.label.lower()} dipasang."]
        for f in fields
        if f.needs
    ]


def admin_page(
    kim_name: str,
    script_origin: str,
    version: str,
    styles: list[str],
    articles_collection: str,
    zone: Zone,
    photo: tuple[int, int] = (2560, 85),
) -> str:
    """`script_origin`: where the shared files are (`https://<index host>`, or "" when the
    preview serves them itself). `zone`: the KIM's, for the dates the editor fills in.
    `photo`: the longest side and quality a photo is shrunk to before it is committed."""
    shared_name, _data = shared_script()
    attr = html.escape
    return (
        "<!doctype html>\n"
        '<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>Penyunting · {attr(kim_name)}</title>\n"
        '<link rel="cms-config-url" type="text/yaml" href="config.yml">\n'
        "</head>\n<body>\n"
        f'<script src="{attr(script_origin + bundle_url(version, shared_name))}"'
        f' data-gaya="{attr(" ".join(styles))}" data-artikel="{attr(articles_collection)}"'
        f' data-kategori="{attr(json.dumps(KATEGORI, sort_keys=True))}"'
        f' data-pasangan="{attr(json.dumps(_pairs(ARTICLE), ensure_ascii=False))}"'
        f' data-zona="{attr(zone.name)}" data-zona-singkat="{attr(zone.abbr)}"'
        f' data-foto="{photo[0]} {photo[1]}"></script>\n'
        f'<script src="{attr(script_origin + bundle_url(version))}"></script>\n'
        "</body>\n</html>\n"
    )
