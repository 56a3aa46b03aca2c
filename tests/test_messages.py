"""The message catalogue (`kimsite.i18n`): every sentence used is there, in both languages."""

from __future__ import annotations

import re
import string
from pathlib import Path

from kimsite.i18n.messages import MESSAGES

REPO = Path(__file__).resolve().parent.parent


def _used_codes() -> set[str]:
    codes: set[str] = set()
    # Every quoted "word.word" in the code whose first word is a family of the catalogue
    # (check., serve., new., image., … included): a code used anywhere must have its text.
    families = {code.split(".")[0] for code in MESSAGES}
    pattern = re.compile(r'"([a-z]+\.[a-z_]+)"')
    for path in (REPO / "kimsite").rglob("*.py"):
        if path.parent.name == "catalogue":
            continue
        found = pattern.findall(path.read_text(encoding="utf-8"))
        codes.update(c for c in found if c.split(".")[0] in families)
    file_names = {
        "article.html",
        "page.html",
        "config.yaml",
        "kim.yaml",
        "theme.yaml",
        "kim.id",
        "index.html",
        "index.json",
        "index.js",
        "config.yml",
    }
    assert {"check.site_link_missing", "serve.pick", "new.created"} <= codes, "pattern too narrow"
    return codes - file_names


def test_every_message_used_is_in_the_catalogue() -> None:
    missing = _used_codes() - set(MESSAGES)
    assert not missing


def test_both_languages_take_the_same_values() -> None:
    fields = string.Formatter()
    for code, (indonesian_text, english_text) in MESSAGES.items():
        id_names = {f for _, f, _, _ in fields.parse(indonesian_text) if f}
        en_names = {f for _, f, _, _ in fields.parse(english_text) if f}
        assert id_names == en_names, code
