"""Pre-compressed copies of a site's text files, for web servers that serve them as they are.

nginx's `gzip_static` and `brotli_static` send `page.html.gz` / `page.html.br` when a reader's
browser accepts it, so no CPU is spent compressing on every request and the best (slowest)
levels can be used once, at build time. The copies must be deterministic like every other
output: gzip is written with no file name and a zero timestamp, and brotli has no header to
vary. Only types worth compressing get copies, and only when the copy is really smaller.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from functools import cache
from types import ModuleType

from kimsite.source.config import ENCODINGS

SUFFIX = {"gzip": ".gz", "br": ".br"}  # one for each of ENCODINGS
# Text formats a site publishes. Images, fonts and Pagefind's index files are already
# compressed: another layer costs time and saves nothing.
COMPRESSIBLE = frozenset(
    {
        ".html",
        ".xml",
        ".css",
        ".js",
        ".mjs",
        ".json",
        ".txt",
        ".svg",
        ".webmanifest",
        ".ico",
        ".yml",
    }
)
MIN_SIZE = 512  # below this, a copy saves less than the round trip for its headers
GZIP_LEVEL = 9
# Brotli quality 5: on the sample's pages (2.8 MB of HTML) it makes copies 0.15% larger than
# quality 8 at twice the speed (24 MB/s against 13), and 10% smaller than gzip; the top
# quality (11) would be another 8% smaller at a twentieth of the speed, minutes for a
# province's cold build. gzip's level 9 costs no more than 6 here.
BROTLI_QUALITY = 5


def worth_compressing(name: str, size: int) -> bool:
    dot = name.rfind(".")
    return size >= MIN_SIZE and dot >= 0 and name[dot:].lower() in COMPRESSIBLE


def variants(name: str, data: bytes, encodings: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    """(suffix, compressed bytes) for each encoding worth serving for a file named `name`."""
    if not encodings or not worth_compressing(name, len(data)):
        return
    for encoding in encodings:
        packed = _compress(encoding, data)
        if len(packed) < len(data) * 0.95:
            yield SUFFIX[encoding], packed


def _compress(encoding: str, data: bytes) -> bytes:
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    if encoding == "br":
        return bytes(_brotli().compress(data, quality=BROTLI_QUALITY))
    raise ValueError(f"unknown encoding {encoding!r}")


@cache
def _brotli() -> ModuleType:
    import brotli  # type: ignore[import-untyped]  # loaded only when a province asks for it

    return brotli  # type: ignore[no-any-return]


def suffixes(encodings: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(SUFFIX[e] for e in encodings)


__all__ = ["ENCODINGS", "suffixes", "variants", "worth_compressing"]
