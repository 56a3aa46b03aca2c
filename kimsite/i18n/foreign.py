"""Other libraries' words, in Indonesian: what Jinja says about a template and what
argparse says about a command line reach a writer who reads Indonesian. The catalogue of
kimsite's own sentences is `kimsite/i18n/catalogue/`, joined by `messages.py`.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager

# Jinja's own words about a template, in Indonesian (first pattern that matches wins).
_JINJA_ID: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (
            r"^'([^']+)' is undefined$",
            r"'\1' tidak dikenal: tidak ada variabel bernama itu di "
            r"sini (nama yang tersedia ada di docs/tema.md)",
        ),
        (
            r"^'([^']+)' has no attribute '([^']+)'$",
            r"'\1' tidak punya atribut '\2' "
            r"(periksa ejaannya; nama yang tersedia ada di docs/tema.md)",
        ),
        (
            r"^Unexpected end of template\. Jinja was looking for the following tags: (.*?)\. "
            r"The innermost block that needs to be closed is '(\w+)'\.$",
            r"templat berakhir sebelum blok '\2' ditutup (yang ditunggu: \1)",
        ),
        (
            r"^Encountered unknown tag '([^']+)'\. Jinja was looking for the following tags: "
            r"(.*?)\. The innermost block that needs to be closed is '(\w+)'\.$",
            r"tag '\1' tidak dikenal; untuk menutup blok '\3' yang ditunggu: \2",
        ),
        (
            r"^Encountered unknown tag '([^']+)'\. You probably made a nesting mistake\. Jinja "
            r"is expecting this tag, but currently looking for (.*?)\. The innermost block that "
            r"needs to be closed is '(\w+)'\.$",
            r"tag '\1' datang terlalu awal: blok '\3' di atasnya belum ditutup (tulis dulu \2)",
        ),
        (r"^Encountered unknown tag '([^']+)'\.$", r"tag '\1' tidak dikenal"),
        (
            r"^expected token 'end of print statement', got '([^']+)'$",
            r"di sini mestinya '}}' penutup, tetapi tertulis '\1'",
        ),
        (
            r"^expected token '([^']+)', got '([^']+)'$",
            r"di sini mestinya '\1', tetapi tertulis '\2'",
        ),
        (r"^unexpected '([^']+)', expected '([^']+)'$", r"'\1' tidak terduga; mestinya '\2'"),
        (r"^unexpected '([^']+)'$", r"'\1' tidak terduga di sini"),
        (r"^No filter named '([^']+)'\.?$", r"tidak ada filter bernama '\1'"),
        (r"^No test named '([^']+)'( found)?\.?$", r"tidak ada uji bernama '\1'"),
        (r" or ", " atau "),
    )
)


def jinja_words(detail: str) -> str:
    """Jinja's message about a template in Indonesian, when it is one we know."""
    for pattern, words in _JINJA_ID[:-1]:
        if pattern.search(detail):
            return _JINJA_ID[-1][0].sub(_JINJA_ID[-1][1], pattern.sub(words, detail))
    return detail


# What argparse itself says (usage, errors), in Indonesian: argparse asks gettext for these.
ARGPARSE_ID: dict[str, str] = {
    "usage: ": "cara pakai: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan tidak dikenal: %(value)r (pilih salah satu: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "expected one argument": "perlu satu nilai",
    "expected at least one argument": "perlu sedikitnya satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan %(option)s bisa berarti %(matches)s: tulis lebih lengkap"
    ),
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen ini wajib: %s",
    "ignored explicit argument %r": "nilai %r diabaikan",
    "expected %s argument": "perlu %s nilai",
    "expected %s arguments": "perlu %s nilai",
}


@contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """argparse speaking the user's language while the command line is parsed (it takes
    its words from gettext, which has no Indonesian for it)."""
    if lang == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def translate(text: str) -> str:
        return ARGPARSE_ID.get(text, text)

    def ntranslate(singular: str, plural: str, n: int) -> str:
        return translate(singular if n == 1 else plural)

    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = ntranslate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


__all__ = ["argparse_in", "jinja_words"]
