"""The message catalogue: every sentence kimsite says to a person, in Indonesian and English.

Code refers to messages by id and passes named values; the wording lives only in the
catalogue (`kimsite/i18n/catalogue/`, one file per place it is said: reading files, the
province's config, a KIM's content, the commands), so a translator or a writer's complaint
about a confusing message lands in one folder. Indonesian is the default (`--lang en` or
`KIMSITE_LANG=en` switch). Messages say what is wrong and what to do, in plain words: the
readers are village volunteers, not programmers.
"""

from __future__ import annotations

import re
from typing import Any

from kimsite.i18n.catalogue import command_help, commands, config, content, reading, site
from kimsite.i18n.foreign import jinja_words


def _joined(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """One catalogue from its parts; an id in two parts would silently lose one text."""
    joined: dict[str, tuple[str, str]] = {}
    for part in parts:
        twice = sorted(joined.keys() & part.keys())
        if twice:
            raise RuntimeError(f"message ids in two parts of the catalogue: {twice}")
        joined.update(part)
    return joined


# id → (Bahasa Indonesia, English)
MESSAGES = _joined(
    reading.MESSAGES,
    config.MESSAGES,
    content.MESSAGES,
    commands.MESSAGES,
    site.MESSAGES,
    command_help.MESSAGES,
)


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


SITE_LANG = "id"  # what the sites speak (their pages say lang="id")


def site_text(code: str, **params: Any) -> str:
    """A sentence a site says to its readers, in the sites' language."""
    return render_message(code, params, SITE_LANG)
