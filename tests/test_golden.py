"""Golden snapshot of a small two-KIM build (tests/golden/project → tests/golden/expected).

A change to the output shows up here as a diff to review. When it is intended, regenerate:

    python -m tests.test_golden --regenerate
"""

from __future__ import annotations

import difflib
import shutil
import sys
from pathlib import Path

from tests.helpers import GOLDEN, build_golden, golden_view, snapshot


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
