"""`.github/CODEOWNERS` (GitLab reads the same file) from `penyunting:` in config.yaml.

A writer's save in the browser editor becomes a pull/merge request; this file asks the
right people to review it: the KIM's own maintainers for its folder, the province's for
everything (and alone for config.yaml, themes/ and the code). The last matching line wins
in both GitHub and GitLab, so the province's reviewers are named on every KIM line too.
"""

from __future__ import annotations

from kimsite.source.config import SiteConfig

# Where each git host reads the file (all three also read it at the root).
LOCATION = {
    "github": ".github/CODEOWNERS",
    "gitlab": ".gitlab/CODEOWNERS",
    "gitea": ".gitea/CODEOWNERS",
}
HEADER = (
    "# Dibuat oleh `kimsite admin codeowners` dari 'penyunting' di config.yaml.\n"
    "# Jangan diubah di sini: ubah config.yaml, lalu jalankan perintah itu lagi.\n"
)


def codeowners(config: SiteConfig, kims: list[str]) -> str:
    """The file's text, for the KIM folders `kims` (those without maintainers of their
    own fall to the province's line)."""
    editor = config.penyunting
    province = " ".join(editor.pengelola_provinsi) if editor else ""
    lines = [HEADER]
    if province:
        lines.append(f"* {province}\n")
    own = dict(editor.pengelola) if editor else {}
    for slug in sorted(kims):
        handles = [*own.get(slug, ()), *(editor.pengelola_provinsi if editor else ())]
        if own.get(slug):
            lines.append(f"/content/{slug}/ {' '.join(dict.fromkeys(handles))}\n")
    return "".join(lines)
