"""Golden snapshot of a small two-KIM build (tests/golden/project → tests/golden/expected).

A change to the output shows up here as a diff to review. When it is intended, regenerate:

    python -m tests.test_golden --regenerate
"""

from __future__ import annotations

import difflib
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

from kimsite.build.pipeline import build
from kimsite.output.lock import LOCK_NAME
from tests.helpers import REPO, snapshot

GOLDEN = Path(__file__).resolve().parent / "golden"
NOW = datetime(2026, 1, 1, tzinfo=UTC)  # fixed, so future-dated articles stay unpublished


def build_golden(work: Path) -> Path:
    shutil.copytree(GOLDEN / "project", work / "project")
    shutil.copytree(REPO / "themes", work / "project" / "themes")
    out = work / "out"
    report = build(work / "project" / "config.yaml", out_dir=out, now=NOW, cache_dir=work / "cache")
    assert report.ok, [p.format() for p in report.problems]
    return out


def golden_view(out: Path) -> dict[str, bytes]:
    """A build as the golden keeps it: each site's Pagefind bundle (binary, and Pagefind's
    own bytes) and its pre-compressed copies (each checked to hold exactly the file beside
    it) as listings of their files' SHA-256, so a diff stays readable."""
    import gzip
    import hashlib

    import brotli  # type: ignore[import-untyped]

    files = snapshot(out)
    del files[LOCK_NAME]  # the build's lock, beside the sites: no site's file
    view: dict[str, bytes] = {}
    listings: dict[str, list[str]] = {}
    for name, data in files.items():
        host, _, rest = name.partition("/")
        if rest.startswith("pagefind/") and rest != "pagefind/SHA256SUMS":
            listing = f"{host}/pagefind/SHA256SUMS"
        elif rest.endswith((".gz", ".br")):
            unpack = gzip.decompress if rest.endswith(".gz") else brotli.decompress
            assert unpack(data) == files[name[:-3]], name
            listing = f"{host}/KOMPRESI.SHA256SUMS"
        else:
            view[name] = data
            continue
        listings.setdefault(listing, []).append(f"{hashlib.sha256(data).hexdigest()}  {rest}")
    for listing, lines in listings.items():
        view[listing] = ("\n".join(sorted(lines)) + "\n").encode()
    return view


def test_golden_snapshot(tmp_path: Path) -> None:
    actual = golden_view(build_golden(tmp_path))
    expected = snapshot(GOLDEN / "expected")
    assert sorted(actual) == sorted(expected), "file list differs; regenerate if intended"
    for name in sorted(expected):
        if actual[name] != expected[name]:
            diff = "\n".join(
                difflib.unified_diff(
                    expected[name].decode(errors="replace").splitlines(),
                    actual[name].decode(errors="replace").splitlines(),
                    f"expected/{name}",
                    f"actual/{name}",
                    lineterm="",
                    n=2,
                )
            )
            raise AssertionError(
                f"{name} differs (python -m tests.test_golden --regenerate):\n{diff[:4000]}"
            )


def _regenerate() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = build_golden(Path(tmp))
        shutil.rmtree(GOLDEN / "expected", ignore_errors=True)
        for name, data in golden_view(out).items():
            target = GOLDEN / "expected" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print(f"regenerated {GOLDEN / 'expected'}")


if __name__ == "__main__":
    if "--regenerate" in sys.argv:
        _regenerate()
    else:
        print(__doc__)
