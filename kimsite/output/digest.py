"""Content digests, one way for the whole build.

The cache asks "did this input change?" and the writer "is this output file already
what it should be?"; both compare digests made here, so a file and the same bytes in
memory always give the same answer, whichever of the two asks.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_SIZE = 16  # 128 bits: collisions between a province's files are out of reach


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=_SIZE).hexdigest()


def file_hash(path: Path) -> str:
    """bytes_digest of the file's bytes, read a megabyte at a time: a phone video or a big
    photo never sits in memory whole."""
    h = hashlib.blake2b(digest_size=_SIZE)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
