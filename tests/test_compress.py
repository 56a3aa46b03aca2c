"""Pre-compressed copies of text files (`kimsite.output.compress`)."""

from __future__ import annotations

import gzip
import random

import brotli  # type: ignore[import-untyped]
import pytest

from kimsite.output.compress import MIN_SIZE, variants, worth_compressing


def test_text_files_get_smaller_copies_and_nothing_else() -> None:
    page = ("<p>Warga desa bergotong royong membersihkan saluran.</p>\n" * 40).encode()
    made = dict(variants("index.html", page, ("gzip", "br")))
    assert set(made) == {".gz", ".br"}
    assert gzip.decompress(made[".gz"]) == page and brotli.decompress(made[".br"]) == page
    assert made[".gz"] == gzip.compress(page, compresslevel=9, mtime=0)  # no name, no time
    noise = random.Random(1).randbytes(4000)  # a file that does not get smaller
    assert list(variants("data.js", noise, ("gzip", "br"))) == []
    assert worth_compressing("a.css", MIN_SIZE) and not worth_compressing("a.css", MIN_SIZE - 1)
    assert worth_compressing("A.HTML", 10_000) and not worth_compressing("foto.webp", 10_000)
    assert not worth_compressing("html", 10_000)
    assert list(variants("foto.jpg", page, ("gzip",))) == []
    assert list(variants("a.html", page, ())) == []
    with pytest.raises(ValueError, match="unknown encoding 'zstd'"):
        list(variants("a.html", page, ("zstd",)))
